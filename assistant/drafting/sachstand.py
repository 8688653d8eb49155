"""A motion's demand: what exists of what it wants (the Sachstand), in the sources' own sentences.

No model writes a Sachstand: a 1.5B model asked "Was hat die Verwaltung zum Thema … bereits beschlossen?"
repeats the demand. The Sachstand is the standing of the documents the demand names, the records of the
applications it is about or whose departments it names, the closest sentence of each of the best passages
with the rest of its short paragraph (``quoting.py``), and what the sources say on the Begründung's claims
about the demand (``claims.py``). The Stellungnahme around it – Finanzielle Auswirkungen, Umsetzung,
Empfehlung – is ``statement.py``'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial

from assistant.domain import Answer, Chunk, Inquiry, Passage, Question
from assistant.drafting import claims as claims_
from assistant.drafting import lexicon as lx
from assistant.drafting import paragraph
from assistant.drafting.asked_figures import AskedFigures
from assistant.drafting.citing import Register
from assistant.drafting.classify import Intent, normalise
from assistant.drafting.demands import asked as asked_question
from assistant.drafting.facts import application_facts
from assistant.drafting.gaps import Gaps
from assistant.drafting.leads import released_on
from assistant.drafting.named import (
    application_sentences,
    asks_overview,
    counted_unknown,
    in_scope,
    made_unknown,
    named_applications,
    names_money,
    noted,
    speaks_of,
)
from assistant.drafting.obstacles import Obstacles
from assistant.drafting.quoting import Quoter, on_another, under_another
from assistant.drafting.relevance import Coverage
from assistant.drafting.retrieve import Filters, Retriever
from assistant.drafting.stale import iso_day, source_day
from assistant.drafting.standing import rules_on, standing
from assistant.drafting.statement import SACHSTAND_FRAME, record_sentences, sachstand_inquiry
from assistant.drafting.statement import compose as compose_statement
from assistant.drafting.structured import DataAnswer, answer_from_data
from assistant.drafting.subject import asked_units, departments, own_name, short_name
from assistant.drafting.understand import Reading, Subject, Understanding
from assistant.drafting.verify import Checked, out_of_force
from assistant.kb.model import KnowledgeBase
from assistant.settings import DraftingSettings
from assistant.text import sentences_of

Evidence = Callable[..., list[Passage]]  # the pipeline's evidence for a reading and its question (``wide``)

_ROW_HEAD = re.compile(r"^Haushaltsjahr \d{4}, Haushaltsstelle ")
_NAMED = re.compile(r"„[^“]*“")


def _row_head(checked: Checked) -> bool:
    """A budget row's head ("Haushaltsjahr 2028, Haushaltsstelle …: title") is a label, not a sentence: its
    figures stand under Finanzielle Auswirkungen, or below as the row's own sentence."""
    return checked.passage.chunk.kind == "budget" and bool(_ROW_HEAD.match(checked.text))


def _once(sentences: list[str]) -> list[str]:
    """Each sentence once, also where the same fact names its application once by its full name and once by
    its short name or without the status note ("„Fidelis Widerspruch – … (Pilot)“" / "„Fidelis Widerspruch“")."""
    seen: set[str] = set()
    kept = []
    for sentence in sentences:
        key = _NAMED.sub(lambda m: short_name(own_name(m.group(0)[1:-1])), sentence)
        if key not in seen:
            seen.add(key)
            kept.append(sentence)
    return kept


FOCUS_CHARS = 6  # a demand's focus term is at least this long ("kommission", not "ki" or "amt")
FOCUS_TERMS = 3  # of a demand's rarest terms, those tried for a sentence on its focus


