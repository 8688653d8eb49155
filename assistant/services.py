"""Wire settings to backends: the models, the vector store and keyword index, the prompts, the
database and its stores (review, users, ratings), and the drafting stages built on them. What is
*done* with them is a use case (``usecases/``).

Heavy models load lazily, once per ``Services`` object, on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.backends.embeddings import Embedder, SentenceTransformerEmbedder
from assistant.backends.llm import ChatModel, llama_cpp_model, openai_model
from assistant.backends.vectorstore import ChromaStore, VectorStore
from assistant.domain import IndexInfo, Inquiry
from assistant.drafting.facts import dated_sources
from assistant.drafting.pipeline import Drafter
from assistant.drafting.retrieve import Retriever
from assistant.drafting.stale import iso_day, source_day
from assistant.kb import index
from assistant.kb.chunk import chunks
from assistant.kb.keyword import ANALYSIS, KeywordIndex, keep_only
from assistant.kb.model import KnowledgeBase
from assistant.prompts import Prompts
from assistant.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from assistant.jobs.store import JobStore
    from assistant.review.inputs import Inputs
    from assistant.review.logins import DatabaseFailures, DatabaseLogins
    from assistant.review.memory import Memory
    from assistant.review.ratings import Ratings
    from assistant.review.users import Users
    from assistant.review.vectors import StoredVectors
    from assistant.review.workflow import Review

IngestProgress = Callable[[int, int], None]


class Services:
    def __init__(
        self,
        settings: Settings,
        *,
        llm: ChatModel | None = None,
        embedder: Embedder | None = None,
        store_factory: Callable[[str], VectorStore] | None = None,
        today: date | None = None,
    ) -> None:
        self.settings = settings
        self.today = today  # None: the real date; fixed in evaluations that must be reproducible
        self._llm = llm
        self._embedder = embedder
        self._store_factory = store_factory
        self._stores: dict[str, VectorStore] = {}
        self._keyword: tuple[tuple[str, str], KeywordIndex] | None = None

    @cached_property
    def llm(self) -> ChatModel:
        if self._llm is not None:
            return self._llm
        if self.settings.llm.backend == "openai":
            return openai_model(self.settings.llm)
        return llama_cpp_model(self.settings.llm, self.settings.llm_model_path())

    @cached_property
    def embedder(self) -> Embedder:
        if self._embedder is not None:
            return self._embedder
        return SentenceTransformerEmbedder(self.settings.embedding, self.settings.embedding_model_path())

    @property
    def embedding_name(self) -> str:
        """The embedding model's name (it keys indexes and stored vectors), known without loading it."""
        return self._embedder.name if self._embedder is not None else self.settings.embedding_model_path().name

    @property
    def embeds_here(self) -> bool:
        """Whether this process embeds for the page: not a web process whose jobs a separate worker runs
        (``[jobs] queue`` database or procrastinate); it reads what the workers stored."""
        return self.settings.jobs.queue == "in-process"

    @cached_property
    def database(self) -> sessionmaker[Session]:
        from assistant.review.db import open_database

        return open_database(self.settings.database_url())

    @cached_property
    def review(self) -> Review:
        from assistant.review.workflow import Review

        return Review(self.database, four_eyes=self.settings.review.four_eyes)

    @cached_property
    def ratings(self) -> Ratings:
        from assistant.review.ratings import Ratings

        return Ratings(self.database, self.review)

    @cached_property
    def inputs(self) -> Inputs:
        from assistant.review.inputs import Inputs

        return Inputs(self.database, self.review)

    @cached_property
    def memory(self) -> Memory:
        from assistant.review.memory import Memory

        return Memory(self.database)

    @cached_property
    def vectors(self) -> StoredVectors:
        from assistant.review.vectors import StoredVectors

        return StoredVectors(self.database)

    @cached_property
    def users(self) -> Users:
        from assistant.review.users import Users

        return Users(self.database)

    @cached_property
    def logins(self) -> DatabaseLogins:
        from assistant.review.logins import DatabaseLogins

        return DatabaseLogins(self.database)

    @cached_property
    def failures(self) -> DatabaseFailures:
        from assistant.review.logins import DatabaseFailures

        return DatabaseFailures(self.database)

    @cached_property
    def jobs(self) -> JobStore:
        from assistant.jobs.store import DatabaseJobs

        return DatabaseJobs(self.database)

    @cached_property
    def prompts(self) -> Prompts:
        return Prompts(self.settings.resolved_prompts_dir())

    def store(self, kb_root: Path) -> VectorStore:
        name = index.collection_name(kb_root, self.embedder.name)
        if name not in self._stores:
            if self._store_factory is not None:
                self._stores[name] = self._store_factory(name)
            else:
                vs = self.settings.vector_store
                self._stores[name] = ChromaStore(name, path=self.settings.chroma_path(), url=vs.url)
        return self._stores[name]

    def ingest(self, kb: KnowledgeBase, progress: IngestProgress | None = None) -> index.IngestReport:
        return index.ingest(
            kb,
            self.embedder,
            self.store(kb.root),
            batch_size=self.settings.embedding.batch_size,
            progress=progress,
        )

    def ensure_index(self, kb: KnowledgeBase, progress: IngestProgress | None = None) -> IndexInfo:
        """Bring the index up to date (a no-op when nothing changed) and describe it."""
        return self.ingest(kb, progress).info

    def keyword_index(self, kb: KnowledgeBase) -> KeywordIndex:
        """The BM25 index of a knowledge base, rebuilt only when its content changed."""
        all_chunks = chunks(kb)
        content = index.fingerprint({c.chunk_id: index.content_hash(c) for c in all_chunks})
        key = (str(kb.root.resolve()), content)
        if self._keyword is None or self._keyword[0] != key:
            folder = self.settings.data_dir / "keyword"
            prefix = index.collection_name(kb.root, "bm25")
            folder.mkdir(parents=True, exist_ok=True)
            current = f"{prefix}-a{ANALYSIS}-{content}"  # another analysis: another index
            self._keyword = (key, KeywordIndex(all_chunks, saved=folder / current))
            keep_only(folder, prefix, current)
        return self._keyword[1]

    def retriever(self, kb: KnowledgeBase) -> Retriever:
        retrieval = self.settings.retrieval
        keyword = self.keyword_index(kb) if retrieval.mode != "dense" else None
        return Retriever(
            self.embedder,
            self.store(kb.root),
            keyword,
            top_k=retrieval.top_k,
            min_score=retrieval.min_score,
            mode=retrieval.mode,
            candidates=retrieval.candidates,
        )

    def drafter(self, kb: KnowledgeBase, inquiry: Inquiry | None = None) -> Drafter:
        """The drafting pipeline on ``kb``; for ``inquiry``, as of the day it was sent where that lies after today
        (a reply is never drafted before the inquiry arrived: an evaluation's inquiry of next February is
        answered under the rules in force then, as its knowledge base's latest papers are)."""
        return Drafter(
            self.llm,
            self.retriever(kb),
            self.prompts,
            kb,
            today=drafting_day(self.today, inquiry, kb),
            settings=self.settings.drafting,
            embedder=self.embedder,
        )


REPLY_DAYS = 42  # the weeks a reply is drafted in after the inquiry arrived: sources of those days are at hand


def drafting_day(today: date | None, inquiry: Inquiry | None, kb: KnowledgeBase | None = None) -> date | None:
    """The day a reply is drafted on: ``today`` (None: the real date), or the inquiry's own date where that is
    later – and then, within ``REPLY_DAYS`` of it, the day of the newest source of ``kb`` (a report of the day
    after an inquiry of the future is at hand when its reply is drafted, as it is when an office drafts today)."""
    sent = iso_day(inquiry.date) if inquiry is not None else None
    if sent is None or sent <= (today or date.today()):
        return today
    if kb is None:
        return sent
    days = [day for chunk, _ in dated_sources(kb) if (day := source_day(chunk, None)) is not None]
    newest = max((day for day in days if day <= sent + timedelta(days=REPLY_DAYS)), default=sent)
    return max(sent, newest)
