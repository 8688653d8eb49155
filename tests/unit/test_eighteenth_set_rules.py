"""Rules found on set 18 (Amt Hesselwiek): header fields of e-mails and council-system printouts, words no
source uses that still have an answer, and counts a later source counts anew (decision record 0031)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.drafting.leads import released_on
from assistant.drafting.relevance import Coverage
from assistant.drafting.stale import Rescheduled, StaleCounts
from assistant.inquiry import metadata
from assistant.inquiry.parse import parse_inquiry
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
    forwarded = ["Von: Ratsbüro <ratsbuero@example.org>", "Gesendet: Montag, 23. November 2026 09:12", "SPD-Fraktion"]
    assert metadata.sender(forwarded) == "SPD-Fraktion"  # the office that forwards it is not the sender


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


def _stale_counts(kb_dir: Path, today: date = date(2026, 12, 5)) -> StaleCounts:
    kb = load(kb_dir)
    read = [(c, released_on(c)) for c in chunks(kb) if c.kind in ("document", "answer")]
    return StaleCounts(read, kb.inventory, today, ignore=kb.municipality.name)


def test_a_dated_count_a_later_source_counts_anew_is_stale() -> None:
    stale = _stale_counts(HESSELWIEK)
    accounts = "AmtsText steht seit dem 01.09.2025 allen Beschäftigten … zur Verfügung."
    assert stale.stale("Zum 28.02.2026 bestanden 59 Nutzerkonten.", accounts)  # the register: 67 in November
    trained = "An der Pflichtschulung „KI-Grundlagen“ haben bis zum 28.02.2026 63 Beschäftigte teilgenommen."
    assert stale.stale(trained)  # "Bis zum 31.08.2026 haben 76 Beschäftigte die Pflichtschulung absolviert."
    assert not stale.stale("Bis zum 31.08.2026 haben 76 Beschäftigte die Pflichtschulung absolviert.")
    assert not stale.stale("Der Pilotbetrieb begann am 02.02.2026 mit 21 Sitzungen.")  # how it began stays true
    assert not _stale_counts(HESSELWIEK, date(2026, 3, 1)).stale("Zum 28.02.2026 bestanden 59 Nutzerkonten.", accounts)


def test_of_a_sentence_only_its_stale_clause_is_left_out() -> None:
    """ "Stattdessen steht KIara zur Verfügung; zum 20.09.2026 bestanden 780 Nutzerkonten." – 912 in October."""
    stale = _stale_counts(ROOT / "eval" / "kbs" / "stadt-selzheim")
    assert stale.stale("zum 20.09.2026 bestanden 780 Nutzerkonten", "Stattdessen steht KIara zur Verfügung")
    assert not stale.stale("Stattdessen steht KIara zur Verfügung")


def test_a_deadline_a_later_decision_moved_is_no_longer_quoted() -> None:
    kb = load(HESSELWIEK)
    read = [(c, released_on(c)) for c in chunks(kb) if c.kind in ("document", "answer")]
    moved = Rescheduled(read, date(2026, 12, 5), ignore=kb.municipality.name)
    march = date(2026, 3, 5)  # the Sachstandsbericht; the council decided on 24.09.2026
    register = "Das KI-Verzeichnis wird bis zum 31.12.2026 auf amt-hesselwiek.de veröffentlicht."
    assert moved.rescheduled(register, march)  # "Abweichend von Nr. 7 Abs. 3 … bis zum 31.03.2027 …"
    pilot = "- **Mitschrift Gremien** (Sitzungsdienst, Pilot seit 02.02.2026) in den Gemeindevertretungen."
    assert moved.rescheduled("Der Pilotbetrieb ist bis zum 31.12.2026 befristet.", march, pilot)  # "… verlängert"
    assert not moved.rescheduled("Bis zum 28.02.2026 haben 63 Beschäftigte teilgenommen.", march)  # no plan
    assert not Rescheduled(read, date(2026, 9, 1), ignore=kb.municipality.name).rescheduled(register, march)


def test_a_number_of_what_a_count_of_uses_asks_states_it() -> None:
    from assistant.drafting.asked_figures import AskedFigures, events

    read = chunks(load(HESSELWIEK))
    figures = AskedFigures(read, Coverage(read), 0.4)
    # "Phase 1 21 Sitzungen, Phase 2 37 Sitzungen" counts the sessions the application was used in
    assert figures.unstated("In wie vielen Sitzungen wurde die Anwendung bisher insgesamt eingesetzt?", 0.4) == []
    assert ("ins", "sam") not in events("wie viele Sitzungen insgesamt")  # "insgesamt" is no participle
    felled = "Wie viele Bäume mussten im Jahr 2026 gefällt werden?"  # an event of its own: the noun is not enough
    assert figures.shares(felled)[0][1] != 1.0


def test_a_budget_line_marked_kein_ki_bezug_is_not_listed_for_an_inquiry_on_ai(tmp_path: Path) -> None:
    from assistant.testing.fakes import FakeChatModel
    from tests.conftest import FIXED_TODAY, fake_services

    services = fake_services(FakeChatModel(), tmp_path)
    services.today = FIXED_TODAY
    kb = load(HESSELWIEK)
    services.ensure_index(kb)
    text = "Welche Investitionen sieht der Entwurf des Haushaltsplans 2027 vor?"
    inquiry = parse_inquiry(f"Anfrage: KI in der Amtsverwaltung\n\n1. {text}\n", "anfrage.txt")
    answer = services.drafter(kb).answer(inquiry.questions[0], inquiry)
    assert answer.table is not None and "54100.7831000" in str(answer.table.rows)  # WegeBlick's camera system
    assert "11140.7831000" not in str(answer.table.rows)  # "IT-Hardware allgemein – kein KI-Bezug"


def test_a_claim_on_an_application_no_longer_in_use_gets_its_state_from_the_register(tmp_path: Path) -> None:
    from assistant.drafting.statement import sections
    from assistant.testing.fakes import FakeChatModel, copying_responder
    from tests.conftest import FIXED_TODAY, fake_services

    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    services.today = FIXED_TODAY
    kb = load(HESSELWIEK)
    services.ensure_index(kb)
    motion = (
        "Antrag: Hochrisiko-KI\n\nDer Amtsausschuss möge beschließen:\n\n"
        "1. Hochrisiko-KI-Systeme im Sinne der KI-Verordnung nur nach vorherigem Beschluss des Amtsausschusses "
        "einzusetzen.\n\nBegründung:\n\nMit WohngeldCheck setzt das Amt in der Wohngeldstelle sogar ein "
        "Hochrisiko-KI-System ein, ohne dass der Amtsausschuss darüber entschieden hätte.\n"
    )
    inquiry = parse_inquiry(motion, "antrag.txt")
    answer = services.drafter(kb).answer(inquiry.questions[0], inquiry)
    assert "wurde am 30.04.2026 eingestellt" in sections(answer.text)["Sachstand"]


def test_a_model_sentence_that_left_out_a_date_of_its_quote_is_said_as_the_quote() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.leads import with_its_figures
    from assistant.drafting.verify import Checked

    quote = (
        "Ab dem 01.03.2027 wird die Anwendung in allen Gemeinden eingesetzt, soweit die Geschäftsordnung es zulässt."
    )
    chunk = Chunk("d.md#1", "d.md", "document", "Niederschrift", quote)
    short = Checked(
        text="Die Anwendung soll in allen Gemeinden eingesetzt werden.", passage=Passage(chunk, 1.0), quote=quote
    )
    assert with_its_figures(short).text == quote
    whole = Checked(
        text="Ab dem 01.03.2027 wird sie in allen Gemeinden eingesetzt.", passage=Passage(chunk, 1.0), quote=quote
    )
    assert with_its_figures(whole) == whole  # nothing left out


def test_a_sentence_that_says_the_opposite_of_its_quote_is_not_supported() -> None:
    from assistant.drafting.verify import meaning_mismatch

    quote = "Tonaufzeichnung und Transkript werden gelöscht, sobald die Niederschrift genehmigt ist."
    wrong = "Die Tonaufzeichnungen und Transkripte werden gespeichert, sobald die Niederschrift genehmigt ist."
    assert meaning_mismatch(wrong, quote) == "Satz sagt das Gegenteil der Quelle"
    assert meaning_mismatch(quote, quote) is None
    assert meaning_mismatch("Der Personalrat hat abgelehnt.", "Der Personalrat hat am 26.01.2026 zugestimmt.")


def test_where_data_is_processed_is_asked_of_the_register_s_vendor_and_hosting() -> None:
    from assistant.drafting import lexicon as lx

    asked = "wo werden die aufzeichnungen verarbeitet, und werden sie zum training verwendet?"
    assert lx.COLUMNS["vendor"].search(asked)
    assert not lx.COLUMNS["vendor"].search("wie hoch ist der stromverbrauch im rechenzentrum der kdg?")


def test_minutes_without_a_day_in_their_title_are_led_in_with_the_day_and_paper_of_their_opening_lines() -> None:
    from assistant.drafting.citing import Register
    from assistant.drafting.leads import dated_minutes

    kb = load(HESSELWIEK)
    parts = [c for c in chunks(kb) if c.source_id.startswith("documents/niederschrift-amtsausschuss")]
    register = Register()
    lead = dated_minutes(parts[-1], parts, register)
    assert lead.startswith(
        "Der Niederschrift über die Sitzung des Amtsausschusses des Amtes Hesselwiek am 24.09.2026 [1]"
    )
    assert "zur Vorlage AA/2026/041 [2] ist zu entnehmen: " in lead
    assert any("24.09.2026" in c.quote for c in register.citations)  # the day is cited on its line


def test_a_price_a_later_notice_replaced_is_no_longer_quoted() -> None:
    from assistant.drafting.stale import Repriced

    kb = load(HESSELWIEK)
    read = [(c, released_on(c)) for c in chunks(kb) if c.kind in ("document", "answer")]
    prices = Repriced(read, date(2026, 12, 5), ignore=kb.municipality.name)
    old = "Das Entgelt nach der Rahmenvereinbarung des ITV.SH beträgt 9,50 € je Konto und Monat."
    assert prices.repriced(old, date(2026, 3, 5))  # "ab 01.07.2026: 8,50 EUR je Nutzerkonto und Monat"
    assert not prices.repriced("Ab 01.07.2026 beträgt das Entgelt 8,50 € je Nutzerkonto.", date(2026, 7, 1))
    assert not prices.repriced("bisher (seit Vertragsbeginn): 9,50 EUR je Nutzerkonto und Monat", date(2026, 5, 12))
    assert not Repriced(read, date(2026, 6, 1), ignore=kb.municipality.name).repriced(old, date(2026, 3, 5))
