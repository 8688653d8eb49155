"""Write draft results as Markdown (the JSON form is ``DraftResult.to_json``)."""

from __future__ import annotations

from collections.abc import Callable

from assistant.domain import Answer, DraftResult, Inquiry, Question

STATUS_LABEL = {
    "answered": "beantwortet",
    "partial": "teilweise belegt",
    "no_information": "keine Informationen",
    "needs_input": "Bewertung erforderlich",
    "reused": "aus früherer Antwort übernommen",
}


def header_fields(inquiry: Inquiry) -> list[tuple[str, str]]:
    """The inquiry's header facts a reader wants first, as (German label, value)."""
    fields = (("Absender", inquiry.sender), ("Datum", inquiry.date), ("Gremium", inquiry.committee))
    return [(label, value) for label, value in fields if value]


def _question_label(question: Question, inquiry: Inquiry) -> str:
    word = "Punkt" if inquiry.kind == "Antrag" else "Frage"
    return f"Zu {word} {question.id}"


Reference = Callable[[str], str]  # a source id as the reader should see it


def _internal(source_id: str) -> str:
    return f"`{source_id}`"


def answer_markdown(question: Question, answer: Answer, inquiry: Inquiry, reference: Reference = _internal) -> str:
    lines = [
        f"### {_question_label(question, inquiry)}",
        "",
        f"> {question.text}",
        "",
        answer.text,
        "",
    ]
    if answer.table is not None:
        lines.append("| " + " | ".join(answer.table.columns) + " |")
        lines.append("|" + "---|" * len(answer.table.columns))
        lines.extend("| " + " | ".join(row) + " |" for row in answer.table.rows)
        lines.append("")
    lines.append(f"*Status: {STATUS_LABEL[answer.status]}*")
    lines.append("")
    if answer.citations:
        lines.append("Quellen:")
        for c in answer.citations:
            where = reference(c.source_id)
            lines.append(f"- {c.marker} {c.title}{f' ({where})' if where else ''}: „{c.quote}“")
        lines.append("")
    if answer.warnings:
        lines.append("Hinweise der Prüfung:")
        lines.extend(f"- ⚠ {w}" for w in answer.warnings)
        lines.append("")
    return "\n".join(lines)


def result_markdown(result: DraftResult, reference: Reference = _internal) -> str:
    """The drafts as Markdown; ``reference`` says how a source is named (default: its id, for the
    digital department; the letter names sections and budget lines instead)."""
    inquiry = result.inquiry
    title = inquiry.subject or inquiry.source_name or "Anfrage"
    lines = [
        "# ENTWURF – nicht freigegeben",
        "",
        f"**{inquiry.kind}**: {title}",
        "",
    ]
    lines.extend(f"- {label}: {value}" for label, value in header_fields(inquiry))
    lines += ["", "## Antworten", ""]
    for answer in result.answers:
        lines.append(answer_markdown(inquiry.question(answer.question_id), answer, inquiry, reference))
    lines.append(
        f"---\nWissensbasis: {result.knowledge_base.path} (Stand des Index: {result.knowledge_base.indexed_at}, "
        f"Fingerabdruck {result.knowledge_base.fingerprint})"
    )
    return "\n".join(lines) + "\n"
