"""Language-model backends.

One small Protocol, ``ChatModel``; the implementations wrap LangChain chat
models so the embedded default (llama-cpp-python through ``ChatLlamaCpp``)
and any OpenAI-compatible server (vLLM, llama.cpp server, Ollama through
``ChatOpenAI``) share one code path. Output is constrained by a JSON schema:
llama.cpp turns it into a grammar, servers receive it as ``response_format``.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import BackendError, ModelError, require
from assistant.settings import LLMSettings


@dataclass(frozen=True)
class Message:
    role: str  # "system" | "user" | "assistant"
    content: str


@dataclass(frozen=True)
class Completion:
    text: str
    model: str
    seconds: float
    prompt_tokens: int = 0
    completion_tokens: int = 0


class ChatModel(Protocol):
    """What drafting needs from a language model."""

    name: str

    def complete(self, messages: Sequence[Message], *, json_schema: dict[str, Any] | None = None) -> Completion: ...

    def stream(self, messages: Sequence[Message], *, json_schema: dict[str, Any] | None = None) -> Iterator[str]: ...


def _to_langchain(messages: Sequence[Message]) -> list[Any]:
    lc = require("langchain_core.messages", "langchain-core", "Sprachmodell-Schnittstelle")
    kinds = {"system": lc.SystemMessage, "user": lc.HumanMessage, "assistant": lc.AIMessage}  # type: ignore[attr-defined]
    return [kinds[m.role](content=m.content) for m in messages]


class LangChainChatModel:
    """Adapter from a LangChain ``BaseChatModel`` to our ``ChatModel``."""

    def __init__(self, chat: Any, name: str, json_kwargs: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        self._chat = chat
        self._json_kwargs = json_kwargs
        self.name = name

    @property
    def langchain(self) -> Any:
        """The LangChain chat model itself (for chains built elsewhere, e.g. the evaluation baseline)."""
        return self._chat

    def _kwargs(self, json_schema: dict[str, Any] | None) -> dict[str, Any]:
        return self._json_kwargs(json_schema) if json_schema is not None else {}

    def complete(self, messages: Sequence[Message], *, json_schema: dict[str, Any] | None = None) -> Completion:
        started = time.perf_counter()
        try:
            result = self._chat.invoke(_to_langchain(messages), **self._kwargs(json_schema))
        except Exception as exc:  # the backends raise many unrelated types
            raise BackendError(f"Das Sprachmodell '{self.name}' hat einen Fehler gemeldet: {exc}") from exc
        usage = getattr(result, "usage_metadata", None) or {}
        return Completion(
            text=str(result.content),
            model=self.name,
            seconds=time.perf_counter() - started,
            prompt_tokens=int(usage.get("input_tokens", 0)),
            completion_tokens=int(usage.get("output_tokens", 0)),
        )

    def stream(self, messages: Sequence[Message], *, json_schema: dict[str, Any] | None = None) -> Iterator[str]:
        try:
            for chunk in self._chat.stream(_to_langchain(messages), **self._kwargs(json_schema)):
                if chunk.content:
                    yield str(chunk.content)
        except Exception as exc:
            raise BackendError(f"Das Sprachmodell '{self.name}' hat einen Fehler gemeldet: {exc}") from exc


def llama_cpp_model(settings: LLMSettings, model_path: Path) -> LangChainChatModel:
    """The embedded default: llama-cpp-python in this process."""
    if not model_path.is_file():
        raise ModelError(
            f"Sprachmodell nicht gefunden: {model_path}",
            hint="'assistant models install' ausführen oder llm.model_path in assistant.toml setzen",
        )
    community = require("langchain_community.chat_models", "langchain-community", "llama.cpp-Anbindung")
    try:
        chat = community.ChatLlamaCpp(  # type: ignore[attr-defined]
            model_path=str(model_path),
            n_ctx=settings.n_ctx,
            n_threads=settings.n_threads or os.cpu_count() or 1,
            n_batch=settings.n_batch,  # ChatLlamaCpp defaults to 8, which makes prompts ~5x slower
            max_tokens=settings.max_tokens,
            temperature=settings.temperature,
            verbose=False,
        )
    except Exception as exc:
        raise ModelError(
            f"Sprachmodell {model_path} kann nicht geladen werden ({exc})",
            hint="Datei ist vermutlich beschädigt: 'assistant models install' erneut ausführen",
        ) from exc
    return LangChainChatModel(
        chat,
        name=settings.model,
        json_kwargs=lambda schema: {"response_format": {"type": "json_object", "schema": schema}},
    )


def openai_model(settings: LLMSettings) -> LangChainChatModel:
    """Any OpenAI-compatible server; nothing leaves the machine unless the URL says so."""
    if not settings.base_url:
        raise ModelError(
            "llm.backend = 'openai' braucht llm.base_url",
            hint="z. B. base_url = 'http://127.0.0.1:8000/v1' in assistant.toml",
        )
    lc_openai = require("langchain_openai", "langchain-openai", "OpenAI-kompatible Server")
    chat = lc_openai.ChatOpenAI(  # type: ignore[attr-defined]
        model=settings.model,
        base_url=settings.base_url,
        api_key=settings.api_key,
        temperature=settings.temperature,
        max_tokens=settings.max_tokens,
        timeout=settings.timeout_s,
        max_retries=1,
    )

    def json_kwargs(schema: dict[str, Any]) -> dict[str, Any]:
        if settings.json_mode == "json_schema":
            return {
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {"name": "antwort", "schema": schema},
                }
            }
        return {"response_format": {"type": "json_object", "schema": schema}}

    return LangChainChatModel(chat, name=settings.model, json_kwargs=json_kwargs)


def parse_json(text: str) -> Any:
    """Parse model output as JSON; ``None`` when it is not valid JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        start, end = text.find("{"), text.rfind("}")
        if 0 <= start < end:
            try:
                return json.loads(text[start : end + 1])
            except json.JSONDecodeError:
                return None
        return None
