"""The shipped chat-model and embedder contracts against the fakes (the real backends: tests/integration)."""

from __future__ import annotations

import json

from assistant.testing.contracts import check_chat_model, check_embedder
from assistant.testing.fakes import FakeChatModel, HashEmbedder


def test_the_fake_chat_model_passes_the_chat_contract() -> None:
    fake = FakeChatModel(responder=lambda messages, schema: json.dumps({"antwort": "Ja"}) if schema else "Hallo")
    check_chat_model(fake)


def test_the_hash_embedder_passes_the_embedder_contract() -> None:
    check_embedder(HashEmbedder())