class Statements:
    """The Sachstand of each demand of a motion, and the Stellungnahme composed around it."""

    def __init__(
        self,
        kb: KnowledgeBase,
        today: date,
        settings: DraftingSettings,
        understanding: Understanding,
        coverage: Coverage,
        figures: AskedFigures,
        gaps: Gaps,
        retriever: Retriever,
        quoter: Quoter,
        evidence: Evidence,
    ) -> None:
        self._kb = kb
        self._today = today
        self._settings = settings
        self._understanding = understanding
        self._coverage = coverage
        self._figures = figures
        self._gaps = gaps
        self._retriever = retriever
        self._quoter = quoter
        self._evidence = evidence
        finder = understanding.finder
        self._obstacles = Obstacles(kb, today, retriever, coverage, quoter, finder, settings.statement_min_share)
        # the last motion, read once: as Sachstand questions, their readings and the Begründung's claims
        self._motion: tuple[Inquiry, Inquiry, dict[str, Reading], list[claims_.Claim]] | None = None

    def statement(self, question: Question, inquiry: Inquiry, earlier: dict[str, Answer]) -> Answer:
        """A motion's demand: its Sachstand from the knowledge base, then the Stellungnahme around it."""
        asked, readings = self.reading(inquiry)
        scope = self.scope(inquiry.subject or "")
        claims = [c for c in self._motion[3] if c.demand == question.id] if self._motion else []
        lead = inquiry.question(question.parent).text if question.parent else ""
        titled = self._called_in_title(inquiry.subject or "")
        sachstand, aside = self._sachstand(
            asked.question(question.id),
            readings[question.id],
            question.text,
            scope,
            claims,
            lead,
            titled if len(titled) == 1 else (),
        )
        hurdles = self._obstacles.sentences
        return compose_statement(question, inquiry, sachstand, self._kb, self._today, earlier, hurdles, aside)

    def scope(self, title: str) -> tuple[str, ...]:
        """The departments a motion's title names, or whose application it calls by name ("Kreisstraßen
        digital erfassen – StraßenBlick jetzt umsetzen": the roads department's)."""
        if not title:
            return ()
        called = self._called_in_title(title)
        owners = [str(r.get("department")) for r in self._kb.inventory if r.get("id") in called]
        return tuple(dict.fromkeys([*departments(title, self._kb, title=True), *owners]))

    def _called_in_title(self, title: str) -> tuple[str, ...]:
        """The applications a motion's title calls by name ("Selma ausbauen – Bürgerservice rund um die Uhr")."""
        finder = self._understanding.finder
        return tuple(i for i in finder.find(title) if finder.calls([i], title)) if title else ()

    def _sachstand(
        self,
        question: Question,
        reading: Reading,
        demand: str = "",
        scope: Sequence[str] = (),
        claims: Sequence[claims_.Claim] = (),
        lead: str = "",
        titled: Sequence[str] = (),
    ) -> tuple[Answer, tuple[str, ...]]:
        """What exists of what a demand wants, in the sources' own sentences (no model: a 1.5B model asked
        "Was hat die Verwaltung zum Thema … bereits beschlossen?" repeats the demand): the standing of the
        documents it names, the records the whole demand names, then the closest sentence of each of the
        best passages, and what the sources say on the Begründung's ``claims`` about the demand. A demand
        that names no application is about the one its motion's title calls by name (``titled``). With it, the
        applications cited only for the claims (their money and offices are not the demand's)."""
        demand = demand or question.text
        register = Register()
        data = answer_from_data(reading, self._kb, self._today, register, question.text)
        sentences = list(data.sentences) if data is not None and data.status != "no_information" else []
        # also its first sentence alone: what it wants set up ("ob ein KI-Beirat … eingerichtet werden kann"),
        # not outweighed by the known words of how it is to be reported ("… dem Ausschuss … vorgelegt")
        first = next(iter(sentences_of(demand)), demand)
        unknown, unnamed = max(self._coverage.unnamed(text) for text in (demand, asked_question(demand), first))
        named_note = UNNAMED_NOTE + ", ".join(unnamed)
        named, reading = self._demanded(demand, reading, scope, lead, titled, (unknown, unnamed))
        counted = counted_unknown(demand, unnamed)  # "die Zahl der Beschwerden", where none is mentioned
        if not sentences and (missing := [counted] if counted else self._figures.missing(demand)):
            notes = [named_note] if unknown >= self._settings.statement_max_unnamed else []
            notes.append(f"Im Antrag erfragt, in keiner Quelle beziffert: {'; '.join(missing)}")
            return self._gaps.no_information(question, reading, extra=notes), ()
        sentences += standing(question.text, self._kb, register, self._today)
        sentences += [s for s in self._named_records(demand, named, register, reading.columns) if s not in sentences]
        if data is None or data.table is None:
            data = self._overview(demand, reading, register) or data
            sentences += list(data.sentences) if data is not None and data.status != "no_information" else []
        # An application's record speaks only for a demand that names it (the nearest one is another subject).
        passages = [p for p in self._evidence(reading, question, wide=True) if not _other_application(p.chunk, named)]
        if unknown >= self._settings.statement_max_unnamed:  # what it names occurs nowhere: the nearest is beside it
            if not sentences:  # that is the Sachstand: nothing decided, planned or done (not "keine Erkenntnisse")
                text = absent(unnamed)
                return Answer(question.id, "no_information", text, (), (named_note,)), ()
            passages = []
        frame = [SACHSTAND_FRAME]
        kept = self._gaps.extract_several(
            question,
            reading,
            passages,
            lambda quote: self._coverage.share(question.text, [quote], ignore=frame, acts=True),
            self._settings.statement_min_share,
        )
        # a minutes' paragraph on another application ("… fragt nach dem Zeitplan für FeuerAssist. … der Test in
        # den drei Ortsfeuerwehren …") says nothing of the one the demand is about, whichever sentence matched
        units = asked_units(demand, self._kb)  # "Der Eigenbetrieb Abwasserbeseitigung …": the applications it runs
        # (only where no application is named: a named one's passage may well be about more than it)
        about = [] if named else [r.get("id") for r in self._kb.inventory if r.get("department") in units]
        kept = [c for c in kept if not (about and self._on_another(c, about)) and not _row_head(c)]
        kept += self._on_focus(question, reading, demand, passages, [*sentences, *(c.quote for c in kept)])
        warnings: list[str] = []
        for checked in kept:
            sentences += self._quoter.with_paragraph(checked, register, " ".join(sentences), named)
            if (stale := out_of_force(checked.passage, self._today)) and stale not in warnings:
                warnings.append(stale)
        sentences += self._records(question, reading, demand, passages, register)
        sentences = paragraph.distinct(_once(sentences))
        if not sentences:
            return self._nothing(question, reading, passages), ()
        cited = {c.source_id for c in register.citations}
        said, remarks = self._counterparts(claims, reading, register, sentences)
        aside = tuple(
            c.source_id.split(":", 1)[1]
            for c in register.citations
            if c.source_id not in cited and c.source_id.startswith("inventory:")
        )
        sentences += said
        warnings += remarks
        notes, more = self._gaps.notes(kept, reading, register, " ".join(sentences))
        table = data.table if data is not None else None
        text = " ".join(sentences + notes)
        return Answer(question.id, "answered", text, register.citations, (*warnings, *more), table), aside

    def _nothing(self, question: Question, reading: Reading, passages: Sequence[Passage]) -> Answer:
        """A Sachstand without a sentence: where the demand's subject occurs in no source ("Dem Beirat gehören …
        an"), that it is not there ("keine Erkenntnisse" would hide what the office's papers show); else none."""
        if focus := self._coverage.unknown_focus(question.text):
            return Answer(question.id, "no_information", absent(focus), (), (UNNAMED_NOTE + ", ".join(focus),))
        return self._gaps.no_information(question, reading, passages=passages)

    def _on_focus(
        self, question: Question, reading: Reading, demand: str, passages: Sequence[Passage], said: Sequence[str]
    ) -> list[Checked]:
        """Where the Sachstand does not speak of what the demand is most specifically about (its rarest terms
        the sources use: "eine paritätisch … besetzte KI-Kommission"), the best passages' sentence that does
        ("Dienststelle und Personalrat bilden eine KI-Kommission mit je zwei Mitgliedern"): for the rarest term a
        sentence holds, of the ``FOCUS_TERMS`` rarest (sorted first: every process tries them in one order)."""
        terms = [t for t in self._coverage.terms(demand) if self._coverage.rare(t) and len(t) >= FOCUS_CHARS]
        ranked = sorted(sorted(terms), key=self._coverage.weight, reverse=True)[:FOCUS_TERMS]
        if not ranked or self._coverage.held(ranked[:1], " ".join(said)):
            return []
        for focus in ranked:
            share = lambda quote, focus=focus: 1.0 if self._coverage.held([focus], quote) else 0.0  # noqa: E731
            if found := self._gaps.extract_several(question, reading, passages, share, 1.0, 1, lead_speaks=False):
                return found
        return []

    def _records(
        self, question: Question, reading: Reading, demand: str, passages: Sequence[Passage], register: Register
    ) -> list[str]:
        """The register's records among the best passages that cover the demand. A budget row only for a
        demand about money (it names an amount or asks what something costs; not a row "kein KI-Bezug"): for
        another, the rows of its subject are under Finanzielle Auswirkungen."""
        about_money = names_money(demand) or reading.asks(Intent.AMOUNT) or "cost" in reading.columns
        kinds = ("inventory", "budget") if about_money else ("inventory",)
        records = [p.chunk for p in passages[:6] if p.chunk.kind in kinds and not lx.NO_AI.search(p.chunk.text)]
        sentences: list[str] = []
        for chunk in records[:2]:
            stated = any(c.source_id == chunk.source_id for c in register.citations)  # by the data answer
            share = self._coverage.share(question.text, [chunk.text], [SACHSTAND_FRAME], acts=True)
            if share >= self._settings.statement_min_share:
                sentences += record_sentences(chunk, self._kb, register, self._today, state=not stated)
        return sentences

    def _demanded(
        self,
        demand: str,
        reading: Reading,
        scope: Sequence[str],
        lead: str,
        titled: Sequence[str],
        unnamed: tuple[float, list[str]],
    ) -> tuple[list[str], Reading]:
        """The applications a demand is about (``named_applications`` in the motion's scope), and its reading
        without a subject found by a shared word only."""
        finder = self._understanding.finder
        named = named_applications(demand, self._kb, finder, self._coverage.rare, scope, lead)
        named = in_scope(list(dict.fromkeys([*reading.subject.applications, *named])), demand, self._kb, scope)
        if reading.subject.applications and not set(reading.subject.applications) & set(named):
            reading = replace(reading, subject=Subject())  # another department's, by a shared word: no subject
        # "eine Auswertung … vorlegen" is about the title's application; not "eine Ombudsstelle einrichten",
        # nor a demand whose words mostly occur in no source ("Anrufe … Rückrufe vereinbart")
        made = made_unknown(demand, unnamed[1])
        if not named and not reading.subject.applications and unnamed[0] < self._settings.statement_max_unnamed:
            # only a demand on what the title's application's record holds ("eine Auswertung", "die Kosten", "die
            # Erstbefahrung"), one that points back to it ("des Systems") or asks for its funding ("einen Antrag auf
            # Förderung stellen", not for "das Förderprogramm „KI-Labor“"); not "eine KI-Grundschulung einführen"
            on_it = not lx.APPLICATION_PLURAL.search(normalise(demand)) and (  # "über Anwendungen, Nutzen, Kosten"
                bool(reading.columns)
                or bool(_THE_SYSTEM.search(demand) or (lx.FUNDING.search(normalise(demand)) and "„" not in demand))
                or any(finder.on_record(i, demand) for i in titled)
            )
            named = list(titled) if on_it and not made else []
        if made:  # "eine Ombudsstelle … im Jugendamt einrichten": not the Jugendamt's records
            named = [i for i in named if i in finder.named_in(demand)]
        return named, reading

    def _counterparts(
        self, claims: Sequence[claims_.Claim], reading: Reading, register: Register, said: Sequence[str]
    ) -> tuple[list[str], list[str]]:
        """For each claim of the Sachverhalt or the Begründung, the register's state of an application it calls
        by name, and the sentence of a document or an earlier reply that covers most of it
        (``claim_min_share``), each unless the Sachstand has it already, led in once; and the reviewer's note."""
        sentences: list[str] = []
        notes: list[str] = []
        for claim in claims:
            states, updated, statuses = self._states(claim.text, register)
            found = self._counterpart(claim, reading)
            if found is not None and updated and _other_state(found.quote, statuses):
                day = released_on(found.passage.chunk)
                found = found if day and day >= updated else None  # the register's later state speaks, not an
                # older "Das Amt testet seit dem 06.10.2025 das System TalentMatch" (it ended on 31.01.2026)
            # "Beim Pilot SitzungsScribe wurde der Personalrat nicht beteiligt": what its record's notes say of it
            states += self._noted(claim.text, register, [*said, *sentences])
            new = []
            for state in (s for s in states if s not in _unled([*said, *sentences])):
                new.append(self._led(state, sentences))
                sentences.append(new[-1])
            marker = ""
            if found is not None:
                quoted = any(c.quote == found.quote for c in register.citations)
                lead = "" if any(s.startswith(claims_.LEAD) for s in sentences) else claims_.LEAD
                sentence = self._quoter.quoted(found, register, lead)  # its own lead-in first ("In ihrer Antwort …")
                marker = register.cite_chunk(found.passage.chunk, found.quote)  # the one ``quoted`` gave
                again = sentence.removeprefix(claims_.LEAD) in _unled([*said, *sentences])  # two claims, one source
                if not quoted and not again and not paragraph.repeats(found.text, " ".join([*said, *sentences])):
                    sentences.append(sentence)  # a sentence the Sachstand has already is not said twice
                    new.append(sentence)
            if marker or new:
                notes.append(claims_.note(claim, marker or "".join(re.findall(r"\[\d+\]", " ".join(new)))))
        return sentences, notes

    @staticmethod
    def _led(sentence: str, said: Sequence[str]) -> str:
        """The first sentence set beside the motion's claims, led in as such."""
        return sentence if any(s.startswith(claims_.LEAD) for s in said) else claims_.LEAD + sentence

    def _counterpart(self, claim: claims_.Claim, reading: Reading) -> Checked | None:
        """The current sentence of a document or an earlier reply that covers most of a claim."""
        # Wide: the claim's words, not the demand's subject, decide (a claim may speak of something else).
        passages = self._retriever.retrieve(
            claim.text, Filters(kinds=("document", "answer")), top_k=3 * self._retriever.top_k
        )
        share = self._claim_share(claim.text)
        own = Question(claim.demand, claim.demand, claim.text)
        least = self._settings.claim_min_share
        checked = self._gaps.extract_several(own, reading, passages, share, least, len(passages))
        # not a sentence on another application than the claim's ("TOP 5 RechnungsCheck: Im Entwurf … sollen für
        # die Einrichtung 24.000 € …" for "Der Entwurf sieht für KI deutlich mehr Mittel vor")
        called = sorted(self._understanding.finder.named_in(claim.text) | set(reading.subject.applications))
        found = sorted(
            (c for c in checked if share(c.quote) >= least and not under_another(c, called, self._kb, by_heading=True)),
            key=lambda c: -share(c.quote),
        )
        if not found:  # "soll … insgesamt 66.000 € kosten": what the sources state of that figure now
            found = [
                c for c in claims_.figure_counterparts(claim.text, passages, self._called)
                if not under_another(c, called, self._kb, by_heading=True)
            ]  # fmt: skip
            found.sort(key=lambda c: source_day(c.passage.chunk, released_on(c.passage.chunk)) or date.min)
            found.reverse()  # the latest source's figure first (not an earlier reply's "rund 150")
        return next((c for c in found if self._quoter.current(c) == [c]), None)  # not a statement since overtaken

    def _states(self, claim: str, register: Register) -> tuple[list[str], date | None, set[str]]:
        """The register's state of each application a claim calls by name ("weiterhin mit TalentMatch": it
        ended on 31.01.2026; "der Bot ist bis heute nicht online": in operation since 15.06.2026) whose record
        the Sachstand has not cited yet, the latest day those records were updated, and their states."""
        called = self._called(claim)
        rows = [r for r in self._kb.inventory if r.get("id") in called]
        days = [d for r in rows if (d := iso_day(r.get("updated")))]
        statuses = {str(r.get("status")) for r in rows}
        cited = {c.source_id for c in register.citations}
        rows = [r for r in rows if f"inventory:{r.get('id')}" not in cited]
        found = application_facts(rows, ("status",), self._kb, register, self._today).sentences if rows else []
        return list(found), max(days, default=None), statuses

    def _noted(self, claim: str, register: Register, said: Sequence[str]) -> list[str]:
        """The clauses of the notes of the applications a claim calls by name that hold most of it, the
        name counted as held ("Zustimmung des Personalrats am 25.08.2026 (Anlage 4 DV KI)")."""
        least, share = self._settings.claim_min_share, self._claim_share(claim)

        def speaks(clause: str, names: str) -> bool:
            return share(f"{names} {clause}") >= least

        return noted(self._called(claim), self._kb, register, speaks, " ".join(said))

    def _claim_share(self, claim: str) -> Callable[[str], float]:
        """A quote's share of a claim (``claims.share``), the names of the applications it names looked up once."""
        named = self._understanding.finder.named_in(claim)
        names = " ".join(r.get("name") for r in self._kb.inventory if r.get("id") in named)
        return partial(claims_.share, claim, coverage=self._coverage, names=names)

    def _called(self, text: str) -> list[str]:
        """The applications a text calls by name ("weiterhin mit TalentMatch"), not only by a purpose word."""
        finder = self._understanding.finder
        return [i for i in finder.named_in(text) if finder.calls([i], text)]

    def _named_records(
        self, demand: str, named: Sequence[str], register: Register, asked: Sequence[str] = ()
    ) -> list[str]:
        """The rules in force on the demand's subject, and the applications it names or whose departments
        it names (``named``): all their state and the ``asked`` columns, also of one the data answer has
        cited with its status only."""
        sentences = rules_on(demand, self._kb, register, self._today)
        ids = list(dict.fromkeys(named))
        sentences += application_sentences(ids, demand, self._kb, register, self._today, asked)
        return sentences + noted(ids, self._kb, register, speaks_of(demand, self._coverage), " ".join(sentences))

    def _overview(self, demand: str, reading: Reading, register: Register) -> DataAnswer | None:
        """The inventory's overview for a demand that wants a register of all applications."""
        if not asks_overview(demand):
            return None
        listing = replace(
            reading, intent=Intent.LISTING, also=(), columns=(), statuses=(), filters=(), departments=(),
            subject=Subject(everything=True, origin="question"),
        )  # fmt: skip
        return answer_from_data(listing, self._kb, self._today, register, demand)

    def reading(self, inquiry: Inquiry) -> tuple[Inquiry, dict[str, Reading]]:
        """The motion's Sachstand questions (``sachstand_inquiry``) and their readings, once per motion."""
        if self._motion is None or self._motion[0] != inquiry:
            asked = sachstand_inquiry(inquiry)
            argued = claims_.argued(inquiry)
            found = claims_.claims_of(argued, self._coverage)
            labels = claims_.labelled(argued)
            assigned = claims_.assign(
                found, inquiry.questions, self._coverage, claims_.DEMAND_SHARE, self._called, labels
            )
            self._motion = (inquiry, asked, self._understanding.read(asked, chained=False), assigned)
        return self._motion[1], self._motion[2]

    def _on_another(self, checked: Checked, about: Sequence[str]) -> bool:
        return on_another(checked, about, self._kb)


