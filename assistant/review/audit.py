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
            "action": e.action,
            "allowed": e.allowed,
            "inquiry_id": e.inquiry_id,
            "answer_id": e.answer_id,
            "detail": e.detail,
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
