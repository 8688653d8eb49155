"""Shared fixtures. Unit tests use the fakes from ``assistant.testing``;
tests marked ``integration`` use the real packaged models."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase
from assistant.services import Services
from assistant.settings import load_settings
from assistant.testing.fakes import FakeChatModel, HashEmbedder, InMemoryVectorStore

ROOT = Path(__file__).resolve().parent.parent
DEMO_KB = ROOT / "knowledge_base" / "musterstadt"
SHARED = ROOT.parent / "shared"
INQUIRIES = SHARED / "inquiries"
FIXED_TODAY = date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's assistant.toml or ASSISTANT_* variables."""
    for key in list(__import__("os").environ):
        if key.startswith("ASSISTANT_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def demo_kb() -> KnowledgeBase:
    return load(DEMO_KB)


@pytest.fixture
def shared_inquiries() -> Path:
    if not INQUIRIES.is_dir():
        pytest.skip("../shared/inquiries fehlt (CI stellt es bereit)")
    return INQUIRIES


def fake_services(llm: FakeChatModel, tmp_path: Path, **overrides: object) -> Services:
    settings = load_settings(
        environ={},
        overrides={
            "data_dir": str(tmp_path / "data"),
            "retrieval": {"min_score": 0.05},
            **overrides,
        },
    )
    store = InMemoryVectorStore()
    return Services(settings, llm=llm, embedder=HashEmbedder(), store_factory=lambda name: store)
