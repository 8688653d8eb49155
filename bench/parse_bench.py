"""Parse speed and accuracy (`make bench`): samples and fixtures, every format.

Accuracy: share of inputs whose answerable question ids equal the expected ones.
Speed: median milliseconds to read and parse one input, and per page (a PDF
page, or 3,000 characters of text for the other formats).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.formats.read import read_bytes  # noqa: E402
from assistant.inquiry.parse import parse_inquiry  # noqa: E402
from tests.fixtures import builders  # noqa: E402

SHARED = ROOT.parent / "shared" / "inquiries"
RESULTS = ROOT / "bench" / "results"
REPEAT = 20


def _cases() -> list[tuple[str, bytes, str, list[list[str]]]]:
    cases = []
    expected = yaml.safe_load((SHARED / "expected.yaml").read_text(encoding="utf-8"))
    for name, spec in expected.items():
        accepted = [[str(i) for i in spec["ids"]]] + [[str(i) for i in a] for a in spec.get("alternative_ids", [])]
        cases.append((f"sample:{name}", (SHARED / name).read_bytes(), ".txt", accepted))
    fixtures = {
        "word": (builders.word_inquiry(), ".docx"),
        "word_style": (builders.word_style_list(), ".docx"),
        "pdf": (builders.pdf_inquiry(), ".pdf"),
        "council_html": (builders.COUNCIL_HTML.encode(), ".html"),
        "news_html": (builders.NEWS_HTML.encode(), ".html"),
        "cp1252": (builders.text_cp1252(), ".txt"),
        "roman": (builders.ROMAN_TEXT.encode(), ".txt"),
        "roman_sections": (builders.ROMAN_SECTIONS_TEXT.encode(), ".txt"),
    }
    for name, (data, suffix) in fixtures.items():
        cases.append((f"fixture:{name}", data, suffix, [builders.EXPECTED[name]["ids"]]))
    return cases


def main() -> None:
    rows = []
    for name, data, suffix, accepted in _cases():
        timings = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            text = read_bytes(data, name, suffix)
            inquiry = parse_inquiry(text.text, name)
            timings.append(time.perf_counter() - started)
        pages = max(1, round(len(text.text) / 3000))
        if text.format == "pdf":
            from io import BytesIO

            from pypdf import PdfReader

            pages = len(PdfReader(BytesIO(data)).pages)
        ms = statistics.median(timings) * 1000
        ids = [q.id for q in inquiry.answerable()]
        rows.append(
            {
                "input": name,
                "format": text.format,
                "correct": ids in accepted,
                "ms": round(ms, 2),
                "pages": pages,
                "ms_per_page": round(ms / pages, 2),
            }
        )
    correct = sum(r["correct"] for r in rows)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "parse.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    lines = ["| input | format | ids correct | ms | ms/page |", "|---|---|---|---|---|"]
    lines += [f"| {r['input']} | {r['format']} | {r['correct']} | {r['ms']} | {r['ms_per_page']} |" for r in rows]
    lines.append(f"\n{correct} of {len(rows)} inputs parse to exactly the expected question ids.")
    (RESULTS / "parse.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
