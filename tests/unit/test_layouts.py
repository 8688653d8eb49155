"""Layouts set 29 showed the parser not yet reading (its first run): a two-column PDF with the faction's notes
beside the questions, numbering that starts again in each lettered section, an HTML-only mail whose signature
numbers meetings and asks things, and demands in a Word text box (read twice through the drawing's fallback)."""

from __future__ import annotations

from assistant.formats.mail import unsigned
from assistant.formats.pdf import NOTES, columns
from assistant.formats.read import read_inquiry
from assistant.inquiry.parse import parse_inquiry
from tests.conftest import ROOT

INQUIRIES = ROOT / "eval" / "inquiries"
WIDTH = 595.0


def _page(rows: list[tuple[str, str]]) -> list[tuple[float, float, str]]:
    """Fragments of a page: each row's question text at the left edge, its note (if any) at x = 374."""
    fragments = []
    for number, (left, right) in enumerate(rows):
        y = 700.0 - 12 * number
        if left:
            fragments.append((57.0, y, left))
        if right:
            fragments.append((374.0, y, right))
    return fragments


def test_a_narrower_second_column_is_read_as_notes_after_the_text() -> None:
    rows = [("Emscherfeld, den 27.10.2026", ""), ("Fragen", "Hinweise")]
    rows += [(f"{n}. Welche Anwendung Nummer {n} setzt die Stadtverwaltung derzeit ein?", f"Vgl. Antwort {n}?")
             for n in range(1, 8)]  # fmt: skip
    rows += [("Mit freundlichen Grüßen", "")]
    split = columns(_page(rows), WIDTH)
    assert split is not None
    lines, notes = split
    assert lines[0] == "Emscherfeld, den 27.10.2026"
    assert [line for line in lines if line.startswith("3.")] == [rows[4][0]]  # no note inside a question
    assert notes[0].startswith(NOTES) and "Vgl. Antwort 1?" in notes[0]
    parsed = parse_inquiry("\n".join([*lines[:1], "Anfrage zu KI", "", *lines[1:], "", *notes]), "anfrage.pdf")
    assert [q.id for q in parsed.questions] == [str(n) for n in range(1, 8)]


def test_one_column_a_letterhead_block_or_margin_line_numbers_are_no_columns() -> None:
    plain = [(f"Zeile {n} eines gewöhnlichen Briefes mit etwas Text darin.", "") for n in range(20)]
    assert columns(_page(plain), WIDTH) is None
    letterhead = [("An die Stadt", "Fraktion im Rat"), ("Rathausplatz 1", "Musterweg 2"), ("Text", "")] * 1
    assert columns(_page(letterhead + plain), WIDTH) is None  # fewer than six rows beside each other
    numbered = [(str(n), f"Zeile {n} des Antrags mit Zeilennummern am Rand, sehr viel länger.") for n in range(20)]
    assert columns([(40.0, y, t) if t.isdigit() else (374.0, y, t) for x, y, t in _page(numbered)], WIDTH) is None


def test_a_table_s_column_of_figures_is_read_row_by_row() -> None:
    rows = [(f"0620.65{n} Lizenz der Anwendung Nummer {n} (Betrieb und Wartung)", f"{n}.500 € {n}.800 €")
            for n in range(1, 9)]  # fmt: skip
    assert columns(_page(rows), WIDTH) is None


def test_the_two_column_inquiry_reads_its_questions_only_with_their_sections() -> None:
    read = read_inquiry(INQUIRIES / "holdout-emscherfeld-grosse-anfrage-ki.pdf")
    parsed = parse_inquiry(read.text, read.name)
    ids = [q.id for q in parsed.questions]
    assert ids[:4] == ["A1", "A2", "A2a", "A2b"] and ids[-2:] == ["D3", "D4"]
    assert all("Vgl." not in q.text and "Hochrisiko?" not in q.text for q in parsed.questions)
    assert "Emscherfeld, 27.10.2026" in read.text.split("\n")  # the letterhead's date, beside the address


def test_numbering_that_starts_again_in_each_lettered_section_gets_the_section_s_letter() -> None:
    text = (
        "Anfrage zu KI\n\nA. Bestand\n1. Welche Anwendungen gibt es?\n2. Zum Chatbot:\na) Wie viele Dialoge?\n"
        "b) Welche Sprachen?\nB. Regeln\n1. Darf man ChatGPT nutzen?\n2. Gibt es eine Dienstvereinbarung?\n\n"
        "Mit freundlichen Grüßen\nA. Hartmann\n"
    )
    parsed = parse_inquiry(text, "anfrage.txt")
    assert [q.id for q in parsed.questions] == ["A1", "A2", "A2a", "A2b", "B1", "B2"]
    assert parsed.question("B1").section == "B. Regeln"
    running = text.replace("B. Regeln\n1. Darf", "B. Regeln\n3. Darf").replace("2. Gibt es eine", "4. Gibt es eine")
    assert [q.id for q in parse_inquiry(running, "anfrage.txt").questions][:3] == ["1", "2", "2a"]


def test_a_mail_s_signature_is_no_part_of_its_inquiry() -> None:
    body = (
        "Wir fragen:\n\nI) Seit wann?\n\nII) Wie viele?\n\n--\nJonas Kettler\n1. Sitzung am 05.11.\n2. Sprechstunde?\n"
    )
    assert unsigned(body) == "Wir fragen:\n\nI) Seit wann?\n\nII) Wie viele?\n"
    long_tail = "Text\n-- \n" + "\n".join(f"Zeile {n}" for n in range(40))
    assert unsigned(long_tail) == long_tail  # more than a signature follows: kept
    read = read_inquiry(INQUIRIES / "holdout-emscherfeld-stadtblick-bv-nord.eml")
    parsed = parse_inquiry(read.text, read.name)
    assert [q.id for q in parsed.questions][:4] == ["I", "II", "IIa", "IIb"]


def test_roman_questions_before_an_arabic_list_are_the_questions() -> None:
    text = (
        "Anfrage\n\nI) Seit wann wird erprobt?\nII) Was kostet es?\nIII) Wer ist zuständig?\n\n"
        "Mit freundlichen Grüßen\nUnsere Termine:\n1. Sitzung am 05.11.2026\n2. Sprechstunde am 12.11.2026\n"
        "3. Bezirksvertretung am 19.11.2026\n"
    )
    assert [q.id for q in parse_inquiry(text, "anfrage.txt").questions] == ["I", "II", "III"]
    sections = "Anfrage\n\nI. Vorbemerkung\nII. Fragen\n1. Seit wann?\n2. Was kostet es?\n"
    assert [q.id for q in parse_inquiry(sections, "anfrage.txt").questions] == ["1", "2"]


def test_demands_in_a_word_text_box_are_read_once_each_on_its_line() -> None:
    read = read_inquiry(INQUIRIES / "motion-emscherfeld-haushaltsantrag-ki.docx")
    assert read.text.count("Deckungsvorschlag: Die Mehraufwendungen") == 1
    parsed = parse_inquiry(read.text, read.name)
    assert [q.id for q in parsed.questions] == ["1", "2", "3", "4", "5", "6"]
