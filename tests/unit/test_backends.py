"""Missing or corrupt models are clear errors, never tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.backends.embeddings import SentenceTransformerEmbedder
from assistant.backends.llm import llama_cpp_model, openai_model, parse_json
from assistant.errors import ModelError
from assistant.settings import EmbeddingSettings, LLMSettings


def test_missing_gguf(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="Sprachmodell nicht gefunden") as info:
        llama_cpp_model(LLMSettings(), tmp_path / "none.gguf")
    assert "assistant models install" in info.value.render()


def test_corrupt_gguf(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\x00" * 2048)
    with pytest.raises(ModelError, match="kann nicht geladen werden"):
        llama_cpp_model(LLMSettings(), broken)


def test_missing_and_corrupt_embedding_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="Embedding-Modell nicht gefunden"):
        SentenceTransformerEmbedder(EmbeddingSettings(), tmp_path / "none")
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "config.json").write_text("{not json")
    embedder = SentenceTransformerEmbedder(EmbeddingSettings(), corrupt)  # loads lazily
    with pytest.raises(ModelError, match="kann nicht geladen werden"):
        embedder.embed_query("Test")


def test_openai_backend_needs_a_url() -> None:
    with pytest.raises(ModelError, match="base_url"):
        openai_model(LLMSettings(backend="openai"))


def test_parse_json_tolerates_wrapping_text() -> None:
    assert parse_json('Hier: {"saetze": []} Ende') == {"saetze": []}
    assert parse_json("kein json") is None
