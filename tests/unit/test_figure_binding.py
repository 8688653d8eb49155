"""A figure hung on another figure's words is caught (drafting.binding); a faithful sentence is not."""

import pytest

from assistant.drafting.binding import relabelled

CHECKED = (
    "Vom 01.04. bis 31.10.2026 hat ElterngeldCheck 2.486 Anträge geprüft und bei 1.517 Anträgen (61 %) "
    "fehlende Angaben oder Unterlagen erkannt."
)
PLANNED = "Im Jahr 2026 sind für Lizenzen 12.000 € und für Schulungen 3.000 € eingeplant."


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("Es wurden 2.486 Anträge geprüft, bei denen fehlende Angaben oder Unterlagen erkannt wurden.", CHECKED),
        ("Für Schulungen sind 12.000 € eingeplant.", PLANNED),
        (
            "Die Beschäftigte, die Zugang zu Lotte haben, sind 1.530 Beschäftigte.",
            "| E-Learning „KI-Basiswissen“ (90 Minuten, Pflicht vor dem Zugang zu Lotte) | 1.530 Beschäftigte |",
        ),
    ],
)
def test_a_figure_on_another_figures_words_is_relabelled(sentence: str, quote: str) -> None:
    assert relabelled(sentence, quote) == "Zahl im Satz gehört in der Quelle zu einer anderen Angabe"


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("ElterngeldCheck hat 2.486 Anträge geprüft.", CHECKED),
        ("Bei 1.517 Anträgen wurden fehlende Unterlagen erkannt.", CHECKED),  # the share is the same quantity
        ("Bei 61 % der Anträge wurden fehlende Unterlagen erkannt.", CHECKED),
        ("Für Lizenzen sind 12.000 € eingeplant.", PLANNED),
        # a breakdown in brackets is its own part of the quote
        (
            "Es wurden 64 Beschäftigte zur Nutzung freigeschaltet.",
            "Derzeit sind 64 Beschäftigte zur Nutzung freigeschaltet (46 im Jobcenter, 18 in der Ausländerbehörde).",
        ),
        # a list item's number and a clause's number count nothing
        (
            "Aufbaumodul für Führungskräfte, verpflichtend für alle 142 Führungskräfte bis 30.06.2027.",
            "3. **Aufbaumodul „KI führen“ für Führungskräfte** – halbtägig; verpflichtend für alle 142 Führungskräfte.",
        ),
        (
            "Die Merkblätter werden in fünf Sprachen übersetzt und nach Prüfung ausgelegt (§ 6 Abs. 1 DA KI).",
            "3. Die Merkblätter werden in fünf Sprachen übersetzt und nach Prüfung ausgelegt (§ 6 Abs. 1 DA KI).",
        ),
        # dates and years state no quantity
        (
            "Der Stadtvorstand hat am 24.11.2026 den Regelbetrieb beschlossen.",
            "Am 24.11.2026 hat der Stadtvorstand den Regelbetrieb ab 01.01.2027 beschlossen.",
        ),
    ],
)
def test_a_faithful_figure_is_kept(sentence: str, quote: str) -> None:
    assert relabelled(sentence, quote) is None
