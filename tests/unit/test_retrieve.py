from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.domain import Chunk, Passage
from assistant.drafting.retrieve import Filters, Retriever, few_per_reply, fuse
from assistant.kb import index
from assistant.kb.chunk import chunks
from assistant.kb.keyword import KeywordIndex, analyze
from assistant.kb.model import KnowledgeBase
from assistant.testing.fakes import HashEmbedder, InMemoryVectorStore


def test_analysis_stems_folds_umlauts_and_splits_compounds() -> None:
    terms = analyze("Gibt es eine Dienstvereinbarung für die Beschäftigten?")
    assert "vereinbar" in terms and "dienstvereinbar" in terms
    assert "beschaftigt" in terms
    assert "es" not in terms and "die" not in terms


def test_words_for_the_same_thing_are_one_term_and_a_saved_index_names_its_analysis(tmp_path: Path) -> None:
    from assistant.kb.keyword import ANALYSIS

    assert analyze("ein öffentliches KI-Register") == analyze("ein öffentliches KI-Verzeichnis")
    register = Chunk("r", "documents/r.md", "document", "Richtlinie", "Das KI-Verzeichnis wird veröffentlicht.")
    other = Chunk("o", "documents/o.md", "document", "Schulung", "Die Schulung ist verpflichtend.")
    assert KeywordIndex([register, other]).search("Veröffentlichung des KI-Registers", 2)[0][0] is register
    from assistant.kb.load import load
    from assistant.testing.fakes import FakeChatModel
    from tests.conftest import DEMO_KB, fake_services

    services = fake_services(FakeChatModel(), tmp_path)
    services.keyword_index(load(DEMO_KB))
    assert [f"-a{ANALYSIS}-" in p.name for p in (services.settings.data_dir / "keyword").iterdir()] == [True]


def test_keyword_search_finds_compound_parts(demo_kb: KnowledgeBase) -> None:
    keyword = KeywordIndex(chunks(demo_kb))
    hits = keyword.search("Vereinbarung mit dem Personalrat", 3)
    assert hits[0][0].source_id.startswith("documents/dienstvereinbarung-generative-ki.md")
    assert keyword.search("INNOTECHH", 3) == []
    budget = keyword.search("Haushaltsstelle 11.12.01.527100 Fortbildung", 1)
    assert budget[0][0].source_id.startswith("budget:") and "527100" in budget[0][0].source_id


def test_rrf_rewards_agreement() -> None:
    a, b, c = (Chunk(x, x, "document", x, x) for x in "abc")
    fused = fuse([[a, b, c], [b, c, a]])
    assert [chunk.chunk_id for chunk, _ in fused] == ["b", "a", "c"]
    assert fused[0][1] == 1 / 62 + 1 / 61


def test_filters() -> None:
    doc = Chunk("d", "d", "document", "t", "x", {"type": "guideline", "owner": "FB12", "valid_until": "2024-10-31"})
    row = Chunk("r", "r", "inventory", "t", "x", {"department": "FB20", "year": "2023"})
    assert Filters(kinds=("guideline",)).keep(doc) and not Filters(kinds=("guideline",)).keep(row)
    assert Filters(department="FB20").keep(row) and not Filters(department="FB20").keep(doc)
    assert Filters(year="2023").keep(row) and not Filters(year="2024").keep(row)
    assert not Filters(in_force_on=date(2026, 1, 1)).keep(doc) and Filters(in_force_on=date(2024, 1, 1)).keep(doc)


def _retriever(kb: KnowledgeBase, min_score: float, mode: str = "hybrid") -> Retriever:
    embedder, store = HashEmbedder(), InMemoryVectorStore()
    index.ingest(kb, embedder, store)
    return Retriever(embedder, store, KeywordIndex(chunks(kb)), top_k=5, min_score=min_score, mode=mode)  # type: ignore[arg-type]


def test_hybrid_retrieval_and_evidence_gate(demo_kb: KnowledgeBase) -> None:
    retriever = _retriever(demo_kb, min_score=0.05)
    passages = retriever.retrieve("Ist die Nutzung von ChatGPT erlaubt?")
    assert len(passages) == 5
    about_chatgpt = {
        "documents/ki-leitlinie.md#3",
        "answers/2025-06-02.yaml#2",
        "documents/rundverfuegung-chatgpt-2023.md#1",
    }
    assert about_chatgpt & {p.chunk.source_id for p in passages}  # the keyword side brings them in
    assert _retriever(demo_kb, min_score=0.99).retrieve("Ist die Nutzung von ChatGPT erlaubt?") == []


def test_modes_and_filters_in_ranking(demo_kb: KnowledgeBase) -> None:
    retriever = _retriever(demo_kb, min_score=0.05)
    for mode in ("dense", "keyword", "hybrid"):
        assert retriever.ranked("Schulungen KI-Lotsen", mode=mode)  # type: ignore[arg-type]
    only_budget = retriever.ranked("Mittel für Fortbildung", Filters(kinds=("budget",)))
    assert only_budget and all(p.chunk.kind == "budget" for p in only_budget)
    in_force = retriever.ranked("ChatGPT Rundverfügung", Filters(in_force_on=date(2026, 11, 21)))
    assert all("rundverfuegung" not in p.chunk.source_id for p in in_force)


