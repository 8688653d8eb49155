"""Which figure a sentence's words belong to.

A small model recombines a source sentence and hangs a figure on the wrong quantity: from
"… hat 2.486 Anträge geprüft und bei 1.517 Anträgen (61 %) fehlende Angaben erkannt" it writes
"Es wurden 2.486 Anträge geprüft, bei denen fehlende Angaben erkannt wurden". Every number and
nearly every word is in the quote, so support and the number check pass; the claim is false.

Here each word of the quote belongs to the count or amount nearest to it. When most of the
words a sentence shares with its quote belong to a figure the sentence leaves out, while the
sentence states another figure of that quote, the figure has been relabelled. Dates and years
carry no quantity and are not read as figures.
"""

from __future__ import annotations

import re

from assistant.text import VOICE, stems

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-zÄÖÜäöüß]+|[%();§]")
# A count or an amount ("14", "2.486", "13,7"); not a date ("01.04.", "31.10.2026"), not a clause ("4.1").
_FIGURE = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# A list item's number ("3. Die Merkblätter …") and a clause a figure refers to ("§ 6 Abs. 1", "Art. 50").
_ITEM = re.compile(r"^\W*\d+[.)]\s+")
_CLAUSE = frozenset(
    ["§", "art", "artikel", "abs", "absatz", "nr", "nummer", "ziffer", "satz", "anhang", "buchst", "kapitel", "seite"]
)
# Words that link a sentence rather than say what a figure counts.
_LINKING = stems("wurden wurde worden werden sind ist hat haben insgesamt davon bisher seit")


def _figure(token: str) -> str | None:
    if not _FIGURE.match(token) or _YEAR.match(token):
        return None
    return token.replace(".", "")


def _figures_of(text: str) -> set[str]:
    return {value for token in _TOKEN.findall(text) if (value := _figure(token))}


def _groups(tokens: list[str]) -> list[tuple[int, int]]:
    """(position, group) of each figure of a quote; a share right after a figure ("1.517 Anträgen
    (61 %)") is the same quantity and joins its group."""
    anchors: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if not _figure(token) or (i and tokens[i - 1].lower() in _CLAUSE):
            continue
        share = i + 1 < len(tokens) and tokens[i + 1] == "%"
        joins = share and anchors and i - anchors[-1][0] <= 3
        anchors.append((i, anchors[-1][1] if joins else len(anchors)))
    return anchors


def _segments(tokens: list[str]) -> list[tuple[int, int, int]]:
    """Each token's part of the quote: between semicolons, and inside or outside a parenthesis
    ("64 Beschäftigte freigeschaltet (46 im Jobcenter, 18 …)": the breakdown is its own part)."""
    semis = depth = opened = 0
    keys = []
    for token in tokens:
        if token == ";":
            semis += 1
        elif token == "(":
            depth, opened = depth + 1, opened + 1
        elif token == ")":
            depth = max(depth - 1, 0)
        keys.append((semis, depth, opened if depth else 0))
    return keys


def _owners(tokens: list[str], anchors: list[tuple[int, int]]) -> dict[str, set[int]]:
    """Each word stem of the quote with the figure groups nearest to it (ties keep both), looked
    for in the word's own part of the quote first."""
    keys = _segments(tokens)
    owners: dict[str, set[int]] = {}
    for i, token in enumerate(tokens):
        word = stems(token)
        if not word or _figure(token):
            continue
        near = [(j, g) for j, g in anchors if keys[j] == keys[i]] or anchors
        nearest = min(abs(i - j) for j, _ in near)
        owners.setdefault(next(iter(word)), set()).update(g for j, g in near if abs(i - j) == nearest)
    return owners


def relabelled(sentence: str, quote: str) -> str | None:
    """Why the sentence hangs a figure of the quote on words that belong to another figure, or None."""
    tokens = _TOKEN.findall(_ITEM.sub("", quote))
    anchors = _groups(tokens)
    told = _figures_of(sentence)
    stated = {group for i, group in anchors if _figure(tokens[i]) in told}
    if not stated or stated == {group for _, group in anchors}:
        return None
    owners = _owners(tokens, anchors)
    here = elsewhere = 0
    # The application's name counts too: in "(90 Minuten, Pflicht vor dem Zugang zu Lotte)" it is the course's.
    for word in stems(sentence) - VOICE - _LINKING:
        owner = owners.get(word, set())
        if owner and owner <= stated:
            here += 1
        elif owner and not owner & stated:
            elsewhere += 1
    if elsewhere >= 2 and elsewhere > here:
        return "Zahl im Satz gehört in der Quelle zu einer anderen Angabe"
    return None
