"""The same chat-model contract for the embedded llama.cpp model and an OpenAI-compatible server.

The server is llama-cpp-python's own (``python -m llama_cpp.server``), started by the test on a
free loopback port with the packaged model; the product talks to it through ``ChatOpenAI``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.backends.llm import ChatModel
from assistant.inquiry.parse import parse_inquiry
from assistant.provision import LLM, is_installed
from assistant.services import Services
from assistant.settings import load_settings
from assistant.testing.contracts import check_chat_model
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import DEMO_KB, ROOT
from tests.servers import free_port, running_server

pytestmark = pytest.mark.integration
MODELS = ROOT / "models"
GGUF = MODELS / LLM.target


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not is_installed(LLM, MODELS):
        pytest.fail(f"{LLM.description} fehlt in {MODELS}: zuerst 'make models' ausführen")
    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(GGUF), "--host", "127.0.0.1",
               "--port", str(port), "--n_ctx", "4096", "--model_alias", "qwen-server"]  # fmt: skip
    url = f"http://127.0.0.1:{port}/v1"
    log_path = tmp_path_factory.mktemp("llm-server") / "server.log"
    with log_path.open("w") as log, running_server(command, f"{url}/models", timeout_s=180, log=log):
        yield url


def _services(tmp_path: Path, **llm: str) -> Services:
    overrides = {"models_dir": str(MODELS), "data_dir": str(tmp_path / "data"), "llm": llm}
    return Services(load_settings(environ={}, overrides=overrides))


@pytest.fixture(params=["embedded", "server"])
def chat(request: pytest.FixtureRequest, tmp_path: Path) -> ChatModel:
    if request.param == "server":
        url = request.getfixturevalue("server_url")
        return _services(tmp_path, backend="openai", base_url=url, model="qwen-server").llm
    return _services(tmp_path).llm


def test_schema_constrained_json_and_streaming(chat: ChatModel) -> None:
    check_chat_model(chat)  # the same contract the fake passes (tests/unit/test_backend_contracts.py)


def test_drafting_through_the_server(server_url: str, tmp_path: Path) -> None:
    services = _services(tmp_path, backend="openai", base_url=server_url, model="qwen-server")
    inquiry = parse_inquiry("1. Gibt es eine Dienstvereinbarung zur Nutzung generativer KI?\n")
    (answer,) = draft_inquiry(services, inquiry, DEMO_KB).answers
    assert answer.model == "qwen-server"
    assert answer.status in {"answered", "partial"} and answer.citations
