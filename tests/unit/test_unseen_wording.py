"""Council wording the administration's documents put differently (found on the fourth held-out
municipality, each a general rule): truncated compounds, an office called by its remit, devices by
name, a numbered paragraph's label, and budget rows that belong to another application."""

from __future__ import annotations

from assistant.drafting import finance, finance_sentences
from assistant.drafting.citing import Register
from assistant.drafting.demands import Demand, purposes_of
from assistant.drafting.gaps import _label_tail, plain
from assistant.drafting.subject import departments
from assistant.kb.keyword import analyze
from assistant.kb.load import load
from tests.conftest import ROOT

REBENAU = ROOT / "eval" / "kbs" / "stadt-rebenau"


def test_a_truncated_compound_also_says_the_compound_it_stands_for() -> None:
    assert "bauausschuss" in analyze("Dem Bau- und Planungsausschuss wird berichtet")
    assert "hauptausschuss" in analyze("im Haupt- und Finanzausschuss")
    assert "bauausschuss" not in analyze("Bau und Planungsausschuss")  # no hyphen, no truncation


def test_an_office_called_by_its_remit_names_the_one_department_whose_name_has_it() -> None:
    kb = load(REBENAU)
    assert departments("die KI-Anwendungen im Bauamt", kb) == ("A63",)  # the Bauaufsichtsamt
    assert departments("im Verkehrsamt", kb) == ("A66",)  # the Tiefbau- und Verkehrsamt
    assert departments("Bürgermeisteramt der Stadt", kb) == ()  # the whole administration
    assert departments("im Standesamt", kb) == ()  # no department of that remit


def test_devices_named_by_kind_are_hardware() -> None:
    assert purposes_of("Für Kameras, Steuerungstechnik und Verkehrsrechner werden 250.000 EUR bereitgestellt") == (
        "hardware",
    )
    assert purposes_of("für Sensoren an Lichtsignalanlagen") == ("hardware",)


def test_a_numbered_paragraph_s_label_is_left_out_of_its_sentence_and_a_bold_label_still_stripped() -> None:
    quote = "2.6 Bericht und Auswertung: Dem Ausschuss wird im 4. Quartal 2027 ein Erfahrungsbericht vorgelegt."
    assert _label_tail(quote) == "Dem Ausschuss wird im 4. Quartal 2027 ein Erfahrungsbericht vorgelegt."
    assert _label_tail("Zweck: Lageplan, Bauzeichnungen und Baubeschreibung des Antrags") == ""  # no sentence
    assert plain("**Zweck**: Der Assistent entwirft Texte.") == "Der Assistent entwirft Texte."


def test_a_demand_without_amount_lists_no_budget_rows_of_applications_it_does_not_name() -> None:
    kb = load(REBENAU)
    demand = Demand("1", "Sitzungen mit einer Sprach-zu-Text-Software verschriftlichen", (), (), ("licenses",))
    none_named = " ".join(finance_sentences.planned_sentences(demand, kb, Register(), 2026))
    assert "BauCheck" not in none_named  # the Bauaufsicht's licence belongs to BauCheck
    named = " ".join(finance_sentences.planned_sentences(demand, kb, Register(), 2026, named=["RB-01"]))
    assert "BauCheck" in named


