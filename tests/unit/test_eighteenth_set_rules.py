"""Rules found on set 18 (Amt Hesselwiek): header fields of e-mails and council-system printouts, and
multi-part questions (decision record 0031)."""

from __future__ import annotations

from assistant.inquiry import metadata


def test_an_e_mail_names_its_sender_and_date_in_its_own_fields() -> None:
    head = [
        "Von: Torben Asmussen <t.asmussen@fwh-silkmoor.example>",
        "Gesendet: Donnerstag, 26. November 2026 21:37",
        "An: Sitzungsdienst Amt Hesselwiek <sitzungsdienst@amt-hesselwiek.example>",
        'Betreff: Anfrage gem. § 16 GeschO Amtsausschuss - KI-Protokoll "Mitschrift',
        'Gremien" - zur Sitzung des Amtsausschusses am 17.12.2026',
    ]
    assert metadata.sender(head) == "Torben Asmussen"
    assert metadata.date(head) == "2026-11-26"
    assert metadata.subject(head) == "Mitschrift Gremien"  # the quoted name, closed on the folded line


def test_a_value_cut_off_after_a_word_that_cannot_end_it_goes_on_in_the_next_line() -> None:
    head = [
        "Datum: 23.11.2026",
        "Betreff: Künstliche Intelligenz in der Amtsverwaltung Hesselwiek – Anwendungen, Kosten, Regeln und",
        "Vorhaben",
        "Beratungsfolge",
    ]
    assert metadata.subject(head) == (
        "Künstliche Intelligenz in der Amtsverwaltung Hesselwiek – Anwendungen, Kosten, Regeln und Vorhaben"
    )
    whole = ["Betreff: KI in der Verwaltung", "Federführend: Fachbereich 1"]
    assert metadata.subject(whole) == "KI in der Verwaltung"  # complete, and the next line is a field


def test_a_party_line_with_a_dash_before_fraktion_names_the_sender() -> None:
    head = ["**BÜNDNIS 90/DIE GRÜNEN – Fraktion im Amtsausschuss Hesselwiek**", "Dr. Katrin Wulff · Jannik Feddersen"]
    assert metadata.sender(head) == "BÜNDNIS 90/DIE GRÜNEN – Fraktion im Amtsausschuss Hesselwiek"
