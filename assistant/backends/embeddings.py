"""Embedding backends: a Protocol and the sentence-transformers default."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import ModelError, require
from assistant.settings import EmbeddingSettings


class Embedder(Protocol):
    """Turns texts into vectors. ``name`` identifies the model (it keys the index)."""

    name: str

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class SentenceTransformerEmbedder:
    """A local sentence-transformers model directory; never a hub name."""

    def __init__(self, settings: EmbeddingSettings, model_dir: Path) -> None:
        if not (model_dir / "modules.json").is_file() and not (model_dir / "config.json").is_file():
            raise ModelError(
                f"Embedding-Modell nicht gefunden: {model_dir}",
                hint="'assistant models install' ausführen oder embedding.model_path in assistant.toml setzen",
            )
        st = require("sentence_transformers", "sentence-transformers", "Embeddings")
        try:
            self._model: Any = st.SentenceTransformer(  # type: ignore[attr-defined]
                str(model_dir), device=settings.device, local_files_only=True
            )
        except Exception as exc:
            raise ModelError(
                f"Embedding-Modell {model_dir} kann nicht geladen werden ({exc})",
                hint="'assistant models install' erneut ausführen",
            ) from exc
        self._batch_size = settings.batch_size
        self.name = model_dir.name
        prompts = getattr(self._model, "prompts", {}) or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._document_prompt = "document" if "document" in prompts else None

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        vectors = self._model.encode(
            list(texts),
            prompt_name=self._document_prompt,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return [list(map(float, v)) for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        vector = self._model.encode(
            [text], prompt_name=self._query_prompt, normalize_embeddings=True, show_progress_bar=False
        )[0]
        return list(map(float, vector))
