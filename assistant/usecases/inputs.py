"""Department input (Zuarbeit): a department supplies the facts a draft lacks, the answer is
drafted again from them.

The input is stored (author, time, department; logged), written into the inquiry's knowledge base
as a document of type ``zuarbeit`` owned by the department – so it is a source like any other,
cited with its quote and found again by later inquiries – and the answer is drafted from it
alone, verified like every draft, as a new version in Entwurf.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assistant.formats.read import InquiryText, read_inquiry
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.review.auth import Actor
from assistant.review.inputs import Assigned
from assistant.review.views import AnswerView
from assistant.services import Services
from assistant.usecases.drafting import provenance, run_provenance

FOLDER = "documents/zuarbeit"


def _document(title: str, department: str, today: date, text: str, attachment: InquiryText | None) -> str:
    quoted = title.replace('"', "'")
    body = f"## Zuarbeit\n\n{text.strip()}\n"
    if attachment is not None:
        body += f"\n## Anlage: {Path(attachment.name).name}\n\n{attachment.text.strip()}\n"
    front = f'title: "{quoted}"\ntype: zuarbeit\nowner: {department}\nvalid_from: {today.isoformat()}'
    return f"---\n{front}\n---\n\n{body}"


@dataclass(frozen=True)
class Supplied:
    """A stored input, written into the knowledge base; the answer is drafted from it next (a job)."""

    inquiry_id: int
    answer_id: int
    document: str  # its path in the knowledge base
    department: str


def supply(services: Services, actor: Actor, answer_id: int, text: str, attachment: Path | None = None) -> Supplied:
    """Store the input (optionally with a document: PDF, Word, HTML or text) and add it to the
    knowledge base; ``draft_from`` then drafts the answer from it (a worker's job: it needs the models)."""
    attached = read_inquiry(attachment) if attachment is not None else None  # unreadable: refused first
    current = services.review.answer(answer_id)
    view = services.review.inquiry(current.inquiry_id)
    question = view.inquiry.question(current.question_id)
    department = actor.department or actor.label
    number = len(services.inputs.of(answer_id)) + 1
    rel = f"{FOLDER}/anfrage-{view.summary.id}-frage-{current.question_id}-{number}.md"
    services.inputs.supply(actor, answer_id, text, rel)  # role, assignment and release checked; logged
    today = services.today or date.today()
    title = f"Zuarbeit {department} zu Frage {question.id}: {view.summary.title}"[:200]
    path = Path(view.kb_path) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_document(title, department, today, text, attached), encoding="utf-8")
    return Supplied(view.summary.id, answer_id, rel, department)


def draft_from(services: Services, actor: Actor, supplied: Supplied) -> AnswerView:
    """Draft the answer again from the input alone, verified like every draft, as a new version in
    Entwurf (the index gains the input's passages first)."""
    current = services.review.answer(supplied.answer_id)
    view = services.review.inquiry(current.inquiry_id)
    question = view.inquiry.question(current.question_id)
    kb = load(Path(view.kb_path))
    info = services.ensure_index(kb)
    passages = [c for c in chunks(kb) if c.source_id.startswith(supplied.document)]
    earlier = {a.question_id: a.answer for a in view.answers if a.id != supplied.answer_id}
    answer = services.drafter(kb, view.inquiry).answer_from(question, view.inquiry, passages, earlier)
    return services.review.redraft(
        actor,
        supplied.answer_id,
        answer,
        current.version,
        provenance(run_provenance(services, info.fingerprint), answer),
        how=f"aus der Zuarbeit von {supplied.department}",
        permission="input.supply",
    )


def outstanding(services: Services, today: date) -> list[Assigned]:
    """Inputs requested from departments and not yet supplied (open inquiries only)."""
    return [a for a in services.inputs.assigned() if a.requested and not a.supplied and not a.released]


COLUMNS = ("Anfrage", "Frage", "Fachbereich", "zuständig", "bis", "Frist der Anfrage", "überfällig")


def outstanding_csv(services: Services, today: date) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for a in outstanding(services, today):
        writer.writerow(
            [f"{a.inquiry_id}: {a.inquiry_title}", a.question_id, a.department, a.assignee, a.due, a.deadline,
             "ja" if a.overdue(today) else "nein"]
        )  # fmt: skip
    return out.getvalue()
