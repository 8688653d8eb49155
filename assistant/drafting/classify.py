"""What a question asks, read from its words alone: the one place that classifies questions.

Its **intent** (what kind of answer it asks for) and the further ones a multi-part question adds
("Welche ... und seit wann ...?"), the inventory **columns** its answer needs, the status, year,
value and budget filters it names, and whether it asks about the inventory as a whole. Rules on
German question syntax (interrogatives, verb-first yes/no questions, imperatives) and on the
vocabulary of the knowledge-base contract (``lexicon.py``), not on the sample inquiries' wording;
decision record 0009 gives the reasons and the accuracy on a labelled set of question variants
(``eval/understanding``). What a question is *about* in its inquiry is ``understand.py``'s job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from assistant.drafting import lexicon as lx


class Intent(StrEnum):
    LISTING = "listing"
    ATTRIBUTE = "attribute"
    AMOUNT = "amount"
    COUNT = "count"
    DATE = "date"
    UNIT = "unit"
    YES_NO = "yes_no"
    DESCRIPTION = "description"
    JUDGEMENT = "judgement"


# When a question asks for several things, the primary intent is the first of these it has.
PRECEDENCE = (
    Intent.JUDGEMENT,
    Intent.LISTING,
    Intent.AMOUNT,
    Intent.COUNT,
    Intent.DATE,
    Intent.UNIT,
    Intent.ATTRIBUTE,
    Intent.YES_NO,
    Intent.DESCRIPTION,
)
ALL_STATUSES = ("production", "pilot", "test", "planned", "discontinued")
IN_USE = ("production", "pilot", "test")
_STATUS_GROUPS = {
    "discontinued": ("discontinued",),
    "planned": ("planned",),
    "trial": ("pilot", "test"),
    "in_use": IN_USE,
    "regular": ("production",),
    "now": IN_USE,
}


# --- intent -----------------------------------------------------------------------------------

_LEAD_NUMBER = re.compile(r"^\s*(?:frage\s+)?(?:\d{1,3}|[a-z]|[ivx]{1,5})\s*[.)]\s+")
_TIME_NOUN = re.compile(r"\b(zeitpunkt|zeitraum|datum|termin|frist|zeitplan|jahr)\b")


def normalise(text: str) -> str:
    low = text.lower().replace("„", "").replace("“", "").replace('"', "").replace("\u2011", "-").replace("\u2010", "-")
    low = " ".join(low.split())
    low = _LEAD_NUMBER.sub("", low)
    for _ in range(2):  # "Und falls ja, ..." – the lead-in does not change what is asked
        low = lx.CONDITION_LEAD.sub("", low, count=1)
    return low


_VERBISH = frozenset(
    re.findall(
        r"\S+",
        "sind ist war waren werden wird wurden wurde hat haben hatte hatten gibt gab kann können soll sollen "
        "muss müssen darf dürfen setzt setzen nutzt nutzen verwendet stehen steht liegen liegt kommen kommt "
        "plant planen bestehen besteht sieht sehen gelten gilt erhalten erhält entstehen entstanden fallen "
        "fielen sollte sollten könnte ",
    )
)


_HEAD_END = frozenset(
    [
        "in",
        "im",
        "für",
        "von",
        "vom",
        "zur",
        "zum",
        "bei",
        "mit",
        "auf",
        "aus",
        "an",
        "am",
        "über",
        "unter",
        "nach",
        "und",
        "oder",
        "(",
        "sowie",
    ]
)


def _head(clause: str, words: int = 5) -> str:
    """The words after the interrogative, up to the first verb or preposition: where the head noun is
    ("Welche der im Landratsamt eingesetzten Systeme ..." looks further)."""
    head = []
    tokens = clause.split()
    partitive = tokens[1:2] in (["der"], ["die"], ["den"])
    if partitive:
        words += 4
    for word in tokens[1 : 1 + words]:
        bare = word.strip(",;:?")
        if bare in _VERBISH or word.startswith("(") or (bare in _HEAD_END and not partitive):
            break
        head.append(word)
    return " ".join(head)


_STRONG_MONEY = re.compile(r"\b(ausgaben|kosten|mittel|haushaltsmittel|budget\w*|aufwendungen|finanzmittel)\b")
_KI = re.compile(r"(?<![\w-])(ki|künstliche\w* intelligenz)(?![\w-])")


def _lists_applications(text: str) -> bool:
    """Plural application nouns or AI as such ("Wo wird KI eingesetzt?"): the inventory, not one application."""
    return bool(lx.APPLICATION_PLURAL.search(text) or _KI.search(text))


def _which_intent(clause: str) -> Intent:
    head = _head(clause)
    if lx.MONEY.search(head):
        return Intent.AMOUNT
    if _TIME_NOUN.search(head):
        return Intent.DATE
    if lx.APPLICATION_PLURAL.search(head) and not re.search(r"\b(regel\w*|vorgabe\w*|richtlinie\w*)\b", head):
        return Intent.LISTING
    if _WHICH_PLURAL.match(clause):  # "Welche KI-Vorhaben …": a neuter noun after "welche" is plural
        return Intent.LISTING
    return Intent.DESCRIPTION


_WHICH_PLURAL = re.compile(r"\bwelche\s+(?:[\w]+-)?(vorhaben|ki-verfahren)\b")


_PLACE_NOUNS = (
    r"(bereich|amt|ämter|abteilung|fachbereich|dienststelle|organisationseinheit|behörde|referat|dezernat|einheit|"
    r"ressort|stelle|sachgebiet|fachdienst|verwaltungsbereich|aufgabenfeld|handlungsfeld|feld|felder)\w*"
)
_BY_PLACE = re.compile(rf"^(wo|(in|an|bei) welche\w* {_PLACE_NOUNS})\b")


def _where_intent(clause: str) -> Intent | None:
    """ "In welchen Ämtern / Wo wird KI eingesetzt?" lists applications by place; for one application it is a unit.
    ("In welchem Umfang …" and "In welcher Form …" ask no place.)"""
    by_place = _BY_PLACE.match(clause)
    by_unit = lx.ASPECT["unit"].match(clause) and lx.USE_VERB.search(clause)
    if not (by_place or by_unit):
        return None
    if _lists_applications(clause) and (by_unit or lx.USE_VERB.search(clause)):
        return Intent.LISTING
    if by_place and not clause.startswith("wo"):
        return Intent.UNIT
    return None


def _clause_intent(clause: str) -> Intent | None:
    clause = clause.strip(" ,;:-–?")
    if not clause:
        return None
    for _ in range(2):
        clause = lx.CONDITION_LEAD.sub("", clause, count=1)
    if lx.JUDGEMENT.match(clause):
        return Intent.JUDGEMENT
    if lx.ASPECT["amount"].match(clause):
        return Intent.AMOUNT
    if re.match(r"^(wie viel|wieviel)\b(?!e)", clause) and lx.MONEY.search(clause):
        return Intent.AMOUNT
    if lx.ASPECT["count"].match(clause) and lx.MONEY.search(_head(clause, 3)):
        return Intent.AMOUNT
    where = _where_intent(clause)
    if where is not None:
        return where
    for aspect, intent in (("count", Intent.COUNT), ("date", Intent.DATE), ("unit", Intent.UNIT)):
        if lx.ASPECT[aspect].match(clause):
            return intent
    if lx.WH_START.match(clause):
        words = clause.split()
        if words[0].startswith("welch"):
            return _which_intent(clause)
        if len(words) > 1 and words[1].startswith("welch"):
            return _which_intent(clause.split(" ", 1)[1])
        if words[0] == "wie" and _STRONG_MONEY.search(clause):
            return Intent.AMOUNT
        return Intent.DESCRIPTION
    if lx.IMPERATIVE.search(clause):
        if "beziffern" in clause or (lx.MONEY.search(clause) and not lx.APPLICATION_PLURAL.search(clause)):
            return Intent.AMOUNT
        if re.search(r"\b(anzahl|wie viele)\b", clause):
            return Intent.COUNT
        if lx.LIST_VERB.search(clause) and (
            lx.APPLICATION_PLURAL.search(clause)
            or (lx.INVENTORY_WORDS.search(clause) and lx.APPLICATION_NOUN.search(clause))
        ):
            return Intent.LISTING
        return Intent.DESCRIPTION
    if clause.startswith(("anzahl", "zahl der")):
        return Intent.COUNT
    if re.match(r"^(höhe|umfang) der (kosten|mittel|ausgaben)", clause):
        return Intent.AMOUNT
    return Intent.YES_NO


# "Bitte nach Jahren und Anwendungen aufschlüsseln": how the answer to the question before it is broken
# down (the money by application), no question of its own.
_BREAKDOWN = re.compile(
    r"\bnach\b[^?]{0,80}\b(aufschlüsseln|aufgeschlüsselt|aufgliedern|aufgegliedert|aufteilen|aufgeteilt|gliedern)\b"
    r"|\b(getrennt|gegliedert|aufgeschlüsselt|aufgegliedert) nach\b"
)
_PLACE = re.compile(r"\b(in welche\w* (bereich|ämter|abteilung|fachbereich|dienststelle|organisationseinheit)\w*|wo)\b")
_SENTENCES = re.compile(r"(?<=[?!.])\s+(?=\S)")


def intents(text: str) -> tuple[Intent, tuple[Intent, ...]]:
    """The primary intent of a question and the further ones a multi-part question adds."""
    low = normalise(text)
    if lx.JUDGEMENT.search(low) and lx.JUDGEMENT.match(low):
        return Intent.JUDGEMENT, ()
    found: list[Intent] = []
    clauses = [c for sentence in _SENTENCES.split(low) for c in lx.CLAUSE_SPLIT.split(sentence)]
    asked = [c for c in clauses if not _BREAKDOWN.search(c)]
    for clause in asked if any(_clause_intent(c) for c in asked) else clauses:
        intent = _clause_intent(clause)
        if intent is not None and intent not in found:
            found.append(intent)
    if not found:
        return Intent.DESCRIPTION, ()
    if Intent.JUDGEMENT in found:
        return Intent.JUDGEMENT, ()
    if Intent.UNIT in found and _lists_applications(low) and lx.USE_VERB.search(low) and _PLACE.search(low):
        found = [Intent.LISTING if i == Intent.UNIT else i for i in found]  # "Setzt sie KI ein, und wo?"
    primary = min(found, key=PRECEDENCE.index)
    return primary, tuple(i for i in found if i != primary)


# A condition a question sets, not what it asks: "…, solange sie keine personenbezogenen Daten eingeben?"
_CONDITION = re.compile(r",\s*(?:solange|sofern|soweit)\b[^,?]*")


def columns(text: str) -> tuple[str, ...]:
    low = _CONDITION.sub("", normalise(text))
    return tuple(name for name, pattern in lx.COLUMNS.items() if pattern.search(low))


# --- filters ----------------------------------------------------------------------------------

_YEAR = re.compile(r"\b(20[0-9]\d)\b")
_YEAR_PAIR = re.compile(r"\b(20[0-9]\d)\s*/\s*(20[0-9]\d|\d{2})\b")


def statuses(text: str) -> tuple[str, ...]:
    low = normalise(text)
    wanted: list[str] = []
    matched = {group for group, pattern in lx.STATUS_WORDS.items() if pattern.search(low)}
    if lx.NOT_INTRODUCED.search(low):
        matched = (matched - {"planned", "trial"}) | {"discontinued"}
    if denied := lx.NOT_IN_USE.search(low):
        matched = (matched - {"in_use", "regular", "now"}) | {"planned" if denied.group(1) else "discontinued"}
    if "discontinued" in matched and not lx.STATUS_WORDS["trial"].search(lx.AFTER_TRIAL.sub(" ", low)):
        matched.discard("trial")  # "nach einer Erprobung beendet"
    if matched - {"now"}:
        matched.discard("now")  # "bereits eingestellt", "derzeit geplant": the adverb adds no status
    if "regular" in matched:
        matched.discard("in_use")  # "setzt … im Regelbetrieb ein": in regular operation, not on trial
    for group in matched:
        wanted += [s for s in _STATUS_GROUPS[group] if s not in wanted]
    return tuple(s for s in ALL_STATUSES if s in wanted)


_PLANNED_UNTIL = re.compile(
    r"\b(?:finanzplanung|finanzplan|mittelfristig\w*)\b[^.?]{0,80}?\bbis\s+(?:zum\s+jahr\s+)?(20\d\d)\b"
)
MAX_PLANNED_YEARS = 6  # years a "Finanzplanung bis …" spans at most


def years(text: str, today: date) -> tuple[str, ...]:
    low = normalise(text)
    found: set[str] = set()
    for first, second in _YEAR_PAIR.findall(low):
        found |= {first, second if len(second) == 4 else first[:2] + second}
    found |= set(_YEAR.findall(low))
    # "… und welche Beträge enthält die mittelfristige Finanzplanung bis 2030?": every planning year up to it
    if (planned := _PLANNED_UNTIL.search(low)) is not None:
        last = int(planned.group(1))
        before = [int(y) for y in found if int(y) < last]
        first = max(before) + 1 if before else today.year + 1
        found |= {str(y) for y in range(max(first, last - MAX_PLANNED_YEARS), last + 1)}
    if re.search(r"\b(aktuell\w*|laufend\w*|diesem|dieses|in diesem) (haushalts)?jahr", low):
        found.add(str(today.year))
    if re.search(r"\b(nächst\w*|kommend\w*|folgend\w*) (haushalts)?jahr", low):
        found.add(str(today.year + 1))
    if re.search(r"\b(vergangen\w*|letzt\w*|vorig\w*|abgelaufen\w*) (haushalts)?jahr", low):
        found.add(str(today.year - 1))
    return tuple(sorted(found))


def value_filters(low: str) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for column, value, pattern in lx.VALUE_FILTERS:
        if pattern.search(low) and column not in (c for c, _ in found):
            found.append((column, value))
    return tuple(found)


def general(low: str) -> bool:
    """A text about applications in the plural or AI as such, not about one application."""
    return bool(
        lx.APPLICATION_PLURAL.search(low) or re.search(r"(?<![\w-])(ki|künstliche\w* intelligenz)(?![\w-])", low)
    )


_BUDGET_WORDS = re.compile(
    r"\b(haushalt\w*|mittel|budget\w*|etat|ansatz|ansätze|eingeplant|veranschlagt|bereitgestellt|"
    r"förder\w*)\b"
)


_PERMISSION = re.compile(r"\b(dürfen|darf|erlaubt|gestattet|zulässig|untersagt|verboten)\b")


def over_inventory(intent: Intent, low: str, own_topic: tuple[str, ...]) -> bool:
    """Whether a question lists, counts or sums the inventory's applications as a whole."""
    plural = bool(lx.APPLICATION_PLURAL.search(low))
    if _PERMISSION.search(low) and intent != Intent.LISTING:
        return False  # "Dürfen Beschäftigte KI-Dienste nutzen?" asks for a rule, not for the inventory
    if intent == Intent.LISTING:
        return plural or bool(_KI.search(low) or lx.INVENTORY_WORDS.search(low) or _WHICH_PLURAL.search(low))
    if intent == Intent.COUNT:
        return plural and not re.search(r"\bwie viele (stellen|schulung\w*|beschwerden|anfragen|fälle|vorgänge)\b", low)
    if intent == Intent.AMOUNT:
        return plural and not _BUDGET_WORDS.search(low)
    if intent == Intent.YES_NO:  # "Setzt die Gemeinde KI ein?" – but not "Gibt es eine Dienstvereinbarung zu KI?"
        if plural and lx.USE_VERB.search(low) and not own_topic and any(p.search(low) for p in lx.COLUMNS.values()):
            return True  # "Wurde für die eingesetzten Anwendungen eine DSFA durchgeführt?"
        return (plural or bool(_KI.search(low))) and bool(lx.USE_VERB.search(low)) and not own_topic
    if intent in (Intent.ATTRIBUTE, Intent.DESCRIPTION):  # "Wie ordnet sie ihre Systeme in die Risikoklassen ein?"
        return (
            plural
            and not own_topic
            and any(p.search(low) for n, p in lx.COLUMNS.items() if n not in ("status", "department"))
        )
    return False


