"""The states of answers and inquiries and the actions of the workflow, as enums.

Their values are what the database stores (answer states in German, as the page shows them;
inquiry states in English, shown through ``web.render.INQUIRY_STATE``), so a ``StrEnum``
compares equal to the stored text and no migration is needed.
"""

from __future__ import annotations

from enum import StrEnum


class AnswerState(StrEnum):
    DRAFT = "Entwurf"
    IN_REVIEW = "In Prüfung"
    APPROVED = "Freigegeben"
    REJECTED = "Zurückgewiesen"


class InquiryState(StrEnum):
    DRAFTING = "drafting"  # answers still missing
    REVIEW = "review"  # every question has a draft
    RELEASED = "released"  # the reply letter is released; nothing changes any more


class Action(StrEnum):
    """What a role may do (``auth.PERMISSIONS``); the value is what the audit trail records."""

    INQUIRY_CREATE = "inquiry.create"
    ANSWER_EDIT = "answer.edit"
    ANSWER_SUBMIT = "answer.submit"
    ANSWER_APPROVE = "answer.approve"
    ANSWER_REJECT = "answer.reject"
    ANSWER_ASSIGN = "answer.assign"
    MEMORY_IMPORT = "memory.import"
    INPUT_SUPPLY = "input.supply"
    INQUIRY_READ = "inquiry.read"
    INQUIRY_RELEASE = "inquiry.release"
    KB_EDIT = "kb.edit"
    KB_REINDEX = "kb.reindex"
    EVAL_SCORE = "eval.score"
    AUDIT_EXPORT = "audit.export"
    AUDIT_READ = "audit.read"
    RATINGS_EXPORT = "ratings.export"
