"""Reading a knowledge-base file: confined to the knowledge base, size-limited, every failure a problem.

The knowledge base is edited by people and synchronised from shares: a symbolic link may
point anywhere (``documents/x.txt → /etc/passwd``), a file may be unreadable or huge.
Nothing outside the knowledge-base directory is read, and a failure is a ``Problem`` naming
the file with what to do, never an exception.
"""

from __future__ import annotations

from pathlib import Path

from assistant.errors import os_reason
from assistant.kb.model import Problem

MAX_BYTES = 50 * 1024 * 1024  # one document; the largest real council PDFs are a few MB


def inside(root: Path, path: Path) -> bool:
    """Whether ``path`` (links followed) lies within ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a path too long, a NUL byte
        return False


def read(root: Path, path: Path, rel: str, problems: list[Problem], limit: int = MAX_BYTES) -> bytes | None:
    """The bytes of a knowledge-base file, or None with the reason added to ``problems``."""
    if not inside(root, path):
        problems.append(
            Problem(rel, "verweist außerhalb der Wissensbasis (symbolischer Link) – Datei in die Wissensbasis kopieren")
        )
        return None
    try:
        if not path.is_file():
            problems.append(Problem(rel, "ist keine Datei (ein Verzeichnis?) – durch eine Datei ersetzen"))
            return None
        size = path.stat().st_size
        if size > limit:
            problems.append(
                Problem(rel, f"Datei ist zu groß ({size // 1_048_576} MB, höchstens {limit // 1_048_576} MB) – teilen")
            )
            return None
        return path.read_bytes()
    except OSError as exc:
        problems.append(Problem(rel, f"Datei nicht lesbar ({os_reason(exc)}) – Leserechte und Pfad prüfen"))
        return None


def is_file(path: Path) -> bool:
    """``Path.is_file`` that says False instead of raising (a name too long, a link loop)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def confined_path(root: Path, value: str) -> Path | None:
    """A path given inside a knowledge-base file (``template:``), if it stays within the knowledge base."""
    if "\x00" in value or len(value) > 255:
        return None
    candidate = Path(value)
    if candidate.is_absolute() or ".." in candidate.parts:
        return None
    path = root / candidate
    return path if inside(root, path) else None
