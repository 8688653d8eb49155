"""All errors a user can see, with messages written for them (German).

Every exception raised on purpose inside the package is an ``AssistantError``.
Only the edges (CLI, web UI) turn them into output and exit codes; everything
else lets them travel. A message says *what* is wrong and *where*; ``hint``
says what to do about it.
"""

from __future__ import annotations

from pathlib import Path


class AssistantError(Exception):
    """Base class: a problem the user can understand and fix."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        path: str | Path | None = None,
        line: int | None = None,
    ) -> None:
        self.message = message
        self.hint = hint
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.render())

    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def render(self) -> str:
        text = self.message
        where = self.location()
        if where:
            text = f"{where}: {text}"
        if self.hint:
            text = f"{text} – {self.hint}"
        return text


class UsageError(AssistantError):
    """The command was called wrongly (exit code 2)."""

    exit_code = 2


class ConfigError(AssistantError):
    """Settings file or environment variables are invalid."""


class InquiryError(AssistantError):
    """An inquiry file cannot be read or contains no questions."""


class KnowledgeBaseError(AssistantError):
    """The knowledge base is missing or invalid."""

    def __init__(self, message: str, *, problems: list[str] | None = None, **kwargs: object) -> None:
        self.problems = problems or []
        super().__init__(message, **kwargs)  # type: ignore[arg-type]


class ModelError(AssistantError):
    """A model file is missing, corrupt or cannot be loaded."""


class BackendError(AssistantError):
    """A backend (LLM server, vector store, embedder) failed at run time."""


class MissingDependencyError(AssistantError):
    """An optional library is not installed."""

    def __init__(self, package: str, purpose: str) -> None:
        super().__init__(
            f"Das Python-Paket '{package}' fehlt ({purpose})",
            hint="Installieren Sie die Abhängigkeiten mit 'make install'.",
        )


def require(module: str, package: str, purpose: str) -> object:
    """Import ``module`` lazily; a missing package becomes a clear error."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on environment
        raise MissingDependencyError(package, purpose) from exc


class EvaluationError(AssistantError):
    """An evaluation case file is invalid."""


class PermissionDenied(AssistantError):
    """The user lacks the role an action needs (the refusal is logged)."""


class ConflictError(AssistantError):
    """Someone else saved the same answer first (optimistic locking)."""

    def __init__(self, message: str, *, diff: str = "", current_version: int = 0, **kwargs: object) -> None:
        self.diff = diff
        self.current_version = current_version
        super().__init__(message, **kwargs)  # type: ignore[arg-type]


class WorkflowError(AssistantError):
    """An action that the review state of an answer or inquiry does not allow."""


_OS_REASONS = {
    "EACCES": "keine Leserechte",
    "EPERM": "Zugriff verweigert",
    "ENAMETOOLONG": "Pfad oder Dateiname zu lang",
    "ENOENT": "nicht gefunden",
    "ELOOP": "symbolische Links im Kreis",
    "EISDIR": "ist ein Verzeichnis",
    "EIO": "Lesefehler des Datenträgers",
}


def os_reason(exc: OSError) -> str:
    """What an operating-system error means, in German ("keine Leserechte")."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name, f"Systemfehler {name or type(exc).__name__}")
