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
earlier replies. Sources' sentences are quoted as a clerk quotes them
(``quoting.py``); a motion's demand gets its Sachstand from ``sachstand.py``.
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
from assistant.drafting import lexicon as lx
from assistant.drafting import paragraph
from assistant.drafting import wording as w
from assistant.drafting.amended import unquoted
from assistant.drafting.amending import demanded
from assistant.drafting.asked_figures import (
    AskedFigures,
    asks_only_figures,
    counted,
    counts,
    denies_done,
    denies_figure,
    newest_counts,
    states_no_figure,
)
from assistant.drafting.citing import Register, compacted, line_of, with_markers
from assistant.drafting.claims import share as claims_share
from assistant.drafting.classify import Intent, asks_if_yes
from assistant.drafting.compose import build_messages, compose
from assistant.drafting.consistency import contradictions
from assistant.drafting.demands import purposes_of
from assistant.drafting.evidence import scoped
from assistant.drafting.finance_sentences import on_row
from assistant.drafting.gaps import (
    UNTIL_WHEN,
    Gaps,
    has_date,
    has_deadline,
    notes_of,
    plain,
    row_statement,
    says_nothing,
    unbulleted,
)
from assistant.drafting.leads import (
    named_document,
    named_pronoun,
    released_on,
    repealed,
    said_once,
    with_its_figures,
)
from assistant.drafting.named import (
    names_money,
)
from assistant.drafting.outcomes import measured, results
from assistant.drafting.owned import own_short_name
from assistant.drafting.parts import asked_about, holds_what_it_asks, question_parts, unanswered
from assistant.drafting.premise import counterparts, premise_of
from assistant.drafting.premise import note as premise_note
from assistant.drafting.quoting import Quoter, names_only_others, on_another
from assistant.drafting.relevance import Coverage
from assistant.drafting.retrieve import PER_REPLY, Filters, Retriever, context_of, few_per_reply
from assistant.drafting.sachstand import Statements
from assistant.drafting.stale import source_day
from assistant.drafting.standing import (
    NAMES_SOURCE,
    clause_cited,
    listed,
    standing,
)
from assistant.drafting.statement import compose as compose_statement
from assistant.drafting.statement import is_motion
from assistant.drafting.structured import DataAnswer, answer_from_data, counts_nothing, quotes_evaluation
from assistant.drafting.subject import own_name, short_name
from assistant.drafting.understand import Reading, Understanding
from assistant.drafting.verify import Checked, out_of_force, verify
from assistant.errors import BackendError
from assistant.kb.chunk import budget_chunk, chunks
from assistant.kb.keyword import analyze
from assistant.kb.model import KnowledgeBase
from assistant.prompts import Prompts
from assistant.settings import DraftingSettings
from assistant.text import negated, numbers, sentences_of, table_rows

Progress = Callable[[int, int, Question, Answer | None], None]
LiveText = Callable[[Question, str], None]


PRIME_AHEAD = 8  # questions whose retrieval queries are embedded together (the first answer waits for eight)
FALLBACK_NOTE = "Kein belegter Satz des Sprachmodells; wörtlicher Auszug aus der besten Quelle übernommen"
MAX_COUNTED = 4  # source sentences giving the counts a question asks, where the model gave none
STATED_SHARE = 0.7  # a source sentence with a number that covers this much of a count states it
NO_FIGURE_NOTE = "Die Frage fragt nur nach Zahlen; der Entwurf nannte keine – als „keine Erkenntnisse“ gefasst"
DATED_NOTE = "Die Frage fragt nach einem Datum; der Entwurf nannte keines – Satz mit Datum aus der Quelle ergänzt"
PARTS_NOTE = "Teilfragen, die der Entwurf offenließ, mit wörtlichen Auszügen aus den Quellen ergänzt"


# "Seit wann gilt sie?": a short sub-question that points back to what its parent asks about
_POINTS_BACK = re.compile(r"\b(?:sie|er|es|ihr|ihre[mnrs]?|sein|seine[mnrs]?)\b", re.IGNORECASE)


# "Hat der Magistrat … eine Dienstvereinbarung abgeschlossen?": whether a rule was made asks since when it applies
_CONCLUDED = re.compile(r"\b(?:abgeschlossen|geschlossen|erlassen|in\s+Kraft\s+gesetzt|unterzeichnet)\b", re.IGNORECASE)


