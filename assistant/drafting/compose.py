"""Have the language model compose an answer from retrieved passages.

The model only composes: it returns sentences, each naming the number of the
source it relies on, constrained by a JSON schema. Whether a sentence
survives is decided afterwards, in code, by ``verify``.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from assistant.backends.llm import ChatModel, Completion, Message, parse_json
from assistant.domain import Passage, Question
from assistant.drafting.evidence import focus
from assistant.drafting.injection import defuse
from assistant.prompts import Prompts
from assistant.settings import DEFAULTS
from assistant.text import sentences_of

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


def answer_schema(source_count: int, max_sentences: int = DEFAULTS.drafting.max_sentences) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "saetze": {
                "type": "array",
                "minItems": 1,
                "maxItems": max_sentences,
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


@dataclass(frozen=True)
class Prompt:
    messages: tuple[Message, ...]
    source_count: int  # passages shown, numbered 1..source_count
    warnings: tuple[str, ...] = ()  # instructions found in untrusted text and cut out


def build_messages(
    prompts: Prompts,
    municipality: str,
    question: Question,
    context: str,
    passages: Sequence[Passage],
    *,
    passage_chars: int = DEFAULTS.drafting.passage_chars,
    max_sentences: int = DEFAULTS.drafting.max_sentences,
    today: date | None = None,
) -> Prompt:
    """The system prompt (identical for every question of a run, so its KV cache is reused) and the user turn."""
    warnings: list[str] = []
    sources = []
    for passage in passages:
        text, cut = focus(passage, f"{context} {question.text}", passage_chars)
        if cut:
            warnings.append(
                f"Quelle {passage.chunk.source_id} enthält eine Anweisung an ein KI-System; "
                "sie wurde dem Sprachmodell nicht vorgelegt – bitte Wissensbasis prüfen"
            )
        title, _ = defuse(passage.chunk.title)
        sources.append({"title": title + _standing(passage, today), "text": text})
    asked, cut_question = defuse(question.text)
    context, cut_context = defuse(context)
    if cut_question or cut_context:
        warnings.append("Die Anfrage enthält eine Anweisung an ein KI-System; sie wurde nicht befolgt")
    day = (today or date.today()).strftime("%d.%m.%Y")
    system = prompts.render("answer.system.txt", municipality=municipality, max_sentences=max_sentences, today=day)
    user = prompts.render(
        "answer.user.txt",
        sources=sources,
        question_id=question.id,
        question=asked or question.text,
        context=context,
    )
    return Prompt((Message("system", system), Message("user", user)), len(passages), tuple(warnings))


def _standing(passage: Passage, today: date | None) -> str:
    """What the model must know about a document's standing: a draft, or no longer in force."""
    meta = passage.chunk.metadata
    if meta.get("draft"):
        return " (Entwurf, nicht beschlossen)"
    until = meta.get("valid_until", "")
    if until and today is not None and date.fromisoformat(until) < today:
        return " (nicht mehr in Kraft)"
    return ""


# A label the model puts before a copied sentence ("Zur Fehlerquote: Die durchschnittliche …", "Zu Frage 3: …")
# is the question's scaffolding, not a statement: the sentence after it is what the source says.
_LEAD_LABEL = re.compile(r"^(?:Zu[rm]?|Bezüglich|Hinsichtlich|Betreffend)\s[^:.!?]{1,60}:\s+(?=[A-ZÄÖÜ„\d])")


# A name the model quotes with mixed marks: „Frag Jette“” (a closing mark doubled), „Frag Jette” or “Frag Jette”.
_MIXED_QUOTE = re.compile(r"[„“]([^„“”\"]{1,120})(?:“”|”“|””|“|”)")


def german_quotes(sentence: str) -> str:
    """A sentence's quoted names in German marks once: „Frag Jette“ for „Frag Jette“”, „Frag Jette” or “Frag
    Jette”."""
    return _MIXED_QUOTE.sub(lambda m: f"„{m.group(1)}“", sentence)


def parse_sentences(
    text: str, source_count: int, max_sentences: int = DEFAULTS.drafting.max_sentences
) -> tuple[list[DraftSentence], str | None]:
    data, problem = parse_json(text), None
    if not isinstance(data, dict) or not isinstance(data.get("saetze"), list):
        # an answer cut off at the token limit still holds its finished sentences
        data = {"saetze": _finished_items(text)}
        if not data["saetze"]:
            return [], "Ausgabe des Sprachmodells war kein gültiges JSON"
        problem = "Ausgabe des Sprachmodells war unvollständig; nur ihre vollständigen Sätze wurden übernommen"
    sentences = []
    for item in data["saetze"][:max_sentences]:
        if not isinstance(item, dict):
            continue
        sentence = german_quotes(_LEAD_LABEL.sub("", " ".join(str(item.get("text", "")).split())))[:MAX_SENTENCE_CHARS]
        try:
            source = int(item.get("quelle", 0))
        except (TypeError, ValueError):
            source = 0
        # one item may hold several sentences: each is verified against its own quote ("… zum Training …
        # verwenden. Die Bilddaten … gelöscht." must not pass on the second sentence's support)
        sentences += [DraftSentence(part, source) for part in sentences_of(sentence)]
    if not sentences:
        return [], "Das Sprachmodell hat keinen Satz geliefert"
    return sentences, problem


_FINISHED_ITEM = re.compile(r'\{\s*"text"\s*:\s*("(?:[^"\\]|\\.)*")\s*,\s*"quelle"\s*:\s*(\d+)\s*\}')


def _finished_items(text: str) -> list[dict[str, Any]]:
    """The complete ``{"text": …, "quelle": n}`` items of an answer that is no valid JSON (cut off)."""
    items = []
    for literal, source in _FINISHED_ITEM.findall(text):
        try:
            items.append({"text": json.loads(literal), "quelle": int(source)})
        except json.JSONDecodeError:
            continue
    return items


_PARTIAL_TEXT = re.compile(r'"text"\s*:\s*"((?:[^"\\]|\\.)*)')


def partial_sentences(raw: str) -> list[str]:
    """The sentence texts of a JSON answer that is still being generated (for live display)."""
    return [match.replace('\\"', '"') for match in _PARTIAL_TEXT.findall(raw)]


def compose(
    llm: ChatModel,
    prompt: Prompt,
    *,
    max_sentences: int = DEFAULTS.drafting.max_sentences,
    on_text: Callable[[str], None] | None = None,
) -> ModelDraft:
    """Ask the model; with ``on_text``, stream and report the text written so far."""
    schema = answer_schema(prompt.source_count, max_sentences)
    if on_text is None:
        completion = llm.complete(prompt.messages, json_schema=schema)
    else:
        started, pieces = time.perf_counter(), []
        for piece in llm.stream(prompt.messages, json_schema=schema):
            pieces.append(piece)
            on_text(" ".join(partial_sentences("".join(pieces))))
        completion = Completion("".join(pieces), llm.name, time.perf_counter() - started)
    sentences, problem = parse_sentences(completion.text, prompt.source_count, max_sentences)
    return ModelDraft(tuple(sentences), completion, problem)
