"""Every input format and numbering style, with fixtures built in tests/fixtures/builders.py."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.errors import InquiryError
from assistant.formats.pdf import strip_furniture
from assistant.formats.read import read_bytes, read_inquiry
from assistant.inquiry.parse import parse_inquiry
from tests.fixtures import builders

FIXTURES: dict[str, tuple[Callable[[], bytes], str]] = {
    "word": (builders.word_inquiry, ".docx"),
    "word_style": (builders.word_style_list, ".docx"),
    "pdf": (builders.pdf_inquiry, ".pdf"),
    "council_html": (lambda: builders.COUNCIL_HTML.encode(), ".html"),
    "news_html": (lambda: builders.NEWS_HTML.encode(), ".html"),
    "cp1252": (builders.text_cp1252, ".txt"),
    "roman": (lambda: builders.ROMAN_TEXT.encode(), ".txt"),
    "roman_sections": (lambda: builders.ROMAN_SECTIONS_TEXT.encode(), ".txt"),
    "mail_qp": (builders.mail_quoted_printable, ".eml"),
    "mail_attachment": (builders.mail_with_attachment, ".eml"),
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_parses_to_expected_structure(name: str, tmp_path: Path) -> None:
    build, suffix = FIXTURES[name]
    path = tmp_path / f"anfrage{suffix}"
    path.write_bytes(build())
    inquiry = parse_inquiry(read_inquiry(path).text, path.name)
    expected = builders.expected()[name]
    assert [q.id for q in inquiry.answerable()] == expected.pop("ids")
    for key, value in expected.items():
        assert getattr(inquiry, key) == value, key


def test_word_list_numbers_come_from_numbering_xml() -> None:
    text = read_bytes(builders.word_inquiry(), "a.docx", ".docx").text
    assert "1. Welche KI-Anwendungen" in text
    assert "a) Wenn ja, seit wann gilt sie?" in text
    assert "Gremium | Ausschuss für Digitalisierung" in text  # table row
    inquiry = parse_inquiry(text)
    assert inquiry.question("2a").follows == "2"


def test_pdf_page_furniture_and_hyphenation() -> None:
    text = read_bytes(builders.pdf_inquiry(), "a.pdf", ".pdf").text
    assert "Drucksache 18/0815" not in text and "Seite 1 von 2" not in text
    assert "Schulungsmaßnahmen" in text
    assert "  " not in text
    inquiry = parse_inquiry(text)
    assert inquiry.question("2").text == "Welche Schulungsmaßnahmen wurden für die Beschäftigten durchgeführt?"
    assert "Punkt der Begründung" in inquiry.justification


def test_furniture_needs_repetition() -> None:
    pages = [["Kopf 1", "Text a", "Fuß"], ["Kopf 2", "Text b", "Fuß"], ["Kopf 3", "Text c", "Fuß"]]
    assert strip_furniture(pages) == [["Text a"], ["Text b"], ["Text c"]]
    assert strip_furniture([["Einzige Seite", "Text"]]) == [["Einzige Seite", "Text"]]


def test_a_printout_s_five_line_page_head_is_furniture_and_a_lone_list_label_joins_its_item() -> None:
    from assistant.formats.pdf import repair_lines

    head = ["Ratsinformationssystem", "Drucksache 21/1187", "Ausdruck vom 11.11.2026", "Antrag: KI", "Seite {} von 2"]
    first = [
        *head[:4],
        head[4].format(1),
        "1.",
        "beim Servicebot 115",
        "a)",
        "die Vereinbarung zu kündigen,",
        "2.",
        "die",
    ]
    second = [*head[:4], head[4].format(2), "Stellen abzusetzen;", "3.", "zu berichten."]
    cleaned = strip_furniture([first, second])
    assert cleaned == [first[5:], second[5:]]
    text = repair_lines("\n".join("\n".join(page) for page in cleaned))
    assert text.startswith("1. beim Servicebot 115\na) die Vereinbarung zu kündigen,\n2. die\nStellen")
    assert parse_inquiry(f"Antrag: KI\n\n{text}").question("1a").text == "die Vereinbarung zu kündigen,"


def test_html_drops_navigation_scripts_adverts_and_footer() -> None:
    text = read_bytes(builders.COUNCIL_HTML.encode(), "a.html", ".html").text
    for noise in ("Cookies", "Startseite", "Impressum", "Weitere Vorlagen", "tracking"):
        assert noise not in text
    news = read_bytes(builders.NEWS_HTML.encode(), "b.html", ".html").text
    assert "Küchen" not in news and "Facebook" not in news


def test_roman_numerals_as_questions_and_as_sections() -> None:
    assert parse_inquiry(builders.ROMAN_TEXT).question("II").text == "Welche Anwendungen sind im Einsatz?"
    sections = parse_inquiry(builders.ROMAN_SECTIONS_TEXT)
    assert sections.question("3").section == "Finanzen"
    assert sections.question("2").text == "Gibt es ein KI-Verzeichnis?"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (builders.scanned_pdf, "keinen Text"),
        (builders.encrypted_pdf, "passwortgeschützt"),
        (lambda: builders.pdf_inquiry()[:400], "beschädigt"),
        (lambda: b"PK\x03\x04 kein zip", "kein gültiges Word-Dokument"),
        (lambda: b"<html><body><nav>Menue</nav></body></html>", "keinen lesbaren Text"),
    ],
)
def test_bad_documents_give_clear_errors(build: Callable[[], bytes], message: str) -> None:
    with pytest.raises(InquiryError, match=message):
        read_bytes(build(), "x", "")


def test_stdin_format_is_sniffed(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "parse", "-", "--json"],
        input=builders.word_inquiry(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b'"2a"' in result.stdout


def test_no_questions_is_an_explicit_result() -> None:
    with pytest.raises(InquiryError, match="Keine nummerierten Fragen gefunden"):
        parse_inquiry(
            read_bytes(b"<html><body><main>" + b"Nur ein Text ohne Fragen. " * 20 + b"</main></body></html>", "x").text
        )


def test_mail_is_decoded_not_read_as_raw_text() -> None:
    """Quoted-printable and encoded words are decoded; a logo attachment is left out; the day is German."""
    text = read_bytes(builders.mail_quoted_printable(), "anfrage.eml", ".eml").text
    assert "=C3" not in text and "=?utf-8" not in text
    assert "Fachkräfte des Allgemeinen Sozialen Dienstes erhalten?" in text  # a soft line break joined
    assert "Datum: 09.11.2026" in text
    attached = read_bytes(builders.mail_with_attachment(), "anfrage.eml", ".eml")
    assert attached.format == "mail" and "Anlage: Kleine Anfrage KI.docx" in attached.text
    assert "logo.png" not in attached.text


def test_mail_saved_as_text_is_sniffed_but_plain_labels_stay_text() -> None:
    assert read_bytes(builders.mail_quoted_printable(), "anfrage.txt", ".txt").format == "mail"
    assert read_bytes(b"Von: Fraktion\nBetreff: KI\n\n1. Frage?", "a.txt", ".txt").format == "text"


def test_mail_without_text_is_a_clear_error() -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["Subject"] = "Anfrage"
    message.add_attachment(b"\x89PNG", maintype="image", subtype="png", filename="scan.png")
    with pytest.raises(InquiryError, match="keinen lesbaren Text"):
        read_bytes(bytes(message), "leer.eml", ".eml")


def test_forwarded_mail_gives_the_inquiry_senders_day_and_title() -> None:
    """The office forwards the Fraktion's mail as an attachment: sender, day and title are the Fraktion's."""
    from email import policy
    from email.message import EmailMessage
    from email.parser import BytesParser

    outer = EmailMessage()
    outer["From"], outer["Date"] = (
        "Büro der Bürgermeisterin <buero@musterstadt.example>",
        "Wed, 11 Nov 2026 08:00 +0100",
    )
    outer["Subject"] = "WG: Anfrage: Künstliche Intelligenz im Jugendamt"
    outer.set_content("Zur Bearbeitung, Frist beachten.")
    outer.add_attachment(BytesParser(policy=policy.default).parsebytes(builders.mail_quoted_printable()))
    read = read_bytes(bytes(outer), "weitergeleitet.eml", ".eml")
    inquiry = parse_inquiry(read.text, "weitergeleitet.eml")
    assert [q.id for q in inquiry.answerable()] == ["1", "2", "3"]
    assert (inquiry.sender, inquiry.date) == ("Fraktionsbüro Bündnis 90/Die Grünen", "2026-11-09")
    assert inquiry.subject == "Künstliche Intelligenz im Jugendamt"


def test_a_mail_forwarded_inline_twice_is_read_from_its_innermost_message() -> None:
    """Each office passes it on under a note of its own that asks and numbers things; the inquiry is the
    message below the last forward line, with its own sender, day and title."""
    from email.message import EmailMessage

    body = (
        "Liebe Frau Lüth,\n\nkönnen Sie bis zum 13.11. einen Entwurf schicken?\n\nViele Grüße\n\n"
        "---------- Forwarded message ---------\nVon: Ortsteilbüro <buero@stadt.example>\n"
        "Date: Do., 5. Nov. 2026 um 09:12 Uhr\nSubject: Fwd: Anfrage\n\n"
        "Guten Morgen,\n\n1. Die Anfrage ist am 03.11.2026 beschlossen worden.\n2. Das Protokoll folgt.\n\n"
        "-------- Weitergeleitete Nachricht --------\nBetreff: Anfrage zu HanseScribe\n"
        "Datum: Wed, 4 Nov 2026 20:47:13 +0100\nVon: Gesine Bartels <g.bartels@ov.example>\n\n"
        "Wir bitten um Beantwortung folgender Fragen:\n\n1. Seit wann wird HanseScribe eingesetzt?\n\n"
        "2. Wo werden die Tonaufnahmen verarbeitet?\n"
    )
    message = EmailMessage()
    message["From"], message["Subject"] = "Büro <buero@stadt.example>", "Fwd: Fwd: Anfrage zu HanseScribe"
    message.set_content(body)
    read = read_bytes(bytes(message), "fwd.eml", ".eml")
    assert "Datum: 04.11.2026" in read.text and "(Vermerke der Weiterleitung ausgelassen: 2)" in read.text
    assert "Entwurf schicken" not in read.text  # the notes are in the mail, not in what is parsed
    inquiry = parse_inquiry(read.text, "fwd.eml")
    assert [q.text for q in inquiry.answerable()] == [
        "Seit wann wird HanseScribe eingesetzt?",
        "Wo werden die Tonaufnahmen verarbeitet?",
    ]
    reply = "Danke.\n\n-----Ursprüngliche Nachricht-----\nVon: A\n\n1. Alte Frage?\n"
    message.replace_header("Subject", "AW: Anfrage zu HanseScribe")
    message.set_content(reply)  # a reply's own text is the message, whatever it quotes
    assert "Danke." in read_bytes(bytes(message), "aw.eml", ".eml").text


def test_invisible_and_compatibility_characters_are_read_as_a_reader_sees_them() -> None:
    """Soft hyphens, no-break spaces, ligatures and full-width digits from a web page or a word processor."""
    html = (
        "<p>1. Ein KI-Kompetenz\u00adzentrum f\u00fcr 45.000\u00a0\u20ac wird ge\ufb01\u200bnanzt bis "
        "\uff12\uff10\uff12\uff17?</p>"
    )
    text = read_bytes(html.encode(), "antrag.html", ".html").text
    assert "KI-Kompetenzzentrum für 45.000 € wird gefinanzt bis 2027?" in text
    assert "m²" in read_bytes("Fläche 20 m²".encode(), "a.txt", ".txt").text  # no other compatibility mapping


def test_a_printout_s_margin_line_numbers_are_no_part_of_its_demands() -> None:
    from assistant.formats.pdf import strip_line_numbers

    lines = ["Thannried, 10.02.2027", "9", "Der Marktgemeinderat möge beschließen:"]
    lines += ["10", "1. Zur Trinkwasserversorgung:"]
    lines += ["11", "a) Die Leckageortung wird bereits zum 01.04.2027 statt erst zum", "12", "01.07.2027 eingeführt."]
    lines += ["13", "b) Im Haushalt 2027 werden dafür 36.000 Euro bereitgestellt."]
    lines += ["14", "2. Die Vertreter setzen sich"]
    lines += ["15", "dafür ein, dass …"]
    kept = strip_line_numbers(lines)
    assert kept == [line for line in lines if not line.isdigit()]
    parsed = parse_inquiry("\n".join(kept), "antrag.pdf")
    assert parsed.question("1a").text.endswith("statt erst zum 01.07.2027 eingeführt.")
    # bare numbers that label one item each are the items' numbers, not the margin's
    labelled = ["1", "Wie viele Konten gibt es?", "2", "Was kostet ALBERT?", "3", "Wer ist zuständig?"]
    labelled += ["4", "Seit wann?", "5", "Wo wird gespeichert?"]
    assert strip_line_numbers(labelled) == labelled


def test_a_faction_named_in_the_letter_s_first_sentence_is_its_sender_and_its_questions_give_the_subject() -> None:
    text = (
        "Liest bei der VG künftig eine KI unsere Post?\n\nVeröffentlicht am 03.02.2027 von Werner Kastl\n\n"
        "Sehr geehrte Frau Erste Bürgermeisterin,\n\ndie SPD-Fraktion im Marktgemeinderat Thannried bittet um "
        "schriftliche Beantwortung der folgenden Fragen zur KI-gestützten Bearbeitung des Posteingangs:\n\n"
        "1. Seit wann wird der Posteingang ausgewertet?\n2. Wurde der Personalrat beteiligt?\n"
    )
    parsed = parse_inquiry(text, "seite.html")
    assert parsed.sender == "SPD-Fraktion im Marktgemeinderat Thannried"
    assert parsed.subject == "KI-gestützten Bearbeitung des Posteingangs"
    assert parsed.date == "2027-02-03"
    change = "zum Antrag der CSU-Fraktion stellt die Fraktion der Freien Wähler im Marktgemeinderat nach § 23 folgenden"
    assert parse_inquiry(f"{change}\n\nÄnderungsantrag:\n\n1. Nummer 3 wird gestrichen.\n", "m.txt").sender == (
        "Fraktion der Freien Wähler im Marktgemeinderat"
    )
