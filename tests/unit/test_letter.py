"""The reply letter: structure in Word, the draft mark, templates, and LibreOffice rendering."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from assistant.errors import InquiryError, UsageError, WorkflowError
from assistant.kb.model import KnowledgeBase
from assistant.letter import WATERMARK, Letter, render, subject_line
from assistant.review.db import open_database
from assistant.review.documents import letter_docx, letter_markdown
from assistant.review.workflow import Review
from assistant.settings import load_settings
from tests.unit.test_review_workflow import ANSWERS, APPROVER, CLERK, INQUIRY, approve_all

LETTER_DATE = date(2026, 11, 21)


def write(kb: KnowledgeBase, out: Path, *, final: bool = False, template: Path | None = None) -> Document:
    render(Letter(kb.municipality, INQUIRY, ANSWERS, final, LETTER_DATE, template), out)
    return Document(str(out))


def body(document: Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_letter_has_letterhead_subject_answers_table_signatory_and_sources(
    demo_kb: KnowledgeBase, tmp_path: Path
) -> None:
    document = write(demo_kb, tmp_path / "brief.docx")
    text = body(document)
    assert text.startswith("Stadt Musterstadt\nDer Oberbürgermeister")
    assert "Beantwortung der Anfrage „KI in der Verwaltung“ (FDP-Fraktion) vom 06.05.2025" in text
    assert "Musterstadt, 21.11.2026" in text
    assert (
        "Zu Frage 1: Welche KI-Anwendungen werden genutzt?\nAntwort: Die Stadt nutzt den Chatbot Musterbot [1]." in text
    )
    assert "Antwort: Für 2026 sind 120.000 € vorgesehen [2]." in text  # markers renumbered for the annex
    assert "Dr. Thomas Berger\nOberbürgermeister" in text
    assert "[2] Haushalt 2026, Haushaltsstelle 2026-1: „Lizenzen 2026: 120.000 €“" in text
    assert "[1] Musterbot, Eintrag KI-001: „Chatbot Musterbot im Bürgerservice“" in text
    assert "inventory:" not in text and "budget:" not in text  # no internal ids for the reader
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [["Jahr", "Betrag"], ["2026", "120.000 €"]]


def test_a_draft_carries_the_mark_and_a_final_letter_does_not(demo_kb: KnowledgeBase, tmp_path: Path) -> None:
    draft = write(demo_kb, tmp_path / "entwurf.docx")
    assert WATERMARK in draft.sections[0].header.paragraphs[-1].text and WATERMARK in body(draft)
    final = write(demo_kb, tmp_path / "final.docx", final=True)
    assert WATERMARK not in body(final) + "".join(p.text for p in final.sections[0].header.paragraphs)


def test_the_municipality_template_is_used(demo_kb: KnowledgeBase, tmp_path: Path) -> None:
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Vorlage der Stadt Musterstadt"
    template.save(str(tmp_path / "vorlage.docx"))
    document = write(demo_kb, tmp_path / "brief.docx", final=True, template=tmp_path / "vorlage.docx")
    assert document.sections[0].header.paragraphs[0].text == "Vorlage der Stadt Musterstadt"
    (tmp_path / "kaputt.docx").write_text("keine Word-Datei")
    with pytest.raises(UsageError, match="Briefvorlage nicht lesbar"):
        write(demo_kb, tmp_path / "x.docx", template=tmp_path / "kaputt.docx")


def test_a_letter_without_every_answer_is_refused(demo_kb: KnowledgeBase, tmp_path: Path) -> None:
    with pytest.raises(InquiryError, match="Für Frage 2 gibt es keinen Entwurf"):
        render(Letter(demo_kb.municipality, INQUIRY, ANSWERS[:1], False, LETTER_DATE), tmp_path / "x.docx")


def test_subject_line_declines_the_kind_of_inquiry() -> None:
    from dataclasses import replace

    assert subject_line(replace(INQUIRY, kind="Antrag")) == (
        "Stellungnahme der Verwaltung zum Antrag der FDP-Fraktion vom 06.05.2025 („KI in der Verwaltung“)"
    )
    assert subject_line(replace(INQUIRY, kind="Große Anfrage", sender=None, date=None)) == (
        "Beantwortung der Großen Anfrage „KI in der Verwaltung“"
    )


def test_the_final_letter_exists_only_after_release(tmp_path: Path) -> None:
    from tests.conftest import DEMO_KB

    review = Review(open_database(f"sqlite:///{tmp_path / 'r.db'}"))
    inquiry_id = review.create_inquiry(CLERK, INQUIRY, kb_path=str(DEMO_KB))
    ids = [review.add_draft(CLERK, inquiry_id, a, {}) for a in ANSWERS]
    settings = load_settings(environ={})
    with pytest.raises(WorkflowError, match=r"erst nach der Freigabe.*offen: Frage 1, 2"):
        letter_docx(review.inquiry(inquiry_id), settings, tmp_path / "final.docx", final=True)
    assert letter_markdown(review.inquiry(inquiry_id), final=False).startswith("# ENTWURF – nicht freigegeben")
    approve_all(review, ids)
    review.release(APPROVER, inquiry_id)
    path = letter_docx(review.inquiry(inquiry_id), settings, tmp_path / "final.docx", final=True, today=LETTER_DATE)
    assert WATERMARK not in body(Document(str(path)))
    assert letter_markdown(review.inquiry(inquiry_id), final=True).startswith("# Antwortschreiben (freigegeben)")


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice/poppler fehlen")
def test_libreoffice_converts_the_letter_to_pdf_with_its_text(demo_kb: KnowledgeBase, tmp_path: Path) -> None:
    from assistant.letter import to_pdf

    docx = tmp_path / "brief.docx"
    write(demo_kb, docx)
    pdf = to_pdf(docx)  # the product's export: LibreOffice in a private profile
    assert pdf == tmp_path / "brief.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for expected in (
        WATERMARK,
        "Beantwortung der Anfrage „KI in der Verwaltung“",
        "Zu Frage 2: Welche Mittel sind 2026 vorgesehen?",
        "120.000 €",
        "Dr. Thomas Berger",
        "Anlage: Quellen",
    ):
        assert expected in text
    assert "\f" in text.strip()  # the sources annex starts on a page of its own


def test_table_markers_follow_the_annex_numbering(demo_kb: KnowledgeBase, tmp_path: Path) -> None:
    from dataclasses import replace

    from assistant.domain import Table

    second = replace(ANSWERS[1], table=Table(("Jahr", "Betrag", "Quelle"), (("2026", "120.000 €", "[1]"),)))
    render(Letter(demo_kb.municipality, INQUIRY, (ANSWERS[0], second), False, LETTER_DATE), tmp_path / "b.docx")
    (table,) = Document(str(tmp_path / "b.docx")).tables
    assert [c.text for c in table.rows[1].cells] == ["2026", "120.000 €", "[2]"]


def test_a_parsed_date_is_written_as_a_german_letter_writes_it() -> None:
    from dataclasses import replace

    assert subject_line(replace(INQUIRY, date="2025-05-06")).endswith("vom 06.05.2025")
    assert subject_line(replace(INQUIRY, date="6. Mai 2025")).endswith("vom 6. Mai 2025")


def test_a_document_source_is_named_by_its_section_not_its_path() -> None:
    from assistant.letter import source_reference

    sections = {"documents/ki-leitlinie.md#5": "4. Schulung"}
    assert source_reference("documents/ki-leitlinie.md#5", sections) == "Abschnitt „4. Schulung“"
    assert source_reference("documents/other.md#1", sections) == ""
    assert source_reference("inventory:KI-003", sections) == "Eintrag KI-003"
    assert source_reference("budget:2026:11.12.01.542100", sections) == "Haushaltsstelle 11.12.01.542100"


def test_without_libreoffice_the_pdf_export_says_what_is_missing(
    demo_kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.letter as letter_module

    monkeypatch.setattr(letter_module, "pdf_converter", lambda: None)
    docx = tmp_path / "brief.docx"
    write(demo_kb, docx)
    with pytest.raises(UsageError, match="fehlt LibreOffice"):
        letter_module.to_pdf(docx)


def test_table_columns_are_as_wide_as_their_longest_word_so_none_breaks() -> None:
    from assistant.letter import _CM_PER_CHAR_PT, _WORD_SPLIT, MIN_TABLE_PT, _widths

    columns = ("Anwendung", "Anbieter", "Zuständig", "Einsatzzweck", "Inbetriebnahme", "Status", "Quelle")
    rows = [
        ("Textassistenz MusterGPT", "ITK Rheinland (kommunaler IT-Dienstleister) auf Basis eines Sprachmodells",
         "Fachbereich Digitalisierung und IT", "Entwürfe, Zusammenfassungen und Übersetzungen", "März 2025",
         "Regelbetrieb", "[1]"),
        ("Chatbot „Frag Musterstadt“", "publicmind GmbH", "Fachbereich Bürgerdienste und Ordnung",
         "Beantwortung häufiger Fragen zu Dienstleistungen", "Juni 2024", "Regelbetrieb", "[2]"),
    ]  # fmt: skip
    widths, size = _widths(columns, rows)
    assert sum(widths) <= 16.5 + 1e-9 and MIN_TABLE_PT <= size < 8.5  # smaller type instead of broken words
    assert max(len(w) for w in _WORD_SPLIT.split("ITK (kommunaler IT-Dienstleister)")) == len("Dienstleister)")
    for index, column in enumerate(columns):
        longest = max(len(w) for v in (column, *(r[index] for r in rows)) for w in _WORD_SPLIT.split(v))
        assert widths[index] >= _CM_PER_CHAR_PT * size * longest
    roomy, size = _widths(("Jahr", "Betrag"), [("2026", "120.000 €")])
    assert size == 8.5 and abs(sum(roomy) - 16.5) < 1e-9  # room to spare: the usual type, the full width


def test_long_words_in_tables_may_break_only_at_their_syllables() -> None:
    from assistant.letter import SOFT_HYPHEN, hyphenated

    text = hyphenated("Zusammenfassungen im Regelbetrieb, KI-003")
    assert text.replace(SOFT_HYPHEN, "") == "Zusammenfassungen im Regelbetrieb, KI-003"  # invisible unless broken
    assert f"Zu{SOFT_HYPHEN}sam{SOFT_HYPHEN}men" in text and "KI-003" in text and " im " in text
