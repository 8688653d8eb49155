"""Rules of stop 60 from set 38's formats and motions (after its first run): a PDF drawn word by word, a PDF table
whose cells wrap, a decimal outline with footnotes, an HTML list's number on a line of its own, a Markdown export's
HTML comments, what a motion works out from its amounts, a count answered by "none was done"."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.drafting.asked_figures import denies_done, states_no_figure
from assistant.drafting.budget_change import Move, change_in
from assistant.drafting.demands import amounts
from assistant.errors import EvaluationError
from assistant.evaluation.cases import load_case
from assistant.formats.pdf_layout import has_table, page_lines
from assistant.formats.read import without_comments
from assistant.inquiry.parse import find_questions
from assistant.text import sentences_of


def _fragments(rows: list[tuple[float, list[tuple[float, str]]]]) -> list[tuple[float, float, str]]:
    return [(x, y, text) for y, cells in rows for x, text in cells]


def test_words_drawn_one_by_one_are_read_as_lines_without_raised_footnote_marks() -> None:
    page = _fragments(
        [
            (700.0, [(70.0, "Seit"), (95.0, "der"), (115.0, "KI-Verordnung"), (180.0, "sind")]),
            (703.0, [(175.0, "1")]),  # raised: a footnote's mark
            (688.0, [(70.0, "Landkreise"), (120.0, "betroffen"), (170.0, ".")]),
        ]
    )
    assert page_lines(page) == ["Seit der KI-Verordnung sind", "Landkreise betroffen."]


def test_a_table_whose_cells_wrap_is_read_row_by_row_with_its_cells_joined() -> None:
    page = _fragments(
        [
            (500.0, [(60.0, "Anwendung"), (160.0, "Organisations"), (330.0, "Status")]),
            (490.0, [(160.0, "einheit")]),
            (474.0, [(60.0, "BAULOTSE – Vollstän"), (160.0, "FD 63.1"), (330.0, "Nutzung")]),
            (464.0, [(60.0, "digkeitsprüfung"), (160.0, "Bauaufsicht"), (330.0, "ausgesetzt seit")]),
            (454.0, [(330.0, "13.08.2027")]),
            (438.0, [(60.0, "ProtoKI"), (160.0, "Kreistagsbüro"), (330.0, "Regelbetrieb")]),
        ]
    )
    assert has_table(page)
    lines = [line for line in page_lines(page) if line]
    assert lines == [
        "Anwendung | Organisationseinheit | Status",
        "BAULOTSE – Vollständigkeitsprüfung | FD 63.1 Bauaufsicht | Nutzung ausgesetzt seit 13.08.2027",
        "ProtoKI | Kreistagsbüro | Regelbetrieb",
    ]


def test_a_decimal_outline_numbers_the_questions_its_headings_and_footnotes_do_not() -> None:
    text = (
        "Wir fragen:\n1 Bestand\n1.1 Welche Anwendungen gibt es?\n1.2 Zur Nutzung:\na) Wer nutzt sie?\n"
        "b) Seit wann?\n2 Kosten\n1 Verordnung (EU) 2024/1689.\n2.1 Was kostet das?\n2.2 Zur Schulung:\n"
        "5 Vgl. § 46 SGB II.\n\na) Wie viele?\nb) Welche?\nMit freundlichen Grüßen"
    )
    questions = find_questions(text)
    assert [q.id for q in questions] == ["1.1", "1.2", "1.2a", "1.2b", "2.1", "2.2", "2.2a", "2.2b"]
    assert "Verordnung" not in next(q for q in questions if q.id == "1.2b").text


def test_an_html_lists_number_on_a_line_of_its_own_labels_the_item() -> None:
    questions = find_questions("Der Kreistag möge beschließen:\n1.\nErstens wird etwas getan.\n2.\nZweitens auch.")
    assert [(q.id, q.text) for q in questions] == [("1", "Erstens wird etwas getan."), ("2", "Zweitens auch.")]


def test_html_comments_of_a_markdown_export_are_no_text() -> None:
    assert without_comments("a\n<!-- gestrichen:\n1. Für ProtoKI … -->\nb") == "a\n\n\nb"
    assert without_comments("a <!-- offen") == "a "


def test_what_a_motion_works_out_from_its_amounts_is_no_amount_it_demands() -> None:
    def read(text: str) -> list[tuple[int, str]]:
        return [(a.euros, str(a.per)) for a in amounts(text, "", 2028)]

    assert read("Für 2028 und 2029 werden jeweils 15.000 € zusätzlich veranschlagt, insgesamt 40.000 €.") == [
        (15000, "year")
    ]
    assert read("Die Mittel werden auf 1.200 Konten begrenzt (1.200 × 5,50 € × 12 = 79.200 € je Jahr).") == []
    assert [e for e, _ in read("Die Mittel in Höhe von 2 × 26.880 € = 53.670 € werden gestrichen.")] == [26880]
    change = change_in("Für 2028 werden jeweils 15.000 € zusätzlich für Schulungen veranschlagt")
    assert change is not None and change.move is Move.RAISE and change.euros == 15000


def test_a_count_answered_by_none_done_and_a_title_with_a_hyphen() -> None:
    question = "Wie viele Stellen konnten durch den KI-Einsatz bisher eingespart werden?"
    said = "Stellen wurden durch den KI-Einsatz bisher nicht eingespart; § 6 DV KI schließt Kündigungen aus."
    assert denies_done(question, said, frozenset({"stell"}))
    assert not states_no_figure(question, [said])
    assert not denies_done(question, "Für die KI-Koordination stehen 1,5 Stellen zur Verfügung.", frozenset({"stell"}))
    assert sentences_of("Leiterin Dipl.-Ing. Sabine Roth; FD 10.2.") == ["Leiterin Dipl.-Ing. Sabine Roth; FD 10.2."]


def test_an_amounts_per_is_year_or_once(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    kb = tmp_path / "kb"
    kb.mkdir()
    (tmp_path / "antrag.txt").write_text("Antrag\n1. Es werden 5.000 € bereitgestellt.\n", encoding="utf-8")
    case.write_text(
        "name: x\nset: s\ninquiry: antrag.txt\nkb: kb\nanswers:\n  '1':\n    answerable: true\n    amounts:\n"
        "      - {named: 5000, per: annual, years: [2028], purpose: other, planned: {}, lines: [], additional: {}}\n",
        encoding="utf-8",
    )
    with pytest.raises(EvaluationError, match="per muss year oder once sein"):
        load_case(case)


def test_after_grading_69_a_longer_siblings_row_a_third_partys_judgement_and_announcements() -> None:
    from datetime import date

    from assistant.domain import Chunk, Passage
    from assistant.drafting.classify import Intent, intents
    from assistant.drafting.facts import dated_sources
    from assistant.drafting.gaps import Gaps
    from assistant.drafting.later_status import ended
    from assistant.drafting.leads import minutes
    from assistant.drafting.owned import called_names
    from assistant.drafting.verify import Checked
    from assistant.kb.load import load
    from tests.conftest import ROOT

    kb = load(ROOT / "eval" / "kbs" / "lahn-ohm-kreis")
    baulotse = next(r for r in kb.inventory if r.get("id") == "KIV-03")  # beside its given-up sibling "BAULOTSE Plan"
    assert ended(baulotse, called_names(baulotse, kb), dated_sources(kb), date(2027, 11, 20)) is None
    asked = "Wie häufig setzen Schüler KI ein, und wie bewerten die Schulen die pädagogischen Erfahrungen damit?"
    assert intents(asked)[0] is not Intent.JUDGEMENT
    assert intents("Wie bewertet die Verwaltung den Einsatz von KI?")[0] is Intent.JUDGEMENT
    chunk = Chunk("documents/a.md#1", "documents/a.md", "document", "Änderung", "x")
    pair = Checked(
        text="Die Richtlinie wird wie folgt geändert. Eine Lesefassung gibt es nicht.",
        passage=Passage(chunk, 0),
        quote="x",
    )
    assert [c.text for c in Gaps.whole([pair])] == ["Eine Lesefassung gibt es nicht."]
    title = "Niederschrift über die 9. Sitzung des Kreistags am Montag, 20.09.2027, 15:00 Uhr, Kreishaus"
    held = Chunk("documents/n.html#1", "documents/n.html", "document", title, "x")
    assert minutes(held) == "Der Niederschrift über die Sitzung des Kreistags am 20.09.2027 ist zu entnehmen: "


def test_a_section_heading_after_a_question_is_no_part_of_it() -> None:
    text = "Fragen:\n1. Wie schnell ist das System?\nZu den Kosten\n\n2. Was kostet es?\n3. Wer zahlt?"
    assert next(q.text for q in find_questions(text)) == "Wie schnell ist das System?"
