"""The reply letter as DOCX: letterhead and signatory from municipality.yaml, "Zu Frage N:" with
the answer, tables as Word tables, sources in an annex. Drafts carry "ENTWURF – nicht freigegeben"
in the page header and the title; only a released inquiry is written without it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.domain import Answer, Inquiry, LetterDetails, Question
from assistant.drafting.statement import is_motion
from assistant.drafting.statement import sections as statement_sections
from assistant.errors import InquiryError, UsageError
from assistant.kb.model import KnowledgeBase, Municipality

WATERMARK = "ENTWURF – nicht freigegeben"
_OBJECT = {  # "Beantwortung der Anfrage", "des Antrags", ...
    "anfrage": "der Anfrage",
    "große anfrage": "der Großen Anfrage",
    "kleine anfrage": "der Kleinen Anfrage",
    "antrag": "des Antrags",
    "schriftliche anfrage": "der Schriftlichen Anfrage",
}
_MARKER = re.compile(r"\s*\[(\d+)\]")


@dataclass(frozen=True)
class Letter:
    municipality: Municipality
    inquiry: Inquiry
    answers: Sequence[Answer]
    final: bool
    letter_date: date
    template: Path | None = None
    sections: Mapping[str, str] = field(default_factory=dict)  # document source id -> its section heading
    details: LetterDetails = field(default_factory=LetterDetails)  # what the clerk completed; blanks: defaults


def _intro(kind: str, dated: str) -> str:
    """The opening sentence that fits the kind of paper."""
    vom = f" vom {dated}" if dated else ""
    low = kind.lower()
    if low == "antrag":
        return f"zu Ihrem Antrag{vom} nimmt die Verwaltung wie folgt Stellung:"
    if low == "große anfrage":
        return f"Ihre Große Anfrage{vom} beantworte ich wie folgt:"
    return f"zu Ihrer {kind}{vom} nehme ich wie folgt Stellung:"


def completed(inquiry: Inquiry, details: LetterDetails | None = None) -> LetterDetails:
    """The letter's details with every blank filled from the inquiry (what the form shows at first)."""
    given = details or LetterDetails()
    dated = given.inquiry_date or (letter_date(inquiry.date) if inquiry.date else "")
    sender = given.sender or inquiry.sender or ""
    return LetterDetails(
        inquiry_date=dated,
        sender=sender,
        addressee=given.addressee or sender,
        reference=given.reference,
        committee=given.committee or inquiry.committee or "",
        intro=given.intro or _intro(inquiry.kind, dated),
        closing=given.closing or "Mit freundlichen Grüßen",
    )


def source_reference(source_id: str, sections: Mapping[str, str]) -> str:
    """Where in its source a quote stands, as a reader finds it: the section heading of a document,
    the entry of the AI inventory, the budget line – never the knowledge base's internal path."""
    if source_id.startswith("inventory:"):
        return f"Eintrag {source_id.split(':', 1)[1]}"
    if source_id.startswith("budget:"):
        return f"Haushaltsstelle {source_id.rsplit(':', 1)[1]}"
    heading = sections.get(source_id, "")
    return f"Abschnitt „{heading}“" if heading else ""


def subject_line(inquiry: Inquiry, details: LetterDetails | None = None) -> str:
    """The subject in bold, without the word "Betreff" (DIN 5008); for a motion the Stellungnahme's
    title: "Stellungnahme der Verwaltung zum Antrag der FDP-Fraktion vom 11.02.2025 („…“)"."""
    filled = completed(inquiry, details)
    if is_motion(inquiry):
        line = "Stellungnahme der Verwaltung zum Antrag"
        line += f" der {filled.sender}" if filled.sender else ""
        line += f" vom {filled.inquiry_date}" if filled.inquiry_date else ""
        return line + (f" („{inquiry.subject}“)" if inquiry.subject else "")
    kind = _OBJECT.get(inquiry.kind.lower(), f"der {inquiry.kind}")
    line = f"Beantwortung {kind}"
    if inquiry.subject:
        line += f" „{inquiry.subject}“"
    if filled.sender:
        line += f" ({filled.sender})"
    if filled.inquiry_date:
        line += f" vom {filled.inquiry_date}"
    return line


