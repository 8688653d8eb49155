"""A Sachstand quotes the paragraph around its closest sentence, each sentence on its own quote."""

from __future__ import annotations

from assistant.domain import Chunk, Passage
from assistant.drafting.paragraph import around
from assistant.drafting.verify import Checked

_SHORT = (
    "Geprüft wurde auch ein Fernzugang von zu Hause. Am Markt angeboten wird dafür der Dienst X zu 8 € je Monat. "
    "Ein Fernzugang wird daher nicht angeboten."
)
_LONG = (
    "Seit dem 13.01.2026 lädt die Stadtbibliothek monatlich zum KI-Treff ein. Die Teilnahme ist kostenfrei und "
    "ohne Anmeldung möglich. Das Team erklärt KI-Anwendungen und hilft beim Ausprobieren. Bis zum 30.09.2026 "
    "fanden neun Termine mit 186 Teilnehmenden statt. Drei Beschäftigte haben eine Aufbauschulung abgeschlossen."
)


def _checked(kind: str, text: str, quote: str) -> Checked:
    chunk = Chunk("d.md#1", "d.md", kind, "Konzept", text, {})
    return Checked(text=quote, passage=Passage(chunk, 1.0), quote=quote)


def test_a_short_paragraph_is_quoted_whole_with_its_outcome() -> None:
    first = "Geprüft wurde auch ein Fernzugang von zu Hause."
    found = around(_checked("document", f"## 4. Fernzugang\n\n{_SHORT}", first), as_written=True)
    assert [c.quote for c in found][-1] == "Ein Fernzugang wird daher nicht angeboten."
    assert found[0].quote == first and len(found) == 3
    assert all(c.quote in _SHORT for c in found)


def test_of_a_long_paragraph_its_opening_the_quote_and_the_next_sentence() -> None:
    quote = "Die Teilnahme ist kostenfrei und ohne Anmeldung möglich."
    found = [c.quote for c in around(_checked("document", _LONG, quote), as_written=True)]
    assert found[0].startswith("Seit dem 13.01.2026") and found[1] == quote
    assert found[2].startswith("Das Team erklärt") and len(found) == 3


def test_an_earlier_reply_is_quoted_as_answered_but_a_record_or_a_rewritten_sentence_alone() -> None:
    reply = (
        "Frage: Wie lange wartet man?\nAntwort: Nein. Ohne Termin betrug die Wartezeit 2024 47 Minuten. Mit Termin 6."
    )
    found = around(_checked("answer", reply, "Ohne Termin betrug die Wartezeit 2024 47 Minuten."), as_written=True)
    assert [c.quote for c in found] == ["Ohne Termin betrug die Wartezeit 2024 47 Minuten."]  # "Nein.", "Mit Termin 6."
    record = _checked("inventory", _SHORT, "Geprüft wurde auch ein Fernzugang von zu Hause.")
    assert around(record, as_written=True) == [record]
    rewritten = _checked("document", _SHORT, "Geprüft wurde auch ein Fernzugang von zu Hause.")
    assert around(rewritten, as_written=False) == [rewritten]


def test_a_sentence_said_already_under_another_lead_in_or_inside_a_longer_one_is_not_repeated() -> None:
    from assistant.drafting.paragraph import distinct

    said = [
        "Die Erprobung endete am 31.03.2026 und wird nicht fortgeführt; die Geräte wurden zurückgegeben [1].",
        "In ihrer Antwort vom 19.05.2026 hat die Verwaltung mitgeteilt: Die Erprobung endete am 31.03.2026 [2].",
        "Zur Begründung des Antrags ist festzuhalten: Die Geräte wurden zurückgegeben [3].",
        "Die Teilnahme ist frei [4].",
        "Die Teilnahme ist frei [5].",
    ]
    assert distinct(said) == [said[0], said[3], said[4]]  # a short sentence may be said of two things
