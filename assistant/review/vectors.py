"""Question embeddings kept in the review database (``question_vectors``).

A worker that drafts an inquiry stores its questions' vectors; the web tier, which never loads the
embedding model behind a database queue, compares questions with them (the office's memory offers
earlier replies by meaning). Rows are keyed by model and the text's SHA-256 and never change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant.review.tables import QuestionVector


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class StoredVectors:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def known(self, model: str, texts: Iterable[str]) -> dict[str, list[float]]:
        """The stored vector of each of ``texts`` that has one (text -> vector)."""
        by_hash = {text_hash(t): t for t in texts}
        found: dict[str, list[float]] = {}
        hashes = list(by_hash)
        with self._sessions() as session:
            for start in range(0, len(hashes), 500):  # bounded IN lists
                query = select(QuestionVector).where(
                    QuestionVector.model == model, QuestionVector.text_hash.in_(hashes[start : start + 500])
                )
                for row in session.scalars(query):
                    found[by_hash[row.text_hash]] = json.loads(row.vector_json)
        return found

    def keep(self, model: str, vectors: Mapping[str, list[float]]) -> None:
        """Store vectors not stored yet; another process storing the same text at once is no error."""
        fresh = {text_hash(t): v for t, v in vectors.items()}
        if not fresh:
            return
        known = {text_hash(t) for t in self.known(model, vectors)}
        new = {h: json.dumps(v) for h, v in fresh.items() if h not in known}
        try:
            with self._sessions() as session, session.begin():
                session.add_all(QuestionVector(model=model, text_hash=h, vector_json=v) for h, v in new.items())
        except IntegrityError:  # a second worker stored one of them meanwhile: store the rest one by one
            for h, v in new.items():
                try:
                    with self._sessions() as session, session.begin():
                        session.merge(QuestionVector(model=model, text_hash=h, vector_json=v))
                except IntegrityError:
                    continue
