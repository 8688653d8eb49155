"""Progress bars for ``assistant eval`` on stderr (rich, which typer brings along)."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from assistant.evaluation.cases import Case


class Bars:
    """One bar per (configuration, case), created when its first question starts."""

    def __init__(self, cases: list[Case]) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._tasks: dict[tuple[str, str], Any] = {}
        self._cases = cases

    def __enter__(self) -> Bars:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._progress.stop()

    def update(self, system: str, case: str, number: int, total: int) -> None:
        key = (system, case)
        if key not in self._tasks:
            self._tasks[key] = self._progress.add_task(f"{system:>12} · {case}", total=total)
        self._progress.update(self._tasks[key], completed=number, total=total)
