"""Select the part of each retrieved passage the model gets to read.

Prompt evaluation dominates drafting time on a CPU: about 80 prompt tokens
per second on two cores (``bench/model_rates.py``), and a question sends
several hundred new prompt tokens for well under a hundred generated ones.
A small model is also distracted by long context. So the model sees, per passage, its first line
(what the passage is about) and the sentences that share most words with the
question, in source order, within a character budget. Verification still
checks against the whole passage, so a quote is never cut.
"""

from __future__ import annotations

from assistant.domain import Passage
from assistant.injection import suspicious
from assistant.text import sentences_of, stems

PASSAGE_BUDGET = 320  # characters per passage shown to the model


def focus(passage: Passage, query: str, budget: int = PASSAGE_BUDGET) -> tuple[str, bool]:
    """The passage's first sentence plus the sentences most related to ``query``, in source order.

    Sentences addressing an AI system are never shown (see ``injection``); the
    flag says whether any was cut.
    """
    units = [u for u in sentences_of(passage.chunk.text) if not u.endswith("?")]
    clean = [u for u in units if not suspicious(u)]
    cut = len(clean) < len(units)
    units = clean
    if not units:
        return "", cut
    wanted = stems(query)
    chosen = {0}
    used = len(units[0])
    ranked = sorted(range(1, len(units)), key=lambda i: (-len(stems(units[i]) & wanted), i))
    for i in ranked:
        if used + len(units[i]) + 1 > budget:
            continue
        chosen.add(i)
        used += len(units[i]) + 1
    return "\n".join(units[i] for i in sorted(chosen)), cut
