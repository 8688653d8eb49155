"""Agreement statistics: Cohen's and Fleiss' kappa (raters), Spearman's rho (judge vs. metrics).

Plain Python on purpose: a handful of numbers, and every formula is testable against a
textbook example.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two raters on the same items; None without items or without variation."""
    if len(first) != len(second):
        raise ValueError("beide Bewertenden müssen dieselben Einträge bewerten")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    left, right = Counter(first), Counter(second)
    expected = sum(left[c] * right[c] for c in set(left) | set(right)) / (n * n)
    if expected == 1:
        return None  # both raters always gave the same single category: kappa is undefined
    return (observed - expected) / (1 - expected)


def fleiss_kappa(ratings: Sequence[Sequence[Hashable]]) -> float | None:
    """Fleiss' kappa: ``ratings[item]`` holds the categories the raters gave that item.

    Every item needs the same number of ratings (at least two)."""
    items = [list(r) for r in ratings]
    if not items:
        return None
    raters = len(items[0])
    if raters < 2 or any(len(r) != raters for r in items):
        raise ValueError("Fleiss' Kappa braucht je Eintrag gleich viele (mindestens zwei) Bewertungen")
    categories = sorted({c for r in items for c in r}, key=str)
    counts = [[r.count(c) for c in categories] for r in items]
    n_items = len(items)
    p_j = [sum(row[j] for row in counts) / (n_items * raters) for j in range(len(categories))]
    p_i = [(sum(x * x for x in row) - raters) / (raters * (raters - 1)) for row in counts]
    p_bar = sum(p_i) / n_items
    p_e = sum(p * p for p in p_j)
    if p_e == 1:
        return None
    return (p_bar - p_e) / (1 - p_e)


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1  # ties share their mean rank
        i = j + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman's rank correlation; None for fewer than three pairs or a constant series."""
    if len(x) != len(y):
        raise ValueError("gleich viele Werte erwartet")
    if len(x) < 3:
        return None
    rx, ry = _ranks(x), _ranks(y)
    mean_x, mean_y = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mean_x) * (b - mean_y) for a, b in zip(rx, ry, strict=True))
    var_x = sum((a - mean_x) ** 2 for a in rx)
    var_y = sum((b - mean_y) ** 2 for b in ry)
    if var_x == 0 or var_y == 0:
        return None
    return float(cov / (var_x * var_y) ** 0.5)
