"""The shipped vector-store contract (``assistant.testing.contracts``) for every implementation: the
fake, embedded Chroma, and a Chroma server (``chroma run``) that the test starts on 127.0.0.1."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.backends.vectorstore import ChromaStore, VectorStore
from assistant.domain import Chunk
from assistant.testing.contracts import check_vector_store
from assistant.testing.fakes import InMemoryVectorStore
from tests.servers import free_port, running_server

Factory = Callable[[Path], VectorStore]
FACTORIES: dict[str, Factory] = {
    "in-memory": lambda tmp: InMemoryVectorStore(),
    "chroma-embedded": lambda tmp: ChromaStore("contract-test", path=tmp / "chroma"),
}


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server on a free loopback port, stopped after the module."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "chroma"), "run", "--path",
               str(tmp_path_factory.mktemp("chroma-server")), "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    with running_server(command, f"{url}/api/v2/heartbeat", timeout_s=60, env=env):
        yield url


@pytest.fixture(params=[*sorted(FACTORIES), "chroma-server"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], VectorStore]:
    """A factory of empty stores of one implementation (each call a new collection)."""
    if request.param == "chroma-server":
        url = request.getfixturevalue("chroma_server")
        return lambda: ChromaStore(f"contract-{uuid.uuid4().hex[:12]}", url=url)
    if request.param == "chroma-embedded":
        return lambda: ChromaStore(f"contract-{uuid.uuid4().hex[:12]}", path=tmp_path / "chroma")
    return lambda: FACTORIES[request.param](tmp_path)


def test_every_vector_store_passes_the_contract(make_store: Callable[[], VectorStore]) -> None:
    check_vector_store(make_store)


def _chunk(chunk_id: str, text: str, **meta: str) -> Chunk:
    return Chunk(chunk_id, chunk_id.split("/")[0], "document", f"Titel {chunk_id}", text, dict(meta))


def test_chroma_persists_between_clients(tmp_path: Path) -> None:
    first = ChromaStore("persist", path=tmp_path / "db")
    first.upsert([_chunk("x", "Text")], [[0.5, 0.5]], ["hx"])
    first.set_info({"fingerprint": "f1"})
    again = ChromaStore("persist", path=tmp_path / "db")
    assert again.stored_hashes() == {"x": "hx"} and again.info()["fingerprint"] == "f1"
