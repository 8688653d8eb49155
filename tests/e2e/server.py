"""Start the real web app for browser tests: real database, gradio and login; fake models.

``python -m tests.e2e.server DATA_DIR PORT`` serves until killed. The fakes (named as such)
keep the browser tests fast; the page, workflow, database and export are the product's own.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from assistant.services import Services
from assistant.testing.services import fake_services
from assistant.web.app import build_app
from assistant.web.server import launch

ROOT = Path(__file__).resolve().parents[2]
PASSWORDS = {
    "sabine": "sb-passwort-1",
    "frank": "fg-passwort-1",
    "renate": "kb-passwort-1",
    "eva": "ev-passwort-1",
    "emil": "ev-passwort-2",
    "franziska": "fb-passwort-1",
}


def services(data_dir: Path) -> Services:
    fake = fake_services(data_dir, today=date(2026, 11, 21))
    if not fake.users.all():
        fake.users.add("sabine", PASSWORDS["sabine"], "sachbearbeitung", "Sabine Sachbearbeiterin")
        fake.users.add("frank", PASSWORDS["frank"], "freigabe", "Frank Freigabe")
        fake.users.add("renate", PASSWORDS["renate"], "kb_redaktion", "Renate Redaktion")
        fake.users.add("eva", PASSWORDS["eva"], "evaluation", "Eva Evaluation")
        fake.users.add("emil", PASSWORDS["emil"], "evaluation", "Emil Evaluation")
        fake.users.add("franziska", PASSWORDS["franziska"], "fachbereich", "Franziska Personal", department="FB10")
    return fake


if __name__ == "__main__":
    data, port = Path(sys.argv[1]), int(sys.argv[2])
    kb = Path(sys.argv[3]) if len(sys.argv) > 3 else ROOT / "knowledge_base" / "musterstadt"
    fake = services(data)
    launch(build_app(fake, kb.resolve(), today=date(2026, 11, 21)), fake, "127.0.0.1", port)
