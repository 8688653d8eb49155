"""The contracts every backend implementation passes: the embedded default, the server variant and the fake.

Plain functions that raise ``AssertionError``, so a new backend (another vector store, another
model server) is checked with one call from any test runner: ``check_vector_store(MyStore())``.
The repository's tests run them against every implementation it ships
(``tests/unit/test_backend_contracts.py``, ``tests/unit/test_vectorstore_contract.py``,
``tests/integration/``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from assistant.backends.embeddings import Embedder
from assistant.backends.llm import ChatModel, Message, parse_json
from assistant.backends.vectorstore import VectorStore
from assistant.domain import Chunk

ANSWER_SCHEMA = {"type": "object", "properties": {"antwort": {"type": "string"}}, "required": ["antwort"]}


def check_chat_model(chat: ChatModel) -> None:
    """Schema-constrained JSON from ``complete``, text from ``stream``, a model name."""
    assert isinstance(chat.name, str) and chat.name, "a chat model names its model"
    completion = chat.complete([Message("user", "Antworte mit dem Wort Ja.")], json_schema=ANSWER_SCHEMA)
    data = parse_json(completion.text)
    assert isinstance(data, dict) and "antwort" in data, completion.text
    assert completion.seconds >= 0
    assert "".join(chat.stream([Message("user", "Sag Hallo.")])).strip(), "streaming yields text"


def check_embedder(embedder: Embedder) -> None:
    """Equal dimensions, finite values, deterministic, and a text nearer to itself than to another."""
    assert isinstance(embedder.name, str) and embedder.name, "an embedder names its model (it keys the index)"
    texts = [
        "Schulung der Beschäftigten zu KI",
        "Haushaltsmittel für das Jahr 2025",
        "Schulung der Beschäftigten zu KI",
    ]
    vectors = embedder.embed_documents(texts)
    assert len(vectors) == len(texts) and embedder.embed_documents([]) == []
    dimensions = {len(v) for v in vectors}
    assert len(dimensions) == 1 and dimensions.pop() > 0
    assert all(math.isfinite(x) for v in vectors for x in v)
    assert max(abs(x - y) for x, y in zip(vectors[0], vectors[2], strict=True)) < 1e-5, "same text, same vector"
    query = embedder.embed_query("Schulung der Beschäftigten zu KI")
    assert len(query) == len(vectors[0])
    assert _cosine(query, vectors[0]) > _cosine(query, vectors[1])
    batch = embedder.embed_queries(["Schulung der Beschäftigten zu KI", "Haushalt 2026"])
    assert len(batch) == 2 and embedder.embed_queries([]) == []
    assert max(abs(x - y) for x, y in zip(batch[0], query, strict=True)) < 1e-4, "a batch embeds as one by one"


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)) or 1.0
    return sum(x * y for x, y in zip(a, b, strict=True)) / norm


def _chunk(chunk_id: str, text: str, **meta: str) -> Chunk:
    return Chunk(chunk_id, chunk_id.split("/")[0], "document", f"Titel {chunk_id}", text, dict(meta))


def check_vector_store(make: Callable[[], VectorStore]) -> None:
    """Upsert, query by cosine, replace, delete, and the index info; ``make`` gives an empty store."""
    _upsert_and_query(make())
    _replace_and_delete(make())
    _info(make())


def _upsert_and_query(store: VectorStore) -> None:
    store.upsert(
        [_chunk("a", "Alpha", valid_until="2024-10-31"), _chunk("b", "Beta"), _chunk("c", "Gamma")],
        [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.7, 0.7, 0.0]],
        ["h-a", "h-b", "h-c"],
    )
    assert store.stored_hashes() == {"a": "h-a", "b": "h-b", "c": "h-c"}
    hits = store.query([1.0, 0.1, 0.0], 2)
    assert [p.chunk.chunk_id for p in hits] == ["a", "c"]
    assert abs(hits[0].score - 0.995) <= 0.01, hits[0].score
    assert hits[0].chunk.text == "Alpha" and hits[0].chunk.title == "Titel a"
    assert hits[0].chunk.metadata["valid_until"] == "2024-10-31"


def _replace_and_delete(store: VectorStore) -> None:
    store.upsert([_chunk("a", "Alt")], [[1.0, 0.0]], ["h1"])
    store.upsert([_chunk("a", "Neu")], [[0.0, 1.0]], ["h2"])
    assert store.stored_hashes() == {"a": "h2"}
    assert store.query([0.0, 1.0], 1)[0].chunk.text == "Neu"
    store.delete(["a", "missing"])
    assert store.stored_hashes() == {}
    assert store.query([0.0, 1.0], 3) == []


def _info(store: VectorStore) -> None:
    assert "fingerprint" not in store.info()
    store.set_info({"fingerprint": "abc", "indexed_at": "2026-11-21T10:00:00+00:00"})
    store.set_info({"fingerprint": "def"})
    assert store.info()["fingerprint"] == "def"
    assert store.info()["indexed_at"] == "2026-11-21T10:00:00+00:00"
