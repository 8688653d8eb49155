"""What stands in the way of a motion's demand: the binding rules, conditions and commitments its sources state.

A Stellungnahme's Umsetzung says what stands in the way of what a demand wants – legal, organisational,
staff, time – not only whether its deadline can be met. The obstacles are the sources' own sentences that
bind (a condition, a prohibition, a consent required, a notice period: "Stellenmehrungen nur mit Kompensation
an anderer Stelle", "Während der vorläufigen Haushaltsführung dürfen neue Stellen nicht besetzt werden",
"Betriebsbedingte Kündigungen sind ausgeschlossen", "Eine Kündigung ist erstmals zum 31.12.2027 möglich")
and that speak to the kind of thing the demand does: create posts, spend money, end a contract, cut staff,
introduce or widen a system. Each is quoted and cited like any Sachstand sentence, from documents and earlier
replies in force, never from a draft, at most ``LIMIT`` of them, none the Sachstand says already.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from assistant.domain import Passage
from assistant.drafting.citing import Register
from assistant.drafting.gaps import leans_back, plain
from assistant.drafting.quoting import Quoter, on_another
from assistant.drafting.relevance import Coverage
from assistant.drafting.retrieve import Filters, Retriever
from assistant.drafting.subject import SubjectFinder
from assistant.drafting.verify import Checked
from assistant.kb.model import KnowledgeBase
from assistant.text import quote_candidates, sentences_of

LIMIT = 2  # obstacles per demand: the weightiest; the Sachstand holds the rest of the picture
LEAD = "Für die Umsetzung ist zu beachten: "
RULES = ("guideline", "service_agreement")  # document types whose rules bind whatever a demand is about
_RULE_TITLE = re.compile(  # "vereinbarung": a Dienst-, Verwaltungs- or Kooperationsvereinbarung binds too
    r"richtlinie|dienstanweisung|leitlinie|satzung|vereinbarung|verfügung|geschäftsordnung|"
    r"regelwerk|nutzungsregel|grundsätze"
)

# A sentence that binds: a condition, a prohibition, a required consent, a term or notice period, a floor date.
_BINDING = re.compile(
    r"\bnur\s+(?:mit|bei|nach|durch|wenn|soweit|unter|im\s+rahmen)\b|(?-i:\bbedarf\b|\bbedürfen\b)|"
    r"\b(?:darf|dürfen)\s+(?:[\wäöüß]+\s+){0,4}?(?:nicht|keine?n?|nur)\b|\bausgeschlossen\b|"
    r"\bvoraussetzung\b|\bsetzt\b.{0,80}\bvoraus\b|\bvorherigen?\s+zustimmung|\bauflagen?\b|"
    r"\bmindestlaufzeit|\bkündigungsfrist|\bfrühestens\b|\bnicht\s+(?:vor|möglich|zulässig)\b|\bunzulässig|"
    r"\bvorläufigen?\s+haushaltsführung|\bbetriebsbedingten?\s+\w*kündigung|"
    # "steht unter dem Vorbehalt der Zustimmung", "Mitbestimmungsrechte …", "kann … nicht vergeben werden",
    # "mit einem Sperrvermerk versehen", "ist … erforderlich", "erst nach …"
    r"\bvorbehalt|\bvorbehaltlich|\bmitbestimmung|\b(?:kann|können)\s+(?:[\wäöüß.,]+\s+){0,8}?nicht\b|"
    r"\bsperrvermerk|\b(?:ist|sind)\s+(?:[\wäöüß.,-]+\s+){0,14}?erforderlich\b|\berst\s+(?:nach|wenn|ab)\b|"
    # a term and a notice period: "Die Vereinbarung läuft bis zum 31.12.2028", "mit einer Frist von sechs Monaten"
    r"\b(?:vertrag|vereinbarung)\s+läuft\s+bis\b|\bfrist\s+von\s+(?:[\wäöüß]+\s+){1,2}?(?:monaten|wochen|jahren)\b",
    re.IGNORECASE,
)


_CODE = re.compile(r"\d[\d.]{3,}\s")  # a budget line's label ("0620.4141 KI-Koordination: …"), no sentence
_REPORTED = re.compile(r"\b(?:könne|werde|sei|habe|müsse|dürfe|solle|bedürfe)\b")  # reported speech (Konjunktiv I)


@dataclass(frozen=True)
class Kind:
    """A kind of act a demand may ask for, and what can stand in its way."""

    does: re.Pattern[str]  # the demand's words for it
    hinders: re.Pattern[str]  # the words of a sentence that can stand in its way
    query: str  # retrieved beside the demand's words: the vocabulary of such rules
    own: bool  # an obstacle not in a rule (guideline, service agreement) must be about the demand's subject


# The kinds of act, in the order their obstacles are given.
KINDS: tuple[Kind, ...] = (
    Kind(  # posts: "zwei Stellen … schaffen", "1,0 VZÄ"
        re.compile(r"\bstellen?\b|\bvollzeit|\bvzä\b|\bstellenplan|\bpersonal(?:stelle|ausstattung|verstärkung)"),
        re.compile(r"\bstellen\w*|stellenplan|stellenmehrung|\bbesetz|\bvzä\b"),
        "Stellenplan Stellenmehrung Besetzung neuer Stellen",
        own=False,
    ),
    Kind(  # cutting staff: "zehn Stellen einsparen", "Personal abbauen"
        re.compile(
            r"stellenabbau|personalabbau|stelleneinsparung|stellenstreichung|"
            r"(?:stellen|personal|vollzeit|vzä|beschäftigt)\w*\b.{0,80}(?:abbau|abzubauen|einspar|einzusparen|"
            r"eingespart|reduzier|streich|gestrichen)|(?:abbau|einsparung|reduzierung|streichung)\s+(?:von\s+)?"
            r"(?:[\wäöüß,]+\s+){0,3}(?:stellen|personal|vollzeit|vzä)"
        ),
        re.compile(r"betriebsbedingt|fluktuation|stellenabbau|personalabbau"),
        "betriebsbedingte Kündigungen Stellenabbau natürliche Fluktuation",
        own=False,
    ),
    Kind(  # ending a contract or a system: the verb, not a clause's name ("Sonderkündigungsrecht", "Ausstiegsklausel")
        re.compile(
            r"\bkündigen\b|\bgekündigt\b|\bbeenden\b|\bbeendet\b|\babschalten\b|\babzuschalten\b|\babgeschaltet\b|"
            r"\babschaffen\b|\babzuschaffen\b|\babgeschafft\b|\baussteigen\b|\bauszusteigen\b"
        ),
        re.compile(
            r"laufzeit|kündigungsfrist|kündbar|gekündigt\s+werden|\bkündigung\s+(?:ist|zum)|"
            r"\b(?:vertrag|vereinbarung)\s+läuft"
        ),
        "Vertrag Mindestlaufzeit Kündigungsfrist gekündigt werden",
        own=True,
    ),
    Kind(  # introducing or widening a system (not "eingesetzt": "die frei werdenden Kapazitäten … eingesetzt")
        re.compile(
            r"\beinführ|\beinzuführen|\bausweit|\bauszuweiten|\berweiter|\bregelbetrieb|\bfreigeb|\bfreizugeben|"
            r"\bnutzerkont|\bausroll|\bauszurollen|eingeführt|ausgeweitet|erweitert|freigegeben|ausgerollt"
        ),
        re.compile(r"personalrat|\bzustimmung|folgenabschätzung|\bdsfa\b|voraussetzung|\bvoraus\b|mitbestimmung"),
        "Zustimmung des Personalrats Voraussetzung Datenschutz-Folgenabschätzung",
        own=True,
    ),
    Kind(  # money: an amount, funds, an investment
        re.compile(r"\d[\d.]*\s*(?:€|euro)|\bmittel\b|\bhaushalt|\binvestiv|\binvestition|\bfinanzier|\bbudget"),
        re.compile(
            r"haushaltsführung|freiwillige\w*\s+leistung|\binvestition|gegenfinanzier|\bdeckung|haushaltssperre|"
            r"\bkompensation|kommunalaufsicht|\bgenehmigung\s+des\s+haushalt|sperrvermerk|haushaltsbeschluss|"
            r"haushaltssatzung|\bnur\s+im\s+entwurf"
        ),
        "vorläufige Haushaltsführung freiwillige Leistungen Auflagen der Kommunalaufsicht Gegenfinanzierung",
        own=False,
    ),
)


def kinds_of(demand: str) -> list[Kind]:
    """The kinds of act a demand names."""
    low = demand.lower()
    return [kind for kind in KINDS if kind.does.search(low)]


def binds(sentence: str) -> bool:
    """Whether a sentence states a binding rule, not what someone said in a meeting ("…, könne der Pilot auch
    während der vorläufigen Haushaltsführung weiterlaufen")."""
    return bool(_BINDING.search(sentence)) and not _REPORTED.search(sentence)


class Obstacles:
    """The binding sentences of the sources that stand in the way of a demand."""

    def __init__(
        self,
        kb: KnowledgeBase,
        today: date,
        retriever: Retriever,
        coverage: Coverage,
        quoter: Quoter,
        finder: SubjectFinder,
        least: float,
    ) -> None:
        self._today = today
        self._retriever = retriever
        self._coverage = coverage
        self._quoter = quoter
        self._finder = finder
        self._kb = kb
        self._least = least  # share of the demand's words an obstacle must hold beside its kind's words
        self._drafts = {d.path for d in kb.documents if d.draft}
        # binding for every application: a guideline or service agreement by its type or its title
        self._rules = {d.path for d in kb.documents if d.type in RULES or _RULE_TITLE.search(d.title.lower())}

    def sentences(self, demand: str, said: str, register: Register) -> list[str]:
        """Up to ``LIMIT`` quoted, cited obstacles to ``demand`` that ``said`` (the Sachstand, and the motion's
        statements so far) does not hold: per kind of act the demand names, the binding sentence most about that
        kind and the demand."""
        filters = Filters(kinds=("document", "answer"), in_force_on=self._today)
        top_k, cited = self._retriever.top_k, plain(said).lower()
        found: list[Checked] = []
        for kind in kinds_of(demand):
            passages = self._retriever.retrieve(f"{demand} {kind.query}", filters, top_k=2 * top_k)
            ids = {p.chunk.chunk_id for p in passages}  # and the rules of that kind, whatever they are about
            passages += [
                p for p in self._retriever.retrieve(kind.query, filters, top_k=top_k) if p.chunk.chunk_id not in ids
            ]
            taken = {c.quote for c in found}
            taken |= {c.quote for c in register.citations}  # the Sachstand's quotes: said already
            best = [c for c in self._candidates(demand, passages, kind, cited) if not _within(c.quote, taken)]
            found += best[:1]
        return [self._quoter.quoted(checked, register, LEAD) for checked in found[:LIMIT]]

    def _candidates(self, demand: str, passages: Sequence[Passage], kind: Kind, cited: str) -> list[Checked]:
        """The binding, whole sentences of the passages that speak to ``kind`` (and, for a kind about the
        demand's own subject, share enough of its words), most about the kind and the demand first; none that
        ``cited`` (what is said already, lower case) holds."""
        scored: list[tuple[float, Checked]] = []
        own = sorted(self._finder.named_in(demand))
        for passage in passages:
            source = passage.chunk.source_id.split("#")[0]
            if source in self._drafts:
                continue
            for quote in quote_candidates(passage.chunk.text):
                text = plain(quote)
                low = text.lower()
                if (
                    len(text) < 30
                    or len(sentences_of(text)) > 1
                    or "|" in quote
                    or not text.endswith(".")
                    or text[:1].islower()
                    or _CODE.match(text)
                    or leans_back(text)  # "Sie verlängert sich …": what "sie" is stands before it
                ):
                    continue  # a table row, a list's lead or item: no statement of its own
                if not binds(text) or low.rstrip(".") in cited or not (hits := len(kind.hinders.findall(low))):
                    continue
                if self._finder.named_in(text) - self._finder.named_in(demand):  # a rule of another application
                    continue
                share = self._coverage.share(demand, [text], acts=True)
                if kind.own and share < self._least and source not in self._rules:
                    continue
                checked = Checked(text=text, passage=passage, quote=quote)
                if source not in self._rules and on_another(checked, own, self._kb):
                    continue  # minutes' "TOP 5 RechnungsCheck": its "Der Zuschlag kann erst nach …" binds that one
                if self._quoter.current(checked) == [checked]:  # not overtaken by a later source
                    scored.append((min(hits, 3) + 2 * share, checked))
        return [checked for _, checked in sorted(scored, key=lambda pair: -pair[0])]


def _within(quote: str, quotes: set[str]) -> bool:
    """Whether a quote is one of ``quotes`` or part of one (a cited pair of sentences holds it)."""
    return any(quote in other or other in quote for other in quotes)