def test_a_sachstand_reads_at_most_two_answers_of_one_earlier_reply_but_every_section_of_a_document() -> None:
    def passage(source: str) -> Passage:
        kind = "answer" if source.startswith("answers/") else "document"
        return Passage(Chunk(source, source, kind, "Titel", "…"), 1.0)

    found = [passage(s) for s in ("answers/a.yaml#1", "answers/a.yaml#2", "answers/a.yaml#3", "answers/b.yaml#1",
                                  "documents/c.md#1", "documents/c.md#2", "documents/c.md#3")]  # fmt: skip
    kept = [p.chunk.source_id for p in few_per_reply(found, 2)]
    assert kept == [
        "answers/a.yaml#1",
        "answers/a.yaml#2",
        "answers/b.yaml#1",
        *(f"documents/c.md#{i}" for i in (1, 2, 3)),
    ]


def test_the_keyword_index_is_saved_once_and_loaded_by_later_processes_without_analysing_again(
    demo_kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.kb.keyword as keyword_module

    saved = tmp_path / "kb-demo-0123"
    built = KeywordIndex(chunks(demo_kb), saved=saved)
    assert (saved / "chunk_ids.json").is_file() and not list(tmp_path.glob("*.partial"))

    def no_analysis(text: str) -> list[str]:
        raise AssertionError("analysed again")

    monkeypatch.setattr(keyword_module, "analyze", no_analysis)
    loaded = KeywordIndex(chunks(demo_kb), saved=saved)
    monkeypatch.undo()
    query = "Vereinbarung mit dem Personalrat"
    assert [(c.chunk_id, round(s, 6)) for c, s in loaded.search(query, 5)] == [
        (c.chunk_id, round(s, 6)) for c, s in built.search(query, 5)
    ]
    fewer = chunks(demo_kb)[:-1]  # other chunks with the same folder: built anew, never served stale
    assert len(KeywordIndex(fewer, saved=saved).chunks) == len(fewer)
    (saved / "chunk_ids.json").write_text("kaputt", encoding="utf-8")  # a damaged copy is rebuilt, not an error
    assert KeywordIndex(chunks(demo_kb), saved=saved).search(query, 1)


def test_services_keep_one_saved_keyword_index_per_knowledge_base_content(tmp_path: Path) -> None:
    import shutil

    from assistant.kb.load import load
    from assistant.testing.fakes import FakeChatModel
    from tests.conftest import DEMO_KB, fake_services

    copy = tmp_path / "kb"
    shutil.copytree(DEMO_KB, copy)
    services = fake_services(FakeChatModel(), tmp_path)
    services.keyword_index(load(copy))
    folder = services.settings.data_dir / "keyword"
    first = [p.name for p in folder.iterdir()]
    note = copy / "documents" / "neu.md"
    note.write_text("# Neue Regel\n\nDer Einsatz von Übersetzungsdiensten wird erprobt.\n", encoding="utf-8")
    services.keyword_index(load(copy))
    second = [p.name for p in folder.iterdir()]
    assert len(first) == 1 and len(second) == 1 and first != second  # the older content's index is gone


class _CountingEmbedder(HashEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.single: list[str] = []
        self.batches: list[list[str]] = []

    def embed_query(self, text: str) -> list[float]:
        self.single.append(text)
        return super().embed_query(text)

    def embed_queries(self, texts: object) -> list[list[float]]:
        self.batches.append(list(texts))  # type: ignore[call-overload]
        return super().embed_queries(self.batches[-1])


def test_a_run_embeds_its_model_questions_queries_in_batches_and_asks_none_twice(tmp_path: Path) -> None:
    from assistant.drafting.pipeline import PRIME_AHEAD
    from assistant.inquiry.parse import parse_inquiry
    from assistant.kb.load import load
    from assistant.testing.fakes import FakeChatModel, copying_responder
    from assistant.usecases.drafting import draft_inquiry
    from tests.conftest import DEMO_KB, fake_services

    embedder = _CountingEmbedder()
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    services._embedder = embedder  # (read by the embedder property on first use)
    services.ingest(load(DEMO_KB))
    questions = "\n".join(f"{i}. {q}" for i, q in enumerate(_FOURTEEN, start=1))
    embedder.single.clear()
    draft_inquiry(services, parse_inquiry(f"Anfrage zu KI\n\n{questions}\n"), DEMO_KB)
    # questions 1, 3, 7 and 10 come from the data, first, and retrieve nothing; the model's ten in batches
    assert [len(b) for b in embedder.batches] == [PRIME_AHEAD, len(_FOURTEEN) - 4 - PRIME_AHEAD]
    primed = {q for b in embedder.batches for q in b}
    assert not primed & set(embedder.single)  # nothing primed was embedded again


_FOURTEEN = [
    "Welche KI-Anwendungen setzt die Verwaltung ein?",
    "Gibt es eine Dienstvereinbarung zum Einsatz von KI?",
    "Welche Mittel sind im Haushalt 2026 für KI vorgesehen?",
    "Dürfen Beschäftigte ChatGPT dienstlich nutzen?",
    "Welche Schulungen zu KI werden angeboten?",
    "Wie wird der Datenschutz beim Einsatz von KI sichergestellt?",
    "Welche Anwendungen fallen unter die KI-Verordnung?",
    "Gibt es eine KI-Strategie der Verwaltung?",
    "Wie wird die Öffentlichkeit über den Einsatz von KI informiert?",
    "Welche Anwendungen wurden eingestellt?",
    "Wie werden die Beschäftigten an der Einführung von KI beteiligt?",
    "Welche Erfahrungen hat die Verwaltung mit KI gemacht?",
    "Wie wird die Qualität der Ergebnisse von KI geprüft?",
    "Welche Regeln gelten für die Nutzung von ChatGPT durch die Beschäftigten?",
]
