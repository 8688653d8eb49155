"""Rules of stop 56, from grading 59 (set 33), built before set 34 was read: a register's place of operation a
later source has moved, table cells that point to the sentence below without a placeholder."""

from __future__ import annotations

from datetime import date

from assistant.drafting import facts
from assistant.drafting.citing import Register
from assistant.drafting.register_overtaken import hosting_places, without_hosting
from assistant.kb.load import load
from tests.conftest import ROOT

TODAY = date(2026, 12, 7)


def test_a_register_s_place_of_operation_a_later_source_moves_is_overtaken() -> None:
    kb = load(ROOT / "eval" / "kbs" / "regionalverband-primstal")
    live = next(r for r in kb.inventory if r.get("id") == "RVP-KI-02")
    said = facts.application_facts([live], ("vendor",), kb, Register(), TODAY)
    text = " ".join(said.sentences)
    assert "Anbieter der Anwendung" in text and "Linguana Sprachtechnologie GmbH, Saarbrücken" in text
    assert "Frankfurt" not in text.split("festgehalten")[0]  # the register's place is not said as current
    assert "Kellingen" in text
    assert any("Betriebsort ist überholt" in w for w in said.warnings)
    text_row = next(r for r in kb.inventory if r.get("id") == "RVP-KI-03")  # its sibling still runs in Frankfurt
    assert "Frankfurt" in " ".join(facts.application_facts([text_row], ("vendor",), kb, Register(), TODAY).sentences)


def test_hosting_places_are_read_from_hosting_clauses_only() -> None:
    cell = "Linguana GmbH, Saarbrücken; Cloud-Dienst des Anbieters in einem Rechenzentrum in Frankfurt"
    assert hosting_places(cell) == {"Frankfurt"}
    assert hosting_places("Muster GmbH in Kassel") == set()  # a seat, not where it runs
    assert without_hosting(cell) == "Linguana GmbH, Saarbrücken"


def test_a_list_item_s_line_the_page_wrapped_goes_on() -> None:
    from assistant.formats.unwrap import unwrap

    wrapped = (
        "(1) Alle Beschäftigten mit PC-Arbeitsplatz absolvieren bis zum 31.12.2026 die Basisschulung\n"
        "„KI-Kompetenz“ (E-Learning, 90 Minuten).\n"
        "(3) § 5 Abs. 2 bleibt unberührt: In PRIMA dürfen weiterhin keine Sozialdaten und keine\n"
        "Gesundheitsdaten eingegeben werden.\n"
        "Die §§ 1, 2 und 9 der KI-Richtlinie gelten unverändert fort. Insbesondere bleibt § 5 Abs.\n"
        "2 unverändert in Kraft."
    )
    lines = unwrap(wrapped).split("\n")
    assert lines[0].endswith("die Basisschulung „KI-Kompetenz“ (E-Learning, 90 Minuten).")
    assert lines[1].endswith("keine Sozialdaten und keine Gesundheitsdaten eingegeben werden.")
    assert lines[2].endswith("Insbesondere bleibt § 5 Abs. 2 unverändert in Kraft.")
    labelled = (
        "- Option: Erweiterung um weitere Fachbereiche und Standorte, Kosten 2.400 EUR brutto je Monat\n"
        "Nicht Gegenstand des Auftrags: X"
    )
    assert unwrap(labelled) == labelled  # a labelled paragraph after an item is its own


def test_a_drafted_sentence_loses_the_announcement_it_ends_on() -> None:
    from assistant.drafting.verify import without_lead_in

    said = "Für Textassistenz steht allen Beschäftigten PRIMA zur Verfügung. 2. Nach § 4 wird folgender § 4a eingefügt:"
    assert without_lead_in(said) == "Für Textassistenz steht allen Beschäftigten PRIMA zur Verfügung."
    assert without_lead_in("Die KI-Richtlinie vom 10.06.2025 wird wie folgt geändert.") == ""
    kept = "Die Mittel verteilen sich wie folgt: PRIMA 10.000 €, Linguana 5.000 €."
    assert without_lead_in(kept) == kept


def test_a_sentence_closed_inside_quotation_marks_takes_no_list_after_it() -> None:
    from assistant.domain import Chunk
    from assistant.drafting.standing import listed

    text = "„Für Textassistenz steht PRIMA zur Verfügung.“\n2. Nach § 4 wird folgender § 4a eingefügt:\n3. § 7 …"
    chunk = Chunk("documents/a.pdf#1", "documents/a.pdf#1", "document", "Änderung", text)
    quote = "Für Textassistenz steht PRIMA zur Verfügung.“"
    assert listed(chunk, "Für Textassistenz steht PRIMA zur Verfügung.", quote)[1] == quote


