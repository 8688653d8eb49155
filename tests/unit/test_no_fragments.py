"""No draft sentence is a label fragment: over the committed real-model evaluation and the fake-model run."""

from __future__ import annotations

import json
import re

from assistant.drafting.statement import PLACEHOLDER, SECTIONS
from assistant.drafting.wording import is_fragment
from assistant.evaluation.results import Results
from assistant.text import sentences_of
from tests.conftest import ROOT

REPORT = ROOT / "eval" / "reports" / "real" / "results.json"
_ANSWER_PARTICLES = ("Ja.", "Nein.")  # "Ja. Im KI-Verzeichnis sind …" opens a reply
_QUOTED = re.compile(r"„[^„“]*“")
_MARKERS = re.compile(r"\s*\[\d+\]")


def fragments(text: str) -> list[str]:
    """Sentences of a draft that are no sentences; a record quoted as written („…“) is the record's words."""
    text = _MARKERS.sub("", text).replace(PLACEHOLDER, "")  # the open recommendation is no sentence to check
    text = re.sub(r"(?m)^(?:" + "|".join(SECTIONS) + r"):\s*", "", text)  # a Stellungnahme's section labels
    while (unquoted := _QUOTED.sub("", text)) != text:
        text = unquoted
    return [s for s in sentences_of(text) if is_fragment(s) and s not in _ANSWER_PARTICLES]


def test_no_sentence_of_the_committed_real_model_drafts_is_a_fragment() -> None:
    results = Results.from_json(json.loads(REPORT.read_text(encoding="utf-8")))
    found = [
        f"{case}/{answer.question_id}: {fragment}"
        for case, data in results.systems["hybrid"].cases.items()
        for answer in data.answers
        for fragment in fragments(answer.text)
    ]
    assert found == []


def test_fragments_are_recognised() -> None:
    assert fragments("KI-Anwendung KI-008: Vollständigkeitsprüfung von Wohngeldanträgen [1].")
    assert not fragments("Die Anwendung „X“ ist seit März 2024 im Regelbetrieb [1]. Anbieter der Anwendung ist Y [2].")
