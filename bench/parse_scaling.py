"""Parse time against input size (`make bench`): every reader and the question parser must stay linear.

Each shape (hostile ones included) is generated at 1x, 4x and 16x a base size; the bench prints
milliseconds per size and the ratio of the 16x time to 16 times the 1x time. Linear is ~1 (noise
on a shared 2-core machine allows up to ~2); quadratic would be ~16. The result goes to
bench/results/parse_scaling.json.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.errors import AssistantError  # noqa: E402
from assistant.formats.read import read_bytes  # noqa: E402
from assistant.inquiry.parse import parse_inquiry  # noqa: E402

RESULTS = ROOT / "bench" / "results"
SAMPLE = (ROOT.parent / "shared" / "inquiries" / "herne-fdp-2025-05-06.txt").read_text(encoding="utf-8")

SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "samples repeated": (".txt", lambda n: SAMPLE * n),
    "numbered questions": (
        ".txt",
        lambda n: "Anfrage\n" + "".join(f"{i}. Wie viele Anwendungen? \n" for i in range(1, 200 * n)),
    ),
    "'1. Frage?' lines": (".txt", lambda n: "1. Frage?\n" * (500 * n)),
    "lowercase after last question": (".txt", lambda n: "1. Wie viel?\n" + "und so weiter\n" * (500 * n)),
    "em-spaces in one line": (".txt", lambda n: "x" + "\u2003" * (2000 * n) + "\n1. Frage?\n"),
    "one long line": (".txt", lambda n: "1. " + "wort " * (20000 * n) + "?\n"),
    "HTML list": (".html", lambda n: "<ol>" + "<li>Wie viele Anwendungen?</li>" * (200 * n) + "</ol>"),
    "HTML unclosed <b><i>": (".html", lambda n: "<p>1. Frage?</p>" + "<b><i>x" * (20000 * n)),
    "HTML nested <div>": (".html", lambda n: "<div>" * (100 * n) + "<p>1. Frage?</p>" + "</div>" * (100 * n)),
}


def _time(suffix: str, data: bytes) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with contextlib.suppress(AssistantError):  # a clear refusal is a result too
            parse_inquiry(read_bytes(data, "bench", suffix).text, "bench")
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    rows = []
    for name, (suffix, make) in SHAPES.items():
        sizes = {scale: make(scale).encode("utf-8") for scale in (1, 4, 16)}
        ms = {scale: _time(suffix, data) * 1000 for scale, data in sizes.items()}
        ratio = ms[16] / (16 * ms[1]) if ms[1] > 0 else 0.0
        rows.append({"shape": name, "kb": {s: len(d) // 1024 for s, d in sizes.items()}, "ms": ms, "ratio_16x": ratio})
        print(
            f"{name:32s} {len(sizes[1]) // 1024:6d} KB {ms[1]:8.1f} ms | x4 {ms[4]:8.1f} ms | "
            f"x16 {ms[16]:8.1f} ms | 16x time / (16 x 1x time) = {ratio:4.2f}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "parse_scaling.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
