"""German-aware keyword search (BM25) over the knowledge base's chunks.

Analysis: lower-casing, Snowball German stemming (which also folds umlauts
and ß), German stop words, and compound splitting, so "Dienstvereinbarung"
is indexed as the whole word *and* as "Dienst" + "Vereinbarung" and a query
for "Vereinbarung" finds it. BM25 itself is bm25s; stemming is PyStemmer;
compound splitting is compound-split. The index is built in memory from the
chunks (milliseconds at the demo's size) and cached per knowledge-base
fingerprint by ``Services``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from assistant.domain import Chunk
from assistant.errors import require

_TOKEN = re.compile(r"[a-zäöüß0-9]+")
MIN_COMPOUND = 10  # shorter words are rarely compounds worth splitting
MIN_SPLIT_SCORE = 0.3


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    stemmer_module = require("Stemmer", "PyStemmer", "Stichwortsuche")
    return stemmer_module.Stemmer("german")  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    stopwords = require("bm25s.stopwords", "bm25s", "Stichwortsuche")
    return frozenset(stopwords.STOPWORDS_GERMAN)  # type: ignore[attr-defined]


@lru_cache(maxsize=50_000)
def _parts(word: str) -> tuple[str, ...]:
    """The word and, for a compound, its parts (recursively for three-part compounds)."""
    if len(word) < MIN_COMPOUND or word.isdigit():
        return (word,)
    splitter = require("compound_split.char_split", "compound-split", "Stichwortsuche")
    try:
        candidates = splitter.split_compound(word)  # type: ignore[attr-defined]
    except Exception:  # the splitter is a heuristic; a failure must never stop the search
        return (word,)
    if not candidates or candidates[0][0] < MIN_SPLIT_SCORE:
        return (word,)
    _, head, tail = candidates[0]
    return (word, *_parts(head.lower()), *_parts(tail.lower()))


# A compound whose head is left to the next word ("Bau- und Planungsausschuss", "Hard- und Software").
_TRUNCATED = re.compile(r"([a-zäöüß]{2,})-\s+(?:und|oder|bzw\.|sowie)\s+([a-zäöüß]{4,})")


def _completed(low: str) -> list[str]:
    """The compounds a truncated one stands for: "bau- und planungsausschuss" also says "bauausschuss"."""
    found = []
    for match in _TRUNCATED.finditer(low):
        parts = _parts(match.group(2))
        if len(parts) > 1:
            found.append(match.group(1) + parts[-1])
    return found


def analyze(text: str) -> list[str]:
    """Index terms of a text: stems of words and of compound parts (a truncated compound completed),
    without stop words."""
    stopwords = _stopwords()
    low = text.lower()
    words = [w for w in _TOKEN.findall(low) if w not in stopwords and len(w) > 1] + _completed(low)
    expanded = [part for word in words for part in _parts(word)]
    return [stem for stem in _stemmer().stemWords(expanded) if stem not in stopwords]


class KeywordIndex:
    """BM25 over chunk texts; ``search`` returns (chunk, score) best first."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        bm25s = require("bm25s", "bm25s", "Stichwortsuche")
        self.chunks = list(chunks)
        self._model: Any = bm25s.BM25()  # type: ignore[attr-defined]
        corpus = [analyze(f"{c.title}\n{c.text}") or ["leer"] for c in self.chunks]
        self._vocabulary = {term for terms in corpus for term in terms}
        if self.chunks:
            self._model.index(corpus, show_progress=False)

    def search(self, query: str, k: int, keep: Callable[[Chunk], bool] | None = None) -> list[tuple[Chunk, float]]:
        terms = [t for t in analyze(query) if t in self._vocabulary]
        if not terms or not self.chunks:
            return []
        scores = self._model.get_scores(terms)
        ranked = sorted(range(len(self.chunks)), key=lambda i: float(scores[i]), reverse=True)
        hits = []
        for index in ranked:
            if float(scores[index]) <= 0:
                break
            if keep is None or keep(self.chunks[index]):
                hits.append((self.chunks[index], float(scores[index])))
            if len(hits) == k:
                break
        return hits
