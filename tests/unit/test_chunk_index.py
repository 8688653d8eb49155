from __future__ import annotations

import shutil
from pathlib import Path

from assistant.kb import index
from assistant.kb.chunk import chunks, euro, german_date
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase
from assistant.testing.fakes import HashEmbedder, InMemoryVectorStore
from tests.conftest import DEMO_KB


class CountingEmbedder(HashEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def embed_documents(self, texts):  # type: ignore[no-untyped-def]
        self.embedded += len(texts)
        return super().embed_documents(texts)


def test_source_ids_follow_the_spec(demo_kb: KnowledgeBase) -> None:
    ids = {c.source_id for c in chunks(demo_kb)}
    assert "inventory:KI-003" in ids
    assert "budget:2026:11.12.01.542100" in ids
    assert "documents/ki-leitlinie.md#3" in ids
    assert "answers/2025-06-02.yaml#2" in ids
    assert len({c.chunk_id for c in chunks(demo_kb)}) == len(chunks(demo_kb))


def test_inventory_row_is_rendered_as_checkable_lines(demo_kb: KnowledgeBase) -> None:
    chunk = next(c for c in chunks(demo_kb) if c.source_id == "inventory:KI-009")
    assert "Status: eingestellt." in chunk.text
    assert "Zuständig: Ausländerbehörde (FB33)." in chunk.text
    assert "Einmalige Kosten: 18.000 Euro." in chunk.text
    assert "Inbetriebnahme: September 2023." in chunk.text


def test_formatting_helpers() -> None:
    assert euro("12500") == "12.500 Euro"
    assert euro("1234.5") == "1.234,50 Euro"
    assert german_date("2025-02-15") == "15.02.2025"
    assert german_date("2024-06") == "Juni 2024"


def test_ingest_is_incremental(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(DEMO_KB, root)
    embedder, store = CountingEmbedder(), InMemoryVectorStore()
    first = index.ingest(load(root), embedder, store)
    assert first.added == embedder.embedded == len(chunks(load(root)))
    second = index.ingest(load(root), embedder, store)
    assert (second.added, second.updated, second.removed) == (0, 0, 0)
    assert embedder.embedded == first.added  # nothing embedded again
    assert second.info.indexed_at == first.info.indexed_at

    leitlinie = root / "documents" / "ki-leitlinie.md"
    leitlinie.write_text(leitlinie.read_text(encoding="utf-8").replace("15.10.2024", "16.10.2024"), encoding="utf-8")
    (root / "documents" / "informationssicherheit-ki.md").unlink()
    kb = load(root)
    state = index.status(kb, store)
    assert state.changed == ("documents/ki-leitlinie.md#1",)
    assert len(state.removed) == 3 and not state.up_to_date
    third = index.ingest(kb, embedder, store)
    assert (third.added, third.updated, third.removed) == (0, 1, 3)
    assert embedder.embedded == first.added + 1
    assert index.status(kb, store).up_to_date


def test_collection_name_depends_on_kb_and_model(tmp_path: Path) -> None:
    a = index.collection_name(DEMO_KB, "model-a")
    assert a == index.collection_name(DEMO_KB, "model-a")
    assert a != index.collection_name(DEMO_KB, "model-b")
    assert a.startswith("kb-musterstadt-")
