"""How often the figure-binding check (``drafting/binding.py``) fires on drafts already made.

Every cited sentence of the committed real-model evaluation results (``eval/reports/**/results.json``,
or the result files given) is checked against each quote it cites; a hit is a sentence that hangs a
figure of its quote on words that belong to another figure there. Hits are listed for reading: a
faithful sentence among them is a false alarm of the check.

    python bench/figure_binding.py [RESULTS.json ...]   -> bench/results/figure_binding.json and .md
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.drafting.binding import relabelled  # noqa: E402

_CITED = re.compile(r"([^\[\]]*?)\s*((?:\[\d+\])+)")


def pairs(path: Path) -> list[tuple[str, str, str]]:
    """(case:question, sentence, quote) of every cited sentence in a result file."""
    found = []
    for system in json.loads(path.read_text(encoding="utf-8"))["systems"].values():
        for name, case in system["cases"].items():
            for answer in case.get("answers", []):
                quotes = {c["marker"]: c["quote"] for c in answer.get("citations", [])}
                for match in _CITED.finditer(answer.get("text", "")):
                    sentence = match.group(1).strip(" .")
                    for marker in re.findall(r"\[\d+\]", match.group(2)):
                        if marker in quotes:
                            found.append((f"{name}:{answer['question_id']}", sentence, quotes[marker]))
    return found


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / "eval" / "reports").rglob("results.json"))
    seen = {(s, q): where for f in files for where, s, q in pairs(f)}
    hits = [(where, s, q) for (s, q), where in seen.items() if relabelled(s, q)]
    title = f"# Figure binding: {len(hits)} hits in {len(seen)} distinct sentence–quote pairs ({len(files)} files)"
    lines = [title, ""]
    for where, sentence, quote in hits:
        lines += [f"- **{where}**: {sentence}", f"  - quote: {quote}"]
    listed = [{"where": w, "sentence": s, "quote": q} for w, s, q in hits]
    data = {"files": len(files), "pairs": len(seen), "hits": listed}
    write_results(ROOT / "bench" / "results", "figure_binding", data, lines)


if __name__ == "__main__":
    main()
