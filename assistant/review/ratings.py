"""Human scores of the model's first drafts, and how far the evaluators agree (Cohen/Fleiss kappa)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.errors import WorkflowError
from assistant.evaluation.agreement import cohen_kappa, fleiss_kappa
from assistant.review.auth import Actor
from assistant.review.tables import AnswerRecord, AuditEvent, Rating, now
from assistant.review.workflow import Review

THREE = ("ja", "teilweise", "nein")
RUBRIC = {  # item: (German question, allowed answers)
    "correct": ("Inhaltlich richtig?", THREE),
    "complete": ("Vollständig?", THREE),
    "sourced": ("Richtig belegt?", THREE),
    "style": ("Verwaltungsstil angemessen?", THREE),
    "usable": ("Ohne Änderung verwendbar?", ("ja", "nein")),
}


@dataclass(frozen=True)
class Agreement:
    item: str
    method: str  # "Cohen", "Fleiss" or "–"
    raters: int
    answers: int  # answers scored by every rater counted
    kappa: float | None


class Ratings:
    def __init__(self, sessions: sessionmaker[Session], review: Review) -> None:
        self._sessions = sessions
        self._review = review

    def rate(self, actor: Actor, answer_id: int, scores: dict[str, str], comment: str = "") -> None:
        """Store (or replace) this evaluator's score of one answer."""
        self._review.authorize(actor, "eval.score", answer_id=answer_id)
        for item, (label, allowed) in RUBRIC.items():
            if scores.get(item) not in allowed:
                raise WorkflowError(f"Bitte „{label}“ beantworten ({' / '.join(allowed)})")
        with self._sessions() as session, session.begin():
            record = session.get_one(AnswerRecord, answer_id)
            rating = session.scalar(select(Rating).where(Rating.answer_id == answer_id, Rating.evaluator == actor.name))
            if rating is None:
                rating = Rating(answer_id=answer_id, evaluator=actor.name)
                session.add(rating)
            for item in RUBRIC:
                setattr(rating, item, scores[item])
            rating.comment = comment.strip()
            rating.updated_at = now()
            session.add(
                AuditEvent(
                    actor=actor.name,
                    action="eval.score",
                    allowed=True,
                    inquiry_id=record.inquiry_id,
                    answer_id=answer_id,
                    detail=",".join(f"{k}={scores[k]}" for k in RUBRIC),
                )
            )

    def rows(self) -> list[dict[str, Any]]:
        with self._sessions() as session:
            query = select(Rating, AnswerRecord).join(AnswerRecord).order_by(Rating.answer_id, Rating.evaluator)
            return [
                {
                    "inquiry_id": answer.inquiry_id,
                    "question_id": answer.question_id,
                    "answer_id": rating.answer_id,
                    "evaluator": rating.evaluator,
                    **{item: getattr(rating, item) for item in RUBRIC},
                    "comment": rating.comment,
                    "updated_at": rating.updated_at.isoformat(),
                }
                for rating, answer in session.execute(query).all()
            ]

    def mine(self, actor: Actor, answer_id: int) -> dict[str, str] | None:
        with self._sessions() as session:
            rating = session.scalar(select(Rating).where(Rating.answer_id == answer_id, Rating.evaluator == actor.name))
            if rating is None:
                return None
            return {**{item: getattr(rating, item) for item in RUBRIC}, "comment": rating.comment}

    def agreement(self) -> list[Agreement]:
        """Per rubric item: Cohen's kappa for two evaluators, Fleiss' kappa for three or more,
        over the answers every counted evaluator scored."""
        by_answer: dict[int, dict[str, dict[str, str]]] = defaultdict(dict)
        for row in self.rows():
            by_answer[row["answer_id"]][row["evaluator"]] = row
        evaluators = sorted({e for scores in by_answer.values() for e in scores})
        found = []
        for item in RUBRIC:
            if len(evaluators) < 2:
                found.append(Agreement(item, "–", len(evaluators), 0, None))
                continue
            common = [scores for scores in by_answer.values() if len(scores) >= 2]
            if len(evaluators) == 2:
                shared = [s for s in common if all(e in s for e in evaluators)]
                kappa = cohen_kappa([s[evaluators[0]][item] for s in shared], [s[evaluators[1]][item] for s in shared])
                found.append(Agreement(item, "Cohen", 2, len(shared), kappa))
                continue
            raters = max((len(s) for s in common), default=0)
            full = [s for s in common if len(s) == raters]
            kappa = fleiss_kappa([[r[item] for r in s.values()] for s in full]) if full else None
            found.append(Agreement(item, "Fleiss", raters, len(full), kappa))
        return found
