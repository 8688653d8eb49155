"""Have the language model compose an answer from retrieved passages.

The model only composes: it returns sentences, each naming the number of the
source it relies on, constrained by a JSON schema. Whether a sentence
survives is decided afterwards, in code, by ``verify``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.backends.llm import ChatModel, Completion, Message, parse_json
from assistant.domain import Passage, Question
from assistant.prompts import Prompts

MAX_SENTENCES = 4
MAX_SENTENCE_CHARS = 400


@dataclass(frozen=True)
class DraftSentence:
    text: str
    source: int  # 1-based number of the passage in the prompt


@dataclass(frozen=True)
class ModelDraft:
    sentences: tuple[DraftSentence, ...]
    completion: Completion
    problem: str | None = None  # set when the output could not be used


def answer_schema(source_count: int) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "saetze": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_SENTENCES,
                "items": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string"},
                        "quelle": {"type": "integer", "enum": list(range(1, source_count + 1))},
                    },
                    "required": ["text", "quelle"],
                },
            }
        },
        "required": ["saetze"],
    }


def build_messages(
    prompts: Prompts,
    municipality: str,
    question: Question,
    context: str,
    passages: Sequence[Passage],
) -> list[Message]:
    system = prompts.render("answer.system.txt", municipality=municipality)
    user = prompts.render(
        "answer.user.txt",
        sources=[{"title": p.chunk.title, "text": p.chunk.text} for p in passages],
        question_id=question.id,
        question=question.text,
        context=context,
    )
    return [Message("system", system), Message("user", user)]


def parse_sentences(text: str, source_count: int) -> tuple[list[DraftSentence], str | None]:
    data = parse_json(text)
    if not isinstance(data, dict) or not isinstance(data.get("saetze"), list):
        return [], "Ausgabe des Sprachmodells war kein gültiges JSON"
    sentences = []
    for item in data["saetze"][:MAX_SENTENCES]:
        if not isinstance(item, dict):
            continue
        sentence = " ".join(str(item.get("text", "")).split())[:MAX_SENTENCE_CHARS]
        try:
            source = int(item.get("quelle", 0))
        except (TypeError, ValueError):
            source = 0
        if sentence:
            sentences.append(DraftSentence(sentence, source))
    if not sentences:
        return [], "Das Sprachmodell hat keinen Satz geliefert"
    return sentences, None


def compose(llm: ChatModel, messages: Sequence[Message], source_count: int) -> ModelDraft:
    completion = llm.complete(messages, json_schema=answer_schema(source_count))
    sentences, problem = parse_sentences(completion.text, source_count)
    return ModelDraft(tuple(sentences), completion, problem)
