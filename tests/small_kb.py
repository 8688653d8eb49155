"""A small knowledge base written to a temporary folder, for rule tests that need a few register and budget rows."""

from __future__ import annotations

from pathlib import Path

from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase

NO_BUDGET = "year,budget_line,title,category,kind,planned_eur,status\n"


def small_kb(
    tmp_path: Path,
    inventory: str,
    budget: str = NO_BUDGET,
    departments: dict[str, str] | None = None,
    name: str = "Stadt Musterstadt",
    kind: str = "Stadt",
    documents: dict[str, str] | None = None,
) -> KnowledgeBase:
    """``inventory`` and ``budget`` as CSV text, ``departments`` by id, ``documents`` by file name."""
    root = tmp_path / "kb"
    (root / "documents").mkdir(parents=True)
    units = "".join(
        f"  - {{id: {key}, name: {value}}}\n" for key, value in (departments or {"FB1": "Zentrale Dienste"}).items()
    )
    (root / "municipality.yaml").write_text(
        f"name: {name}\nkind: {kind}\nauthority: Die Verwaltungsleitung\ndepartments:\n{units}", encoding="utf-8"
    )
    (root / "inventory.csv").write_text(inventory, encoding="utf-8")
    (root / "budget.csv").write_text(budget, encoding="utf-8")
    for file, text in (documents or {}).items():
        (root / "documents" / file).write_text(text, encoding="utf-8")
    return load(root)
