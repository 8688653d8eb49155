"""Incremental indexing: embed only what changed, delete what is gone.

Content hashes decide what is embedded again. Writes go in batches and the
index facts (time, fingerprint) are written last, so an interrupted ingest
leaves a usable index that the next run completes.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from assistant.backends.embeddings import Embedder
from assistant.backends.vectorstore import VectorStore
from assistant.domain import Chunk, IndexInfo
from assistant.kb.chunk import chunks as kb_chunks
from assistant.kb.model import KnowledgeBase
from assistant.settings import DEFAULTS

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IngestReport:
    added: int
    updated: int
    removed: int
    unchanged: int
    seconds: float
    info: IndexInfo

    def counts(self) -> str:
        """The counts as the CLI and the page say them (German)."""
        return f"{self.added} neu, {self.updated} geändert, {self.removed} entfernt, {self.unchanged} unverändert"


def content_hash(chunk: Chunk) -> str:
    payload = json.dumps([chunk.source_id, chunk.kind, chunk.title, chunk.text, sorted(chunk.metadata.items())])
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def fingerprint(hashes: dict[str, str]) -> str:
    payload = "\n".join(f"{k}={v}" for k, v in sorted(hashes.items()))
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def collection_name(kb_root: Path, embedder_name: str) -> str:
    """One collection per knowledge base and embedding model (vectors differ per model)."""
    slug = re.sub(r"[^a-z0-9]+", "-", kb_root.resolve().name.lower()).strip("-") or "kb"
    digest = hashlib.sha1(f"{kb_root.resolve()}|{embedder_name}".encode()).hexdigest()[:10]
    return f"kb-{slug[:40]}-{digest}"


def ingest(
    kb: KnowledgeBase,
    embedder: Embedder,
    store: VectorStore,
    *,
    batch_size: int = DEFAULTS.embedding.batch_size,
    progress: Progress | None = None,
) -> IngestReport:
    started = time.perf_counter()
    current = {c.chunk_id: c for c in kb_chunks(kb)}
    hashes = {chunk_id: content_hash(c) for chunk_id, c in current.items()}
    stored = store.stored_hashes()
    todo = [current[i] for i in current if stored.get(i) != hashes[i]]
    gone = [i for i in stored if i not in current]
    store.delete(gone)
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        vectors = embedder.embed_documents([f"{c.title}\n{c.text}" for c in batch])
        store.upsert(batch, vectors, [hashes[c.chunk_id] for c in batch])
        if progress:
            progress(min(start + batch_size, len(todo)), len(todo))
    previous = store.info()
    info = IndexInfo(
        path=str(kb.root.resolve()),
        indexed_at=previous.get("indexed_at", ""),
        fingerprint=fingerprint(hashes),
    )
    if todo or gone or previous.get("fingerprint") != info.fingerprint:
        info = replace(info, indexed_at=datetime.now(UTC).isoformat(timespec="seconds"))
        store.set_info({"kb_path": info.path, "indexed_at": info.indexed_at, "fingerprint": info.fingerprint})
    added = sum(1 for c in todo if c.chunk_id not in stored)
    return IngestReport(
        added=added,
        updated=len(todo) - added,
        removed=len(gone),
        unchanged=len(current) - len(todo),
        seconds=time.perf_counter() - started,
        info=info,
    )


@dataclass(frozen=True)
class IndexStatus:
    indexed_at: str | None
    fingerprint: str | None
    chunks_in_index: int
    new: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def up_to_date(self) -> bool:
        return self.indexed_at is not None and not (self.new or self.changed or self.removed)


def status(kb: KnowledgeBase, store: VectorStore) -> IndexStatus:
    current = {c.chunk_id: content_hash(c) for c in kb_chunks(kb)}
    stored = store.stored_hashes()
    info = store.info()
    return IndexStatus(
        indexed_at=info.get("indexed_at"),
        fingerprint=info.get("fingerprint"),
        chunks_in_index=len(stored),
        new=tuple(sorted(i for i in current if i not in stored)),
        changed=tuple(sorted(i for i in current if i in stored and stored[i] != current[i])),
        removed=tuple(sorted(i for i in stored if i not in current)),
    )
