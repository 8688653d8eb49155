"""Keeping the knowledge base (role KB-Redaktion): edit the inventory, add a document, reindex,
and find the approved answers a change affects."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.drafting.injection import suspicious
from assistant.kb import edit
from assistant.kb.chunk import chunks
from assistant.kb.index import IngestReport
from assistant.kb.load import load, validate
from assistant.kb.model import KnowledgeBase, Problem
from assistant.review.auth import Actor
from assistant.review.states import Action
from assistant.review.views import AnswerView
from assistant.services import Services
from assistant.text import sentences_of


@dataclass(frozen=True)
class Check:
    """A knowledge base as validation sees it: the loaded base (None when unusable), every problem,
    and the sentences that instruct an AI system (hidden from drafting; the editor should look)."""

    kb: KnowledgeBase | None
    problems: tuple[Problem, ...]
    instructions: tuple[tuple[str, str], ...]  # (source id, sentence)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


def check(kb_dir: Path) -> Check:
    """Validate a knowledge base and scan it for instructions to an AI system (no role: read-only)."""
    kb, found = validate(kb_dir)
    instructions = []
    if kb is not None and not [p for p in found if not p.warning]:
        instructions = [
            (chunk.source_id, sentence)
            for chunk in chunks(kb)
            for sentence in sentences_of(chunk.text)
            if suspicious(sentence)
        ]
    return Check(kb, tuple(found), tuple(instructions))


def save_inventory(
    services: Services, actor: Actor, kb_dir: Path, header: Sequence[str], rows: Sequence[Sequence[str]]
) -> list[Problem]:
    """Write inventory.csv if it validates; the problems otherwise (nothing written, nothing logged)."""
    services.review.authorize(actor, Action.KB_EDIT)
    problems = edit.save_inventory(kb_dir, header, rows)
    if not problems:
        services.review.log(actor.name, Action.KB_EDIT, file="inventory.csv", rows=len(rows))
    return problems


def add_document(services: Services, actor: Actor, kb_dir: Path, upload: Path) -> tuple[str, list[Problem], bool]:
    """(relative path, problems, whether it replaced a document of the same name)."""
    services.review.authorize(actor, Action.KB_EDIT)
    replaced = (kb_dir / "documents" / upload.name).exists()
    relative, problems = edit.add_document(kb_dir, upload)
    if not problems:
        services.review.log(actor.name, Action.KB_EDIT, file=relative, replaced=replaced)
    return relative, problems, replaced


def reindex(
    services: Services, actor: Actor, kb_dir: Path, progress: Callable[[int, int], None] | None = None
) -> IngestReport:
    services.review.authorize(actor, Action.KB_REINDEX)
    report = services.ingest(load(kb_dir), progress)
    services.review.log(
        actor.name, Action.KB_REINDEX, added=report.added, updated=report.updated, removed=report.removed
    )
    return report


def affected_answers(kb_dir: Path, answers: Sequence[AnswerView]) -> list[tuple[AnswerView, str, str]]:
    """Approved answers whose cited quote is no longer in its source: (answer, source id, reason)."""
    texts = edit.texts_of(kb_dir)
    found = []
    for view in answers:
        for citation in view.answer.citations:
            text = texts.get(citation.source_id)
            if text is None:
                found.append((view, citation.source_id, "Quelle entfernt"))
            elif " ".join(citation.quote.split()) not in " ".join(text.split()):
                found.append((view, citation.source_id, "zitierte Stelle geändert"))
    return found
