"""Rules found on set 18 (Amt Hesselwiek): header fields of e-mails and council-system printouts, and
multi-part questions (decision record 0031)."""

from __future__ import annotations

from assistant.drafting.relevance import Coverage
from assistant.inquiry import metadata
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from tests.conftest import ROOT

HESSELWIEK = ROOT / "eval" / "kbs" / "amt-hesselwiek"


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


def test_a_compound_of_a_known_word_and_a_generic_head_or_a_schedule_is_no_unknown_focus() -> None:
    coverage = Coverage(chunks(load(HESSELWIEK)))
    posts = "Welche Personalstellen stehen für die KI-Koordination zur Verfügung, seit wann sind sie besetzt?"
    assert coverage.unknown_focus(posts) == []  # "Personal|stellen": the budget's personnel rows
    assert coverage.unknown_focus("Welche KI-Vorhaben sind bis Ende 2027 geplant, und welcher Zeitplan gilt?") == []
    assert coverage.unknown_focus("Welche Fördermittel hat das Amt für KI-Vorhaben beantragt?") == ["Fördermittel"]
    assert coverage.unknown_focus("Wie viele Drohnen setzt das Amt ein?") == ["Drohnen"]
