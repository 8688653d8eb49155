"""Draft an answer for every question: retrieve -> compose -> verify.

The kind of answer is decided before and independently of the model:
``needs_input`` for political judgements, a table from the data for listing
and money questions (``structured.py``), ``no_information`` when retrieval
finds no evidence (naming the department that must supply the facts), and a
follow-up ("Wenn ja, ...") inherits a parent answer that has no facts. Only
then does the model compose, and only verified sentences reach the draft. If
none survives, an extractive answer built from the best quote stands in,
marked ``partial``. Finally figures are compared with earlier replies.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from assistant.backends.llm import ChatModel
from assistant.consistency import contradictions
from assistant.domain import Answer, AnswerStatus, Citation, Inquiry, Passage, Question
from assistant.draft import build_messages, compose
from assistant.errors import BackendError
from assistant.kb.model import KnowledgeBase
from assistant.prompts import Prompts
from assistant.retrieve import Retriever, context_of, query_text
from assistant.routing import responsible
from assistant.settings import DraftingSettings
from assistant.structured import answer_from_data
from assistant.text import best_quote, negated
from assistant.verify import Checked, out_of_force, verify

Progress = Callable[[int, int, Question, Answer | None], None]
LiveText = Callable[[Question, str], None]

_JUDGEMENT = re.compile(
    r"^(Sieht|Hält|Teilt|Befürwortet|Wie (?:bewertet|beurteilt|steht)|Welche (?:\w+ )?Vorschläge hat|Erwartet)\b"
)
_IF_YES = re.compile(r"^(Wenn|Falls|Sofern|Soweit) (ja|dies\b|das\b)", re.IGNORECASE)


def _with_marker(sentence: str, marker: str) -> str:
    sentence = sentence.rstrip()
    if sentence and sentence[-1] in ".!?":
        return f"{sentence[:-1]} {marker}{sentence[-1]}"
    return f"{sentence} {marker}."


class Drafter:
    def __init__(
        self,
        llm: ChatModel,
        retriever: Retriever,
        prompts: Prompts,
        kb: KnowledgeBase,
        today: date | None = None,
        settings: DraftingSettings | None = None,
    ) -> None:
        self._llm = llm
        self._retriever = retriever
        self._prompts = prompts
        self._kb = kb
        self._municipality = kb.municipality
        self._today = today or date.today()
        self._settings = settings or DraftingSettings()

    def _contact(self) -> str:
        return self._municipality.contact_unit or "die zuständige Organisationseinheit"

    def _no_information(self, question: Question, started: float) -> Answer:
        department = responsible(question.text, self._kb)
        who = f"vom {department.name} ({department.id})" if department else "von der zuständigen Stelle"
        text = (
            "Zu dieser Frage enthält die Wissensbasis der Verwaltung keine Angaben. "
            f"Die Antwort muss {who} ergänzt werden (Koordination: {self._contact()})."
        )
        return Answer(question.id, "no_information", text, model="", seconds=time.perf_counter() - started)

    def _needs_input(self, question: Question, started: float) -> Answer:
        text = (
            "Diese Frage erbittet eine Bewertung, die die Verwaltungsleitung selbst formulieren muss; "
            "ein Entwurf wird dafür nicht automatisch erstellt."
        )
        return Answer(question.id, "needs_input", text, model="", seconds=time.perf_counter() - started)

    def _follow_up(self, question: Question, parent: Answer | None, started: float) -> Answer | None:
        """A "Wenn ja, ..." question whose parent has no facts or was answered in the negative."""
        if parent is None or question.follows is None:
            return None
        if parent.status in ("no_information", "needs_input"):
            text = (
                f"Siehe Antwort zu Frage {question.follows}; "
                "ohne diese Angaben kann die Folgefrage nicht beantwortet werden."
            )
            return Answer(question.id, parent.status, text, model="", seconds=time.perf_counter() - started)
        first = parent.text.split(". ", 1)[0]
        if _IF_YES.match(question.text) and parent.citations and (first.startswith("Nein") or negated(first)):
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

    def _extractive(self, question: Question, passages: list[Passage]) -> Checked:
        """The top passage's sentence closest to the question, quoted verbatim."""
        top = passages[0]
        heading = top.chunk.metadata.get("section", "")
        body = "\n".join(line for line in top.chunk.text.split("\n") if line != heading)
        quote = best_quote(question.text, body or top.chunk.text, min_chars=40)
        return Checked(text=quote, passage=top, quote=quote)

    def _context(self, question: Question, inquiry: Inquiry, earlier: dict[str, Answer]) -> str:
        """The parent's text, and its drafted answer so a follow-up stays consistent with it."""
        context = context_of(question, inquiry)
        parent = earlier.get(question.follows or "")
        if parent is not None and parent.status in ("answered", "partial"):
            context += f"\nBisherige Antwort der Verwaltung zu Frage {parent.question_id}: {parent.text}"
        return context

    def answer(
        self,
        question: Question,
        inquiry: Inquiry,
        earlier: dict[str, Answer] | None = None,
        on_text: LiveText | None = None,
    ) -> Answer:
        started = time.perf_counter()
        earlier = earlier or {}
        if _JUDGEMENT.match(question.text):
            return self._needs_input(question, started)
        if (inherited := self._follow_up(question, earlier.get(question.follows or ""), started)) is not None:
            return inherited
        from_data = answer_from_data(question, self._kb, self._today)
        if from_data is not None:
            return self._checked_against_earlier(
                replace(from_data, seconds=time.perf_counter() - started), question, inquiry
            )
        passages = self._retriever.retrieve(query_text(question, inquiry))
        if not passages:
            return self._no_information(question, started)
        answer = self._compose(question, inquiry, passages, earlier, on_text)
        answer = self._checked_against_earlier(answer, question, inquiry)
        return replace(answer, seconds=time.perf_counter() - started)

    def _compose(
        self,
        question: Question,
        inquiry: Inquiry,
        passages: list[Passage],
        earlier: dict[str, Answer],
        on_text: LiveText | None,
    ) -> Answer:
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
        )
        warnings = list(prompt.warnings)
        live = (lambda text: on_text(question, text)) if on_text else None
        try:
            draft = compose(self._llm, prompt, max_sentences=settings.max_sentences, on_text=live)
        except BackendError as exc:
            draft, warnings = None, [*warnings, exc.message]
        if draft is not None and draft.problem:
            warnings.append(draft.problem)
        checked = verify(draft.sentences if draft else (), passages, self._today, question.text, settings.min_support)
        warnings += checked.warnings
        kept = list(checked.kept)
        status: AnswerStatus = "answered" if kept and not checked.removed else "partial"
        if not kept:
            fallback = self._extractive(question, passages)
            kept = [fallback]
            warnings.append("Kein belegter Satz des Sprachmodells; wörtlicher Auszug aus der besten Quelle übernommen")
            if (stale := out_of_force(fallback.passage, self._today)) and stale not in warnings:
                warnings.append(stale)
        citations = tuple(
            Citation(f"[{n}]", c.passage.chunk.source_id, c.passage.chunk.title, c.quote)
            for n, c in enumerate(kept, start=1)
        )
        text = " ".join(_with_marker(c.text, f"[{n}]") for n, c in enumerate(kept, start=1))
        return Answer(
            question_id=question.id,
            status=status,
            text=text,
            citations=citations,
            warnings=tuple(warnings),
            model=draft.completion.model if draft else self._llm.name,
        )

    def _checked_against_earlier(self, answer: Answer, question: Question, inquiry: Inquiry) -> Answer:
        if not self._kb.answers:
            return answer
        similar = self._retriever.similar_answers(query_text(question, inquiry))
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
        answers: dict[str, Answer] = dict(done or {})
        todo = [q for q in questions if q.id not in answers]
        for number, question in enumerate(todo, start=1):
            if progress:
                progress(number, len(todo), question, None)
            answer = self.answer(question, inquiry, answers, on_text)
            answers[question.id] = answer
            if progress:
                progress(number, len(todo), question, answer)
        return [answers[q.id] for q in questions if q.id in answers]
