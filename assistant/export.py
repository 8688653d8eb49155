"""Write draft results: JSON (shared/spec/interfaces.md) and Markdown."""

from __future__ import annotations

from typing import Any

from assistant.domain import Answer, DraftResult, Inquiry, Question

STATUS_LABEL = {
    "answered": "beantwortet",
    "partial": "teilweise belegt",
    "no_information": "keine Informationen",
    "needs_input": "Bewertung erforderlich",
}


def inquiry_json(inquiry: Inquiry) -> dict[str, Any]:
    return {
        "kind": inquiry.kind,
        "sender": inquiry.sender,
        "addressee": inquiry.addressee,
        "date": inquiry.date,
        "subject": inquiry.subject,
        "committee": inquiry.committee,
        "deadline": inquiry.deadline,
        "preamble": inquiry.preamble,
        "questions": [
            {
                "id": q.id,
                "number": q.number,
                "text": q.text,
                "parent": q.parent,
                "asks": q.asks,
                "section": q.section,
                "follows": q.follows,
            }
            for q in inquiry.questions
        ],
        "justification": inquiry.justification,
    }


def header_fields(inquiry: Inquiry) -> list[tuple[str, str]]:
    """The inquiry's header facts a reader wants first, as (German label, value)."""
    fields = (("Absender", inquiry.sender), ("Datum", inquiry.date), ("Gremium", inquiry.committee))
    return [(label, value) for label, value in fields if value]


def result_json(result: DraftResult) -> dict[str, Any]:
    return {
        "inquiry": inquiry_json(result.inquiry),
        "answers": [a.to_json() for a in result.answers],
        "knowledge_base": {
            "path": result.knowledge_base.path,
            "indexed_at": result.knowledge_base.indexed_at,
            "fingerprint": result.knowledge_base.fingerprint,
        },
    }


def _question_label(question: Question, inquiry: Inquiry) -> str:
    word = "Punkt" if inquiry.kind == "Antrag" else "Frage"
    return f"Zu {word} {question.id}"


def answer_markdown(question: Question, answer: Answer, inquiry: Inquiry) -> str:
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
        lines.extend(f"- {c.marker} {c.title} (`{c.source_id}`): „{c.quote}“" for c in answer.citations)
        lines.append("")
    if answer.warnings:
        lines.append("Hinweise der Prüfung:")
        lines.extend(f"- ⚠ {w}" for w in answer.warnings)
        lines.append("")
    return "\n".join(lines)


def result_markdown(result: DraftResult) -> str:
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
        lines.append(answer_markdown(inquiry.question(answer.question_id), answer, inquiry))
    lines.append(
        f"---\nWissensbasis: {result.knowledge_base.path} (Stand des Index: {result.knowledge_base.indexed_at}, "
        f"Fingerabdruck {result.knowledge_base.fingerprint})"
    )
    return "\n".join(lines) + "\n"