# What a sentence says of an application's state, as the register's states: tested, in use, planned, ended.
_STATES = (
    (re.compile(r"\b(?:test\w*|erprob\w*|pilot\w*)", re.IGNORECASE), {"pilot", "test"}),
    (
        re.compile(r"\b(?:im\s+einsatz|in\s+betrieb|regelbetrieb|eingesetzt|genutzt|nutzt|eingeführt)\b", re.I),
        {"production"},
    ),
    (re.compile(r"\b(?:geplant|soll\w*\s+\w+\s+starten)\b", re.IGNORECASE), {"planned"}),
    (re.compile(r"\b(?:beendet|eingestellt|abgeschaltet)\b", re.IGNORECASE), {"discontinued"}),
)


def _other_state(sentence: str, statuses: set[str]) -> bool:
    """Whether a sentence says the application is in a state the register does not give it ("Das Amt testet
    seit dem 06.10.2025 das System TalentMatch" of one the register has ended)."""
    said = [states for pattern, states in _STATES if pattern.search(sentence)]
    return bool(said) and not any(states & statuses for states in said)


# A demand that points back to the application its motion is about: "des Systems", "die Anwendung".
_THE_SYSTEM = re.compile(
    r"\b(?:de[rsmn]|die|das)\s+(?:[\wäöüß-]+\s+)?(?:System|Anwendung|Software|Assistent|Programm|Werkzeug)\w*"
)


def _other_application(chunk: Chunk, named: Sequence[str]) -> bool:
    return chunk.kind == "inventory" and chunk.source_id.split(":", 1)[-1] not in named


def _unled(sentences: Sequence[str]) -> list[str]:
    """The sentences without the lead-in set before the first one beside the motion's claims."""
    return [s.removeprefix(claims_.LEAD) for s in sentences]


UNNAMED_NOTE = "Im Antrag genannt, in keiner Quelle erwähnt: "


def absent(unnamed: Sequence[str]) -> str:
    """The Sachstand of a demand whose subject no source names ("Es wird ein Ethikbeirat KI eingerichtet"): said as
    what the office's own papers show, by the word alone (no article to guess its gender)."""
    terms = " und ".join(f"„{term}“" for term in unnamed[:2])
    word = "Die Begriffe" if len(unnamed[:2]) > 1 else "Der Begriff"
    verb = "kommen" if len(unnamed[:2]) > 1 else "kommt"
    return (
        f"{word} {terms} {verb} in den Unterlagen der Verwaltung nicht vor; ein Beschluss, eine Planung oder eine "
        "Umsetzung hierzu ist dort nicht verzeichnet."
    )
