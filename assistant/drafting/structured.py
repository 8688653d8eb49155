"""Answers from the data itself, without a language model, for what the data holds.

Which applications are in use (a listing or a count over ``inventory.csv``,
filtered by status, department or a column such as "DSFA durchgeführt"),
what one application's row says (``facts.py``), and how much money is
planned (``budget.csv``, per year, category or kind, each sub-question its
own sum). Figures are computed in code; every table row and sentence cites
its source line. The question's reading (``understand.py``) decides which
applies; anything else goes to retrieval and the model.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from assistant.domain import AnswerStatus
from assistant.drafting import finance_sentences
from assistant.drafting import lexicon as lx
from assistant.drafting.asked_figures import COUNTS_OF
from assistant.drafting.budget_answer import (
    AI_SHARE_ASKED,
    asks_posts,
    costs_of_applications,
    inventory_costs,
    planned_money,
    row_share,
)
from assistant.drafting.citing import Register
from assistant.drafting.classify import (
    IN_USE,
    Intent,
    asks_place,
    asks_why,
)
from assistant.drafting.data_answer import MAX_QUESTION, DataAnswer
from assistant.drafting.facts import (
    LABEL,
    application_facts,
)
from assistant.drafting.listing import STATUS_PHRASE, inventory_answer, selected, status_phrase
from assistant.drafting.ranked import asks_first_or_last, first_and_last
from assistant.drafting.spent import INCURRED
from assistant.drafting.spent import spent as spent_on
from assistant.drafting.understand import Reading
from assistant.kb.model import KnowledgeBase, Record

# Columns a document may explain further (an evaluation report, a DPIA summary): the model adds what the
# documents about the application say. Exact values (vendor, dates, costs) need no supplement.
SUPPLEMENTED = (
    "evaluation",
    "human_oversight",
    "purpose",
    "discontinued_reason",
    "legal_basis",
    "dpia",
    "personal_data",
    "ai_act_risk",
    "status",
    "users",
)
_ALSO_COLUMN = {Intent.UNIT: "department", Intent.DATE: "go_live", Intent.AMOUNT: "cost"}
_DEFAULT_COLUMN = {
    Intent.DATE: "go_live",
    Intent.AMOUNT: "cost",
    Intent.UNIT: "department",
}


# --- one application, or a few -----------------------------------------------------------------


# "Wie viele Beschäftigte hatten solche Dienste … registriert?": a count of people, not of the register's rows
_APPLICATION_NOUN = re.compile(
    r"(?:Anwendung|System|Verfahren|Tool|Dienst|Lösung|Projekt|Pilot|Vorhaben|Assistent|Chatbot|Programm|"
    r"Software|Modell|Produkt|Einsatz|Erprobung)\w*$",
    re.IGNORECASE,
)


def counts_applications(question: str) -> bool:
    """Whether a count question counts applications (or names nothing it counts: "Wie viele sind es?")."""
    counted = COUNTS_OF.search(question)
    return counted is None or bool(_APPLICATION_NOUN.search(counted.group(1)))


_NUMBER_OF = re.compile(r"\b(?:An)?[Zz]ahl der\b")


def _asked_columns(reading: Reading, rows: list[Record], question: str) -> list[str]:
    """The columns that answer a question about these applications, in the order asked."""
    asked = [c for c in reading.columns if c != "department" or reading.asks(Intent.UNIT)]
    if reading.intent == Intent.AMOUNT and "cost" not in asked:
        asked.insert(0, "cost")
    asked += [_ALSO_COLUMN[i] for i in reading.also if i in _ALSO_COLUMN and _ALSO_COLUMN[i] not in asked]
    if "department" in asked and asks_place(question) and "purpose" not in asked:
        asked.append("purpose")  # "in welchen Bereichen wird er eingesetzt?": the unit and what it is used for
    if (
        (reading.intent == Intent.COUNT or _NUMBER_OF.search(question))  # "Bitte die Zahl der … aufschlüsseln"
        and not asked
        and any(re.search(r"\b(?!(19|20)\d\d\b)\d[\d.]*\b", r.get("evaluation")) for r in rows)
    ):
        asked = ["evaluation"]  # "Wie viele Anfragen hat er beantwortet?": usage figures are in the evaluation
    ended = any(r.get("status") == "discontinued" for r in rows)
    if ended and asks_why(question) and "discontinued_reason" not in asked:
        asked.append("discontinued_reason")  # "Warum (nicht)?" of an application that was stopped
    if not asked and reading.intent in _DEFAULT_COLUMN and not reading.topic:  # "Seit wann?" – of the application
        asked = [_DEFAULT_COLUMN[reading.intent]]
    if not asked and reading.intent in (Intent.YES_NO, Intent.DESCRIPTION) and _about_itself(reading, rows):
        asked = ["status"]  # "Was ist aus dem Chatbot geworden?", "Gibt es den Chatbot noch?"
    if "status" in asked and ended and "discontinued_reason" not in asked:
        asked.append("discontinued_reason")
    return asked


def quotes_evaluation(reading: Reading, kb: KnowledgeBase, question: str) -> bool:
    """Whether the data answers a question about applications only by quoting their evaluation (a count
    asked of them: "Wie viele Anfragen hat er beantwortet?"), which may count something else."""
    return _columns_of_one(reading, kb, question) == ["evaluation"]


_COUNTING = frozenset({"users", "cost", "evaluation"})  # the columns of an application's record that hold counts


def counts_nothing(reading: Reading, kb: KnowledgeBase, question: str) -> bool:
    """Whether the data answers a question about applications only with columns that count nothing (its
    purpose, the data it processes): no answer to "Wie viele Sorgeberechtigte haben widersprochen?"."""
    asked = _columns_of_one(reading, kb, question)
    return bool(asked) and not set(asked) & _COUNTING


def _columns_of_one(reading: Reading, kb: KnowledgeBase, question: str) -> list[str]:
    """The columns the data answers a question about named applications with; none for other questions."""
    if not reading.subject.applications or reading.subject.everything:
        return []
    rows = [r for r in kb.inventory if r.get("id") in reading.subject.applications]
    return _asked_columns(reading, rows, question)


def _about_itself(reading: Reading, rows: list[Record]) -> bool:
    """Whether the question's own words are those of the application (its name, kind or purpose)."""
    from assistant.kb.keyword import analyze

    if not reading.topic:
        return True
    words = set(analyze(" ".join(f"{r.get('name')} {r.get('purpose')}" for r in rows)))
    return sum(t in words for t in reading.topic) * 2 >= len(reading.topic)


