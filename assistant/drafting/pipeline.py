"""Draft an answer for every question: understand -> data -> retrieve -> compose -> verify.

The kind of answer is decided before and independently of the model. Every
question is first read in its inquiry's context (``understand.py``: intent,
aspects, the applications it is about). A judgement is ``needs_input``; a
follow-up ("Wenn ja, ...") inherits a parent answer that has no facts; what
the data holds is written from the data (``structured.py``: listings,
counts, one application's columns, budget sums). Only then is evidence
retrieved – scoped to the question's subject, sources in force before those
no longer in force – and the model composes from it; only verified sentences
reach the draft. When the evidence does not speak to the question, the draft
says so in words fit for a letter and the department that holds the facts is
named for the reviewer (``gaps.py``). Finally figures are compared with
earlier replies.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial

from assistant.backends.embeddings import Embedder
from assistant.backends.llm import ChatModel
from assistant.domain import Answer, AnswerStatus, Chunk, Inquiry, Passage, Question
from assistant.drafting import claims as claims_
from assistant.drafting import lexicon as lx
from assistant.drafting import paragraph
from assistant.drafting.asked_figures import AskedFigures
from assistant.drafting.citing import Register, with_markers
from assistant.drafting.classify import Intent, asks_if_yes, normalise
from assistant.drafting.compose import build_messages, compose
from assistant.drafting.consistency import contradictions
from assistant.drafting.demands import asked as asked_question
from assistant.drafting.demands import purposes_of
from assistant.drafting.evidence import scoped
from assistant.drafting.facts import application_facts
from assistant.drafting.gaps import Gaps, leans_back, plain
from assistant.drafting.leads import (
    as_sentence,
    dated_minutes,
    earlier_reply,
    minutes,
    released_on,
    repealed,
    sentence_before,
    unrepeated,
    with_its_figures,
)
from assistant.drafting.named import (
    application_sentences,
    asks_overview,
    counted_unknown,
    in_scope,
    made_unknown,
    named_applications,
    names_money,
)
from assistant.drafting.overtaken import Overtaken
from assistant.drafting.parts import unanswered
from assistant.drafting.relevance import Coverage
from assistant.drafting.retrieve import PER_REPLY, Filters, Retriever, context_of, few_per_reply
from assistant.drafting.stale import Repriced, Rescheduled, StaleCounts
from assistant.drafting.standing import (
    clause_cited,
    lapsed_rules,
    lifted,
    listed,
    on_lapsed_rule,
    provision,
    rules_on,
    standing,
)
from assistant.drafting.statement import SACHSTAND_FRAME, is_motion, record_sentences, sachstand_inquiry
from assistant.drafting.statement import compose as compose_statement
from assistant.drafting.structured import DataAnswer, answer_from_data, counts_nothing, quotes_evaluation
from assistant.drafting.subject import asked_units, departments, own_name, says, short_name
from assistant.drafting.understand import Reading, Subject, Understanding
from assistant.drafting.verify import Checked, out_of_force, verify
from assistant.errors import BackendError
from assistant.kb.chunk import chunks
from assistant.kb.model import KnowledgeBase, Record
from assistant.prompts import Prompts
from assistant.settings import DraftingSettings
from assistant.text import negated, numbers, sentences_of

Progress = Callable[[int, int, Question, Answer | None], None]
LiveText = Callable[[Question, str], None]


PRIME_AHEAD = 8  # questions whose retrieval queries are embedded together (the first answer waits for eight)
FALLBACK_NOTE = "Kein belegter Satz des Sprachmodells; wörtlicher Auszug aus der besten Quelle übernommen"
PARTS_NOTE = "Teilfragen, die der Entwurf offenließ, mit wörtlichen Auszügen aus den Quellen ergänzt"


class Drafter:
    def __init__(
        self,
        llm: ChatModel,
        retriever: Retriever,
        prompts: Prompts,
        kb: KnowledgeBase,
        today: date | None = None,
        settings: DraftingSettings | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self._llm = llm
        self._retriever = retriever
        self._prompts = prompts
        self._kb = kb
        self._municipality = kb.municipality
        self._today = today or date.today()
        self._settings = settings or DraftingSettings()
        self._understanding = Understanding(kb, embedder, self._today)
        read = chunks(kb)
        self._coverage = Coverage(read)
        self._figures = AskedFigures(read, self._coverage, self._settings.statement_figure_share)
        self._gaps = Gaps(kb, self._today)
        self._overtaken = Overtaken((c.text for c in read), self._today)
        dated = [(c, released_on(c)) for c in read if c.kind in ("document", "answer")]
        self._stale = StaleCounts(dated, kb.inventory, self._today, ignore=kb.municipality.name)
        self._rescheduled = Rescheduled(dated, self._today, ignore=kb.municipality.name)
        self._repriced = Repriced(dated, self._today, ignore=kb.municipality.name)
        self._headers = {d.header_id: d.header for d in kb.documents}
        self._by_document: dict[str, list[Chunk]] = {}
        for chunk in read:
            if chunk.kind == "document":
                self._by_document.setdefault(chunk.source_id.split("#", 1)[0], []).append(chunk)
        self._lapsed = lapsed_rules(kb, self._today)
        # the last motion, read once: as Sachstand questions, their readings and the Begründung's claims
        self._motion: tuple[Inquiry, Inquiry, dict[str, Reading], list[claims_.Claim]] | None = None

    def read(self, inquiry: Inquiry) -> dict[str, Reading]:
        return self._understanding.read(inquiry)

    def _follow_up(self, question: Question, parent: Answer | None, started: float) -> Answer | None:
        """A "Wenn ja, ..." question whose parent has no facts or was answered in the negative."""
        if parent is None or question.follows is None:
            return None
        if parent.status in ("no_information", "needs_input"):
            text = f"Auf die Antwort zu Frage {question.follows} wird verwiesen."
            return Answer(question.id, parent.status, text, model="", seconds=time.perf_counter() - started)
        first = parent.text.split(". ", 1)[0]
        if asks_if_yes(question.text) and parent.citations and (first.startswith("Nein") or negated(first)):
            text = f"Entfällt, da Frage {question.follows} verneint wurde [1]."
            return Answer(
                question.id,
                "answered",
                text,
                citations=parent.citations[:1],
                warnings=(f"Als „entfällt“ entworfen, weil Antwort {question.follows} verneinend ist – bitte prüfen",),
                model="",
                seconds=time.perf_counter() - started,
            )
        return None

    def _context(self, question: Question, inquiry: Inquiry, earlier: dict[str, Answer]) -> str:
        """What the question refers to: the inquiry's Betreff, the parent's text and its drafted answer."""
        parts = [f"Betreff der Anfrage: {inquiry.subject}"] if inquiry.subject else []
        if own := context_of(question, inquiry):
            parts.append(own)
        parent = earlier.get(question.follows or "")
        if parent is not None and parent.status in ("answered", "partial"):
            parts.append(f"Bisherige Antwort der Verwaltung zu Frage {parent.question_id}: {parent.text}")
        return "\n".join(parts)

    def answer(
        self,
        question: Question,
        inquiry: Inquiry,
        earlier: dict[str, Answer] | None = None,
        on_text: LiveText | None = None,
        reading: Reading | None = None,
    ) -> Answer:
        started = time.perf_counter()
        if is_motion(inquiry):
            return replace(self._statement(question, inquiry, earlier or {}), seconds=time.perf_counter() - started)
        answer = self._draft(question, inquiry, earlier or {}, on_text, reading or self.read(inquiry)[question.id])
        assert answer is not None  # with the model, every question gets an answer
        return answer

    def _draft(
        self,
        question: Question,
        inquiry: Inquiry,
        earlier: dict[str, Answer],
        on_text: LiveText | None,
        reading: Reading,
        use_model: bool = True,
    ) -> Answer | None:
        """The answer to an inquiry's question; without ``use_model`` only one that needs no model (a
        judgement's placeholder, a follow-up, no information, an answer from the data) and else None."""
        started = time.perf_counter()
        if reading.intent == Intent.JUDGEMENT:
            return self._gaps.judgement(question, started)
        if (inherited := self._follow_up(question, earlier.get(question.follows or ""), started)) is not None:
            return inherited
        specific = bool(reading.subject.applications) and not reading.subject.everything
        # "Welche der von der FHH bereitgestellten Plattformen (z. B. LLMoin) nutzt das Bezirksamt?"; of one
        # application, where all the data has is its evaluation ("Wie hoch ist der Stromverbrauch von …?")
        if (not specific or quotes_evaluation(reading, self._kb, question.text)) and (
            unknown := self._coverage.unknown_focus(question.text, by_parts=specific)
        ):
            note = f"In der Anfrage erfragt, in keiner Quelle erwähnt: {', '.join(unknown)}"
            answer = self._gaps.no_information(question, reading, extra=[note])
            return replace(answer, seconds=time.perf_counter() - started)
        register = Register()
        data = answer_from_data(reading, self._kb, self._today, register, question.text)
        if unstated := self._unstated(question, reading, data):
            note = f"In der Anfrage erfragt, in keiner Quelle beziffert: {'; '.join(unstated)}"
            answer = self._gaps.no_information(question, reading, extra=[note])
        elif data is not None and not data.supplement and not self._data_leaves(question, inquiry, reading, data):
            answer = self._from_data(question, data, register)
        elif not use_model:
            return None
        else:
            answer = self._from_evidence(question, inquiry, reading, earlier, on_text, register, data)
        answer = self._checked_against_earlier(answer, reading)
        return replace(answer, seconds=time.perf_counter() - started)

    def _data_leaves(self, question: Question, inquiry: Inquiry, reading: Reading, data: DataAnswer) -> bool:
        """Whether the data answers one part of a multi-part question and leaves another ("Seit wann und für
        welchen Kreis von Beschäftigten …?": the go-live date, not who may use it) – the sources are asked too."""
        if data.table is not None and reading.subject.everything:
            return False  # the register's overview is the answer; a sentence beside it is padding
        said = data.text
        if data.table is not None:
            said += "\n" + "\n".join(" ".join(row) for row in data.table.rows)
        return bool(unanswered(question.text, said, self._coverage, [self._subject_words(inquiry, reading)]))

    def _unstated(self, question: Question, reading: Reading, data: DataAnswer | None) -> list[str]:
        """The figures a question asks and nothing else, which no source states ("Wie viele Eigentümer haben
        Widerspruch eingelegt?"): a question the data does not answer, or answers only with an evaluation."""
        if data is not None and not (
            quotes_evaluation(reading, self._kb, question.text) or counts_nothing(reading, self._kb, question.text)
        ):
            return []
        return self._figures.unstated(question.text, self._settings.question_figure_share)

    def _statement(self, question: Question, inquiry: Inquiry, earlier: dict[str, Answer]) -> Answer:
        """A motion's demand: its Sachstand from the knowledge base, then the Stellungnahme around it."""
        asked, readings = self._motion_reading(inquiry)
        scope = self._scope(inquiry.subject or "")
        claims = [c for c in self._motion[3] if c.demand == question.id] if self._motion else []
        lead = inquiry.question(question.parent).text if question.parent else ""
        titled = self._called_in_title(inquiry.subject or "")
        sachstand = self._sachstand(
            asked.question(question.id),
            readings[question.id],
            question.text,
            scope,
            claims,
            lead,
            titled if len(titled) == 1 else (),
        )
        return compose_statement(question, inquiry, sachstand, self._kb, self._today, earlier)

    def _scope(self, title: str) -> tuple[str, ...]:
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
    ) -> Answer:
        """What exists of what a demand wants, in the sources' own sentences (no model: a 1.5B model asked
        "Was hat die Verwaltung zum Thema … bereits beschlossen?" repeats the demand): the standing of the
        documents it names, the records the whole demand names, then the closest sentence of each of the
        best passages, and what the sources say on the Begründung's ``claims`` about the demand. A demand
        that names no application is about the one its motion's title calls by name (``titled``)."""
        demand = demand or question.text
        register = Register()
        data = answer_from_data(reading, self._kb, self._today, register, question.text)
        sentences = list(data.sentences) if data is not None and data.status != "no_information" else []
        unknown, unnamed = max(self._coverage.unnamed(demand), self._coverage.unnamed(asked_question(demand)))
        named_note = f"Im Antrag genannt, in keiner Quelle erwähnt: {', '.join(unnamed)}"
        named, reading = self._demanded(demand, reading, scope, lead, titled, (unknown, unnamed))
        counted = counted_unknown(demand, unnamed)  # "die Zahl der Beschwerden", where none is mentioned
        if not sentences and (missing := [counted] if counted else self._figures.missing(demand)):
            notes = [named_note] if unknown >= self._settings.statement_max_unnamed else []
            notes.append(f"Im Antrag erfragt, in keiner Quelle beziffert: {'; '.join(missing)}")
            return self._gaps.no_information(question, reading, extra=notes)
        sentences += standing(question.text, self._kb, register, self._today)
        sentences += [s for s in self._named_records(demand, named, register, reading.columns) if s not in sentences]
        if data is None or data.table is None:
            data = self._overview(demand, reading, register) or data
            sentences += list(data.sentences) if data is not None and data.status != "no_information" else []
        # An application's record speaks only for a demand that names it (the nearest one is another subject).
        passages = [p for p in self._evidence(reading, question, wide=True) if not _other_application(p.chunk, named)]
        if unknown >= self._settings.statement_max_unnamed:  # what it names occurs nowhere: the nearest is beside it
            if not sentences:
                return self._gaps.no_information(question, reading, extra=[named_note], passages=passages)
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
        kept = [c for c in kept if not (about and self._on_another(c, about))]
        warnings: list[str] = []
        for checked in kept:
            sentences += self._paragraph(checked, register, " ".join(sentences))
            if (stale := out_of_force(checked.passage, self._today)) and stale not in warnings:
                warnings.append(stale)
        # A budget row in the Sachstand only for a demand about money (it names an amount or asks what something
        # costs; not a row "kein KI-Bezug"): for another, the rows of its subject are under Finanzielle Auswirkungen.
        about_money = names_money(demand) or reading.asks(Intent.AMOUNT) or "cost" in reading.columns
        kinds = ("inventory", "budget") if about_money else ("inventory",)
        records = [p.chunk for p in passages[:6] if p.chunk.kind in kinds and not lx.NO_AI.search(p.chunk.text)]
        for chunk in records[:2]:
            stated = any(c.source_id == chunk.source_id for c in register.citations)  # by the data answer
            if (
                self._coverage.share(question.text, [chunk.text], frame, acts=True)
                >= self._settings.statement_min_share
            ):
                sentences += record_sentences(chunk, self._kb, register, self._today, state=not stated)
        sentences = paragraph.distinct(list(dict.fromkeys(sentences)))
        if not sentences:
            return self._gaps.no_information(question, reading, passages=passages)
        said, remarks = self._counterparts(claims, reading, register, sentences)
        sentences += said
        warnings += remarks
        notes, more = self._gaps.notes(kept, reading, register, " ".join(sentences))
        table = data.table if data is not None else None
        text = " ".join(sentences + notes)
        return Answer(question.id, "answered", text, register.citations, (*warnings, *more), table)

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

    def _quoted(self, checked: Checked, register: Register, lead: str = "") -> str:
        """A source's sentence in the Sachstand, cited, with the lead-in its source needs (an earlier reply,
        a rule no longer in force, a numbered provision), else ``lead``; a lifted paragraph said as lifted,
        not in its former wording, which reads as a rule."""
        chunk = checked.passage.chunk
        text, quote = listed(chunk, checked.text, checked.quote)  # "… entscheidet a) …, b) …"
        gone = repealed(checked.passage, self._today, register, self._header(chunk))
        own = (earlier_reply(chunk) + gone) or minutes(chunk) or dated_minutes(chunk, self._parts_of(chunk), register)
        marker = register.cite_chunk(chunk, quote)  # after the lead-in's own sources: the markers read in order
        if not own and (lift := lifted(chunk, checked.quote)):
            return with_markers(lift, marker)
        cited = clause_cited(chunk, text)  # "5.2 Die Nutzung …" is led by its own Nr.
        numbered = provision(chunk, checked.quote) if cited == text else ""
        return (own or numbered or lead) + with_markers(cited, marker)

    def _parts_of(self, chunk: Chunk) -> list[Chunk]:
        """The chunks of the document a chunk is of, in order."""
        path = chunk.source_id.split("#", 1)[0]
        return self._by_document.get(path, [])

    def _header(self, chunk: Chunk) -> str:
        """The front matter of the document a chunk is of, as written."""
        return self._headers.get(chunk.source_id.split("#", 1)[0], "")

    def _paragraph(self, checked: Checked, register: Register, said: str) -> list[str]:
        """A Sachstand's quote with the rest of its short paragraph (``_around``), the lead-in once."""
        chunk = checked.passage.chunk
        group = [now for part in self._around(checked, said) if (now := unrepeated(part, said)) is not None]
        # "Dies ist der erste Sachstandsbericht …", "Ihm gehören an: …": what they point at is not in the draft
        # (the quote itself only where it points back for sure: "Es wird … eingerichtet" points at nothing)
        while (
            group
            and leans_back(group[0].text)
            and (group[0].quote != checked.quote or _POINTS_BACK.match(group[0].text))
        ):
            group = group[1:]
        if not group:
            return []
        found = [self._quoted(group[0], register)]
        for part in group[1:]:
            if chunk.kind == "answer":  # without a lead-in, an earlier reply's next sentence reads as today's
                found.append("Ferner hieß es dort: " + with_markers(part.text, register.cite_chunk(chunk, part.quote)))
            elif part.text.rstrip(".") not in said:  # the data answer or another source said it already
                found.append(with_markers(part.text, register.cite_chunk(chunk, part.quote)))
        return found

    def _around(self, checked: Checked, said: str) -> list[Checked]:
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
        return [now for part in group for now in self._current(part)]

    def _current(self, part: Checked) -> list[Checked]:
        """An earlier reply's or a document's sentence without the clauses later sources have overtaken
        (``overtaken.py``)."""
        chunk = part.passage.chunk
        released = released_on(chunk)
        clauses = self._overtaken.current(part.quote, released, chunk.kind != "answer") if released else [part.quote]
        before = sentence_before(chunk.text, part.quote)  # "AmtsText steht …" for "Zum … bestanden 59 Nutzerkonten"
        spoken = self._rescheduled.day_of(chunk, released)

        def gone(clause: str) -> bool:  # a count a later source counts anew, a day it moved (``stale.py``)
            return (
                self._stale.stale(clause, before)
                or self._rescheduled.rescheduled(clause, spoken, before)
                or self._repriced.repriced(clause, spoken, before, chunk.title)
            )

        if any(gone(c) for c in clauses):
            pieces = [p.rstrip(";").rstrip() for c in clauses for p in re.split(r"(?<=;)\s+", c) if p.strip()]
            clauses = [p for p in pieces if not gone(p)]
        if clauses == [part.quote]:
            return [part]
        if part.text != plain(part.quote):  # a table row, a list item, a recommendation: whole or not at all
            return []
        return [Checked(text=as_sentence(plain(c)), passage=part.passage, quote=c) for c in clauses]

    def _counterparts(
        self, claims: Sequence[claims_.Claim], reading: Reading, register: Register, said: Sequence[str]
    ) -> tuple[list[str], list[str]]:
        """For each claim of the Begründung, the sentence of a document or an earlier reply that covers most
        of it (``claim_min_share``), unless the Sachstand has it already, and the reviewer's note."""
        sentences: list[str] = []
        notes: list[str] = []
        for claim in claims:
            # Wide: the claim's words, not the demand's subject, decide (a claim may speak of something else).
            passages = self._retriever.retrieve(
                claim.text, Filters(kinds=("document", "answer")), top_k=3 * self._retriever.top_k
            )
            share = partial(self._claim_share, claim.text)
            own = Question(claim.demand, claim.demand, claim.text)
            least = self._settings.claim_min_share
            checked = self._gaps.extract_several(own, reading, passages, share, least, len(passages))
            found = sorted((c for c in checked if share(c.quote) >= least), key=lambda c: -share(c.quote))
            found = [c for c in found if self._current(c) == [c]]  # not a statement since overtaken
            if not found:
                continue
            quoted = [c for c in register.citations if c.quote == found[0].quote]
            sentence = self._quoted(found[0], register, claims_.LEAD)
            marker = register.cite_chunk(found[0].passage.chunk, found[0].quote)  # the one ``_quoted`` gave
            if not quoted and not any(found[0].text in s for s in [*said, *sentences]):
                sentences.append(sentence)  # a sentence the Sachstand has already is not said twice
                sentences += [s for s in self._not_in_use(claim.text, register) if s not in [*said, *sentences]]
            notes.append(claims_.note(claim, marker))
        return sentences, notes

    def _not_in_use(self, claim: str, register: Register) -> list[str]:
        """The register's state of an application a claim calls by name that is not in use ("mit WohngeldCheck
        setzt das Amt … ein Hochrisiko-KI-System ein": it was stopped on 30.04.2026), beside a quote that may
        only confirm what it says of it."""
        finder = self._understanding.finder
        called = [i for i in finder.named_in(claim) if finder.calls([i], claim)]
        rows = [r for r in self._kb.inventory if r.get("id") in called and r.get("status") in _NOT_IN_USE]
        return application_facts(rows, ("status",), self._kb, register, self._today).sentences if rows else []

    def _claim_share(self, claim: str, quote: str) -> float:
        return claims_.share(claim, quote, self._coverage)

    def _named_records(
        self, demand: str, named: Sequence[str], register: Register, asked: Sequence[str] = ()
    ) -> list[str]:
        """The rules in force on the demand's subject, and the applications it names or whose departments
        it names (``named``): all their state and the ``asked`` columns, also of one the data answer has
        cited with its status only."""
        sentences = rules_on(demand, self._kb, register, self._today)
        ids = list(dict.fromkeys(named))
        return sentences + application_sentences(ids, demand, self._kb, register, self._today, asked)

    def _overview(self, demand: str, reading: Reading, register: Register) -> DataAnswer | None:
        """The inventory's overview for a demand that wants a register of all applications."""
        if not asks_overview(demand):
            return None
        listing = replace(
            reading, intent=Intent.LISTING, also=(), columns=(), statuses=(), filters=(), departments=(),
            subject=Subject(everything=True, origin="question"),
        )  # fmt: skip
        return answer_from_data(listing, self._kb, self._today, register, demand)

    def _motion_reading(self, inquiry: Inquiry) -> tuple[Inquiry, dict[str, Reading]]:
        """The motion's Sachstand questions (``sachstand_inquiry``) and their readings, once per motion."""
        if self._motion is None or self._motion[0] != inquiry:
            asked = sachstand_inquiry(inquiry)
            found = claims_.claims_of(inquiry.justification, self._coverage)
            assigned = claims_.assign(found, inquiry.questions, self._coverage, claims_.DEMAND_SHARE)
            self._motion = (inquiry, asked, self._understanding.read(asked, chained=False), assigned)
        return self._motion[1], self._motion[2]

    def answer_from(
        self, question: Question, inquiry: Inquiry, chosen: Sequence[Chunk], earlier: dict[str, Answer] | None = None
    ) -> Answer:
        """Compose from passages the reviewer picked: no retrieval and no answer from the data, but the
        same verification of every sentence against the passage it cites."""
        started = time.perf_counter()
        picked = [Passage(chunk, 1.0) for chunk in chosen]
        if is_motion(inquiry):  # the Sachstand from the picked passages, the Stellungnahme around it
            asked, readings = self._motion_reading(inquiry)
            own, reading = asked.question(question.id), readings[question.id]
            sachstand = self._from_evidence(own, asked, reading, {}, None, Register(), None, picked, in_parts=False)
            answer = compose_statement(question, inquiry, sachstand, self._kb, self._today)
        else:
            reading = self.read(inquiry)[question.id]
            answer = self._from_evidence(question, inquiry, reading, earlier or {}, None, Register(), None, picked)
        note = "Neu entworfen aus den von der Sachbearbeitung gewählten Fundstellen"
        return replace(answer, warnings=(*answer.warnings, note), seconds=time.perf_counter() - started)

    def _from_data(self, question: Question, data: DataAnswer, register: Register) -> Answer:
        if data.status == "no_information":
            return self._gaps.no_information(question, reading=None, reason=data.text, extra=data.warnings)
        sentences = data.sentences + self._gaps.data_gaps(data.gaps, data.sentences)
        return Answer(
            question.id,
            data.status,
            " ".join(sentences),
            register.citations,
            tuple(data.warnings),
            data.table,
            model="",
        )

    def _evidence(self, reading: Reading, question: Question, wide: bool = False) -> list[Passage]:
        """The passages a question's answer may rely on; ``wide``: for a Sachstand, at most ``PER_REPLY`` answers
        of one earlier reply, the next passages retrieved in their place."""
        top_k = self._retriever.top_k
        if wide:  # (the demand's own words ranked once more lost facts on sets 11 and 12: decision record 0025)
            found = self._retriever.retrieve(reading.query, top_k=3 * top_k)
            if not found and (topic := _TOPIC.search(reading.query)):  # the frame's words drew it below the bar
                found = self._retriever.retrieve(topic.group(1), top_k=3 * top_k)
            passages = few_per_reply(found, PER_REPLY)[:top_k]
            passages = scoped(passages, reading, self._kb, self._today, self._understanding.finder)
        else:  # what scoping drops, and budget rows for a question not about money, leave room for the next
            money = reading.asks(Intent.AMOUNT) or "cost" in reading.columns or names_money(question.text)
            money = money or "personnel" in purposes_of(question.text)  # "Wie viele Stellen …": the budget's posts
            found = self._retriever.retrieve(reading.query, top_k=2 * top_k, focus=question.text)
            found = [p for p in found if money or p.chunk.kind != "budget"]
            kept = scoped(found, reading, self._kb, self._today, self._understanding.finder)
            best = sorted(kept, key=found.index)[:top_k]  # the best that remain, in the order scoping gives
            passages = [p for p in kept if p in best]
        if self._coverage.unknown_focus(question.text):
            return []  # "Wie viele Drohnen ...?": what the question is about occurs nowhere in the knowledge base
        return passages

    def _from_evidence(
        self,
        question: Question,
        inquiry: Inquiry,
        reading: Reading,
        earlier: dict[str, Answer],
        on_text: LiveText | None,
        register: Register,
        data: DataAnswer | None,
        picked: list[Passage] | None = None,
        in_parts: bool = True,
    ) -> Answer:
        """An answer composed by the model from the evidence, each sentence verified; ``in_parts``: the parts of
        a multi-part question the verified sentences leave open completed from the sources' own sentences."""
        data_sentences = list(data.sentences) if data is not None else []
        if reading.intent in (Intent.YES_NO, Intent.DATE) or Intent.DATE in reading.also:
            stood = standing(question.text, self._kb, register, self._today)  # "Gibt es eine Strategie?"
            data_sentences += [s for s in stood if not _told(s, data_sentences)]
        used = {c.source_id for c in register.citations}
        evidence = picked if picked is not None else self._evidence(reading, question)
        passages = [p for p in evidence if p.chunk.source_id not in used]
        warnings = list(data.warnings) if data is not None else []
        if not passages:
            if data_sentences:
                text = " ".join(data_sentences + self._gaps.data_gaps(data.gaps if data else [], data_sentences))
                status: AnswerStatus = data.status if data is not None else "answered"
                table = data.table if data is not None else None
                return Answer(question.id, status, text, register.citations, tuple(warnings), table, model="")
            return self._gaps.no_information(question, reading, passages=passages)
        composed, model, removed, found = self._compose(question, inquiry, reading, passages, earlier, on_text)
        warnings += found
        kept = [c for c in self._gaps.whole(composed) if not self._about_another(c.quote, reading)]
        kept = [now for c in kept for now in self._current(c)]  # not what later sources overtook or count anew
        removed += len(composed) - len(kept)
        subject = self._subject_words(inquiry, reading)
        completing = partial(self._parts, question, reading, passages, register, subject) if in_parts else None
        if not kept:  # beside a sentence from the data, too: it seldom answers more than a part
            fallback = self._gaps.extract(
                question, reading, passages, lambda quote: self._coverage.share(question.text, [quote])
            )
            covering = (
                fallback is not None
                and fallback[1] >= self._settings.min_coverage
                and not self._about_another(fallback[0].quote, reading)
            )
            group = self._around(fallback[0], " ".join(data_sentences)) if fallback is not None and covering else []
            if group:
                kept = group
                removed = max(removed, 1)
                warnings.append(FALLBACK_NOTE)
            elif not data_sentences:
                return self._gaps.no_information(question, reading, extra=warnings, passages=passages)
        sentences = list(data_sentences)
        for checked in kept:
            checked = with_its_figures(checked)
            text, quote = listed(checked.passage.chunk, checked.text, checked.quote)  # "… entscheidet a) …, b) …"
            cited = clause_cited(checked.passage.chunk, text)  # "Nach Nr. 5.2 KI-Leitlinie gilt: …"
            # a rule no longer in force says what applied then ("… ist mit Ablauf des 31.08.2025 außer Kraft getreten;
            # sie sah vor: …"), not what applies today
            lead = repealed(checked.passage, self._today, register, self._header(checked.passage.chunk))
            sentences.append(lead + with_markers(cited, register.cite_chunk(checked.passage.chunk, quote)))
            if (stale := out_of_force(checked.passage, self._today)) and stale not in warnings:
                warnings.append(stale)
        if kept and completing and (parts := completing(" ".join(sentences))):
            sentences = paragraph.distinct(sentences + parts)
            warnings.append(PARTS_NOTE)
        notes, more = self._gaps.notes(kept, reading, register, " ".join(sentences))
        warnings += more
        if data is not None and data.gaps and not kept:
            sentences += self._gaps.data_gaps(data.gaps, sentences)
        status = "answered" if not removed and not (data and data.gaps) else "partial"
        table = data.table if data is not None else None
        text = " ".join(sentences + notes)
        return Answer(question.id, status, text, register.citations, tuple(warnings), table, model=model)

    def _about_another(self, quote: str, reading: Reading) -> bool:
        """Whether a quote names other applications and none of those a specific question is about ("… ist
        Lotte seit dem 15.09.2025 im Regelbetrieb" for "Wie geht es nach der Erprobung weiter?" of
        ElterngeldCheck): the passage was about several, this sentence about another."""
        subject = reading.subject
        if not subject.applications or subject.everything:
            return False
        return self._names_only_others(quote, subject.applications)

    def _on_another(self, checked: Checked, about: Sequence[str]) -> bool:
        """Whether a quote stands in a paragraph that opens on other applications and never names those the
        demand is about (a minutes' paragraph "… fragt nach dem Zeitplan für FeuerAssist. …")."""
        paragraph = _paragraph_of(checked)
        opening = next(iter(sentences_of(paragraph)), "")
        return (
            opening != checked.quote
            and self._names_only_others(paragraph, about)
            and (self._names_only_others(opening, about))
        )

    def _names_only_others(self, quote: str, wanted_ids: Sequence[str]) -> bool:
        """Whether a text names other applications by name and none of ``wanted_ids``."""
        wanted = set(wanted_ids)

        def called(row: Record) -> bool:
            short = short_name(own_name(row.get("name")))
            return len(short) >= 4 and says(short, quote)

        own = [r for r in self._kb.inventory if r.get("id") in wanted]
        others = [r for r in self._kb.inventory if r.get("id") not in wanted]
        return any(called(r) for r in others) and not any(called(r) for r in own)

    def _subject_words(self, inquiry: Inquiry, reading: Reading) -> str:
        """What every sentence of the answer may share with the question without answering it: the inquiry's
        Betreff, the municipality, the names of the applications it is about."""
        return " ".join([inquiry.subject or "", self._municipality.name, *self._understanding.names(reading)])

    def _parts(
        self, question: Question, reading: Reading, passages: list[Passage], register: Register, subject: str, said: str
    ) -> list[str]:
        """For each part of a multi-part question that ``said`` leaves unanswered (``parts.py``), the passages'
        sentence that holds most of it (at least ``part_min_share``), with the rest of its short paragraph."""
        found: list[str] = []
        for part in unanswered(question.text, said, self._coverage, [subject]):

            def share(quote: str, part: str = part) -> float:
                return self._coverage.share(part, [quote], ignore=[subject], acts=True)

            asked = replace(question, text=part)
            least = self._settings.part_min_share
            for checked in self._gaps.extract_several(asked, reading, passages, share, least, 1, lead_speaks=False):
                if not self._about_another(checked.quote, reading):
                    found += self._paragraph(checked, register, " ".join([said, *found]))
        return found

    def _compose(
        self,
        question: Question,
        inquiry: Inquiry,
        reading: Reading,
        passages: list[Passage],
        earlier: dict[str, Answer],
        on_text: LiveText | None,
    ) -> tuple[list[Checked], str, int, list[str]]:
        settings = self._settings
        shown = passages[: settings.passages]
        prompt = build_messages(
            self._prompts,
            self._municipality.name,
            question,
            self._context(question, inquiry, earlier),
            shown,
            passage_chars=settings.passage_chars,
            max_sentences=settings.max_sentences,
            today=self._today,
        )
        warnings = list(prompt.warnings)
        live = (lambda text: on_text(question, text)) if on_text else None
        try:
            draft = compose(self._llm, prompt, max_sentences=settings.max_sentences, on_text=live)
        except BackendError as exc:
            draft, warnings = None, [*warnings, exc.message]
        if draft is not None and draft.problem:
            warnings.append(draft.problem)
        subject = " ".join([inquiry.subject or "", self._municipality.name, *self._understanding.names(reading)])
        echo = reading.asks(Intent.YES_NO)  # "Gibt es …?" – "Ja, es gibt …" answers with the question's words
        checked = verify(
            draft.sentences if draft else (), passages, self._today, question.text, settings.min_support, subject, echo
        )
        warnings += checked.warnings
        model = draft.completion.model if draft else self._llm.name
        cut = 1 if draft is not None and draft.problem and draft.sentences else 0  # cut off: the rest is missing
        return list(checked.kept), model, checked.removed + cut, warnings

    def _checked_against_earlier(self, answer: Answer, reading: Reading) -> Answer:
        if not self._kb.answers or answer.status in ("no_information", "needs_input"):
            return answer
        similar = self._retriever.similar_answers(reading.query)
        drafted = answer.text
        if answer.table is not None:
            drafted += "\n" + "\n".join(" | ".join(row) for row in answer.table.rows)
        found = [w for w in contradictions(drafted, similar, self._settings.similar_reply) if w not in answer.warnings]
        return replace(answer, warnings=answer.warnings + tuple(found)) if found else answer

    def run(
        self,
        inquiry: Inquiry,
        progress: Progress | None = None,
        on_text: LiveText | None = None,
        done: dict[str, Answer] | None = None,
    ) -> list[Answer]:
        """Draft every question that ``done`` (answers kept from an interrupted run) lacks."""
        questions = inquiry.answerable()
        readings = self._motion_reading(inquiry)[1] if is_motion(inquiry) else self.read(inquiry)
        answers: dict[str, Answer] = dict(done or {})
        todo = [q for q in questions if q.id not in answers]
        total, number = len(todo), 0
        if not is_motion(inquiry):  # what needs no model first: the page fills while the model works
            for question in todo:
                if question.follows and question.follows not in answers:
                    continue  # a follow-up waits for the answer it follows
                answer = self._draft(question, inquiry, answers, None, readings[question.id], use_model=False)
                if answer is not None:
                    number += 1
                    answers[question.id] = answer
                    if progress:
                        progress(number, total, question, answer)
        rest = [q for q in todo if q.id not in answers]
        for start, question in enumerate(rest):
            if start % PRIME_AHEAD == 0:  # the next questions' queries in one batch: a fraction of the time
                self._retriever.prime([readings[q.id].query for q in rest[start : start + PRIME_AHEAD]])
            number += 1
            if progress:
                progress(number, total, question, None)
            answer = self.answer(question, inquiry, answers, on_text, readings[question.id])
            answers[question.id] = answer
            if progress:
                progress(number, total, question, answer)
        return [answers[q.id] for q in questions if q.id in answers]