def test_money_a_row_s_note_binds_is_not_available_for_a_new_demand() -> None:
    from tests.unit.test_motion_sachstand import finances

    kb = load(REBENAU)
    demand = (
        "Ab dem zweiten Halbjahr 2027 wird zu jeder öffentlichen Beschlussvorlage eine Fassung in Leichter Sprache "
        "veröffentlicht. Für die Beauftragung eines externen Dienstleisters werden im Haushaltsjahr 2027 einmalig "
        "20.000 EUR bereitgestellt."
    )
    said = finances(demand, kb)
    assert any("vollständig gebunden für den Rahmenvertrag" in s and "ist vermerkt" in s for s in said)
    assert any("keine Mittel zur Verfügung; der beantragte Betrag wäre in voller Höhe" in s for s in said)
    assert not any(
        "Der im Antrag genannte Betrag liegt damit über den veranschlagten Mitteln: 2027" in s for s in said
    )  # the category's 12.000 €
    traffic = "Für Kameras und Verkehrsrechner werden 2027 und 2028 jeweils 250.000 EUR bereitgestellt"
    said = finances(traffic, kb)
    assert any("Großformatscanner" in s for s in said)  # the bound scanner row, quoted
    assert any("stünden 2027 für den Antrag nur 96.000 Euro" in s and "154.000 Euro" in s for s in said)
    assert not any(
        s.startswith("Der im Antrag genannte Betrag liegt damit über den veranschlagten Mitteln: 2027") for s in said
    )
    assert not any("Für 2028 ist bereits" in s and "2027" in s for s in said)


def test_a_season_or_half_year_is_a_deadline_but_a_start_is_not() -> None:
    from assistant.drafting.demands import deadlines

    assert [str(d.day) for d in deadlines("berichtet erstmals im Herbst 2027 schriftlich")] == ["2027-11-30"]
    assert [str(d.day) for d in deadlines("spätestens im ersten Halbjahr 2027")] == ["2027-06-30"]
    assert deadlines("ab dem zweiten Halbjahr 2027 wird veröffentlicht") == ()


def test_a_motion_titled_on_one_office_names_another_office_s_application_only_by_its_own_name() -> None:
    from assistant.drafting.named import named_applications
    from assistant.drafting.subject import SubjectFinder

    kb = load(REBENAU)
    demand = (
        "Die Verwaltung führt für sämtliche Bauanträge eine KI-Kontrolle ein, die die Planunterlagen auf "
        "Vollzähligkeit prüft und fehlende Nachweise bei den Antragstellern anmahnt."
    )
    finder = SubjectFinder(kb)
    # BauCheck, and DokuSort by "Nachweise", a word of its name ("KI-Zuordnung von Nachweisen")
    assert named_applications(demand, kb, finder) == ["RB-01", "RB-05"]
    scope = departments("Künstliche Intelligenz im Bauamt konsequent nutzen", kb)
    assert named_applications(demand, kb, finder, scope=scope) == ["RB-01"]  # DokuSort is another office's
    called = demand + " Wie bei DokuSort im Wohngeldverfahren."
    assert "RB-05" in named_applications(called, kb, finder, scope=scope)  # called by its own name
    assert "RB-05" in named_applications(demand + " Wie bei RB-05.", kb, finder, scope=scope)


def test_a_proposed_row_is_a_request_beside_the_budget_but_a_plan_in_a_financial_planning_year() -> None:
    from tests.unit.test_motion_sachstand import finances

    aichenbronn = load(ROOT / "eval" / "kbs" / "stadt-aichenbronn")  # 2028: the medium-term financial plan only
    plan = next(r for r in aichenbronn.budget if r.get("year") == "2028")
    assert finance.status(plan, aichenbronn) == "planning"
    lindenfeld = load(ROOT / "eval" / "kbs" / "kreisstadt-lindenfeld")  # 2027: a draft and one late request
    request = next(r for r in lindenfeld.budget if r.get("status") == "proposed")
    assert finance.status(request, lindenfeld) == "proposed"
    said = finances("Für Lizenzen werden 2027 und 2028 jeweils 55.000 EUR bereitgestellt.", aichenbronn)
    assert any("in der Finanzplanung vorgesehen" in s and "2028" in s for s in said)
    lead = "Im Haushalt und in der mittelfristigen Finanzplanung sind für Software und Lizenzen vorgesehen"
    assert any(s.startswith(lead) for s in said)
    assert not any("Für 2028 sind in den Haushaltsdaten" in s for s in said)
    assert "Für 2028 sieht die Finanzplanung bereits mindestens den beantragten Betrag vor." in said


