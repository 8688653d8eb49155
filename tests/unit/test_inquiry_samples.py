"""The five real inquiries parse to exactly the structure in expected.yaml."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from assistant.formats.read import read_inquiry
from assistant.inquiry.parse import parse_inquiry
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "inquiries"
SAMPLES = [
    "hagen-fdp-2026-04-13.txt",
    "herne-fdp-2025-05-06.txt",
    "northeim-fdp-antrag-2025-02-11.txt",
    "kreis-wesel-gruene-2025-03-24.txt",
    "wandsbek-grosse-anfrage-2026-01-30.txt",
]


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_parses_to_expected_ids_and_header(shared_inquiries: Path, name: str) -> None:
    expected = yaml.safe_load((shared_inquiries / "expected.yaml").read_text(encoding="utf-8"))[name]
    text = read_inquiry(shared_inquiries / name)
    inquiry = parse_inquiry(text.text, name)
    ids = [q.id for q in inquiry.answerable()]
    accepted = [[str(i) for i in expected["ids"]]]
    accepted += [[str(i) for i in alt] for alt in expected.get("alternative_ids", [])]
    assert ids in accepted
    for key in ("kind", "sender", "date", "committee"):
        if key in expected:
            assert getattr(inquiry, key) == str(expected[key]), key


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_parse_matches_golden(shared_inquiries: Path, name: str) -> None:
    inquiry = parse_inquiry(read_inquiry(shared_inquiries / name).text, name)
    rendered = json.dumps(inquiry.to_json(), ensure_ascii=False, indent=2) + "\n"
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == rendered


def test_hagen_headings_are_not_answered(shared_inquiries: Path) -> None:
    inquiry = parse_inquiry((shared_inquiries / "hagen-fdp-2026-04-13.txt").read_text(encoding="utf-8"))
    heading = inquiry.question("1")
    assert not heading.asks
    assert heading.text == "Status Quo des KI-Einsatzes"
    assert inquiry.question("1a").parent == "1"


def test_wandsbek_table_columns_stay_in_question_5(shared_inquiries: Path) -> None:
    inquiry = parse_inquiry((shared_inquiries / "wandsbek-grosse-anfrage-2026-01-30.txt").read_text(encoding="utf-8"))
    text = inquiry.question("5").text
    assert "a) Bezeichnung der Anwendung" in text and "e) Projektstatus" in text
    assert inquiry.question("21").asks and inquiry.question("21a").parent == "21"
    assert not inquiry.question("18").asks


def test_northeim_justification_items_are_not_demands(shared_inquiries: Path) -> None:
    inquiry = parse_inquiry((shared_inquiries / "northeim-fdp-antrag-2025-02-11.txt").read_text(encoding="utf-8"))
    assert [q.id for q in inquiry.answerable()] == ["1", "2", "3"]
    assert "100.000 Euro pro Jahr bis 2029" in inquiry.question("2").text
    assert inquiry.justification.startswith("Die rasante Entwicklung")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Dienstag, 6. Mai 2025 | Quelle: FDP-Ratsgruppe"], "2025-05-06"),  # a weekday first, written month
        (["Dienstag, 6. Mai 2025: Quelle: FDP-Ratsgruppe"], "2025-05-06"),  # the same after line cleaning
        (["Herne, den 6. Mai 2025"], "2025-05-06"),
        (["Herne, den 06.05.2025"], "2025-05-06"),
        (["Anfrage vom Montag, 3. März 2025"], "2025-03-03"),
        (["am Mittwoch, 14. Mai 2025, stellt die FDP-Ratsgruppe eine Anfrage"], None),  # a session date in a sentence
    ],
)
def test_the_inquiry_date_is_read_in_its_common_forms(lines: list[str], expected: str | None) -> None:
    from assistant.inquiry.metadata import date

    assert date(lines) == expected