# --- the reading of a whole inquiry -----------------------------------------------------------


_ATTRIBUTE_COLUMNS = (
    "name",
    "vendor",
    "legal_basis",
    "ai_act_risk",
    "human_oversight",
    "evaluation",
    "discontinued_reason",
    "purpose",
    "personal_data",
    "dpia",
    "status",
    "department",
)


def with_columns(
    intent: Intent, also: tuple[Intent, ...], found: Sequence[str], specific: bool, low: str
) -> tuple[Intent, tuple[Intent, ...]]:
    """Questions about named applications (``specific``) whose wording is generic become attribute questions."""
    if not specific or not found:
        return intent, also
    attribute = next((c for c in found if c in _ATTRIBUTE_COLUMNS), None)
    if attribute and Intent.DESCRIPTION in also and attribute != "department":  # "..., und auf welcher Grundlage?"
        asked = [Intent.ATTRIBUTE if i == Intent.DESCRIPTION else i for i in (intent, *also)]
        primary = min(asked, key=PRECEDENCE.index)
        return primary, tuple(i for i in dict.fromkeys(asked) if i != primary)
    if intent == Intent.LISTING and not lx.APPLICATION_PLURAL.search(low) and attribute:
        return Intent.ATTRIBUTE, also
    if Intent.UNIT in (intent, *also) and attribute == "vendor":  # "wer ist der Anbieter" names a company
        rest = tuple(i for i in also if i not in (Intent.UNIT, Intent.ATTRIBUTE))
        return Intent.ATTRIBUTE, rest
    if intent == Intent.DESCRIPTION and attribute and attribute not in ("department",):
        return Intent.ATTRIBUTE, also
    return intent, also