def _told(sentence: str, said: Sequence[str]) -> bool:
    """Whether every figure and day of ``sentence`` is in ``said`` already ("… befindet sich seit dem
    01.07.2026 im Pilotbetrieb" after "… ist seit dem 01.07.2026 im Pilotbetrieb"); a sentence without one
    is never told."""
    own = numbers(paragraph.unmarked(sentence))
    return bool(own) and own <= numbers(paragraph.unmarked(" ".join(said)))


def _paragraph_of(checked: Checked) -> str:
    """The source line (a paragraph, once unwrapped) a quote stands in."""
    return next((line for line in checked.passage.chunk.text.split("\n") if checked.quote in line), checked.quote)


# A sentence that cannot stand alone: its subject is in the sentence before ("Ihm gehören an: …", "Dies ist …").
_POINTS_BACK = re.compile(r"^(?:Ihm|Ihnen|Dies|Diese[rsmn]?|Deren|Dessen)\b")

# A demand that points back to the application its motion is about: "des Systems", "die Anwendung".
_THE_SYSTEM = re.compile(
    r"\b(?:de[rsmn]|die|das)\s+(?:[\wäöüß-]+\s+)?(?:System|Anwendung|Software|Assistent|Programm|Werkzeug)\w*"
)


def _other_application(chunk: Chunk, named: Sequence[str]) -> bool:
    return chunk.kind == "inventory" and chunk.source_id.split(":", 1)[-1] not in named


_TOPIC = re.compile(r"„([^“]{10,400})“")  # the demand's topic inside the Sachstand question's frame


_NOT_IN_USE = ("discontinued", "planned")