def test_a_labelled_item_of_several_note_style_sentences_is_quoted_as_written() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.gaps import row_statement
    from tests.unit.test_no_fragments import fragments

    chunk = Chunk("c1", "documents/bericht.md", "document", "Auswertungsbericht Energiepilot", "…")
    passage = Passage(chunk, 0.9)
    cells = "Ausweitung auf neun Schulen. Einbau in den Sommerferien 2027, Betrieb ab dem 01.10.2027."
    said = row_statement(passage, "Stufe 2", cells)
    assert said.endswith(
        "festgehalten: „Ausweitung auf neun Schulen. Einbau in den Sommerferien 2027, Betrieb ab dem 01.10.2027.“"
    )
    assert fragments(said) == []
    assert row_statement(passage, "Ergebnis", "9 Unterlagen in 7 Anträgen").endswith(
        "festgehalten: 9 Unterlagen in 7 Anträgen."
    )


def test_a_planned_start_is_for_a_date_in_the_accusative() -> None:
    from assistant.drafting.wording import for_time

    assert (for_time("2027-10-01"), for_time("2027-03"), for_time("2027")) == (
        "für den 01.10.2027",
        "für März 2027",
        "für 2027",
    )


def test_a_date_still_to_come_is_a_schedule_one_passed_or_begun_is_none() -> None:
    from datetime import date

    from assistant.drafting.statement import planned_end

    assert planned_end("Das Konzept wird dem Ausschuss am 10.03.2027 vorgestellt.") == date(2027, 3, 11)
    assert planned_end("In der Stufe 1 werden 40 Seiten bis 31.12.2027 übertragen.") == date(2028, 1, 1)
    assert planned_end("Der Ausschuss hat am 10.03.2027 beraten.") is None  # no plan: a date, not a schedule
    assert planned_end("Seit dem 01.10.2025 wird die Prognose gezeigt.") is None
    assert planned_end("Die Vorstellung ist am 31.02.2027 geplant.") is None


def test_a_rate_asked_with_wie_hoch_is_a_count_and_income_is_no_spending() -> None:
    from assistant.drafting import lexicon as lx
    from assistant.drafting.classify import intents

    assert intents("wie viele Dokumente verarbeitet wurden und wie hoch die Fehlerquote ist")[0].value == "count"
    assert intents("Wie hoch sind die Kosten?")[0].value == "amount"
    assert lx.is_income("Jobcenter: Erstattung des Bundes an den Verwaltungskosten (Ertrag)")
    assert lx.is_income("Anteil KI-Anwendungen", "Ertrag, keine Ausgabe: 84,8 % von 59.000 €")
    assert not lx.is_income("Jobcenter: KI-gestützter Posteingang DokuSort (Aktenfluss GmbH)", "Einrichtung 24.000 €")


def test_a_status_note_is_no_part_of_a_name_and_a_shared_name_means_the_named_department_s() -> None:
    from assistant.drafting.named import _of_named_department
    from assistant.drafting.subject import own_name

    assert own_name("HygieneScan – Bildauswertung von Kontrollfotos (Test, nicht eingeführt)") == (
        "HygieneScan – Bildauswertung von Kontrollfotos"
    )
    assert own_name("Chatbot Ohmi (Dialogwerk Kommunal GmbH)") == "Chatbot Ohmi (Dialogwerk Kommunal GmbH)"
    kb = load(ROOT / "eval" / "kbs" / "landkreis-ohmwald")
    shared = [r.get("id") for r in kb.inventory if "DokuSort" in r.get("name")]
    assert len(shared) == 2
    assert _of_named_department(shared, "DokuSort an allen Standorten des Kommunalen Jobcenters", kb) == ["OW-02"]
    assert _of_named_department(shared, "DokuSort wird überall eingeführt", kb) == shared
