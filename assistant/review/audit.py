"""The audit trail as files: every event, and for every released sentence where it came from."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from assistant.review.tables import AuditEvent
from assistant.review.views import InquiryView, VersionView
from assistant.text import sentences_of

_MARKER = re.compile(r"\[(\d+)\]")

# What each recorded action means, in words (the code stays in the trail and in a column of the export).
EVENT_LABEL: dict[str, str] = {
    "login": "Anmeldung",
    "inquiry.create": "Anfrage angelegt",
    "answer.draft": "Entwurf erstellt",
    "inquiry.drafted": "alle Entwürfe erstellt",
    "answer.edit": "Antwort bearbeitet",
    "answer.redraft": "Antwort neu entworfen",
    "answer.comment": "Kommentar",
    "answer.cite": "Quelle angefügt",
    "answer.assign": "Zuständigkeit festgelegt",
    "answer.reuse": "frühere Antwort übernommen",
    "memory.import": "frühere Antworten importiert",
    "answer.submit": "zur Prüfung gegeben",
    "answer.approve": "Antwort freigegeben",
    "answer.reject": "Antwort zurückgewiesen",
    "inquiry.release": "Antwortschreiben freigegeben",
    "inquiry.export": "Antwortschreiben exportiert",
    "inquiry.letter": "Angaben des Antwortschreibens geändert",
    "kb.edit": "Wissensbasis geändert",
    "kb.reindex": "Wissensbasis neu indiziert",
    "eval.score": "Entwurf bewertet",
    "audit.export": "Protokoll exportiert",
    "audit.read": "gesamtes Protokoll gelesen",
    "ratings.export": "Bewertungen exportiert",
}
DETAIL_LABEL: dict[str, str] = {
    "title": "Betreff", "question": "Frage", "version": "Fassung", "reason": "Grund", "file": "Datei",
    "rows": "Zeilen", "replaced": "ersetzt", "final": "Endfassung", "open": "offene Fragen", "kind": "Format",
    "comment": "Kommentar", "added": "neu", "updated": "geändert", "removed": "entfernt", "unchanged": "unverändert",
    "from": "von", "to": "nach", "state": "Status", "fields": "Felder", "pdf": "PDF", "text": "Text",
    "source": "Quelle", "sources": "Quellen", "assignee": "zuständig", "due": "zu erledigen bis",
}  # fmt: skip
EVENT_COLUMNS = {
    "id": "Nr", "at": "Zeitpunkt", "actor": "Person", "label": "Aktion", "action": "Aktion (Code)",
    "allowed": "erlaubt", "inquiry_id": "Anfrage", "answer_id": "Antwort", "details": "Details",
}  # fmt: skip
SENTENCE_COLUMNS = {
    "inquiry_id": "Anfrage", "question_id": "Frage", "sentence": "Satz", "sources": "Quellen", "quotes": "Zitate",
    "in_first_draft": "im ersten Entwurf", "model": "Modell", "prompt_version": "Prompt-Version",
    "settings": "Einstellungen", "drafted_by": "entworfen von", "changed_by": "geändert von",
    "approved_by": "freigegeben von", "released_by": "Antwortschreiben freigegeben von",
}  # fmt: skip


def event_label(action: str) -> str:
    return EVENT_LABEL.get(action, action)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items())
    return str(value)


def describe(detail: str) -> str:
    """An event's details (stored as JSON) in words: "Fassung: 2; Grund: Rolle fehlt"."""
    try:
        data = json.loads(detail) if detail else {}
    except ValueError:
        return detail
    if not isinstance(data, dict):
        return _value(data)
    return "; ".join(f"{DETAIL_LABEL.get(k, k)}: {_value(v)}" for k, v in data.items())


def in_german(rows: Sequence[dict[str, Any]], columns: dict[str, str]) -> list[dict[str, Any]]:
    """Rows for a file people open: German column names (and values in words where they are flags)."""
    return [
        {columns[k]: ("ja" if v is True else "nein" if v is False else v) for k, v in row.items() if k in columns}
        for row in rows
    ]


SENTENCE_FIELDS = (
    "inquiry_id",
    "question_id",
    "sentence",
    "sources",
    "quotes",
    "in_first_draft",
    "model",
    "prompt_version",
    "settings",
    "drafted_by",
    "changed_by",
    "approved_by",
    "released_by",
)


def event_rows(events: Sequence[AuditEvent]) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "at": e.at.isoformat(),
            "actor": e.actor,
            "label": event_label(e.action),
            "action": e.action,
            "allowed": e.allowed,
            "inquiry_id": e.inquiry_id,
            "answer_id": e.answer_id,
            "detail": e.detail,
            "details": describe(e.detail),
        }
        for e in events
    ]


def sentence_rows(view: InquiryView, history: Callable[[int], list[VersionView]]) -> list[dict[str, Any]]:
    """One row per sentence (and table) of every answer: sources, first draft, editors, approver."""
    rows = []
    for answer in view.answers:
        versions = history(answer.id)
        first = versions[0].text if versions else ""
        by_marker = {c.marker: c for c in answer.answer.citations}
        provenance = answer.provenance
        pieces = sentences_of(answer.answer.text)
        if answer.answer.table is not None:
            pieces.append(f"Tabelle ({len(answer.answer.table.rows)} Zeilen aus den Daten)")
        for sentence in pieces:
            cited = [by_marker[f"[{m}]"] for m in _MARKER.findall(sentence) if f"[{m}]" in by_marker]
            rows.append(
                {
                    "inquiry_id": view.summary.id,
                    "question_id": answer.question_id,
                    "sentence": sentence,
                    "sources": "; ".join(c.source_id for c in cited),
                    "quotes": " | ".join(c.quote for c in cited),
                    "in_first_draft": sentence in first or sentence.startswith("Tabelle ("),
                    "model": provenance.get("model", ""),
                    "prompt_version": provenance.get("prompt_version", ""),
                    "settings": json.dumps(provenance.get("settings", {}), ensure_ascii=False, sort_keys=True),
                    "drafted_by": versions[0].author if versions else "",
                    "changed_by": ", ".join(dict.fromkeys(v.author for v in versions[1:])),
                    "approved_by": answer.approved_by,
                    "released_by": view.released_by,
                }
            )
    return rows


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def to_json(rows: Sequence[dict[str, Any]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2)
