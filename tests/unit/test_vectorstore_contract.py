"""One contract every VectorStore implementation passes: the fake, embedded Chroma,
and a Chroma server (``chroma run``) that the test starts on 127.0.0.1."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.backends.vectorstore import ChromaStore, VectorStore
from assistant.domain import Chunk
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
def store(request: pytest.FixtureRequest, tmp_path: Path) -> VectorStore:
    if request.param == "chroma-server":
        url = request.getfixturevalue("chroma_server")
        return ChromaStore(f"contract-{uuid.uuid4().hex[:12]}", url=url)
    return FACTORIES[request.param](tmp_path)


def _chunk(chunk_id: str, text: str, **meta: str) -> Chunk:
    return Chunk(chunk_id, chunk_id.split("/")[0], "document", f"Titel {chunk_id}", text, dict(meta))


def test_upsert_query_and_hashes(store: VectorStore) -> None:
    store.upsert(
        [_chunk("a", "Alpha", valid_until="2024-10-31"), _chunk("b", "Beta"), _chunk("c", "Gamma")],
        [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.7, 0.7, 0.0]],
        ["h-a", "h-b", "h-c"],
    )
    assert store.stored_hashes() == {"a": "h-a", "b": "h-b", "c": "h-c"}
    hits = store.query([1.0, 0.1, 0.0], 2)
    assert [p.chunk.chunk_id for p in hits] == ["a", "c"]
    assert hits[0].score == pytest.approx(0.995, abs=0.01)
    assert hits[0].chunk.text == "Alpha" and hits[0].chunk.title == "Titel a"
    assert hits[0].chunk.metadata["valid_until"] == "2024-10-31"


def test_upsert_replaces_and_delete_removes(store: VectorStore) -> None:
    store.upsert([_chunk("a", "Alt")], [[1.0, 0.0]], ["h1"])
    store.upsert([_chunk("a", "Neu")], [[0.0, 1.0]], ["h2"])
    assert store.stored_hashes() == {"a": "h2"}
    assert store.query([0.0, 1.0], 1)[0].chunk.text == "Neu"
    store.delete(["a", "missing"])
    assert store.stored_hashes() == {}
    assert store.query([0.0, 1.0], 3) == []


def test_info_round_trip(store: VectorStore) -> None:
    assert "fingerprint" not in store.info()
    store.set_info({"fingerprint": "abc", "indexed_at": "2026-11-21T10:00:00+00:00"})
    store.set_info({"fingerprint": "def"})
    assert store.info()["fingerprint"] == "def"
    assert store.info()["indexed_at"] == "2026-11-21T10:00:00+00:00"


def test_chroma_persists_between_clients(tmp_path: Path) -> None:
    first = ChromaStore("persist", path=tmp_path / "db")
    first.upsert([_chunk("x", "Text")], [[0.5, 0.5]], ["hx"])
    first.set_info({"fingerprint": "f1"})
    again = ChromaStore("persist", path=tmp_path / "db")
    assert again.stored_hashes() == {"x": "hx"} and again.info()["fingerprint"] == "f1"
