"""General rules found with the ninth and tenth held-out municipalities: a coined product name stays
distinctive however often the documents discuss it, a finding in a name ("– geprüft, nicht eingeführt")
names nothing, "nicht eingeführt" asks for discontinued applications, "welche KI-Vorhaben" is plural,
a label the model puts before a copied sentence is dropped, and an amount "für die Maßnahmen nach
Nr. 3" is for what the demands it points to name."""

from __future__ import annotations

from datetime import date

from assistant.domain import Inquiry, Question
from assistant.drafting.classify import Intent, over_inventory, statuses
from assistant.drafting.compose import parse_sentences
from assistant.drafting.statement import compared, demand_of, referring
from assistant.drafting.subject import SubjectFinder, _coined
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from tests.conftest import ROOT

ARDEYBURG = ROOT / "eval" / "kbs" / "stadt-ardeyburg"


def test_coined_words_are_those_with_a_capital_inside() -> None:
    assert _coined("WoGeKompass – KI-gestützte Vollständigkeitsprüfung") == {"wogekompass"}
    assert _coined("KreisGPT im Rechenzentrum der KIV NRW") == {"kreisgpt"}  # not the abbreviations
    assert _coined("Mängelmelder – automatische Zuordnung") == set()


def test_a_report_section_about_an_application_names_it_though_its_name_is_everywhere() -> None:
    kb = load(ARDEYBURG)
    finder = SubjectFinder(kb)
    section = next(c for c in chunks(kb) if c.source_id == "documents/zwischenauswertung-wogekompass-2027.md#3")
    named = finder.named_in(f"{section.title}\n{section.text}")
    assert "ARD-05" in named  # WoGeKompass, discussed in a fifth of the documents
    assert "ARD-07" not in named  # "geprüft" in "Scan-Fahrzeug … – geprüft, nicht eingeführt" names nothing


def test_not_introduced_asks_for_discontinued_applications_only() -> None:
    asked = "Welche KI-Vorhaben hat die Verwaltung geprüft oder getestet und nicht eingeführt, und warum?"
    assert statuses(asked) == ("discontinued",)
    assert statuses("Welche Anwendungen wurden abgelehnt oder verworfen?") == ("discontinued",)
    assert statuses("Welche Systeme werden getestet?") == ("pilot", "test")  # unchanged without the outcome
    assert over_inventory(Intent.LISTING, asked.lower(), ())


def test_a_label_before_a_copied_sentence_is_dropped() -> None:
    text = (
        '{"saetze": [{"text": "Zur Fehlerquote: In 112 Fällen meldete das Modul Unterlagen als fehlend.", "quelle": 1},'
        ' {"text": "Zu Frage 3: Die Zeit sank.", "quelle": 2},'
        ' {"text": "Zum Jahresende 2026 waren 940 Anträge offen.", "quelle": 1}]}'
    )
    sentences, problem = parse_sentences(text, 2)
    assert problem is None
    assert [s.text for s in sentences] == [
        "In 112 Fällen meldete das Modul Unterlagen als fehlend.",
        "Die Zeit sank.",
        "Zum Jahresende 2026 waren 940 Anträge offen.",  # a sentence, not a label
    ]


def _motion(*items: tuple[str, str, str | None]) -> Inquiry:
    questions = tuple(Question(id=i, number=i, text=t, parent=p) for i, t, p in items)
    return Inquiry(kind="antrag", questions=questions, subject="KI", date="2027-02-11", source_name="antrag.txt")


def test_an_amount_for_the_measures_of_other_demands_is_for_what_they_name() -> None:
    inquiry = _motion(
        ("1", "Die Verwaltung bietet allen Beschäftigten eine Basisschulung zu KI an.", None),
        ("2", "Ein Register wird veröffentlicht.", None),
        ("3", "Für die Maßnahmen nach Nr. 1 werden 2027 und 2028 jeweils 80.000 € bereitgestellt.", None),
    )
    question = inquiry.question("3")
    assert "Basisschulung" in referring(question.text, question, inquiry)
    assert "Register" not in referring(question.text, question, inquiry)
    kb = load(ARDEYBURG)
    (comparison,) = compared(demand_of(question, inquiry, date(2026, 12, 1)), question, inquiry, kb)
    assert comparison.amount.purposes == ("training",)  # its own words name no kind of money; Nr. 1's do
    assert comparison.amount.years == (2027, 2028)