# --- what a data answer adds --------------------------------------------------------------------
# Applied to the question's own wording (case as written), by the answers from the data.

_ASKED_PLACE = re.compile(
    r"\b(in welche\w* (bereich|ämter|abteilung|fachbereich|dienststelle|organisationseinheit)\w*|"
    r"wo)\b",
    re.IGNORECASE,
)
_WHY = re.compile(r"\b(warum|weshalb|wieso|weswegen|aus welche\w* gr(u|ü)nd\w*|gr(u|ü)nde?)\b", re.IGNORECASE)
_COMPLEMENT = re.compile(r"\b(keine|nicht|ohne)\b")
_AI_AS_SUCH = re.compile(
    r"(?<![\w-])(KI|künstliche\w* Intelligenz|Digitalisierung|IT)(?![\w-])|KI-\w+|\w+-KI\b|"
    r"Anwendungen|Systeme"
)
_BUDGET_ASKED = re.compile(
    r"\b(haushalt\w*|mittel|budget\w*|etat|ansatz|ansätze|veranschlagt|eingeplant|bereitgestellt|"
    r"finanzplan\w*|betrag|beträge|summe)\b",
    re.IGNORECASE,
)
_COSTS = re.compile(r"\b(kosten\w*|gekostet|kostet|ausgaben|aufwendungen|entstanden)\b", re.IGNORECASE)


