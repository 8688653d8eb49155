"""German-aware keyword search (BM25) over the knowledge base's chunks.

Analysis: lower-casing, Snowball German stemming (which also folds umlauts
and ß), German stop words, and compound splitting, so "Dienstvereinbarung"
is indexed as the whole word *and* as "Dienst" + "Vereinbarung" and a query
for "Vereinbarung" finds it. BM25 itself is bm25s; stemming is PyStemmer;
compound splitting is compound-split. Analysing the chunks is the cost (about a
millisecond per chunk, so seconds for a big knowledge base, in every process), so the
index is saved with bm25s's own format in a folder named by the knowledge base's
content fingerprint (``Services.keyword_index``) and loaded from there by every later
process, as the vector index is.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.domain import Chunk
from assistant.errors import require

_TOKEN = re.compile(r"[a-zäöüß0-9]+")
# Stems of words a council, a budget and a report use for the same thing ("KI-Register" in a motion,
# "KI-Verzeichnis" in the guideline and the budget; "Fortbildung" and "Schulung"), indexed and searched
# as one. A change here changes every index term: raise ANALYSIS, so saved indexes are built again.
SAME_THING = {
    "regist": "verzeichnis",
}
ANALYSIS = 3  # the version of ``analyze``; part of a saved index's folder name
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
    if tail.lower() in _FEMININE:  # "Bürgerinnen" is the word "Bürger", not a compound with a part "inn"
        return (word,)
    return (word, *_parts(head.lower()), *_parts(tail.lower()))


_FEMININE = frozenset(("in", "innen"))


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
    stems = _stemmer().stemWords(expanded)
    return [SAME_THING.get(stem, stem) for stem in stems if stem not in stopwords]


_CHUNK_IDS = "chunk_ids.json"  # beside bm25s's files: which chunks, in which order, the index holds


class KeywordIndex:
    """BM25 over chunk texts; ``search`` returns (chunk, score) best first. ``saved``: a folder for
    exactly this content; the index is loaded from it when it holds these chunks, else built and
    written there."""

    def __init__(self, chunks: Sequence[Chunk], saved: Path | None = None) -> None:
        bm25s: Any = require("bm25s", "bm25s", "Stichwortsuche")
        self._bm25s = bm25s
        self.chunks = list(chunks)
        ids = [c.chunk_id for c in self.chunks]
        if saved is not None and self._load(saved, ids):
            return
        self._model: Any = bm25s.BM25()
        corpus = [analyze(f"{c.title}\n{c.text}") or ["leer"] for c in self.chunks]
        self._vocabulary = {term for terms in corpus for term in terms}
        if self.chunks:
            self._model.index(corpus, show_progress=False)
            if saved is not None:
                self._save(saved, ids)

    def _load(self, saved: Path, ids: list[str]) -> bool:
        try:
            if json.loads((saved / _CHUNK_IDS).read_text(encoding="utf-8")) != ids:
                return False
            self._model = self._bm25s.BM25.load(str(saved), show_progress=False)
        except (OSError, ValueError):  # absent, half written by a killed process, or another version's
            return False
        self._vocabulary = set(self._model.vocab_dict) - {""}
        return True

    def _save(self, saved: Path, ids: list[str]) -> None:
        """Written to a temporary folder and renamed, so a reader never sees half an index; when another
        process was faster, its copy stays."""
        partial = saved.with_name(f"{saved.name}.{os.getpid()}.partial")
        try:
            self._model.save(str(partial), show_progress=False)
            (partial / _CHUNK_IDS).write_text(json.dumps(ids), encoding="utf-8")
            partial.rename(saved)
        except OSError:  # a full disk or a read-only data folder costs the next process the rebuild only
            shutil.rmtree(partial, ignore_errors=True)

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


def keep_only(folder: Path, prefix: str, current: str) -> None:
    """Remove the saved indexes of older contents of one knowledge base (``prefix``) besides ``current``."""
    for old in folder.glob(f"{prefix}-*"):
        if old.name != current and not old.name.endswith(".partial"):  # another process may be writing that
            with contextlib.suppress(OSError):
                shutil.rmtree(old)
