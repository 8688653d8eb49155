"""What a motion's Begründung says about the administration, set beside what the sources say.

The Begründung argues, and on the way it states things about the administration: "bis heute gibt es
keine Vereinbarung mit dem Personalrat", "nach der KI-Leitlinie muss jedes … Schreiben gekennzeichnet
werden", "die Wasserverluste liegen seit Jahren über 20 Prozent". It is never a source of facts
(``statement.sachstand_inquiry``). But when the knowledge base speaks of the same thing, the clerk must
see what it says, or a false claim stands uncorrected before the council.

A claim is a sentence of the Begründung that states something (no question, no request to the
council) and names what the knowledge base knows. It belongs to the demand that shares most of its
words, or to the first demand (``assign``). Its counterpart is the sentence of a document or an
earlier reply that covers most of the claim (the drafter finds it with the retriever and the
Sachstand's own extraction); the letter gets that sentence, never the claim's wording, and the
reviewer a note that puts both side by side.
Whether the source contradicts or confirms the claim is left to the reviewer: the sentence the letter
gets is true either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from assistant.domain import Inquiry, Question
from assistant.drafting.relevance import Coverage
from assistant.drafting.wording import has_finite_verb
from assistant.formats.unwrap import unwrap
from assistant.text import sentences_of

MAX_JUSTIFICATION = 6000  # characters of a Begründung read for claims (the patterns stay linear)
MAX_CLAIMS = 12  # claims of one Begründung looked up at most
LEAD = "Zu den Ausführungen im Antrag ist festzuhalten: "  # its Sachverhalt or its Begründung
# The applicants' request, their own voice ("Die Unfallzahlen benötigen wir") and their opinion state nothing
# about the administration.
# Nor do others' doings and wishes ("Andere Ostseehäfen planen …", "Reedereien erwarten verlässliche Zusagen").
_NO_CLAIM = re.compile(
    r"^(?:ich\s+bitte|mit\s+freundlichen|die\s+\w+fraktion\s+bittet)|\bwir\b"
    r"|\b(?:sollte[n]?|müsste[n]?|könnte[n]?|brauchen|braucht|möge[n]?|wäre[n]?|würde[n]?)\b"
    r"|^(?:andere|viele|zahlreiche|die\s+meisten|immer\s+mehr|manche|einige)\s"
    r"|\b(?:erwarten|erwartet|wünschen|wünscht|hoffen|hofft|befürchten|befürchtet)\b"
    r"|^betreff\b|\bsehr\s+geehrte",  # the letter's head before its first sentence
    re.IGNORECASE,
)
# "muss", "darf", "soll": what the applicants want ("Sie muss deshalb zügig ausgeweitet werden"), unless the
# sentence says a rule says so ("Nach der KI-Leitlinie muss jedes … Schreiben gekennzeichnet werden").
_OUGHT = re.compile(r"\b(?:muss|müssen|darf|dürfen|soll|sollen)\b", re.IGNORECASE)
_RULE_SAYS = re.compile(r"\b(?:nach\s+(?:der|dem|den|§)|laut|gemäß)\b|§", re.IGNORECASE)
# Nor when it says what holds now ("Während die Beschäftigten weiterhin ChatGPT … nutzen dürfen, …").
_NOW = re.compile(
    r"\b(?:weiterhin|bislang|bisher|nach\s+wie\s+vor|noch\s+immer|immer\s+noch|derzeit|bis\s+heute)\b", re.IGNORECASE
)
# A figure or a day is a thing the knowledge base may know ("nutzen sie bislang nur rund 350 Beschäftigte"), a bare
# year is not.
_FIGURE = re.compile(r"\b(?!(?:19|20)\d\d\b)\d[\d.,]*(?!\.\d)\b(?!\.\s?\d)")
# Maxims about people in general ("Wer Wohngeld beantragt, ist auf jeden Euro angewiesen") say nothing about
# the administration. A sentence opening with "Und"/"Aber" may well claim something of it.
# Nor does a condition ("Wenn alle Beschäftigten VilsAssist nutzen, gewinnt die Verwaltung Zeit").
_GENERAL = re.compile(r"(?:wer|wenn|falls|sofern)\b", re.IGNORECASE)
_MIN_TERMS = 2  # a claim names at least this many things the knowledge base knows
# A claim belongs to the demand that shares most of its words, to the first when none shares any: the
# Begründung argues for the motion as a whole, and what it says wrongly must be answered somewhere.
DEMAND_SHARE = 0.0


@dataclass(frozen=True)
class Claim:
    text: str  # the Begründung's sentence, verbatim
    demand: str  # the id of the demand it belongs to


def argued(inquiry: Inquiry) -> str:
    """What a motion argues with: its Sachverhalt (the text before the demands, after its head's labels) and
    its Begründung, each hard-wrapped paragraph joined ("… rund vier Stellen" / "eingespart, …")."""
    preamble = _SACHVERHALT.split(inquiry.preamble, maxsplit=1)[-1]
    return unwrap(f"{preamble[:MAX_JUSTIFICATION]}\n\n{inquiry.justification[:MAX_JUSTIFICATION]}")


# The label that opens a motion's statement of facts ("Sachverhalt:", "## Sachverhalt", "Problembeschreibung")
_SACHVERHALT = re.compile(
    r"^[#*\s]*(?:Sachverhalt|Sachstand|Problem(?:beschreibung|darstellung)|Ausgangslage)\b[*:\s]*$",
    re.IGNORECASE | re.MULTILINE,
)


def claims_of(justification: str, coverage: Coverage) -> list[str]:
    """The sentences of a Begründung (or a Sachverhalt) that state something about what the knowledge base
    knows."""
    found = []
    for sentence in sentences_of(justification[: 2 * MAX_JUSTIFICATION]):
        sentence = sentence.strip()
        if len(sentence) < 40 or sentence.endswith(("?", ":")) or _NO_CLAIM.search(sentence):
            continue
        if not sentence[:1].isupper() or _GENERAL.match(sentence) or not has_finite_verb(sentence):
            continue  # a list item ("b) Datenschutz …", "- Ziel: …"), a maxim ("Wer …"), a phrase without verb
        if _OUGHT.search(sentence) and not (_RULE_SAYS.search(sentence) or _NOW.search(sentence)):
            continue
        figures = 1 if _FIGURE.search(sentence) else 0
        if sum(1 for term in coverage.terms(sentence) if coverage.known(term)) + figures >= _MIN_TERMS:
            found.append(sentence)
    return found[:MAX_CLAIMS]


def assign(
    claims: Sequence[str],
    demands: Sequence[Question],
    coverage: Coverage,
    least: float,
    called: Callable[[str], Collection[str]] = lambda text: (),
) -> list[Claim]:
    """Each claim with the demand whose text covers most of it, if one covers at least ``least``; the first
    of equals (the demand that opens the topic). A demand that calls an application the claim calls
    (``called``: the ids a text calls by name) goes before one that does not ("Der Kreis hat mit WerseGPT
    seit März 2026 eine eigene KI-Assistenz" belongs to the demand on WerseGPT, not to the one on the
    "KI-Telefonassistent")."""
    asking = [q for q in demands if q.asks]
    assigned = []
    for claim in claims:
        its = set(called(claim))
        scored = [
            (bool(its & set(called(q.text))), coverage.share(claim, [q.text]), -index, q.id)
            for index, q in enumerate(asking)
        ]
        best = max(scored, default=None)
        if best is not None and best[1] >= least:
            assigned.append(Claim(claim, best[3]))
    return assigned


def share(claim: str, quote: str, coverage: Coverage, names: str = "") -> float:
    """The weighted share of what a claim names that the knowledge base knows and a quote holds (a claim's
    rhetoric, "Visitenkarte unserer Stadt", "läuft ins Leere", names nothing a source could hold); 0 for a
    quote that holds fewer than ``_MIN_TERMS`` of them (one shared name is a topic, not the claim), or none
    but the words of ``names``, the applications the claim calls ("Beim Pilot SitzungsScribe wurde der
    Personalrat nicht beteiligt": "im Rahmen des Pilots SitzungsScribe erstellt" says nothing of it)."""
    terms = coverage.terms(claim)
    known = [term for term in terms if coverage.known(term)]
    held = _words(coverage.held(known, quote))
    if len(held) < _MIN_TERMS or not set(held) - set(coverage.terms(names)):
        return 0.0
    return coverage.share(claim, [quote], ignore=[term for term in terms if term not in known])


def _words(terms: Sequence[str]) -> list[str]:
    """Terms as words: not a compound's part beside the compound ("burg" of "burgermeist"), not a stub."""
    return [t for t in terms if len(t) >= 4 and not any(t != other and t in other for other in terms)]


def note(claim: Claim, markers: str) -> str:
    """The reviewer's note beside a claim's counterpart in the draft."""
    return (
        f"Ausführung im Antrag: „{claim.text}“ – dazu in den Quellen {markers}; "
        "bitte prüfen, ob die Ausführung zutrifft, und den Sachstand entsprechend fassen"
    )