def test_a_reference_to_a_demand_with_sub_demands_and_ranges() -> None:
    inquiry = _motion(
        ("1", "Alpha wird eingeführt.", None),
        ("2", "Beta:", None),
        ("2a", "Gamma wird geprüft.", "2"),
        ("3", "Delta wird erweitert.", None),
        ("4", "Für die Maßnahmen unter Ziffern 1 bis 2 stehen 10.000 € bereit.", None),
    )
    question = inquiry.question("4")
    text = referring(question.text, question, inquiry)
    assert all(word in text for word in ("Alpha", "Beta", "Gamma")) and "Delta" not in text
    huge = Question(id="5", number="5", text="Für die Maßnahmen nach Ziffern 1 bis 999999999 stehen 1.000 € bereit.")
    assert "Alpha" in referring(huge.text, huge, inquiry)  # a range is bounded, not enumerated


def test_a_negation_in_one_word_is_a_negation() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.compose import DraftSentence
    from assistant.drafting.verify import verify

    text = (
        "Eine Verwendung von Antragsdaten des Landkreises zum Training ist vertraglich ausgeschlossen. "
        "Die Bilddaten werden nach 14 Tagen gelöscht."
    )
    passage = Passage(Chunk("dsfa-3", "documents/dsfa.md#3", "document", "DSFA", text), 1.0)
    claim = DraftSentence("Antragsdaten des Landkreises werden zum Training verwendet.", 1)
    checked = verify([claim], [passage], date(2026, 12, 1), "Werden die Daten zum Training genutzt?")
    assert checked.kept == () and "Verneinung" in checked.warnings[0]


def test_an_earlier_replys_day_that_was_moved_since_is_superseded() -> None:
    from assistant.drafting.paragraph import moved, superseded

    current = "Start vom 01.04.2027 auf den 01.09.2027 verschoben: Zuschlag erst am 14.12.2026."
    assert moved(current) == {"2027-04-01": "2027-09-01"}
    assert superseded("Der Start ist zum 01.04.2027 vorgesehen.", current)
    assert superseded("Der Start ist zum 1. April 2027 vorgesehen.", current)
    assert not superseded("Der Start ist zum 01.09.2027 vorgesehen, nicht zum 01.04.2027.", current)
    assert not superseded("Der Vertrag wurde am 14.12.2026 geschlossen.", current)


def test_minutes_say_what_was_reported_in_which_committee_not_who_asked() -> None:
    from assistant.domain import Chunk
    from assistant.drafting.gaps import ASKED, plain
    from assistant.drafting.leads import minutes

    said = plain("Herr Tauscher (Amtsleiter Straßenverkehrsamt) berichtet: Die Wartezeit betrug 4 Werktage.")
    assert said == "Die Wartezeit betrug 4 Werktage."
    title = "Niederschrift über die öffentliche Sitzung des Jugendhilfeausschusses am 12.11.2026 (Auszug)"
    lead = minutes(Chunk("n-1", "documents/n.txt#1", "document", title, "…"))
    assert lead == "Der Niederschrift über die Sitzung des Jugendhilfeausschusses am 12.11.2026 ist zu entnehmen: "
    assert ASKED.search("Kreisrat Böhme (Freie Wähler) fragt, ob das System auch dort eingesetzt werden kann.")


def test_an_applications_costs_name_its_budget_rows_from_the_years_asked_with_their_notes() -> None:
    from assistant.drafting.citing import Register
    from assistant.drafting.structured import answer_from_data
    from assistant.drafting.understand import Reading, Subject

    kb = load(ARDEYBURG)
    question = "Welche Mittel sind im Haushalt 2027 für KIRA veranschlagt, und warum liegen sie höher als 2026?"
    reading = Reading("5", Intent.AMOUNT, columns=("cost",), subject=Subject(("ARD-01",)), years=("2026", "2027"))
    data = answer_from_data(reading, kb, date(2026, 12, 1), Register(), question)
    assert data is not None
    text = " ".join(data.sentences)
    assert "2026 62.400 Euro" in text and "2027 67.200 Euro" in text
    assert "Staffelpreis" in text  # the note that says why


