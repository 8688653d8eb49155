"""Reading and exporting the audit trail: an inquiry's events for everyone logged in, the whole trail
(logins included) and every export only for the roles that check it (``audit.read``, ``audit.export``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.errors import UsageError
from assistant.files import export_folder
from assistant.review.audit import (
    EVENT_COLUMNS,
    SENTENCE_COLUMNS,
    event_rows,
    in_german,
    sentence_rows,
    to_csv,
    to_json,
)
from assistant.review.auth import Actor
from assistant.review.states import Action
from assistant.services import Services

KINDS = ("csv", "json", "sentences")  # events as CSV or JSON, or the origin of every released sentence (CSV)


def rows(services: Services, actor: Actor, inquiry_id: int | None) -> list[dict[str, Any]]:
    """The events of one inquiry, or of everything (``inquiry_id`` None: role ``audit.read``)."""
    if inquiry_id is None:
        services.review.authorize(actor, Action.AUDIT_READ)
    return event_rows(services.review.events(inquiry_id))


def export(services: Services, actor: Actor, kind: str, inquiry_id: int | None, target: Path | None = None) -> Path:
    """Write the trail to ``target`` (or a private export file) and log the export."""
    review = services.review
    review.authorize(actor, Action.AUDIT_EXPORT, inquiry_id)
    if kind not in KINDS:
        raise UsageError(f"unbekanntes Format '{kind}'", hint="Dateiendung .csv oder .json")
    if kind == "sentences":
        if inquiry_id is None:
            raise UsageError("Die Herkunft je Satz gibt es nur für eine gewählte Anfrage", hint="--inquiry NUMMER")
        found = in_german(sentence_rows(review.inquiry(inquiry_id), review.history), SENTENCE_COLUMNS)
        name = f"herkunft-anfrage-{inquiry_id}.csv"
    else:
        found = in_german(event_rows(review.events(inquiry_id)), EVENT_COLUMNS)
        name = f"protokoll{'-anfrage-' + str(inquiry_id) if inquiry_id else ''}.{kind}"
    path = target or export_folder(services.settings.data_dir, "protokoll") / name
    path.write_text(to_json(found) if path.suffix.lower() == ".json" else to_csv(found), encoding="utf-8")
    review.log(actor.name, Action.AUDIT_EXPORT, inquiry_id=inquiry_id, kind=kind, rows=len(found))
    return path