def letter_date(value: str) -> str:
    """A parsed (ISO) date as a German letter writes it, "2025-05-06" -> "06.05.2025"; other text as given."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    return f"{match.group(3)}.{match.group(2)}.{match.group(1)}" if match else value


def _label(question: Question, inquiry: Inquiry) -> str:
    return f"Zu {'Nr.' if is_motion(inquiry) else 'Frage'} {question.id}:"


def _document(template: Path | None) -> Any:
    from docx import Document
    from docx.shared import Cm

    if template is None:
        document = Document()
        for section in document.sections:
            section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # DIN A4
            section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
        return document
    try:
        document = Document(str(template))
    except Exception as exc:  # python-docx raises several types for a bad package
        raise UsageError(
            f"Briefvorlage nicht lesbar ({type(exc).__name__})", path=template, hint="eine .docx-Datei angeben"
        ) from exc
    return document


def _style(document: Any, name: str, fallback: str = "Normal") -> str:
    names = {s.name for s in document.styles}
    return name if name in names else fallback


def _watermark(document: Any) -> None:
    from docx.shared import Pt, RGBColor

    for section in document.sections:
        paragraph = section.header.add_paragraph()
        run = paragraph.add_run(WATERMARK)
        run.bold = True
        run.font.size = Pt(14)
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def _letterhead(document: Any, municipality: Municipality) -> None:
    from docx.shared import Pt

    head = document.add_paragraph()
    name = head.add_run(municipality.name)
    name.bold = True
    name.font.size = Pt(16)
    for line in municipality.letterhead or (municipality.authority,):
        head.add_run(f"\n{line}").font.size = Pt(9)
    if municipality.address:
        sender = document.add_paragraph()
        sender.add_run(" · ".join((municipality.name, *municipality.address))).font.size = Pt(8)


def _citations_text(text: str, answer: Answer, numbers: dict[tuple[str, str], int]) -> str:
    """Renumber the answer's markers [1], [2] to the annex's running numbers."""

    def replace(match: re.Match[str]) -> str:
        number = numbers.get((answer.question_id, f"[{match.group(1)}]"))
        return f" [{number}]" if number else ""

    return _MARKER.sub(replace, text)


TABLE_PT, MIN_TABLE_PT = 8.5, 6.5
_CM_PER_CHAR_PT = 0.17 / 8.5  # width of one character per point of font size, in cm (a generous average)
_CELL_PAD_CM = 0.35  # the cell's inner margins
_WORD_SPLIT = re.compile(r"[\s/]+|(?<=-)")  # a line may break after a hyphen or slash, never inside a word


def _widths(columns: Sequence[str], rows: Sequence[Sequence[str]], total_cm: float = 16.5) -> tuple[list[float], float]:
    """Column widths in cm and the font size in pt. Every column is at least as wide as its longest
    word, so no word breaks in the middle: where the words do not fit A4 at 8.5 pt, the type shrinks
    (to 6.5 pt at least). If they still do not fit, the columns of short values (status, dates,
    markers) keep their width and the running-text columns share the rest. Spare width goes to
    the running text."""
    values = [(column, *(row[i] for row in rows)) for i, column in enumerate(columns)]
    longest = [  # the heading is set in bold: a fifth wider
        max(
            max((1.2 * len(w) for w in _WORD_SPLIT.split(vs[0])), default=4),
            max((len(w) for v in vs[1:] for w in _WORD_SPLIT.split(v)), default=4),
        )
        for vs in values
    ]
    text = [i for i, vs in enumerate(values) if sum(min(len(v), 80) for v in vs) / len(vs) > 16]

    def floors(size: float) -> list[float]:
        return [_CM_PER_CHAR_PT * size * n + _CELL_PAD_CM for n in longest]

    size = TABLE_PT
    while size > MIN_TABLE_PT and sum(floors(size)) > total_cm:
        size = max(MIN_TABLE_PT, size - 0.25)
    widths = floors(size)
    spare = total_cm - sum(widths)
    wide = text or list(range(len(columns)))
    if spare >= 0:
        return [
            w + (spare * w / sum(widths[i] for i in wide) if i in wide else 0.0) for i, w in enumerate(widths)
        ], size
    rest = total_cm - sum(w for i, w in enumerate(widths) if i not in wide)
    if text and rest > 0.5 * sum(widths[i] for i in text):  # short values keep their width
        return [rest * w / sum(widths[i] for i in text) if i in text else w for i, w in enumerate(widths)], size
    return [total_cm * w / sum(widths) for w in widths], size


SOFT_HYPHEN = "\u00ad"


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    import pyphen  # German hyphenation patterns (LibreOffice's), shipped in the package: offline

    return pyphen.Pyphen(lang="de_DE")


def hyphenated(text: str, longer_than: int = 9) -> str:
    """Long words with soft hyphens at their syllables: a narrow table cell breaks "Zusammen-
    fassungen" with a hyphen where German hyphenation allows it, never in the middle of a syllable."""
    return re.sub(
        rf"[A-Za-zÄÖÜäöüß]{{{longer_than + 1},}}",
        lambda match: _hyphenator().inserted(match.group(0), hyphen=SOFT_HYPHEN),
        text,
    )


