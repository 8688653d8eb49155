"""Quote a source's sentence as a clerk does: with the lead-in its source needs, the rest of its short
paragraph, and without the clauses later sources have overtaken.

Both use cases quote: an inquiry's answer (the model's verified sentences, the parts it left open) and a
motion's Sachstand (``sachstand.py``). An earlier reply is quoted as what it said then, a rule no longer in
force as what applied then, minutes with their day and council paper; a count a later source counts anew,
a day it moved and a price it replaced are left out (``overtaken.py``, ``stale.py``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date

from assistant.domain import Chunk, Passage
from assistant.drafting import paragraph
from assistant.drafting.amended import Amendments, unquoted
from assistant.drafting.citing import Register, with_markers
from assistant.drafting.ended import Decided, Ended
from assistant.drafting.facts import dated_sources, extended_by
from assistant.drafting.gaps import ANNOUNCES, PROCEDURAL, leans_back, plain
from assistant.drafting.later_status import suspended
from assistant.drafting.leads import (
    as_sentence,
    dated_minutes,
    earlier_reply,
    minutes,
    named_document,
    released_on,
    repealed,
    reported,
    sentence_before,
    unrepeated,
)
from assistant.drafting.overtaken import Overtaken, under_negotiation
from assistant.drafting.owned import called_names
from assistant.drafting.register_overtaken import ended_now, in_production
from assistant.drafting.stale import (
    Dropped,
    ExtendedEnds,
    Repriced,
    Rescheduled,
    StaleCounts,
    Unplanned,
    iso_day,
    lapsed,
    source_day,
    spoken_by,
)
from assistant.drafting.standing import (
    NAMES_SOURCE,
    ReplacedRules,
    clause_cited,
    lapsed_rules,
    lifted,
    listed,
    on_lapsed_rule,
    provision,
)
from assistant.drafting.subject import own_name, says, short_name
from assistant.drafting.verify import Checked
from assistant.kb.model import KnowledgeBase, Record
from assistant.text import sentences_of

MAX_BEFORE = 20_000  # characters of a document before a chunk searched for the § it stands in


class Quoter:
    """Quotes the sources of one knowledge base (``read``: its chunks) as of ``today``."""

    def __init__(self, kb: KnowledgeBase, read: Sequence[Chunk], today: date) -> None:
        self._today = today
        self._overtaken = Overtaken(((c.text, c.title) if c.kind == "inventory" else c.text for c in read), today)
        dated = [(c, released_on(c)) for c in read if c.kind in ("document", "answer")]
        self._stale = StaleCounts(dated, kb.inventory, today, ignore=kb.municipality.name)
        self._rescheduled = Rescheduled(dated, today, ignore=kb.municipality.name)
        self._repriced = Repriced(dated, today, ignore=kb.municipality.name)
        self._unplanned = Unplanned(dated, today, ignore=kb.municipality.name)
        self._dropped = Dropped(dated, today, ignore=kb.municipality.name)
        self._extended = ExtendedEnds(
            (end, called_names(r, kb))
            for r in kb.inventory
            if (end := iso_day(r.get("end_date"))) is not None and extended_by(r, kb, today)
        )
        self._replaced = ReplacedRules(kb, today)
        ends, decisions = _ends_and_decisions(kb, today)
        self._ended, self._decided = Ended(ends), Decided(decisions)
        self._headers = {d.header_id: d.header for d in kb.documents}
        self._by_document: dict[str, list[Chunk]] = {}
        for chunk in read:
            if chunk.kind == "document":
                self._by_document.setdefault(chunk.source_id.split("#", 1)[0], []).append(chunk)
        self._lapsed = lapsed_rules(kb, today)
        self.amendments = Amendments(kb, today)
        self._chunks = {c.chunk_id: c for c in read}
        calls = ((name, r.get("id")) for r in kb.inventory for name in called_names(r, kb))
        self._calls = [  # the longest name first: "ALBERT Protokoll" before "ALBERT"
            (re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE), ident)
            for name, ident in sorted(calls, key=lambda pair: -len(pair[0]))
        ]

    def quoted(self, checked: Checked, register: Register, lead: str = "") -> str:
        """A source's sentence in the Sachstand, cited, with the lead-in its source needs (an earlier reply,
        a rule no longer in force, a numbered provision), else ``lead``; a lifted paragraph said as lifted,
        not in its former wording, which reads as a rule."""
        chunk = checked.passage.chunk
        text, quote = listed(chunk, checked.text, checked.quote)  # "… entscheidet a) …, b) …"
        gone = repealed(checked.passage, self._today, register, self.header(chunk))
        # a note quoted as what its source records ("In „…“ ist zu „TOP 12 …“ festgehalten: …") names it already
        own = (earlier_reply(chunk) + gone) or ("" if NAMES_SOURCE.match(text) else self.said_in(chunk, register))
        if new_wording := self.amendments.lead(chunk, checked.quote, register):  # "Nach § 6 … (geändert durch: …)"
            inside = self.amendments.within(chunk, checked.quote)
            return new_wording + with_markers(unquoted(plain(inside)), register.cite_chunk(chunk, inside))
        marker = register.cite_chunk(chunk, quote)  # after the lead-in's own sources: the markers read in order
        if not own and (lift := lifted(chunk, checked.quote)):
            return with_markers(lift, marker)
        before = self.before(chunk)  # "5.2 Die Nutzung …", "(2) Die …" are led by their own Nr. or §
        cited = named_document(clause_cited(chunk, text, quote, before), chunk.title)
        # an amendment's own sentence ("§ 7 Abs. 1 … ist … aufgehoben") names what it changes: no "Nach § … gilt"
        own_rule = cited == text and not self.amendments.is_amendment(chunk)
        numbered = provision(chunk, checked.quote, before) if own_rule else ""
        return (own or numbered or lead) + with_markers(cited, marker)

    def said_in(self, chunk: Chunk, register: Register) -> str:
        """The lead-in of a sentence its source says as of a day: an earlier reply, minutes (which report in
        the Konjunktiv: "Der Niederschrift über die Sitzung … am 06.10.2026 ist zu entnehmen: …"), an old report."""
        found = earlier_reply(chunk) or minutes(chunk) or dated_minutes(chunk, self.parts_of(chunk), register)
        return found or self.reported(chunk, register)

    def reported(self, chunk: Chunk, register: Register) -> str:
        """The lead-in of a sentence from a report old enough to have been overtaken: the state on its day."""
        return reported(chunk, self.parts_of(chunk), register, self._today)

    def parts_of(self, chunk: Chunk) -> list[Chunk]:
        """The chunks of the document a chunk is of, in order."""
        path = chunk.source_id.split("#", 1)[0]
        return self._by_document.get(path, [])

    def before(self, chunk: Chunk) -> str:
        """The text of the section's windows before ``chunk``: a long section cut into windows holds its "§ 4" in
        the first (the source the citation names holds it too, not another section's)."""
        parts = [part for part in self.parts_of(chunk) if part.source_id == chunk.source_id]
        at = next((i for i, part in enumerate(parts) if part.chunk_id == chunk.chunk_id), 0)
        return "\n".join(part.text for part in parts[:at])[-MAX_BEFORE:]

    def header(self, chunk: Chunk) -> str:
        """The front matter of the document a chunk is of, as written."""
        return self._headers.get(chunk.source_id.split("#", 1)[0], "")

    def _on_lapsed(self, chunk: Chunk, clause: str, before: str) -> bool:
        """Whether a report's clause states a rule no longer in force as holding ("Es gilt die Rundverfügung Nr.
        3/2024 vom 15.04.2024.", and "Danach ist … zulässig" after it); not the rule's own text (quoted as what
        applied then) nor a clause that says it lapsed."""
        if chunk.kind != "document" or on_lapsed_rule(chunk.title, self._lapsed) or _LAPSED_SAID.search(clause):
            return False
        return _holds_lapsed(clause, self._lapsed) or bool(
            _BY_IT.match(clause) and _holds_lapsed(before, self._lapsed) and not _LAPSED_SAID.search(before)
        )

    def with_paragraph(self, checked: Checked, register: Register, said: str, about: Collection[str] = ()) -> list[str]:
        """A Sachstand's quote with the rest of its short paragraph (``around``) on the applications the answer is
        ``about``, the lead-in once."""
        chunk = checked.passage.chunk
        group = [now for part in self.around(checked, said) if (now := unrepeated(part, said)) is not None]
        group = [part for part in group if not PROCEDURAL.search(part.text)]  # "Herr Schmitt erläutert die Vorlage."
        if len(group) > 1:  # "Herr Rauschenberger berichtet zu AKTINA Wohngeld." before the report itself
            group = [part for part in group if not ANNOUNCES.search(part.quote)]
        # "Dies ist der erste Sachstandsbericht …", "Ihm gehören an: …": what they point at is not in the draft
        # (the quote itself only where it points back for sure: "Es wird … eingerichtet" points at nothing)
        while (
            group
            and leans_back(group[0].text)
            and (group[0].quote != checked.quote or _POINTS_BACK.match(group[0].text))
        ):
            group = group[1:]
        group = self._on_subject(group, checked, about)
        if not group:
            return []
        found = [self.quoted(group[0], register)]
        for part in group[1:]:
            if chunk.kind == "answer":  # without a lead-in, an earlier reply's next sentence reads as today's
                found.append("Ferner hieß es dort: " + with_markers(part.text, register.cite_chunk(chunk, part.quote)))
            elif self.amendments.is_amendment(chunk):  # the new wording goes on; its reasons are no rule
                if (inside := self.amendments.within(chunk, part.quote)) and plain(inside).rstrip(".") not in said:
                    found.append(with_markers(unquoted(plain(inside)), register.cite_chunk(chunk, inside)))
            elif part.text.rstrip(".") not in said:  # the data answer or another source said it already
                found.append(with_markers(part.text, register.cite_chunk(chunk, part.quote)))
        return found

    def named(self, text: str) -> set[str]:
        """Ids of the applications ``text`` calls by name, the longest name first: "ALBERT Protokoll" is not
        also "ALBERT"."""
        found: set[str] = set()
        for pattern, ident in self._calls:
            if pattern.search(text):
                found.add(ident)
                text = pattern.sub(" ", text)
        return found

    def _on_subject(self, group: list[Checked], checked: Checked, about: Collection[str]) -> list[Checked]:
        """Of an earlier reply's paragraph on several applications ("Die Erstbefahrung mit StraßenBlick KI hat
        12.900 € gekostet. Die Erprobung von ALBERT ist kostenfrei."), not the sentences that name only others
        than those the answer is ``about`` (all where it names none). A document's paragraph is on one topic;
        a sentence there that names another application may well be on the demand's topic."""
        if not about or checked.passage.chunk.kind != "answer":
            return group
        wanted = set(about)
        return [p for p in group if p.quote == checked.quote or not (named := self.named(p.quote)) or named & wanted]

    def around(self, checked: Checked, said: str) -> list[Checked]:
        """A quoted sentence with the rest of its short paragraph, as a clerk quotes it ("2. Ergebnisse": the
        91 % and the 6 % and 3 % after it) – not of a rule out of force or a lifted paragraph, whose further
        sentences would read as in force; of an earlier reply not what gives a day the current sources
        (``said``) say was moved. Empty when that is all of it."""
        chunk = checked.passage.chunk
        whole = not repealed(checked.passage, self._today) and lifted(chunk, checked.quote) is None
        group = paragraph.around(checked, whole and checked.text == plain(checked.quote))
        if chunk.kind == "answer":
            group = [part for part in group if not paragraph.superseded(part.text, said)]
            # what the reply said under a rule since lapsed, and what it went on to say of it, no longer holds
            cut = next((i for i, part in enumerate(group) if on_lapsed_rule(part.text, self._lapsed)), len(group))
            group = group[:cut]
        return [now for part in group for now in self.current(part)]

    def current(self, part: Checked) -> list[Checked]:
        """An earlier reply's or a document's sentence without the clauses later sources have overtaken
        (``overtaken.py``)."""
        chunk = part.passage.chunk
        if self.amendments.superseded(chunk, part.quote):  # the old wording of a section an amendment replaced
            lifted = self.amendments.repeal(chunk, part.quote)  # or lifted: said as lifted, cited on the amendment
            if lifted is not None and (said := self._chunks.get(lifted[0])) is not None:
                return [Checked(text=lifted[2], passage=Passage(said, part.passage.score), quote=lifted[1])]
            if (new := self.amendments.new_wording(chunk, part.quote)) is not None:  # its new wording instead
                amended, wording = new
                return [Checked(unquoted(plain(wording)), Passage(amended, part.passage.score), wording)]
            return []
        released = released_on(chunk)
        if released is None and chunk.kind == "document" and under_negotiation(part.quote):
            released = source_day(chunk, None)  # "… wird mit dem Personalrat verhandelt": as of the report's day
        plans_only = chunk.kind != "answer" and chunk.metadata.get("type") != "report"  # a report: the state then
        clauses = self._overtaken.current(part.quote, released, plans_only) if released else [part.quote]
        before = sentence_before(chunk.text, part.quote)  # "AmtsText steht …" for "Zum … bestanden 59 Nutzerkonten"
        spoken = self._rescheduled.day_of(chunk, released)

        def gone(clause: str) -> bool:  # a count a later source counts anew, a day it moved (``stale.py``)
            return (
                (chunk.kind == "document" and lapsed(clause, spoken, self._today))
                or self._stale.stale(clause, before, spoken)
                or self._rescheduled.rescheduled(clause, spoken, before)
                or self._extended.overtaken(clause, f"{before} {chunk.title}")
                or self._repriced.repriced(clause, spoken, before, chunk.title)
                or self._unplanned.unplanned(clause, spoken)
                or self._dropped.dropped(clause, spoken)
                or self._replaced.replaced(clause, spoken)
                or self._ended.running(clause, spoken, f"{before} {chunk.title}")
                or self._decided.interim(clause, spoken, f"{before} {chunk.title}")
                or self._on_lapsed(chunk, clause, before)
            )

        if any(gone(c) for c in clauses):
            pieces = [p.rstrip(";").rstrip() for c in clauses for p in re.split(r"(?<=;)\s+", c) if p.strip()]
            clauses = [p for p in pieces if not gone(p)]
        if clauses == [part.quote]:
            return [part]
        if part.text != plain(part.quote):  # a table row, a list item, a recommendation: whole or not at all
            return []
        # what is left of a sentence must not point at a clause left out ("…; die Finanzplanung enthält dafür …")
        clauses = [c for c in clauses if not (leans_back(c) or _REFERS_BACK.search(c))]
        return [Checked(text=as_sentence(plain(c)), passage=part.passage, quote=c) for c in clauses]


def _ends_and_decisions(
    kb: KnowledgeBase, today: date
) -> tuple[list[tuple[date, list[str]]], list[tuple[date, list[str]]]]:
    """The applications ended by today, each with its end and names: by the register, or by a later source that ends
    or suspends one the register has running (``register_overtaken.ended_now``, ``later_status.suspended``); and
    those a later source has in regular operation since (``register_overtaken.in_production``), each with that
    source's day and its names. One pass over the register, its names found once."""
    ends, decisions = [], []
    dated = dated_sources(kb)
    days = {chunk.chunk_id: day for chunk, day in spoken_by(dated, today, {})}
    for record in kb.inventory:
        called = called_names(record, kb)
        end = iso_day(record.get("end_date")) if record.get("status") == "discontinued" else None
        if end is None and (
            later := ended_now(record, called, dated, today) or suspended(record, called, dated, today)
        ):
            end = later[2]  # ended, or out of use for now: not quoted as running either way
        if end is not None and end <= today:
            ends.append((end, called))
        if (running := in_production(record, called, dated, today)) is not None and running[0].chunk_id in days:
            decisions.append((days[running[0].chunk_id], called))
    return ends, decisions


def names_only_others(quote: str, wanted_ids: Sequence[str], kb: KnowledgeBase) -> bool:
    """Whether a text names other applications by name and none of ``wanted_ids``."""
    wanted = set(wanted_ids)

    def called(row: Record) -> bool:
        short = short_name(own_name(row.get("name")))
        return len(short) >= 4 and says(short, quote)

    own = [r for r in kb.inventory if r.get("id") in wanted]
    others = [r for r in kb.inventory if r.get("id") not in wanted]
    return any(called(r) for r in others) and not any(called(r) for r in own)


def on_another(checked: Checked, about: Sequence[str], kb: KnowledgeBase) -> bool:
    """Whether a quote stands in a paragraph that opens on other applications and never names those the answer
    is about (a minutes' paragraph "Herr Gundlach berichtet zu AKTINA Bau. Seit dem Start am 01.09.2025 …" for a
    question on AKTINA Wohngeld; "… fragt nach dem Zeitplan für FeuerAssist. …" for a demand), or in a section
    whose heading names only others ("2. Rathaus-KI Auskunft" / "- Betrieb: … in Nürnberg")."""
    if under_another(checked, about, kb):
        return True  # a memo's section "2. Rathaus-KI Auskunft" speaks of that one throughout
    paragraph = paragraph_of(checked)
    opening = next(iter(sentences_of(paragraph)), "")
    others = names_only_others(paragraph, about, kb) and names_only_others(opening, about, kb)
    return opening != checked.quote and others


# A heading that lists matters: "Fortführung des Pilots Fidelis Widerspruch, KI-Verzeichnis und Arbeitsprogramm"
_SEVERAL_MATTERS = re.compile(r",\s|\s(?:und|sowie|&)\s")


def under_another(checked: Checked, about: Sequence[str], kb: KnowledgeBase, *, by_heading: bool = False) -> bool:
    """Whether a quote stands in a section on other applications than those ``about`` and names none of these:
    the heading and the quote name only others; ``by_heading``: the heading does ("TOP 5 RechnungsCheck –
    Markterkundung" / "Der Zuschlag kann erst nach … erteilt werden"), whatever else the quote names."""
    section = checked.passage.chunk.metadata.get("section", "")
    if by_heading and (not names_only_others(section, about, kb) or _SEVERAL_MATTERS.search(section)):
        return False  # a heading that lists several matters ("… Pilot Fidelis, KI-Verzeichnis und …") speaks of all
    return bool(section) and names_only_others(f"{section} {checked.quote}", about, kb)


def paragraph_of(checked: Checked) -> str:
    """The source line (a paragraph, once unwrapped) a quote stands in."""
    return next((line for line in checked.passage.chunk.text.split("\n") if checked.quote in line), checked.quote)


# A clause that says a rule lapsed or was replaced: it stays ("Die Rundverfügung Nr. 3/2024 ist … außer Kraft getreten")
_LAPSED_SAID = re.compile(
    r"\b(?:außer\s+Kraft|aufgehoben|ersetzt|abgelöst|galt|galten|nicht\s+mehr|bis\s+zum|mit\s+Ablauf)\b", re.I
)


def _holds_lapsed(clause: str, lapsed: frozenset[str]) -> bool:
    """Whether a clause says a rule no longer in force holds ("Es gilt die Rundverfügung Nr. 3/2024 …", "Nach der
    Dienstanweisung Nr. 4/2024 dürfen …"), not one that refers to it in passing ("… (§ 9 der Dienstanweisung Nr.
    2/2025) ist nicht zu halten")."""
    outside = re.sub(r"\([^()]*\)", " ", clause)
    return on_lapsed_rule(outside, lapsed) and bool(_HOLDS.search(outside))


# How a clause says a rule holds: "Es gilt …", "nach der …", "gemäß …"
_HOLDS = re.compile(r"\b(?:gilt|gelten|Nach|nach\s+der|nach\s+dem|gemäß|laut|zufolge)\b")
# A clause that says what the rule before it provides: "Danach ist …", "Demnach …", "Hiernach …"
_BY_IT = re.compile(r"^(?:Danach|Demnach|Hiernach|Demzufolge|Nach\s+ihr|Nach\s+dieser)\b")
# A clause that points at what the clause before it said: "dafür", "hierzu", "davon".
_REFERS_BACK = re.compile(
    r"\b(?:dafür|dazu|hierfür|hierzu|davon)\b|^(?:danach|anschließend|daraufhin)\b", re.IGNORECASE
)

# A sentence that cannot stand alone: its subject is in the sentence before ("Ihm gehören an: …", "Dies ist …").
_POINTS_BACK = re.compile(r"^(?:Ihm|Ihnen|Dies|Diese[rsmn]?|Deren|Dessen)\b")
