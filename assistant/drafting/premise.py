"""A question that asks whether something is so ("Trifft es zu, dass …?") states a premise; the sources answer it.

"Trifft es zu, dass das System Vorschläge zu Art und Umfang von Leistungen erstellt und deshalb im Referat 4
bereits gestoppt wurde?" – the premise may mix up two applications, a day, a figure. A model asked this
seldom finds a sentence that shares the question's words and answers "keine Erkenntnisse", although the
knowledge base says plainly what holds ("Sortiva Teilhabe gibt keine Vorschläge zu Leistungen ab.", "Sortiva
Kompass ist eine andere Anwendung als Sortiva Teilhabe …"). As with a motion's claims (``claims.py``), the
sentences of the sources that cover most of the premise are set beside it, each quoted and cited, and the
reviewer is asked to say whether the premise holds: the sentences are true either way, the verdict ("Ja" /
"Nein") is the office's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.domain import Passage
from assistant.drafting.verify import Checked
from assistant.drafting.wording import whole_sentence
from assistant.text import quote_candidates

LIMIT = 2  # sentences set beside a premise at most: the closest
MIN_CHARS = 30  # a shorter sentence says too little on its own
# "Trifft es zu, dass …", "Ist es richtig, dass …", "Stimmt es, dass …", "Treffen Presseberichte zu, wonach …"
_PREMISE = re.compile(
    r"(?:^|[.:;]\s+|^\s*[a-z]\)\s*)(?:Trifft\s+es\s+(?:(?:weiterhin|noch|auch)\s+)?zu|Ist\s+es\s+(?:zutreffend|richtig)|"
    r"Stimmt\s+es|Treffen\s+(?:[\wäöüß-]+\s+){1,3}zu|Trifft\s+(?:[\wäöüß-]+\s+){1,3}zu),?\s+(?:dass|wonach)\s+"
    r"(?P<premise>[^?]{15,400})\?",
    re.IGNORECASE,
)


def premise_of(question: str) -> str | None:
    """What a question asks to confirm ("das System Vorschläge … erstellt und deshalb … gestoppt wurde"), if it
    asks whether something is so; else None."""
    found = _PREMISE.search(question)
    return found.group("premise").strip() if found else None


def counterparts(passages: Sequence[Passage], share: Callable[[str], float], least: float) -> list[Checked]:
    """The sentences of the passages (documents and earlier replies) that hold at least ``least`` of a premise
    (``share`` of a sentence), the closest first, each once; at most ``LIMIT``. Only whole sentences: no table
    row, no list's lead, no pair."""
    scored: dict[str, tuple[float, Checked]] = {}
    for passage in passages:
        if passage.chunk.kind not in ("document", "answer"):
            continue
        for quote in quote_candidates(passage.chunk.text):
            if len(quote) < MIN_CHARS or not whole_sentence(quote):
                continue
            if quote in scored or (held := share(quote)) < least:
                continue
            scored[quote] = (held, Checked(text=quote, passage=passage, quote=quote))
    ranked = sorted(scored.values(), key=lambda pair: -pair[0])
    return [checked for _, checked in ranked[:LIMIT]]


def note(premise: str) -> str:
    """The reviewer's note beside the sentences set against a question's premise."""
    return (
        f"Die Frage unterstellt: „{premise}“ – die Antwort gibt wieder, was die Quellen dazu sagen; bitte prüfen, "
        "ob dies zutrifft, und die Antwort mit „Ja“ oder „Nein“ einleiten"
    )
