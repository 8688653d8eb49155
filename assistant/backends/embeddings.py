"""Embedding backends: a Protocol and the sentence-transformers default."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import ModelError, require
from assistant.settings import EmbeddingSettings


class Embedder(Protocol):
    """Turns texts into vectors. ``name`` identifies the model (it keys the index)."""

    name: str

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        """``embed_query`` of each text, in one batch (on a CPU a fraction of the single calls' time)."""
        ...


class SentenceTransformerEmbedder:
    """A local sentence-transformers model directory; never a hub name.

    The model loads on first use, so checking an unchanged index needs none.
    Models with query/document prompts (EmbeddingGemma, E5) get them.
    """

    def __init__(self, settings: EmbeddingSettings, model_dir: Path) -> None:
        if not (model_dir / "modules.json").is_file() and not (model_dir / "config.json").is_file():
            raise ModelError(
                f"Embedding-Modell nicht gefunden: {model_dir}",
                hint="'assistant models install' ausführen oder embedding.model_path in assistant.toml setzen",
            )
        self._settings = settings
        self._model_dir = model_dir
        self.name = model_dir.name

    @cached_property
    def _model(self) -> Any:
        st = require("sentence_transformers", "sentence-transformers", "Embeddings")
        try:
            return st.SentenceTransformer(  # type: ignore[attr-defined]
                str(self._model_dir), device=self._settings.device, local_files_only=True
            )
        except Exception as exc:
            raise ModelError(
                f"Embedding-Modell {self._model_dir} kann nicht geladen werden ({exc})",
                hint="'assistant models install' erneut ausführen",
            ) from exc

    def _prompt(self, name: str) -> str | None:
        prompts = getattr(self._model, "prompts", None) or {}
        return name if name in prompts else None

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        vectors = self._model.encode(
            list(texts),
            prompt_name=self._prompt("document"),
            batch_size=self._settings.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return [list(map(float, v)) for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._model.encode(
            list(texts),
            prompt_name=self._prompt("query"),
            batch_size=self._settings.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return [list(map(float, v)) for v in vectors]