def _names_body(quote: str, question: str) -> bool:
    """Whether a source sentence speaks of the other bodies a question asks about: other administrations, or the
    organisation the question names ("Sie gilt nicht für die Stadtwerke Jeetzebrück GmbH …")."""
    org = lx.OTHER_ORG.search(question)
    return bool(lx.BODY_WORDS.search(quote)) or (org is not None and org.group(1).lower()[:6] in quote.lower())


def _referred_parent(question: Question, inquiry: Inquiry) -> Question | None:
    """The parent question a short sub-question refers back to with a pronoun, if it has one."""
    if question.parent is None or len(question.text.split()) > 8 or not _POINTS_BACK.search(question.text):
        return None
    return _parent(question, inquiry)


def _parent(question: Question, inquiry: Inquiry | None) -> Question | None:
    """The question a sub-question stands under, if any."""
    if inquiry is None or question.parent is None:
        return None
    return next((q for q in inquiry.questions if q.id == question.parent), None)


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
        self._documents = [Passage(c, 0.0) for c in read if c.kind == "document"]  # every document's passage
        self._sections: dict[str, list[Chunk]] = {}  # a section cut into several chunks: all of them, in order
        for chunk in read:
            if chunk.chunk_id != chunk.source_id:
                self._sections.setdefault(chunk.source_id, []).append(chunk)
        self._coverage = Coverage(read)
        self._figures = AskedFigures(read, self._coverage, self._settings.statement_figure_share)
        self._gaps = Gaps(kb, self._today)
        self._quoter = Quoter(kb, read, self._today)
        self._statements = Statements(
            kb, self._today, self._settings, self._understanding, self._coverage, self._figures, self._gaps,
            retriever, self._quoter, self._evidence,
        )  # fmt: skip

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
        if is_motion(inquiry):  # an Änderungsantrag's item: the wording it demands (``amending.py``)
            inquiry = demanded(inquiry)
            question = inquiry.question(question.id)
            return replace(
                self._statements.statement(question, inquiry, earlier or {}), seconds=time.perf_counter() - started
            )
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
        elsewhere = self._elsewhere(question.text, reading)  # the municipality's own data answers nothing about others
        data = None if elsewhere else answer_from_data(reading, self._kb, self._today, register, question.text)
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
        said = self._by_short_names(said, reading)
        return bool(unanswered(question.text, said, self._coverage, [self._subject_words(inquiry, reading)]))

    def _by_short_names(self, text: str, reading: Reading) -> str:
        """A draft with the applications it is about called by their short names: the words of a full name
        ("… Niederschriftsentwürfen für Ausschusssitzungen") answer no part ("in welchen Ausschüssen …?")."""
        for name in self._understanding.names(reading):
            for called in (name, own_name(name)):
                text = text.replace(called, short_name(own_name(name)))
        return text

    def _unstated(self, question: Question, reading: Reading, data: DataAnswer | None) -> list[str]:
        """The figures a question asks and nothing else, which no source states ("Wie viele Eigentümer haben
        Widerspruch eingelegt?"): a question the data does not answer, or answers only with an evaluation."""
        if data is not None and not (
            quotes_evaluation(reading, self._kb, question.text) or counts_nothing(reading, self._kb, question.text)
        ):
            return []
        return self._figures.unstated(question.text, self._settings.question_figure_share)

    def _no_figure(self, question: Question, sentences: list[str]) -> bool:
        """Whether a question asks only figures, the draft states none, and no source sentence with a number
        covers what it counts (``STATED_SHARE``): the administration has no such figure."""
        return (
            asks_only_figures(question.text)
            and states_no_figure(question.text, sentences)
            and not self._figures.stated(question.text, STATED_SHARE)
        )

    def answer_from(
        self, question: Question, inquiry: Inquiry, chosen: Sequence[Chunk], earlier: dict[str, Answer] | None = None
    ) -> Answer:
        """Compose from passages the reviewer picked: no retrieval and no answer from the data, but the
        same verification of every sentence against the passage it cites."""
        started = time.perf_counter()
        picked = [Passage(chunk, 1.0) for chunk in chosen]
        if is_motion(inquiry):  # the Sachstand from the picked passages, the Stellungnahme around it
            inquiry = demanded(inquiry)
            question = inquiry.question(question.id)
            asked, readings = self._statements.reading(inquiry)
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
            if not found and reading.query_before:  # "Wie viele … haben daran teilgenommen?": at what
                found = self._retriever.retrieve(reading.query_before, top_k=2 * top_k, focus=question.text)
            found = [p for p in found if money or p.chunk.kind != "budget"]
            kept = scoped(found, reading, self._kb, self._today, self._understanding.finder)
            best = sorted(kept, key=found.index)[:top_k]  # the best that remain, in the order scoping gives
            passages = [p for p in kept if p in best]
        # "Wie viele Drohnen ...?": what the question is about occurs nowhere in the knowledge base; of one
        # application, a compound of known words ("Wohngeldansprüche") is what the sources say otherwise
        specific = bool(reading.subject.applications) and not reading.subject.everything
        if self._coverage.unknown_focus(question.text, by_parts=specific):
            return []
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
        # what the data cited is said; a rule's day (``standing``) leaves the rest of its text to the model
        used = {c.source_id for c in register.citations}
        data_sentences += self._standing(question, inquiry, reading, register, data_sentences)
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
        elsewhere = self._elsewhere(question.text, reading)  # "andere Kommunen": only a source on other bodies
        kept = [
            c
            for c in self._gaps.whole(composed)
            if not self._about_another(c.quote, reading, c) and (not elsewhere or _names_body(c.quote, question.text))
        ]
        kept = [now for c in kept for now in self._quoter.current(c)]  # not what later sources overtook or count anew
        removed += len(composed) - len(kept)
        # the model missed what is counted or what a trial has shown, and the data did not give it
        if missed := self._missed(question, reading, passages, [*kept, *data_sentences], inquiry, elsewhere):
            kept, removed = missed + kept, max(removed, 1)
            warnings.append(FALLBACK_NOTE)
        if not kept and (premised := self._premised(question, passages, warnings)):  # "Trifft es zu, dass …?"
            kept, removed = premised, max(removed, 1)
        subject = self._subject_words(inquiry, reading)
        in_parts = in_parts and not elsewhere
        completing = partial(self._parts, question, reading, passages, register, subject) if in_parts else None
        if not kept and elsewhere:
            return self._gaps.no_information(question, reading, extra=warnings, passages=passages)
        if not kept:  # beside a sentence from the data, too: it seldom answers more than a part
            if group := self._fallback(question, reading, passages, data_sentences):
                kept = group
                removed = max(removed, 1)
                warnings.append(FALLBACK_NOTE)
            # "Wer ist … verantwortlich, und wer entscheidet über die Freigabe …?": no one sentence covers the
            # whole question, each part has its own
            elif (
                not data_sentences and completing and (each := completing("")) and not all(map(lx.NO_DATA.search, each))
            ):
                warnings += [FALLBACK_NOTE, PARTS_NOTE]
                return self._parts_only(question, each, register, warnings, model)
            elif not data_sentences:
                return self._gaps.no_information(question, reading, extra=warnings, passages=passages)
        # the model may say a sentence twice, or a part of the next one; the data may have said it
        sentences = paragraph.distinct(list(data_sentences) + self._said(kept, register, warnings))
        said = self._by_short_names(paragraph.without_leads(sentences), reading)
        if (kept or data_sentences) and completing and (parts := completing(said)):
            sentences = said_once(paragraph.distinct(sentences + parts))
            warnings.append(PARTS_NOTE)
        sentences += self._dated(question, reading, passages, sentences, register, warnings)
        if self._no_figure(question, sentences):  # "seit dem 01.10.2026 im Pilotbetrieb" for "Wie viele …?"
            return self._gaps.no_information(question, reading, extra=[*warnings, NO_FIGURE_NOTE], passages=passages)
        notes, more = self._gaps.notes(kept, reading, register, " ".join(sentences))
        warnings += more
        if data is not None and data.gaps and not kept:
            sentences += self._gaps.data_gaps(data.gaps, sentences)
        status = "answered" if not removed and not (data and data.gaps) else "partial"
        table = data.table if data is not None else None
        text, citations, table = compacted(" ".join(sentences + notes), register.citations, table)
        return Answer(question.id, status, text, citations, tuple(warnings), table, model=model)

    def _standing(
        self, question: Question, inquiry: Inquiry, reading: Reading, register: Register, said: list[str]
    ) -> list[str]:
        """Of a yes/no or date question, the rule's day ("Gibt es eine Strategie?", "a) Seit wann gilt sie?")
        where ``said`` has not told it."""
        if not (reading.intent in (Intent.YES_NO, Intent.DATE) or Intent.DATE in reading.also):
            return []
        since = reading.intent is Intent.DATE or Intent.DATE in reading.also or bool(_CONCLUDED.search(question.text))
        stood = standing(question.text, self._kb, register, self._today, since)
        if not stood and (parent := _referred_parent(question, inquiry)):
            stood = standing(parent.text, self._kb, register, self._today, since)
        return [s for s in stood if not _told(s, said)]

    @staticmethod
    def _parts_only(
        question: Question, sentences: list[str], register: Register, warnings: list[str], model: str
    ) -> Answer:
        """A multi-part question no verified sentence answered, each part answered by a source's own sentence:
        partial, a clerk reads whether the parts make the answer."""
        text, citations, table = compacted(" ".join(said_once(paragraph.distinct(sentences))), register.citations)
        return Answer(question.id, "partial", text, citations, tuple(warnings), table, model=model)

    def _premised(self, question: Question, passages: list[Passage], warnings: list[str]) -> list[Checked]:
        """Of a question whether something is so ("Trifft es zu, dass …?") that no verified sentence answers, the
        sources' current sentences that cover most of what it takes for granted (``premise.py``); the reviewer's
        note in ``warnings``."""
        if (said := premise_of(question.text)) is None:
            return []
        filters = Filters(kinds=("document", "answer"))
        more = self._retriever.retrieve(said, filters, top_k=2 * self._retriever.top_k)
        pool = passages + [p for p in more if p.chunk.chunk_id not in {q.chunk.chunk_id for q in passages}]
        share = partial(claims_share, said, coverage=self._coverage)
        found = counterparts(pool, share, self._settings.claim_min_share)
        new = [now for c in found for now in self._quoter.current(c)]  # not what later sources overtook
        if new:
            warnings.append(premise_note(said))
        return new

    def _dated(
        self,
        question: Question,
        reading: Reading,
        passages: list[Passage],
        sentences: list[str],
        register: Register,
        warnings: list[str],
    ) -> list[str]:
        """Of a question "Seit wann …?" whose draft names no date: the sources' dated sentence that covers it,
        said as the answer says its sentences (a note in ``warnings``); else nothing."""
        said = has_deadline if UNTIL_WHEN.search(question.text) else has_date  # "Bis wann …?": a day to be done by
        if reading.intent is not Intent.DATE or not sentences or any(said(s) for s in sentences):
            return []
        share = partial(self._coverage.share, question.text)
        if (dated := self._gaps.extract_dated(passages, lambda quote: share([quote]), dated=said)) is None:
            return []
        warnings.append(DATED_NOTE)
        return self._said([dated], register, warnings)

    def _said(self, kept: list[Checked], register: Register, warnings: list[str]) -> list[str]:
        """The model's verified sentences as the answer says them: each cited, with the lead-in its source
        needs; a note in ``warnings`` for each rule out of force it relies on."""
        sentences: list[str] = []
        before = ""  # the document of the sentence before: a report's lead-in is said once for a run of its sentences
        for checked in kept:
            checked = with_its_figures(checked)
            chunk = checked.passage.chunk
            if " | " in checked.text and (row := table_rows(chunk.text).get(checked.quote.strip())):
                checked = replace(checked, text=row_statement(checked.passage, *row))  # "Falsch zugeordnete … | 38"
            text, quote = unbulleted(*listed(chunk, checked.text, checked.quote))  # "… entscheidet a) …, b) …"
            text, quote = paragraph.with_siblings(text, quote, chunk.text)  # "Anlage 1: …. Anlage 2: …"
            cited = clause_cited(chunk, text, quote, self._quoter.before(chunk))  # "Nach Nr. 5.2 KI-Leitlinie gilt: …"
            cited = named_pronoun(cited, quote, chunk.text)  # "… hat es (MigraDoc Bescheid) … eingestuft"
            # a rule no longer in force says what applied then ("… ist mit Ablauf des 31.08.2025 außer Kraft getreten;
            # sie sah vor: …"), not what applies today
            lead = repealed(checked.passage, self._today, register, self._quoter.header(chunk))
            if new_wording := self._quoter.amendments.lead(chunk, quote, register):  # amended
                lead, cited = new_wording, unquoted(text)
            document = chunk.source_id.split("#", 1)[0]
            # what it said then: "In ihrer Antwort vom 20.11.2025 hat die Verwaltung mitgeteilt: …", "In „Sachstand …“
            # wurde mit Stand vom 04.03.2026 mitgeteilt: …"; not before a note that names its source ("In „…“ ist zu …")
            if not lead and document != before and not NAMES_SOURCE.match(cited):
                lead = self._quoter.said_in(chunk, register)
            if document != before:  # "Diese Dienstanweisung gilt …" after another source's sentence
                cited = named_document(cited, chunk.title)
            before = document
            sentences.append(lead + with_markers(cited, register.cite_chunk(chunk, quote)))
            if (stale := out_of_force(checked.passage, self._today)) and stale not in warnings:
                warnings.append(stale)
        return sentences

    def _fallback(
        self, question: Question, reading: Reading, passages: list[Passage], data_sentences: list[str]
    ) -> list[Checked]:
        """Where no sentence of the model holds: the sources' sentence that covers most of the question (at least
        ``min_coverage``), with the rest of its short paragraph; none for one about other applications."""
        found = self._gaps.extract(
            question, reading, passages, lambda quote: self._coverage.share(question.text, [quote])
        )
        if found is None or found[1] < self._settings.min_coverage or self._about_another(found[0].quote, reading):
            return []
        if says_nothing(found[0].quote):  # "… ist nicht Gegenstand dieses Berichts": of the paper, not the matter
            return []
        return [c for c in self._quoter.around(found[0], " ".join(data_sentences)) if not says_nothing(c.quote)]

    def _counted(
        self,
        question: Question,
        reading: Reading,
        passages: list[Passage],
        said: Sequence[Checked | str],
        inquiry: Inquiry | None = None,
    ) -> list[Checked]:
        """Of a question that asks counts ("Wie viele Beschäftigte … haben daran teilgenommen?") where no kept
        sentence gives one of what it counts: the sources' sentences that do ("… hätten 591 Beschäftigte
        Modul A besucht"), at most ``MAX_COUNTED``, without what later sources counted anew; else none. Where the
        retrieved passages count nothing, every document's sentences that count it on the question's topic (with
        its parent's: "Zur KI-Schulung der Beschäftigten: … Wie viele Beschäftigte haben sie abgeschlossen?")."""
        nouns = counted(question.text)
        texts = [c if isinstance(c, str) else c.text for c in said]
        if not nouns or any(denies_done(question.text, t, nouns) for t in texts):
            return []
        # "Stellen wurden … nicht eingespart": the answer, even beside a count of something else ("1,5 Stellen
        # stehen … zur Verfügung")
        if none := self._none_done(question.text, passages, nouns, reading):
            return none
        if any(counts(t, nouns) for t in texts):
            return []
        found = self._counts_in(passages, nouns, reading)
        if not found:
            parent = _parent(question, inquiry)
            topic = f"{parent.text if parent else ''} {question.text}"

            def on_topic(sentence: str) -> bool:
                return self._coverage.share(topic, [sentence]) >= self._settings.part_min_share

            found = [c for c in self._counts_in(self._documents, nouns, reading) if on_topic(c.quote)]
        whole = self._gaps.whole(found)  # no labels
        found = list({c.quote: c for c in whole if counts(c.text, nouns)}.values())
        days = [(c.text, source_day(c.passage.chunk, released_on(c.passage.chunk))) for c in found]
        # no count anywhere: a source's word that there is none ("Eine Berechnung … liegt nicht vor")
        denied = [c for c in whole if denies_figure(c.text, nouns)][:1]
        return [found[i] for i in newest_counts(days, nouns)][:MAX_COUNTED] or denied

    def _missed(
        self,
        question: Question,
        reading: Reading,
        passages: list[Passage],
        said: list[Checked | str],
        inquiry: Inquiry,
        elsewhere: bool,
    ) -> list[Checked]:
        """The sources' sentences that give what a question counts, or what a trial has shown ("Welche Ergebnisse
        hat der Pilot bisher erbracht?"; not of other bodies), where the sentences ``said`` give none."""
        if counted := self._counted(question, reading, passages, said, inquiry):
            return counted
        return [] if elsewhere else self._shown(reading, passages, said)

    def _noted_count(self, passage: Passage, nouns: frozenset[str]) -> list[Checked]:
        """A budget row's note that counts one of ``nouns`` (its posts, its licences), said as the row's note."""
        note = line_of(passage.chunk, "Bemerkung")
        row = next((r for r in self._kb.budget if budget_chunk(r).chunk_id == passage.chunk.chunk_id), None)
        if row is None or not note.startswith("Bemerkung:") or not counts(note, nouns):
            return []
        said = note.removeprefix("Bemerkung:").strip().rstrip(".")
        return [Checked(text=f"{on_row(row)} ist vermerkt: „{said}“.", passage=passage, quote=note)]

    def _shown(self, reading: Reading, passages: list[Passage], said: Sequence[Checked | str]) -> list[Checked]:
        """Of a question on an application's results whose kept sentences report none: the documents' measured
        results of it (``outcomes.py``), without what later sources overtook."""
        subject = reading.subject
        if "evaluation" not in reading.columns or not subject.applications or subject.everything:
            return []
        if any(measured(s if isinstance(s, str) else s.text) for s in said):
            return []
        taken = {p.chunk.chunk_id for p in passages}
        pool = [*passages, *(p for p in self._documents if p.chunk.chunk_id not in taken)]
        return [now for c in results(subject.applications, pool, self._kb) for now in self._quoter.current(c)]

    def _none_done(
        self, question: str, passages: Sequence[Passage], nouns: frozenset[str], reading: Reading
    ) -> list[Checked]:
        """The documents' first current sentence that says none of what the question counts was done
        (``denies_done``), as the answer says it; none where no passage says so."""
        for passage in (p for p in passages if p.chunk.kind == "document"):
            for sentence in sentences_of(passage.chunk.text):
                if denies_done(question, sentence, nouns) and not self._about_another(sentence, reading):
                    checked = Checked(text=plain(sentence), passage=passage, quote=sentence)
                    if now := self._quoter.current(checked):
                        return now[:1]
        return []

    def _counts_in(self, passages: Sequence[Passage], nouns: frozenset[str], reading: Reading) -> list[Checked]:
        """The documents' sentences that count one of ``nouns`` or say there is no such figure, as the answer
        says them and without what later sources overtook."""
        found: list[Checked] = []
        for passage in passages:
            if passage.chunk.kind == "budget":  # "zusätzliche 1,0 Stelle ab 01.01.2028" in a row's note
                found += self._noted_count(passage, nouns)
            if passage.chunk.kind != "document":  # an earlier reply's count is of its day, the register's its own
                continue
            for sentence in sentences_of(passage.chunk.text):
                if (counts(sentence, nouns) or denies_figure(sentence, nouns)) and not self._about_another(
                    sentence, reading
                ):
                    # a report's list item "EmsiBot (Bürgeramt): Januar bis September 2026 94.300 Dialoge, …",
                    # no sentence of its own: quoted as what the report records
                    text = plain(sentence)
                    if any(w.is_fragment(part) for part in sentences_of(text)):
                        text = notes_of(passage, [sentence]).get(sentence, text)
                    found += self._quoter.current(Checked(text=text, passage=passage, quote=sentence))
        return found

    def _elsewhere(self, question: str, reading: Reading | None = None) -> bool:
        """Whether a question asks about other administrations ("andere Kommunen in Thüringen"; "die
        Kreisverwaltung", asked of a town or an Amt) – not about an application the town shares with the county
        its record names ("wie teilen sich Stadt und Landkreis Vilstal die Kosten" of their joint chatbot)."""
        if lx.OTHER_BODIES.search(question):
            return True
        if (org := lx.OTHER_ORG.search(question)) and not self._covers(org.group(1)):
            return True  # "Welche KI-Anwendungen setzt das Jobcenter ein?" where no record is the Jobcenter's
        county = lx.COUNTY.search(question)
        if self._municipality.kind == "Kreis" or county is None or county.group(1) in self._municipality.name:
            return False
        subject = reading.subject.applications if reading is not None else ()
        rows = [r for r in self._kb.inventory if r.get("id") in subject]
        called = [r for r in rows if (own := own_short_name(r.get("name"))) and own in question]  # by its name
        return not any(county.group(1) in " ".join(r.values.values()) for r in called)

    def _covers(self, organisation: str) -> bool:
        """Whether the knowledge base's departments or records name an organisation as the municipality's own
        (an Optionskommune's Jobcenter, a Eigenbetrieb that runs an application)."""
        stem = organisation.lower()[:6]
        named = [d.name for d in self._municipality.departments]
        named += [" ".join(r.values.values()) for r in self._kb.inventory]
        return any(stem in text.lower() for text in named)

    def _about_another(self, quote: str, reading: Reading, checked: Checked | None = None) -> bool:
        """Whether a quote names other applications and none of those a specific question is about ("… ist
        Lotte seit dem 15.09.2025 im Regelbetrieb" for "Wie geht es nach der Erprobung weiter?" of
        ElterngeldCheck): the passage was about several, this sentence about another; or, of a ``checked``
        sentence, stands in a paragraph that opens on another ("Herr Gundlach berichtet zu AKTINA Bau. Seit dem
        Start am 01.09.2025 …" for a question on AKTINA Wohngeld)."""
        subject = reading.subject
        if not subject.applications or subject.everything:
            return False
        if checked is not None and on_another(checked, subject.applications, self._kb):
            return True
        return names_only_others(quote, subject.applications, self._kb)

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
        parts, ignored = question_parts(question.text), set(analyze(subject))
        for part in unanswered(question.text, said, self._coverage, [subject]):
            about = asked_about(part, parts, self._coverage, ignored) or part  # "seit wann": of what

            def share(quote: str, part: str = part, about: str = about) -> float:  # "wie viele …": with a count
                if not holds_what_it_asks(part, quote):
                    return 0.0
                return self._coverage.share(about, [quote], ignore=[subject], acts=True)

            asked = replace(question, text=about)
            least = self._settings.part_min_share
            got = self._gaps.extract_several(asked, reading, passages, share, least, 1, lead_speaks=False)
            if not got:  # the question's best passages speak of the part the model answered
                pool = self._part_evidence(question, reading, part, passages)
                got = self._gaps.extract_several(asked, reading, pool, share, least, 1, lead_speaks=False)
            if not got:  # … or the rest of their section does (a report's next paragraph, cut into another chunk)
                pool = self._rest_of_sections(passages[:2])
                got = self._gaps.extract_several(asked, reading, pool, share, least, 1, lead_speaks=False)
            for checked in got:
                if not self._about_another(checked.quote, reading, checked):
                    found += self._quoter.with_paragraph(
                        checked, register, " ".join([said, *found]), reading.subject.applications
                    )
        return found

    def _rest_of_sections(self, passages: Sequence[Passage]) -> list[Passage]:
        """The other chunks of the sections the passages were cut from, one passage each."""
        seen = {p.chunk.chunk_id for p in passages}
        rest = [c for p in passages for c in self._sections.get(p.chunk.source_id, []) if c.chunk_id not in seen]
        return [Passage(chunk, 0.0) for chunk in rest]

    def _part_evidence(self, question: Question, reading: Reading, part: str, passages: list[Passage]) -> list[Passage]:
        """The passages for one part of a multi-part question, retrieved for the part in the question's frame
        (its parent, its applications), none of the whole question's ("Wurde eine DSFA durchgeführt und wurde
        die Datenschutzaufsicht beteiligt?": the question's best passages are on the DSFA)."""
        # "…, und welche Angaben enthält es?": the first part names what the later ones ask about
        topic = question_parts(question.text)[0]
        asked = part if part == topic else f"{topic} {part}"
        query = reading.query.replace(question.text, asked) if question.text in reading.query else asked
        money = names_money(part) or reading.asks(Intent.AMOUNT)
        found = self._retriever.retrieve(query, top_k=self._retriever.top_k, focus=part)
        found = [p for p in found if money or p.chunk.kind != "budget"]
        own = scoped(found, reading, self._kb, self._today, self._understanding.finder)
        taken = {p.chunk.chunk_id for p in passages[:2]}  # what extract_several already looked at
        return [p for p in own if p.chunk.chunk_id not in taken]

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
        readings = self._statements.reading(inquiry)[1] if is_motion(inquiry) else self.read(inquiry)
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


_TOPIC = re.compile(r"„([^“]{10,400})“")  # the demand's topic inside the Sachstand question's frame