def test_an_inquirys_evidence_is_refilled_after_scoping_and_holds_budget_rows_only_for_money() -> None:
    import tempfile
    from pathlib import Path

    from assistant.formats.read import read_inquiry
    from assistant.inquiry.parse import parse_inquiry
    from assistant.testing.fakes import FakeChatModel, copying_responder
    from tests.conftest import FIXED_TODAY, fake_services

    services = fake_services(FakeChatModel(responder=copying_responder), Path(tempfile.mkdtemp()))
    services.today = FIXED_TODAY
    kb = load(ARDEYBURG)
    services.ensure_index(kb)
    drafter = services.drafter(kb)
    read = read_inquiry(ROOT / "eval" / "inquiries" / "holdout-ardeyburg-wogekompass.html")
    inquiry = parse_inquiry(read.text, read.name)
    question = inquiry.question("4")  # "Welche Vorkehrungen wurden getroffen, um die Sozialdaten … zu schützen?"
    passages = drafter._evidence(drafter.read(inquiry)["4"], question)
    assert len(passages) == drafter._retriever.top_k  # what scoping dropped is refilled
    assert not any(p.chunk.kind == "budget" for p in passages)
    costs = inquiry.question("5")  # "Welche Kosten entstehen für WoGeKompass …?"
    assert any(p.chunk.kind == "budget" for p in drafter._evidence(drafter.read(inquiry)["5"], costs))


def test_each_sentence_of_a_models_item_is_verified_on_its_own() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.verify import verify

    text = (
        '{"saetze": [{"text": "Die Daten werden verarbeitet, um sie zum Training der Software zu verwenden. '
        'Die Bilddaten werden nach 14 Tagen aus dem Zwischenspeicher gelöscht.", "quelle": 1}]}'
    )
    sentences, _ = parse_sentences(text, 1)
    assert len(sentences) == 2
    source = "Die Bilddaten werden nach 14 Tagen aus dem Zwischenspeicher gelöscht."
    passage = Passage(Chunk("d-4", "documents/dsfa.md#4", "document", "DSFA", source), 1.0)
    checked = verify(sentences, [passage], date(2026, 12, 1), "Wann werden die Daten gelöscht?")
    assert [c.text for c in checked.kept] == [source]  # the training claim falls on its own


def test_asking_for_the_results_of_an_evaluation_names_no_application_called_ki_auswertung() -> None:
    kb = load(ROOT / "eval" / "kbs" / "landkreis-elstermark")
    finder = SubjectFinder(kb)
    assert finder.find("Welche Ergebnisse hatte die Auswertung der Erprobung?") == ()
    assert "EM-08" in finder.find("Wie arbeitet die Straßenzustandserfassung der Kreisstraßen?")


def test_a_sentence_that_only_restates_a_which_question_is_no_answer() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.compose import DraftSentence
    from assistant.drafting.verify import verify

    source = "Die Leitlinie legt die Regeln für die Nutzung von KI durch die Beschäftigten fest."
    passage = Passage(Chunk("l-1", "documents/leitlinie.md#1", "document", "Leitlinie", source), 1.0)
    asked = "Welche Regeln gelten für die Nutzung von KI durch die Beschäftigten?"
    echo = DraftSentence("Die Regeln für die Nutzung von KI durch die Beschäftigten gelten.", 1)
    checked = verify([echo], [passage], date(2026, 12, 1), asked, subject="Landratsamt Elstermark", echo=False)
    assert checked.kept == () and "ohne etwas zu beantworten" in checked.warnings[0]
    yes = DraftSentence("Ja, es gibt Regeln für die Nutzung von KI durch die Beschäftigten.", 1)
    kept = verify([yes], [passage], date(2026, 12, 1), "Gibt es Regeln für die Nutzung von KI?").kept
    assert [c.text for c in kept] == [yes.text]  # a yes/no question may be answered in its own words


def test_a_short_answer_with_one_word_of_its_own_is_kept() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.compose import DraftSentence
    from assistant.drafting.verify import verify

    source = "Die Verwaltung setzt KI im Bauamt ein."
    passage = Passage(Chunk("b-1", "documents/b.md#1", "document", "Bericht", source), 1.0)
    answer = DraftSentence("Die Verwaltung setzt KI im Bauamt ein.", 1)
    kept = verify([answer], [passage], date(2026, 12, 1), "Wo setzt die Verwaltung KI ein?", echo=False).kept
    assert [c.text for c in kept] == [answer.text]  # "Bauamt" answers "Wo"


def test_a_listing_over_several_statuses_says_which() -> None:
    from assistant.drafting.listing import status_phrase as _status_phrase

    every = _status_phrase(("production", "pilot", "test", "planned"))
    assert every == "im Regel-, Pilot- oder Testbetrieb oder als geplant"
    assert _status_phrase(("production", "planned")) == "im Regelbetrieb oder als geplant"
