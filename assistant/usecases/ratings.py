"""Exporting the evaluators' ratings (roles Evaluation and Admin)."""

from __future__ import annotations

from pathlib import Path

from assistant.files import private_file
from assistant.review.audit import to_csv
from assistant.review.auth import Actor
from assistant.review.states import Action
from assistant.services import Services


def export(services: Services, actor: Actor) -> Path:
    services.review.authorize(actor, Action.RATINGS_EXPORT)
    rows = services.ratings.rows()
    path = private_file(services.settings.data_dir, "bewertungen.csv", to_csv(rows))
    services.review.log(actor.name, Action.RATINGS_EXPORT, rows=len(rows))
    return path