def _table(document: Any, answer: Answer, numbers: dict[tuple[str, str], int]) -> None:
    from docx.shared import Cm, Pt

    assert answer.table is not None
    columns, rows = answer.table.columns, answer.table.rows
    table = document.add_table(rows=1, cols=len(columns))
    table.style = _style(document, "Table Grid", document.styles["Normal Table"].name)
    table.autofit = False
    sizes, font = _widths(columns, rows)
    widths = [Cm(w) for w in sizes]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads; Word reads the cell widths below

    def fill(cells: Any, values: Sequence[str], bold: bool = False) -> None:
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = width
            # The cells come from the data; only citation markers are renumbered for the annex.
            run = cell.paragraphs[0].add_run(hyphenated(_citations_text(value, answer, numbers).strip()))
            run.bold = bold
            run.font.size = Pt(font)

    fill(table.rows[0].cells, columns, bold=True)
    for row in rows:
        fill(table.add_row().cells, row)
    document.add_paragraph()


def _head(document: Any, letter: Letter, details: LetterDetails) -> None:
    """Address field, information block, date and subject (after DIN 5008)."""
    municipality = letter.municipality
    if details.addressee:
        document.add_paragraph(details.addressee)
    info = [("Ihr Zeichen", details.reference), ("Gremium", details.committee)]
    for label, value in info:
        if value:
            document.add_paragraph(f"{label}: {value}").alignment = 2  # right
    place = municipality.address[-1].split(" ", 1)[-1] if municipality.address else municipality.name
    document.add_paragraph(f"{place}, {letter.letter_date.strftime('%d.%m.%Y')}").alignment = 2  # right
    if not letter.final:
        document.add_paragraph().add_run(WATERMARK).bold = True
    subject = document.add_paragraph()
    subject.add_run(subject_line(letter.inquiry, details)).bold = True


def _annex(letter: Letter) -> tuple[dict[tuple[str, str], int], list[str]]:
    """The running number of every citation and the annex's lines."""
    numbers: dict[tuple[str, str], int] = {}
    annex: list[str] = []
    for answer in letter.answers:
        for citation in answer.citations:
            numbers[(answer.question_id, citation.marker)] = len(annex) + 1
            where = source_reference(citation.source_id, letter.sections)
            annex.append(f"[{len(annex) + 1}] {citation.title}{', ' + where if where else ''}: „{citation.quote}“")
    return numbers, annex


