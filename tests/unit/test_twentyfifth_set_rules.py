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


def test_a_unit_the_whole_administration_includes_does_not_narrow_the_question() -> None:
    from assistant.drafting.subject import asked_units
    from assistant.kb.load import load
    from tests.conftest import ROOT

    kb = load(ROOT / "eval" / "kbs" / "kreis-wersebeck")
    question = "Welche KI-Anwendungen setzt die Kreisverwaltung einschließlich des Jobcenters derzeit ein?"
    assert asked_units(question, kb) == ()
    assert asked_units("Welche KI-Anwendungen setzt das Jobcenter ein?", kb) == ("JC",)


def test_since_when_is_answered_by_a_day_something_began_not_one_it_can_end() -> None:
    from assistant.drafting.parts import holds_what_it_asks

    assert not holds_what_it_asks("seit wann gilt sie", "Sie kann erstmals zum 31.12.2028 gekündigt werden.")
    assert holds_what_it_asks("seit wann gilt sie", "Abgeschlossen am 23.04.2026, in Kraft ab 01.05.2026.")
    assert holds_what_it_asks("bis wann läuft die Erprobung", "Die Erprobung läuft bis zum 30.06.2027.")
    assert not holds_what_it_asks("bis wann läuft die Erprobung", "Die Erprobung begann am 01.06.2026.")
