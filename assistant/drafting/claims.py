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
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from assistant.domain import Inquiry, Passage, Question
from assistant.drafting.relevance import Coverage
from assistant.drafting.verify import Checked
from assistant.drafting.wording import has_finite_verb, whole_sentence
from assistant.formats.unwrap import unwrap
from assistant.text import quote_candidates, sentences_of

MAX_JUSTIFICATION = 6000  # characters of a Begründung read for claims (the patterns stay linear)
MAX_CLAIMS = 12  # claims of one Begründung looked up at most
LEAD = "Zu den Ausführungen im Antrag ist festzuhalten: "  # its Sachverhalt or its Begründung
# The applicants' request, their own voice ("Die Unfallzahlen benötigen wir") and their opinion state nothing
# about the administration.
# Nor do others' doings and wishes ("Andere Ostseehäfen planen …", "Reedereien erwarten verlässliche Zusagen").
_NO_CLAIM = re.compile(
    r"^(?:ich\s+bitte|mit\s+freundlichen|die\s+\w+fraktion\s+bittet)|\bwir\b"
    r"|\bunser(?:e[nmrs]?)?\s+(?:fraktion|gruppe|antrag|anliegen|ziel|forderung)"
    r"|\b(?:sollte[n]?|müsste[n]?|könnte[n]?|brauchen|braucht|möge[n]?|wäre[n]?|würde[n]?)\b"
    r"|^(?:andere|viele|zahlreiche|die\s+meisten|immer\s+mehr|manche|einige)\s"
    r"|\b(?:erwarten|erwartet|wünschen|wünscht|hoffen|hofft|befürchten|befürchtet)\b"
    r"|^betreff\b|\bsehr\s+geehrte"  # the letter's head before its first sentence
    # their judgement: "Sie hält aber nicht jede Ausgabe für notwendig", "… ist der Auffassung, dass …"
    r"|\b(?:hält|halten)\s+(?:[\wäöüß]+\s+){0,6}?für\s+(?:[\wäöüß]+\s+)?(?:notwendig|nötig|sinnvoll|richtig|falsch|"
    r"geboten|erforderlich|unnötig|verfehlt|überfällig)\b|\b(?:der|die)\s+(?:auffassung|ansicht|überzeugung)\b",
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


# "Zu 2.:", "Zu Nr. 3:", "Zu Punkt 4:", "Zu 4 und 5:", "Zu 1 bis 3 –": a Begründung's paragraph on its demands
_ZU = re.compile(
    r"(?:^|(?<=\s))Zu\s+(?:(?:Nr|Ziff|Ziffer|Punkt)\.?\s*)?(?P<numbers>\d{1,2}\.?(?:\s*(?:,|und|bis|u\.)\s*\d{1,2}\.?)*)"
    r"\s*[:–-]",
    re.MULTILINE,
)


def _numbers(label: str) -> tuple[str, ...]:
    """The demands a label names: "4 und 5" both, "1 bis 3" the three."""
    found = [int(n) for n in re.findall(r"\d{1,2}", label)]
    if "bis" in label and len(found) == 2 and found[0] < found[1] <= found[0] + 20:
        found = list(range(found[0], found[1] + 1))
    return tuple(str(n) for n in found)


def labelled(argued: str) -> dict[str, tuple[str, ...]]:
    """Each sentence of a Begründung that stands in a paragraph labelled with demands' numbers ("Zu 2.: IlmGPT
    wird bislang nur von 180 Beschäftigten genutzt."), with those numbers: the applicants say which demand it
    argues for. A label holds until the next label or an empty line."""
    found: dict[str, tuple[str, ...]] = {}
    for paragraph in re.split(r"\n\s*\n", argued):
        marks = list(_ZU.finditer(paragraph))
        for mark, after in zip(marks, [*marks[1:], None], strict=False):
            text = paragraph[mark.start() : after.start() if after else len(paragraph)]
            for sentence in sentences_of(text):
                found.setdefault(sentence.strip(), _numbers(mark.group("numbers")))
    return found


def assign(
    claims: Sequence[str],
    demands: Sequence[Question],
    coverage: Coverage,
    least: float,
    called: Callable[[str], Collection[str]] = lambda text: (),
    labels: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Claim]:
    """Each claim with the demand whose text covers most of it, if one covers at least ``least``; the first
    of equals (the demand that opens the topic). A demand that calls an application the claim calls
    (``called``: the ids a text calls by name) goes before one that does not ("Der Kreis hat mit WerseGPT
    seit März 2026 eine eigene KI-Assistenz" belongs to the demand on WerseGPT, not to the one on the
    "KI-Telefonassistent"). A claim the Begründung ``labels`` with a demand's number ("Zu 2.: …") belongs to
    that demand or one of its parts, whatever its words share."""
    asking = [q for q in demands if q.asks]
    assigned = []
    for claim in claims:
        its = set(called(claim))
        label = (labels or {}).get(claim.strip(), ())
        pool = [q for q in asking if q.id in label or (q.parent or "") in label] or asking
        scored = [
            (bool(its & set(called(q.text))), coverage.share(claim, [q.text]), -index, q.id)
            for index, q in enumerate(pool)
        ]
        best = max(scored, default=None)
        if best is not None and (best[1] >= least or pool is not asking):
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


# A figure a claim states of an application: money ("soll … insgesamt 66.000 € kosten") or its users ("wird bislang
# nur von 180 Beschäftigten genutzt"); a sentence of that application with a figure of the same kind answers it.
_MONEY = re.compile(r"\d[\d.]*(?:,\d+)?\s*(?:€|euro\b|eur\b)", re.IGNORECASE)
_USERS = re.compile(
    r"\b\d[\d.]*\s+(?:[\wäöüß-]+\s+)?(?:beschäftigte|mitarbeitende|nutzer|nutzerinnen|nutzende|konten|"
    r"nutzerkonten|lizenzen|zugänge|accounts)\w*",
    re.IGNORECASE,
)


_PLAN = re.compile(r"\b(?:soll|sollen|geplant|vorgesehen|künftig|ziel)\b", re.IGNORECASE)


def figure_kind(text: str) -> re.Pattern[str] | None:
    """The kind of figure a claim states (money, users), as the pattern a counterpart must hold, if any."""
    return next((kind for kind in (_MONEY, _USERS) if kind.search(text)), None)


def figure_counterparts(
    claim: str, passages: Sequence[Passage], called: Callable[[str], Collection[str]]
) -> list[Checked]:
    """The sentences of the passages that state a figure of the kind a claim states, of the one application the
    claim calls: the sentence calls it, or its section's heading does and the sentence calls no other ("1. IlmGPT"
    / "Am 31.10.2026 waren 410 Konten freigeschaltet"). In the passages' order; none for a claim without a figure
    or that calls none or several."""
    kind, its = figure_kind(claim), set(called(claim))
    if kind is None or len(its) != 1:
        return []
    found = []
    for passage in passages:
        section = set(called(passage.chunk.metadata.get("section", "")))
        for quote in quote_candidates(passage.chunk.text):
            names = set(called(quote))
            if not whole_sentence(quote):
                continue
            if kind is _USERS and _PLAN.search(quote):
                continue  # a table row, a list's lead; a target ("soll bis … allen 590 Beschäftigten …") is no state
            if kind.search(quote) and quote not in claim and (names == its or (not names and section == its)):
                found.append(Checked(text=quote, passage=passage, quote=quote))
    return found


def note(claim: Claim, markers: str) -> str:
    """The reviewer's note beside a claim's counterpart in the draft."""
    return (
        f"Ausführung im Antrag: „{claim.text}“ – dazu in den Quellen {markers}; "
        "bitte prüfen, ob die Ausführung zutrifft, und den Sachstand entsprechend fassen"
    )
