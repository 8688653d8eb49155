"""Agreement statistics against textbook values."""

from __future__ import annotations

import pytest

from assistant.evaluation.agreement import cohen_kappa, fleiss_kappa, spearman


def test_cohen_kappa_textbook_example() -> None:
    # Wikipedia's example: 50 items, 20 yes/yes, 15 no/no, 5 yes/no, 10 no/yes -> kappa 0.4
    first = ["ja"] * 25 + ["nein"] * 25
    second = ["ja"] * 20 + ["nein"] * 5 + ["ja"] * 10 + ["nein"] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)
    assert cohen_kappa(["ja", "nein"], ["ja", "nein"]) == pytest.approx(1.0)
    assert cohen_kappa(["ja", "ja"], ["ja", "ja"]) is None  # no variation: undefined
    assert cohen_kappa([], []) is None
    with pytest.raises(ValueError):
        cohen_kappa(["ja"], [])


def test_fleiss_kappa_textbook_example() -> None:
    # Fleiss (1971) as reproduced on Wikipedia: 10 items, 14 raters, 5 categories -> 0.210
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    ratings = [[category for category, count in enumerate(row) for _ in range(count)] for row in table]
    assert fleiss_kappa(ratings) == pytest.approx(0.210, abs=0.001)
    with pytest.raises(ValueError):
        fleiss_kappa([["a", "b"], ["a"]])


def test_spearman() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9487, abs=1e-4)
    assert spearman([1, 1, 1], [1, 2, 3]) is None
    assert spearman([1, 2], [1, 2]) is None
