"""Golden tests pin the rendered prompts; `make golden` rewrites them after a deliberate change."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from assistant.domain import Chunk, Passage, Question
from assistant.drafting.compose import build_messages
from assistant.errors import ConfigError
from assistant.prompts import Prompts
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "prompts"
PASSAGES = [
    Passage(Chunk("documents/ki-leitlinie.md#3", "documents/ki-leitlinie.md#3", "document", "KI-Leitlinie",
                  "3. Zulässige Werkzeuge\nDie Nutzung von ChatGPT ist nicht gestattet."), 0.7),
    Passage(Chunk("inventory:KI-001", "inventory:KI-001", "inventory", "KI-Verzeichnis: MusterGPT",
                  "KI-Anwendung KI-001: Textassistenz MusterGPT.\nStatus: Regelbetrieb."), 0.6),
    Passage(Chunk("documents/strategie.md#1", "documents/strategie.md#1", "document", "KI-Strategie",
                  "Ziele\nDie Strategie soll 2026 beschlossen werden.", {"draft": "yes"}), 0.5),
    Passage(Chunk("documents/alt.md#1", "documents/alt.md#1", "document", "Rundverfügung",
                  "Verbot\nChatGPT ist untersagt.", {"valid_until": "2024-10-31"}), 0.5),
]  # fmt: skip


def _check(name: str, text: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text + "\n", encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == text + "\n"


@pytest.mark.parametrize("context", ["", "Ist die Nutzung von ChatGPT erlaubt?"])
def test_rendered_answer_prompt_matches_golden(context: str) -> None:
    prompts = Prompts(ROOT / "prompts")
    question = Question("3", "3.", "Wenn ja, findet diese statt?")
    system, user = build_messages(
        prompts, "Stadt Musterstadt", question, context, PASSAGES, today=date(2026, 11, 21)
    ).messages
    suffix = "with-context" if context else "plain"
    _check("answer.system.txt", system.content)
    _check(f"answer.user.{suffix}.txt", user.content)


def test_strict_variables(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text("Hallo {{ name }}")
    prompts = Prompts(tmp_path)
    assert prompts.render("p.txt", name="Welt") == "Hallo Welt"
    with pytest.raises(ConfigError, match="fehlend: \\['name'\\]"):
        prompts.render("p.txt")
    with pytest.raises(ConfigError, match="unbenutzt: \\['extra'\\]"):
        prompts.render("p.txt", name="x", extra="y")
    with pytest.raises(ConfigError, match="Prompt-Datei fehlt"):
        prompts.render("none.txt")


def test_version_changes_with_content(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("eins")
    before = Prompts(tmp_path).version()
    (tmp_path / "a.txt").write_text("zwei")
    assert Prompts(tmp_path).version() != before