def test_a_short_document_table_is_said_whole_with_its_column_heads() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.gaps import Gaps
    from assistant.text import table_rows

    body = (
        "3. Übersetzungsqualität\nTabelle 2: Bewertung von 80 Gesprächssequenzen\nBewertung | Sequenzen | Anteil\n"
        "inhaltlich korrekt | 70 | 87,5 %\nsinnentstellende Fehler | 2 | 2,5 %\nSumme | 80 | 100 %\n\nBeide Fehler …"
    )
    row = table_rows(body)["sinnentstellende Fehler | 2 | 2,5 %"]
    assert row == ("sinnentstellende Fehler", "Sequenzen – 2; Anteil – 2,5 %")
    chunk = Chunk("documents/e.docx#4", "documents/e.docx#4", "document", "Evaluationsbericht", body)
    [(checked, _)] = Gaps._table_row(Passage(chunk, 1.0), lambda text: float("Fehler" in text))
    assert checked.text == (
        "Im „Evaluationsbericht“ ist festgehalten: „inhaltlich korrekt (Sequenzen – 70, Anteil – 87,5 %); "
        "sinnentstellende Fehler (Sequenzen – 2, Anteil – 2,5 %); Summe (Sequenzen – 80, Anteil – 100 %)“."
    )
    assert checked.quote in body and checked.quote.startswith("inhaltlich") and checked.quote.endswith("100 %")


JEETZEBRUECK = ROOT / "eval" / "kbs" / "einheitsgemeinde-jeetzebrueck"


def test_a_register_s_dpia_a_later_source_has_done_is_overtaken() -> None:
    kb = load(JEETZEBRUECK)
    jette = next(r for r in kb.inventory if r.get("id") == "JB-KI-02")  # registered "not_required"
    said = facts.application_facts([jette], ("dpia",), kb, Register(), TODAY)
    assert "am 10.06.2026 eine Datenschutz-Folgenabschätzung durchgeführt" in " ".join(said.sentences)
    assert "nicht erforderlich" not in " ".join(said.sentences)
    assert any("Angabe zur DSFA (nicht erforderlich) ist überholt" in w for w in said.warnings)


def test_an_application_is_named_by_the_ki_task_its_short_name_gives() -> None:
    from assistant.drafting.subject import SubjectFinder

    finder = SubjectFinder(load(JEETZEBRUECK))
    assert finder.find("Zur Erprobung der KI-Dienstplanung in den Kitas: Wird die Anwendung noch genutzt?") == (
        "JB-KI-04",
    )


def test_the_town_s_own_name_calls_no_application() -> None:
    from assistant.drafting.owned import called_names

    kb = load(JEETZEBRUECK)
    meldet = next(r for r in kb.inventory if r.get("id") == "JB-KI-03")
    assert called_names(meldet, kb) == ["Jeetzebrück meldet"]


def test_a_free_version_and_a_condition_ask_no_register_column() -> None:
    from assistant.drafting.classify import columns

    asked = (
        "Trifft es zu, dass Beschäftigte ChatGPT oder die kostenlose Version von DeepL weiterhin dienstlich "
        "nutzen dürfen, solange sie keine personenbezogenen Daten eingeben?"
    )
    assert "cost" not in columns(asked) and "personal_data" not in columns(asked)
    assert "cost" in columns("Welche Kosten sind entstanden?")


def test_a_footnote_under_a_question_is_no_part_of_it() -> None:
    from assistant.inquiry.parse import find_questions

    text = (
        "Frage 1: Welche Kosten sind insgesamt entstanden?\n\n______________________\n1\n"
        "Antwort der Bürgermeisterin vom 20.11.2025 auf die Anfrage der Fraktion WGJ.\n\n"
        "Frage 2: Seit wann gilt die Dienstvereinbarung?"
    )
    found = find_questions(text)
    assert [q.text for q in found] == [
        "Welche Kosten sind insgesamt entstanden?",
        "Seit wann gilt die Dienstvereinbarung?",
    ]


def test_a_motion_s_demands_stand_after_its_resolution_formula() -> None:
    from assistant.inquiry.parse import find_questions

    text = (
        "Gegenüber der ersten Fassung haben wir Folgendes geändert:\n1) Nr. 2: Frist 30.06.2027 statt 31.03.2027\n"
        "2) Nr. 3: Betrag 3.600 EUR statt 1.800 EUR\n\nDer Stadtrat möge beschließen:\n\n"
        "1. Das KI-Verzeichnis wird monatlich aktualisiert.\n2. Den Mitgliedern wird eine Schulung angeboten.\n"
    )
    found = find_questions(text, motion=True)
    assert [q.text for q in found] == [
        "Das KI-Verzeichnis wird monatlich aktualisiert.",
        "Den Mitgliedern wird eine Schulung angeboten.",
    ]


def test_a_quoted_name_gets_german_marks_once() -> None:
    from assistant.drafting.compose import german_quotes

    assert (
        german_quotes("Der Chatbot „Frag Jette“” beantwortet Fragen.") == "Der Chatbot „Frag Jette“ beantwortet Fragen."
    )
    assert german_quotes("“Frag Jette” ist ein Chatbot.") == "„Frag Jette“ ist ein Chatbot."


def test_a_listing_s_status_cell_says_since_when_it_runs_and_in_which_operation() -> None:
    from assistant.drafting.listing import _running_cell

    regular = "Nach der Erprobung ab dem 02.02.2026 ist KDA-Assist seit dem 01.07.2026 im Regelbetrieb."
    assert _running_cell(regular) == "Regelbetrieb seit 01.07.2026 (siehe unten)"
    trial = "Der Testbetrieb läuft seit dem 14.09.2026 mit Einzelzustimmung des Personalrats vom 08.09.2026."
    assert _running_cell(trial) == "Testbetrieb seit 14.09.2026 (siehe unten)"
