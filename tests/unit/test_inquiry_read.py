from pathlib import Path

import pytest

from assistant.errors import InquiryError
from assistant.formats.read import decode, read_inquiry
from assistant.inquiry.parse import parse_inquiry


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "alt.txt"
    path.write_bytes("1. Gibt es eine Dienstvereinbarung über KI-Anwendungen für Beschäftigte?\n".encode("cp1252"))
    text = read_inquiry(path)
    assert text.encoding == "cp1252"
    assert "Dienstvereinbarung über" in text.text


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff1) Frage eins?\r\n2) Frage zwei?\r\n".encode())
    inquiry = parse_inquiry(read_inquiry(path).text)
    assert [q.id for q in inquiry.answerable()] == ["1", "2"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "leer"), (b"   \n\n", "leer"), (b"\x00\x01\x02PK\x03\x04" * 20, "Binärdaten")],
)
def test_bad_files_give_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InquiryError, match=message) as info:
        read_inquiry(path)
    assert str(path) in info.value.render()


def test_missing_file_and_unsupported_format(tmp_path: Path) -> None:
    with pytest.raises(InquiryError, match="nicht gefunden"):
        read_inquiry(tmp_path / "nope.txt")
    other = tmp_path / "anfrage.odt"
    other.write_bytes(b"PK\x03\x04")
    with pytest.raises(InquiryError, match="wird nicht gelesen"):
        read_inquiry(other)


def test_text_without_questions_is_reported() -> None:
    with pytest.raises(InquiryError, match="Keine nummerierten Fragen"):
        parse_inquiry("Sehr geehrte Damen und Herren,\nvielen Dank für Ihre Mühe.\n")


def test_numbering_styles_and_follow_up() -> None:
    text = """Anfrage: Test
Frage 1: Gibt es eine KI-Leitlinie?
Frage 2: Wenn ja, seit wann gilt sie?
Frage 3: Welche Kosten entstehen
für Lizenzen und Betrieb?

Mit freundlichen Grüßen"""
    inquiry = parse_inquiry(text)
    assert [q.id for q in inquiry.answerable()] == ["1", "2", "3"]
    assert inquiry.question("3").text == "Welche Kosten entstehen für Lizenzen und Betrieb?"


def test_hyphenated_line_break_is_joined() -> None:
    inquiry = parse_inquiry("1. Welche Schulungs-\nmaßnahmen gibt es?\n2. Und welche Kosten?\n")
    assert inquiry.question("1").text == "Welche Schulungsmaßnahmen gibt es?"


def test_decode_latin1_fallback_never_raises() -> None:
    assert decode(bytes(range(0x80, 0x100)) + b" 1. Frage?", "x").text


def test_an_excerpt_numbered_from_twelve_is_read() -> None:
    text = """Anfrage der Fraktion X zur Digitalisierung (Auszug, Fragen 12 bis 14)

12. Welche KI-Anwendungen nutzt die Verwaltung?
13. Was kosten sie im Jahr?
14. Wer ist für sie zuständig?
"""
    inquiry = parse_inquiry(text)
    assert [q.id for q in inquiry.questions] == ["12", "13", "14"]


def test_a_lone_number_is_no_excerpt() -> None:
    # "12. Dezember" and one numbered line do not make a run of questions.
    with pytest.raises(InquiryError, match="Keine nummerierten Fragen"):
        parse_inquiry("Sitzung vom\n12. Dezember 2026\n13. Januar 2027 folgt.\nSehr geehrte Damen und Herren.\n")
