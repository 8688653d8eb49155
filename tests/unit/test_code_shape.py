"""Files readable in one sitting: no function of the package over 80 lines (migrations are generated)."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

LIMIT = 80


def test_no_function_is_longer_than_80_lines() -> None:
    long = []
    for path in sorted((ROOT / "assistant").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LIMIT:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} Zeilen)")
    assert long == []
