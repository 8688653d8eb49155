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

from collections.abc import Sequence
from datetime import date

from assistant.domain import Passage
from assistant.drafting.classify import asks_about_the_past
from assistant.drafting.injection import suspicious
from assistant.drafting.subject import SubjectFinder
from assistant.drafting.understand import Reading
from assistant.kb.model import KnowledgeBase
from assistant.settings import DEFAULTS
from assistant.text import sentences_of, stems


def focus(passage: Passage, query: str, budget: int = DEFAULTS.drafting.passage_chars) -> tuple[str, bool]:
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


def _in_force(passage: Passage, today: date) -> bool:
    until = passage.chunk.metadata.get("valid_until", "")
    return not until or date.fromisoformat(until) >= today


def scoped(
    passages: Sequence[Passage], reading: Reading, kb: KnowledgeBase, today: date, finder: SubjectFinder
) -> list[Passage]:
    """The evidence a question may rely on.

    - Earlier replies come after the knowledge base's current records and documents.
    - A source no longer in force is dropped when one in force was retrieved too, unless the
      question asks about the past ("früher", "bisher", "ursprünglich").
    - A question about particular applications keeps only what is about them or about no
      application in particular: another application's inventory row, or a document that
      names other applications but not these, is evidence for something else.
    """
    # An earlier reply says what was true when it was released; current records and documents go first.
    kept = sorted(passages, key=lambda p: p.chunk.kind == "answer")
    documents = [p for p in kept if p.chunk.kind == "document"]
    if any(_in_force(p, today) for p in documents) and not asks_about_the_past(reading.query):
        kept = [p for p in kept if p.chunk.kind != "document" or _in_force(p, today)]
    subject = reading.subject
    if not subject.applications or subject.everything:
        return kept
    wanted = set(subject.applications)
    result = []
    for passage in kept:
        chunk = passage.chunk
        if chunk.kind == "inventory":
            if chunk.source_id.split(":", 1)[1] in wanted:
                result.append(passage)
            continue
        named = finder.named_in(f"{chunk.title}\n{chunk.text}")
        if not named or named & wanted:
            result.append(passage)
    return result
