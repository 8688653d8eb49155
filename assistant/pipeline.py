"""Draft an answer for every question: retrieve -> compose -> verify.

The kind of answer is decided before and independently of the model:
``needs_input`` for political judgements, a table from the data for listing
and money questions (``structured.py``), ``no_information`` when retrieval
finds no evidence. Only then does the model compose, and only verified
sentences reach the draft. If none survives, an extractive answer built from
the best quote stands in, marked ``partial``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from assistant.backends.llm import ChatModel
from assistant.domain import Answer, AnswerStatus, Citation, Inquiry, Passage, Question
from assistant.draft import build_messages, compose
from assistant.errors import BackendError
from assistant.kb.model import KnowledgeBase
from assistant.prompts import Prompts
from assistant.retrieve import Retriever, context_of, query_text
from assistant.structured import answer_from_data
from assistant.verify import Checked, best_quote, out_of_force, verify

Progress = Callable[[int, int, Question, Answer | None], None]

_JUDGEMENT = re.compile(
    r"^(Sieht|Hält|Teilt|Befürwortet|Wie (?:bewertet|beurteilt|steht)|Welche Vorschläge hat|Erwartet)\b"
)


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
    ) -> None:
        self._llm = llm
        self._retriever = retriever
        self._prompts = prompts
        self._kb = kb
        self._municipality = kb.municipality
        self._today = today or date.today()

    def _contact(self) -> str:
        return self._municipality.contact_unit or "die zuständige Organisationseinheit"

    def _no_information(self, question: Question, started: float) -> Answer:
        text = (
            "Zu dieser Frage enthält die Wissensbasis der Verwaltung keine Angaben. "
            f"Die Antwort muss von der zuständigen Stelle ergänzt werden (Koordination: {self._contact()})."
        )
        return Answer(question.id, "no_information", text, model="", seconds=time.perf_counter() - started)

    def _needs_input(self, question: Question, started: float) -> Answer:
        text = (
            "Diese Frage erbittet eine Bewertung, die die Verwaltungsleitung selbst formulieren muss; "
            "ein Entwurf wird dafür nicht automatisch erstellt."
        )
        return Answer(question.id, "needs_input", text, model="", seconds=time.perf_counter() - started)

    def _extractive(self, question: Question, passages: list[Passage]) -> Checked:
        """The top passage's sentence closest to the question, quoted verbatim."""
        top = passages[0]
        heading = top.chunk.metadata.get("section", "")
        body = "\n".join(line for line in top.chunk.text.split("\n") if line != heading)
        quote = best_quote(question.text, body or top.chunk.text, min_chars=40)
        return Checked(text=quote, passage=top, quote=quote)

    def answer(self, question: Question, inquiry: Inquiry) -> Answer:
        started = time.perf_counter()
        if _JUDGEMENT.match(question.text):
            return self._needs_input(question, started)
        from_data = answer_from_data(question, self._kb, self._today)
        if from_data is not None:
            return replace(from_data, seconds=time.perf_counter() - started)
        context = context_of(question, inquiry)
        passages = self._retriever.retrieve(query_text(question, inquiry))
        if not passages:
            return self._no_information(question, started)
        messages = build_messages(self._prompts, self._municipality.name, question, context, passages)
        warnings: list[str] = []
        try:
            draft = compose(self._llm, messages, len(passages))
        except BackendError as exc:
            draft, warnings = None, [exc.message]
        if draft is not None and draft.problem:
            warnings.append(draft.problem)
        checked = verify(draft.sentences if draft else (), passages, self._today, question.text)
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
            seconds=time.perf_counter() - started,
        )

    def run(self, inquiry: Inquiry, progress: Progress | None = None) -> list[Answer]:
        questions = inquiry.answerable()
        answers = []
        for number, question in enumerate(questions, start=1):
            if progress:
                progress(number, len(questions), question, None)
            answer = self.answer(question, inquiry)
            answers.append(answer)
            if progress:
                progress(number, len(questions), question, answer)
        return answers