def _answers(document: Any, letter: Letter, numbers: dict[tuple[str, str], int]) -> None:
    from docx.shared import Pt

    inquiry = letter.inquiry
    by_question = {a.question_id: a for a in letter.answers}
    section = None
    for question in inquiry.questions:
        if question.section and question.section != section:
            section = question.section
            document.add_paragraph(section, style=_style(document, "Heading 2"))
        label = document.add_paragraph()
        label.add_run(_label(question, inquiry)).bold = True
        label.add_run(f" {question.text}").italic = True
        reply = by_question.get(question.id)
        if reply is None:  # a lead-in whose sub-questions carry the asking
            continue
        if is_motion(inquiry):  # the Stellungnahme's sections, each label in bold
            parts = [(f"{label}: " if label else "", text) for label, text in statement_sections(reply.text).items()]
        else:
            parts = [("Antwort: ", reply.text)]
        for label_text, text in parts:
            paragraph = document.add_paragraph()
            paragraph.add_run(label_text).bold = True
            paragraph.add_run(_citations_text(text, reply, numbers))
            paragraph.paragraph_format.space_after = Pt(10)
        if reply.table is not None:
            _table(document, reply, numbers)


def render(letter: Letter, out: Path) -> Path:
    """Write the reply letter; returns the path written."""
    from docx.shared import Pt

    inquiry, municipality = letter.inquiry, letter.municipality
    missing = [q.id for q in inquiry.answerable() if q.id not in {a.question_id for a in letter.answers}]
    if missing:
        raise InquiryError(f"Für Frage {', '.join(missing)} gibt es keinen Entwurf; das Schreiben wäre unvollständig")
    details = completed(inquiry, letter.details)
    document = _document(letter.template)
    if not letter.final:
        _watermark(document)
    _letterhead(document, municipality)
    _head(document, letter, details)
    document.add_paragraph("Sehr geehrte Damen und Herren,")
    document.add_paragraph(details.intro)
    numbers, annex = _annex(letter)
    _answers(document, letter, numbers)
    document.add_paragraph(details.closing)
    document.add_paragraph("\n")  # room for the signature
    document.add_paragraph(f"{municipality.signatory_name}\n{municipality.signatory_role}".strip())
    if annex:
        document.add_paragraph("Anlage: Quellenverzeichnis")
        document.add_page_break()
        document.add_paragraph("Anlage: Quellen", style=_style(document, "Heading 1"))
        for line in annex:
            document.add_paragraph(line).paragraph_format.space_after = Pt(4)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.core_properties.title = subject_line(inquiry, details)
    document.core_properties.author = municipality.name
    document.save(str(out))
    return out


def letter_for(
    kb: KnowledgeBase,
    inquiry: Inquiry,
    answers: Sequence[Answer],
    *,
    final: bool,
    template: Path | None,
    letter_date: date | None = None,
    details: LetterDetails | None = None,
) -> Letter:
    """The letter of a knowledge base's municipality; ``template`` (settings) wins over municipality.yaml."""
    own = kb.root / kb.municipality.template if kb.municipality.template else None
    when = letter_date or date.today()
    filled = details or LetterDetails()
    return Letter(kb.municipality, inquiry, answers, final, when, template or own, sections_of(kb), filled)


def sections_of(kb: KnowledgeBase) -> dict[str, str]:
    """Each document source id of a knowledge base with the heading of its section."""
    from assistant.kb.chunk import chunks

    return {c.source_id: c.metadata.get("section", "") for c in chunks(kb) if c.kind == "document"}


def pdf_converter() -> str | None:
    """LibreOffice's command, if it is installed (the PDF is rendered from the DOCX, as Word would print it)."""
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, timeout_s: float = 180.0) -> Path:
    """The letter as PDF next to its DOCX, rendered by LibreOffice in a private profile, offline."""
    import subprocess
    import tempfile

    command = pdf_converter()
    if command is None:
        raise UsageError(
            "Für den PDF-Export fehlt LibreOffice auf dem Server",
            hint="Paket libreoffice-writer-nogui installieren oder das DOCX in Word als PDF speichern",
        )
    with tempfile.TemporaryDirectory() as profile:
        run = [command, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
        try:
            subprocess.run(
                [*run, "--outdir", str(docx.parent), str(docx)], check=True, capture_output=True, timeout=timeout_s
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise UsageError(f"LibreOffice konnte das Schreiben nicht als PDF ausgeben ({type(exc).__name__})") from exc
    pdf = docx.with_suffix(".pdf")
    if not pdf.is_file():
        raise UsageError("LibreOffice hat kein PDF geschrieben", hint="Das DOCX in Word als PDF speichern")
    return pdf
