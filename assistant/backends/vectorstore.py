"""Vector-store backends: a Protocol and Chroma (embedded directory or server).

The store keeps, per chunk, its text, its metadata and the content hash that
decides whether it must be embedded again. Chroma's own client is used
directly (not through langchain-chroma): incremental indexing needs the
stored hashes, deletes by id and collection metadata, which is exactly
chromadb's API; see docs/decisions/0003-backends.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

from assistant.domain import Chunk, Passage
from assistant.errors import BackendError, require

_RESERVED = ("source_id", "kind", "title", "hash")


class VectorStore(Protocol):
    def stored_hashes(self) -> dict[str, str]:
        """chunk_id -> content hash of everything in the store."""
        ...

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]], hashes: Sequence[str]) -> None: ...

    def delete(self, chunk_ids: Sequence[str]) -> None: ...

    def query(self, vector: Sequence[float], k: int) -> list[Passage]:
        """The ``k`` nearest chunks, best first; ``score`` is cosine similarity."""
        ...

    def info(self) -> dict[str, str]:
        """Index-level facts (indexed_at, fingerprint, ...) saved with ``set_info``."""
        ...

    def set_info(self, info: Mapping[str, str]) -> None: ...


def chunk_metadata(chunk: Chunk, content_hash: str) -> dict[str, str]:
    meta = {k: v for k, v in chunk.metadata.items() if v is not None}
    meta.update(source_id=chunk.source_id, kind=chunk.kind, title=chunk.title, hash=content_hash)
    return meta


def chunk_from_record(chunk_id: str, text: str, meta: Mapping[str, Any]) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        source_id=str(meta.get("source_id", chunk_id)),
        kind=meta.get("kind", "document"),
        title=str(meta.get("title", "")),
        text=text,
        metadata={k: str(v) for k, v in meta.items() if k not in _RESERVED},
    )


class ChromaStore:
    """One Chroma collection, embedded (``path``) or on a server (``url``)."""

    def __init__(self, collection: str, *, path: Path | None = None, url: str | None = None) -> None:
        chromadb = require("chromadb", "chromadb", "Vektorspeicher")
        config = require("chromadb.config", "chromadb", "Vektorspeicher")
        settings = config.Settings(anonymized_telemetry=False, allow_reset=False)  # type: ignore[attr-defined]
        try:
            if url:
                parsed = urlparse(url)
                self._client = chromadb.HttpClient(  # type: ignore[attr-defined]
                    host=parsed.hostname or "127.0.0.1",
                    port=parsed.port or 8000,
                    ssl=parsed.scheme == "https",
                    settings=settings,
                )
            else:
                assert path is not None
                path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(path), settings=settings)  # type: ignore[attr-defined]
            self._collection = self._client.get_or_create_collection(
                collection, metadata={"hnsw:space": "cosine"}, embedding_function=None
            )
        except Exception as exc:
            where = url or str(path)
            raise BackendError(f"Vektorspeicher {where} ist nicht erreichbar ({exc})") from exc

    def stored_hashes(self) -> dict[str, str]:
        result = self._collection.get(include=["metadatas"])
        return {i: str((m or {}).get("hash", "")) for i, m in zip(result["ids"], result["metadatas"], strict=True)}

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]], hashes: Sequence[str]) -> None:
        if not chunks:
            return
        self._collection.upsert(
            ids=[c.chunk_id for c in chunks],
            embeddings=[list(v) for v in vectors],
            documents=[c.text for c in chunks],
            metadatas=[chunk_metadata(c, h) for c, h in zip(chunks, hashes, strict=True)],
        )

    def delete(self, chunk_ids: Sequence[str]) -> None:
        if chunk_ids:
            self._collection.delete(ids=list(chunk_ids))

    def query(self, vector: Sequence[float], k: int) -> list[Passage]:
        count = self._collection.count()
        if count == 0:
            return []
        result = self._collection.query(
            query_embeddings=[list(vector)],
            n_results=min(k, count),
            include=["documents", "metadatas", "distances"],
        )
        return [
            Passage(chunk=chunk_from_record(i, d, m or {}), score=1.0 - float(dist))
            for i, d, m, dist in zip(
                result["ids"][0],
                result["documents"][0],
                result["metadatas"][0],
                result["distances"][0],
                strict=True,
            )
        ]

    def info(self) -> dict[str, str]:
        meta = self._collection.metadata or {}
        return {k: str(v) for k, v in meta.items() if not k.startswith("hnsw:")}

    def set_info(self, info: Mapping[str, str]) -> None:
        meta = dict(self._collection.metadata or {})
        meta.update(info)
        meta.pop("hnsw:space", None)
        self._collection.modify(metadata=meta)
