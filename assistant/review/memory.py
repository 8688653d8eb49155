"""The office's memory: released answers kept in the review database.

Written in the release's own transaction (``replies_of``): only answers of a released letter,
so only approved ones, ever become memory. Imported replies (an ``answers/`` folder of another
system or an earlier year) have no inquiry. Nothing here changes a reply once stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.domain import Citation, Inquiry, Reply, Table
from assistant.errors import WorkflowError
from assistant.review.auth import Actor
from assistant.review.states import AnswerState
from assistant.review.tables import AuditEvent, InquiryRecord, ReplyRecord


def _texts_of(citations_json: str, sources: Mapping[str, str]) -> str:
    cited = {c["source_id"] for c in json.loads(citations_json or "[]")}
    return json.dumps({s: sources[s] for s in sorted(cited) if s in sources}, ensure_ascii=False)


def replies_of(
    record: InquiryRecord, released: date, term: str, sources: Mapping[str, str] | None = None
) -> list[ReplyRecord]:
    """The memory of a letter being released: one reply per approved answer, with the text each
    cited source had (``sources``: source id -> text), so that a later reuse sees what changed."""
    inquiry = Inquiry.from_json(json.loads(record.inquiry_json))
    return [
        ReplyRecord(
            inquiry_id=record.id,
            question_id=answer.question_id,
            question=inquiry.question(answer.question_id).text,
            answer=answer.text,
            citations_json=answer.citations_json,
            table_json=answer.table_json,
            inquiry_title=record.title,
            inquiry_kind=record.kind,
            sender=record.sender,
            inquiry_date=record.inquiry_date,
            released=released.isoformat(),
            term=term,
            approved_by=answer.approved_by,
            released_by=record.released_by,
            kb_path=record.kb_path,
            source_texts_json=_texts_of(answer.citations_json, sources or {}),
        )
        for answer in record.answers
        if answer.state == AnswerState.APPROVED
    ]


def _reply(record: ReplyRecord) -> Reply:
    return Reply(
        question=record.question,
        answer=record.answer,
        released=record.released,
        inquiry_title=record.inquiry_title,
        inquiry_kind=record.inquiry_kind,
        sender=record.sender,
        inquiry_date=record.inquiry_date,
        term=record.term,
        approved_by=record.approved_by,
        citations=tuple(Citation.from_json(c) for c in json.loads(record.citations_json or "[]")),
        table=Table.from_json(json.loads(record.table_json)) if record.table_json else None,
        id=record.id,
        source_texts=json.loads(record.source_texts_json or "{}"),
    )


class Memory:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def all(self) -> list[Reply]:
        """Every released reply, newest first."""
        with self._sessions() as session:
            query = select(ReplyRecord).order_by(ReplyRecord.released.desc(), ReplyRecord.id)
            return [_reply(r) for r in session.scalars(query)]

    def get(self, reply_id: int) -> Reply:
        with self._sessions() as session:
            record = session.get(ReplyRecord, reply_id)
            if record is None:
                raise WorkflowError(f"Eine frühere Antwort Nr. {reply_id} gibt es nicht")
            return _reply(record)

    def add(self, actor: Actor, replies: Sequence[Reply], source: str) -> int:
        """Import replies (from an ``answers/`` folder); one already stored (same question, answer and
        release date) is skipped. Returns how many were added."""
        with self._sessions() as session, session.begin():
            known = {(r.question, r.answer, r.released) for r in session.scalars(select(ReplyRecord))}
            added = 0
            for reply in replies:
                if (reply.question, reply.answer, reply.released) in known:
                    continue
                known.add((reply.question, reply.answer, reply.released))
                session.add(_record(reply, source))
                added += 1
            detail = json.dumps({"file": source, "added": added}, ensure_ascii=False)
            session.add(AuditEvent(actor=actor.name, action="memory.import", allowed=True, detail=detail))
            return added


def _record(reply: Reply, source: str) -> ReplyRecord:
    return ReplyRecord(
        question=reply.question,
        answer=reply.answer,
        citations_json=json.dumps([c.to_json() for c in reply.citations], ensure_ascii=False),
        table_json=json.dumps(reply.table.to_json(), ensure_ascii=False) if reply.table else "",
        inquiry_title=reply.inquiry_title,
        inquiry_kind=reply.inquiry_kind,
        sender=reply.sender,
        inquiry_date=reply.inquiry_date,
        released=reply.released,
        term=reply.term,
        approved_by=reply.approved_by,
        source=source[:500],
        source_texts_json=json.dumps(reply.source_texts, ensure_ascii=False),
    )