def _about_applications(
    reading: Reading, kb: KnowledgeBase, register: Register, today: date, question: str
) -> DataAnswer | None:
    rows = [r for r in kb.inventory if r.get("id") in reading.subject.applications]
    asked = _asked_columns(reading, rows, question)
    if not asked:
        return None
    facts = application_facts(rows, asked, kb, register, today)
    if "cost" in asked:  # what the budget plans for it, from the years asked (else this year) on, with its notes
        if INCURRED.search(question):  # "Welche Kosten sind insgesamt entstanden?": the Ist, summed
            facts.sentences += spent_on(rows, kb, register, today)
        since = min((int(y) for y in reading.years), default=today.year)
        facts.sentences += finance_sentences.application_sentences([r.get("id") for r in rows], kb, register, since)
    if not facts.sentences:
        return DataAnswer("no_information", [], warnings=facts.warnings, gaps=facts.gaps, supplement=True)
    status: AnswerStatus = "partial" if facts.gaps else "answered"
    supplement = bool(facts.gaps) or any(c in SUPPLEMENTED for c in asked) or reading.intent == Intent.DESCRIPTION
    return DataAnswer(status, facts.sentences, warnings=facts.warnings, gaps=facts.gaps, supplement=supplement)


# --- dispatch -----------------------------------------------------------------------------------


# "am längsten im Einsatz", "zuletzt in den Regelbetrieb übernommen": a ranking of starts in operation
_IN_OPERATION = re.compile(
    r"\b(?:Anwendung|System|Verfahren)\w*\b.*\b(?:Einsatz|Betrieb|Regelbetrieb|eingeführt|eingesetzt|übernommen|"
    r"gestartet|genutzt)\b",
    re.IGNORECASE | re.DOTALL,
)


_REGULAR = re.compile(r"\bim\s+Regelbetrieb\b", re.IGNORECASE)
# "Werden diese Anwendungen im Regelbetrieb eingesetzt?": a yes-no question on the register's applications
_USE = re.compile(
    r"\b(?:eingesetzt|einsetz\w*|genutzt|nutz\w*|verwendet|betrieben|im\s+einsatz|erprobt|geplant)\b", re.I
)