def asks_place(question: str) -> bool:
    """ "In welchen Bereichen ...", "Wo ...": where something is used."""
    return bool(_ASKED_PLACE.search(question))


def asks_why(question: str) -> bool:
    return bool(_WHY.search(question))


def asks_complement(question: str) -> bool:
    """A last question turning a filter round: "Für welche ...? Wenn keine: warum nicht?"."""
    return bool(_COMPLEMENT.search(question.split("?")[-2] if question.count("?") > 1 else ""))


def about_ai_as_such(query: str) -> bool:
    """Money for AI (or IT, applications) as such, not for one purpose."""
    return bool(_AI_AS_SUCH.search(query))


def names_budget(question: str) -> bool:
    return bool(_BUDGET_ASKED.search(question))


def asks_costs(question: str) -> bool:
    return bool(_COSTS.search(question))


_IF_YES = re.compile(r"^(Wenn|Falls|Sofern|Soweit) (ja|dies\b|das\b|zutreffend)", re.IGNORECASE)
_PAST = re.compile(
    r"\b(früher\w*|bisher\w*|bislang|ursprünglich\w*|damals|zuvor|vorher\w*|ehemalig\w*|alte[nrs]?|"
    r"aufgehoben\w*|abgelöst\w*|ersetzt\w*|galt|gegolten)\b",
    re.IGNORECASE,
)


def asks_if_yes(question: str) -> bool:
    """ "Wenn ja, ...": a follow-up that falls away when its parent is answered in the negative."""
    return bool(_IF_YES.match(question))


def asks_about_the_past(query: str) -> bool:
    """ "Welche Regeln galten früher ...": rules no longer in force are what it asks for."""
    return bool(_PAST.search(query))
