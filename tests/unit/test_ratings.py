"""Human ratings in the database, and the evaluators' agreement."""

from __future__ import annotations

import pytest

from assistant.errors import PermissionDenied, WorkflowError
from assistant.evaluation.agreement import cohen_kappa
from assistant.review.auth import Actor
from assistant.review.db import open_database
from assistant.review.ratings import Ratings
from assistant.review.workflow import Review
from tests.unit.test_review_workflow import ANSWERS, CLERK, INQUIRY

EVA, EMIL, ELSA = (Actor(n, frozenset({"evaluation"})) for n in ("eva", "emil", "elsa"))


def scores(value: str, usable: str = "ja") -> dict[str, str]:
    return {"correct": value, "complete": value, "sourced": value, "style": value, "usable": usable}


@pytest.fixture
def setup(database_url: str) -> tuple[Ratings, list[int]]:
    sessions = open_database(database_url)
    review = Review(sessions)
    inquiry_id = review.create_inquiry(CLERK, INQUIRY)
    ids = [review.add_draft(CLERK, inquiry_id, answer, {}) for answer in ANSWERS * 1]
    more = review.create_inquiry(CLERK, INQUIRY)
    ids += [review.add_draft(CLERK, more, answer, {}) for answer in ANSWERS]
    return Ratings(sessions, review), ids


def test_two_evaluators_get_cohens_kappa(setup: tuple[Ratings, list[int]]) -> None:
    ratings, ids = setup
    eva = ["ja", "ja", "nein", "teilweise"]
    emil = ["ja", "nein", "nein", "teilweise"]
    for answer_id, a, b in zip(ids, eva, emil, strict=True):
        ratings.rate(EVA, answer_id, scores(a))
        ratings.rate(EMIL, answer_id, scores(b), "zu knapp")
    correct = next(a for a in ratings.agreement() if a.item == "correct")
    assert (correct.method, correct.raters, correct.answers) == ("Cohen", 2, 4)
    assert correct.kappa == pytest.approx(cohen_kappa(eva, emil))
    ratings.rate(EMIL, ids[1], scores("ja"))  # a second score replaces the first
    assert next(a for a in ratings.agreement() if a.item == "correct").kappa == pytest.approx(1.0)
    assert len(ratings.rows()) == 8 and ratings.rows()[0]["comment"] == "zu knapp"  # sorted: answer, evaluator


def test_three_evaluators_get_fleiss_kappa(setup: tuple[Ratings, list[int]]) -> None:
    ratings, ids = setup
    for evaluator in (EVA, EMIL, ELSA):
        for answer_id, value in zip(ids, ["ja", "nein", "ja", "nein"], strict=True):
            ratings.rate(evaluator, answer_id, scores(value))
    correct = next(a for a in ratings.agreement() if a.item == "correct")
    assert (correct.method, correct.raters, correct.answers, correct.kappa) == ("Fleiss", 3, 4, pytest.approx(1.0))


def test_scoring_needs_the_role_and_every_item(setup: tuple[Ratings, list[int]]) -> None:
    ratings, ids = setup
    with pytest.raises(PermissionDenied):
        ratings.rate(CLERK, ids[0], scores("ja"))
    with pytest.raises(WorkflowError, match="Ohne Änderung verwendbar"):
        ratings.rate(EVA, ids[0], scores("ja", usable="teilweise"))
    assert ratings.rows() == [] and ratings.agreement()[0].kappa is None
