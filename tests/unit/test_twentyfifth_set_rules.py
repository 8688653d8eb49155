"""Rules from the twenty-fifth held-out set (Kreis Wersebeck, NRW): a council system's Markdown export, a
letter's title wrapped over two lines above its session line."""

from __future__ import annotations

from assistant.inquiry.parse import parse_inquiry

MARKDOWN_EXPORT = """# AN/2026/0188 – Anfrage

| Feld | Wert |
|:--|:--|
| Einreicher | Jonas Albers, Kreistagsmitglied (Die Linke) |
| Eingang | 05.11.2026 |

## Betreff

KI-gestützte Zuordnung von Unterlagen im Jobcenter (DokuSort SGB II)

## Inhalt

Sehr geehrte Frau Landrätin,

mit Ihrer Antwort vom 16.06.2026 auf die Anfrage vom 26.05.2026 bitte ich um Antwort:

1. Wie viele Unterlagen hat das System seit dem Start verarbeitet, und
   welcher Anteil musste korrigiert werden?
1. Bis wann läuft die Erprobung inzwischen?
1. Welche Kosten entstehen in den Jahren 2026 und 2027?

Mit freundlichen Grüßen
"""


def test_a_markdown_list_numbered_1_throughout_is_numbered_in_order_with_its_table_s_metadata() -> None:
    inquiry = parse_inquiry(MARKDOWN_EXPORT, "anfrage.md")
    assert [q.id for q in inquiry.questions] == ["1", "2", "3"]
    assert inquiry.questions[0].text.endswith("welcher Anteil musste korrigiert werden?")
    assert inquiry.subject == "KI-gestützte Zuordnung von Unterlagen im Jobcenter (DokuSort SGB II)"
    assert inquiry.sender == "Jonas Albers, Kreistagsmitglied (Die Linke)"
    assert inquiry.date == "2026-11-05"  # the day it came in, not the earlier inquiry the text mentions


def test_a_list_that_numbers_itself_is_left_as_written() -> None:
    text = "Anfrage\n\n1. Erste Frage?\n1. Zweite Frage?\n1. Dritte Frage?\n2. Vierte Frage?\n"
    assert [q.id for q in parse_inquiry(text, "a.txt").questions] == ["1", "2"]


def test_a_title_wrapped_over_two_lines_above_the_session_line_is_the_subject() -> None:
    text = (
        "SPD-Fraktion im Kreistag Wersebeck\n\nWersebeck, 28.10.2026\n\n"
        "Große Anfrage nach § 17 Abs. 2 der Geschäftsordnung des Kreistags\n"
        "Künstliche Intelligenz in der Kreisverwaltung Wersebeck –\nBestandsaufnahme 2026\n"
        "Sitzung des Kreistags am 17.12.2026\n\nSehr geehrte Frau Landrätin,\n\n"
        "1. Welche KI-Anwendungen setzt die Kreisverwaltung ein?\n2. Seit wann?\n"
    )
    assert (
        parse_inquiry(text, "a.txt").subject
        == "Künstliche Intelligenz in der Kreisverwaltung Wersebeck – Bestandsaufnahme 2026"
    )