# A question about a paper, not about the applications: what an agreement's annexes cover ("Für welche Anwendungen
# bestehen Anlagen zu dieser Dienstvereinbarung?"), whether the register itself is public or holds a column ("Ist
# das KI-Verzeichnis inzwischen öffentlich …, und enthält es auch die Kosten?") – the documents answer it.
_ABOUT_PAPER = re.compile(
    r"\bAnlagen?\s+(?:zu|zur|zum|der|des)\s+(?:dieser\s+|diesem\s+|der\s+|dem\s+|einer\s+)?[\wäöüß-]*"
    r"(?:vereinbarung|richtlinie|anweisung|vertrag)"
    r"|\b(?:Ist|Wird|Enthält|Sind|Werden)\s+(?:das|die|der)\s+(?:KI-|öffentliche\w*\s+)?(?:Verzeichnis|Register)\b",
    re.IGNORECASE,
)


def _asks_use(reading: Reading, question: str) -> bool:
    """Whether a yes-no question about all applications asks about them (their use, a column, a status) –
    not about a paper of theirs ("Liegt die dafür erforderliche Grundrechte-Folgenabschätzung bereits vor?")."""
    low = question.lower()
    named = lx.AI_NAMED.search(question) or lx.APPLICATION_PLURAL.search(low)
    return bool(reading.columns or reading.statuses or named or _USE.search(question))


def _first_and_last(
    reading: Reading, kb: KnowledgeBase, register: Register, today: date, question: str
) -> DataAnswer | None:
    """Which of the applications asked about came first or last into operation (``ranked.py``)."""
    if reading.statuses == ("discontinued",) or reading.statuses == ("planned",):
        return None  # "zuletzt eingestellt": when it ended, not when it started
    statuses = reading.statuses or IN_USE
    if _REGULAR.search(question) and "production" in statuses:  # "die im Regelbetrieb befindlichen …"
        statuses = ("production",)
    rows, warnings, statuses = selected(replace(reading, statuses=statuses), kb, today)
    scope = STATUS_PHRASE.get(statuses) or status_phrase(statuses)
    sentences, notes = first_and_last(rows, scope, question, kb, register)
    return DataAnswer("answered", sentences, warnings=[*warnings, *notes]) if sentences else None


# "Welche Stellen sind für KI-Aufgaben vorhanden oder geplant?": posts, which the budget's personnel rows hold.
def answer_from_data(
    reading: Reading, kb: KnowledgeBase, today: date, register: Register, question: str = ""
) -> DataAnswer | None:
    """What the data answers of a question, or None when it is a question for the documents."""
    subject = reading.subject
    if reading.intent == Intent.JUDGEMENT:
        return None
    if subject.applications and not subject.everything:
        return _about_applications(reading, kb, register, today, question)
    ranks = asks_first_or_last(question) and _IN_OPERATION.search(question[:MAX_QUESTION])
    if ranks and (ranked := _first_and_last(reading, kb, register, today, question)) is not None:
        return ranked
    if _ABOUT_PAPER.search(question[:MAX_QUESTION]):
        return None
    over_inventory = (
        subject.everything
        and not reading.funding
        and (
            reading.intent == Intent.LISTING
            or (reading.intent == Intent.YES_NO and _asks_use(reading, question))
            or (reading.intent == Intent.COUNT and counts_applications(question))
            # "Welche Risikoklasse …", "Wie stuft das Bezirksamt seine KI-Anwendungen nach der KI-VO ein?"
            or (reading.intent in (Intent.ATTRIBUTE, Intent.DESCRIPTION) and reading.columns)
        )
    )
    if over_inventory:
        return inventory_answer(reading, kb, register, today, question)
    if AI_SHARE_ASKED.search(question[:MAX_QUESTION]) and (shared := row_share(kb, register, question)):
        return shared  # "Welcher Anteil der Umlage an das ITZ-AE entfällt auf KI?": that row's AI part per year
    if (
        (reading.asks(Intent.AMOUNT) or asks_posts(reading, question))
        and not reading.funding
        and not subject.applications
    ):
        if costs_of_applications(reading, kb, question):
            return inventory_costs(reading, kb, register, today, question)
        return planned_money(reading, kb, register, today, question)
    return None


__all__ = ["LABEL", "DataAnswer", "answer_from_data", "counts_nothing", "quotes_evaluation"]
