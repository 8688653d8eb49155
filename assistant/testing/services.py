"""The product's services with fake models (named as such): for the tests and the browser tests' server.

Real settings, database, workflow and page; the language model, the embedder and the vector
store are the fakes of ``assistant.testing.fakes``, so drafting takes milliseconds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from assistant.services import Services
from assistant.settings import load_settings
from assistant.testing.fakes import FakeChatModel, HashEmbedder, InMemoryVectorStore, copying_responder


def fake_services(
    data_dir: Path, llm: FakeChatModel | None = None, *, today: date | None = None, **overrides: Any
) -> Services:
    """Services on ``data_dir`` with fake models; ``overrides`` are settings (as in a TOML file)."""
    settings = load_settings(
        environ={}, overrides={"data_dir": str(data_dir), "retrieval": {"min_score": 0.05}, **overrides}
    )
    stores: dict[str, InMemoryVectorStore] = {}  # one collection per knowledge base, as with Chroma
    return Services(
        settings,
        llm=llm or FakeChatModel(responder=copying_responder),
        embedder=HashEmbedder(),
        store_factory=lambda name: stores.setdefault(name, InMemoryVectorStore()),
        today=today,
    )
