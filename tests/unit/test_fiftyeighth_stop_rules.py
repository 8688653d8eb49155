"""Rules of stop 58, from grading 63 (set 35), built before set 36 was read: a budget motion's levels each year
with one verb, the two years of a double budget, a line's costs moved to other funds, and a "not planned" of an
older report that a later source makes a duty."""

from __future__ import annotations

from datetime import date

from assistant.domain import Chunk
from assistant.drafting.budget_change import LineChange, Move
from assistant.drafting.demands import Per, amounts
from assistant.drafting.stale import Unplanned
from assistant.kb.load import load
from tests.conftest import ROOT


def test_a_level_each_year_with_the_verb_once_at_the_end_changes_the_line_each_year() -> None:
    text = "Der Ansatz wird 2027 um 66.000 € auf 178.000 € und 2028 um 88.000 € auf 184.000 € gekürzt."
    first, second = amounts(text, "", 2027)
    # not "Der Antrag sieht für Personal 178.000 Euro einmalig für 2027 vor": a level, as the second one
    assert first.change == LineChange(Move.LEVEL, 178000)
    assert second.change == LineChange(Move.LEVEL, 184000)


def test_in_beiden_jahren_is_each_year_of_the_double_budget() -> None:
    (cut,) = amounts("Die Entgelte werden in beiden Jahren um je 120.000 € gekürzt;", "", 2027)
    assert (cut.per, cut.years, cut.open_ended) == (Per.YEAR, (2027, 2028), False)
    assert cut.change == LineChange(Move.CUT, 120000)


def test_costs_moved_to_other_funds_strike_the_lines_they_leave() -> None:
    text = (
        "die Kosten für „Lotse Arbeit“ (Produkt 050301, Sachkonto 543100; 2027: 19.800 €, 2028: 9.600 €) künftig "
        "aus Mitteln der Ausgleichsabgabe finanziert; die Ansätze im Kernhaushalt entfallen."
    )
    found = amounts(text, "", 2027)
    assert [(a.euros, a.years, a.change) for a in found] == [
        (19800, (2027,), LineChange(Move.CUT, 19800)),
        (9600, (2028,), LineChange(Move.CUT, 9600)),
    ]
    # a post that goes is no line struck: the level said before it decides
    (level, _) = amounts(
        "Der Ansatz wird 2027 um 66.000 € auf 178.000 € und 2028 auf 184.000 € gekürzt; die Stelle entfällt.", "", 2027
    )
    assert level.change is not None and level.change.move is Move.LEVEL


def _chunk(source: str, text: str, section: str = "") -> Chunk:
    return Chunk(f"{source}:0", source, "document", "Bericht", text, {"section": section} if section else {})


def test_an_older_not_planned_duty_is_overtaken_where_a_later_section_makes_it_one() -> None:
    later = _chunk(
        "documents/sachstand.html#7",
        "Das E-Learning „KI-Führerschein“ ist nach § 7 DA-KI für alle Beschäftigten bis zum 31.03.2027 verpflichtend.",
        "6. Schulung",
    )
    unplanned = Unplanned([(later, date(2026, 10, 15))], date(2026, 12, 7))
    # the compound "Pflichtschulung" shares "Schulung" with the later section's heading
    assert unplanned.unplanned("Eine Pflichtschulung ist bisher nicht vorgesehen.", date(2025, 12, 31))
    assert not unplanned.unplanned("Eine Pflichtschulung ist bisher nicht vorgesehen.", date(2026, 11, 1))
    assert not unplanned.unplanned("Eine Gesichtserkennung ist nicht vorgesehen.", date(2025, 12, 31))
    without = Unplanned([(_chunk("documents/x.html#1", later.text), date(2026, 10, 15))], date(2026, 12, 7))
    assert not without.unplanned("Eine Pflichtschulung ist bisher nicht vorgesehen.", date(2025, 12, 31))


def test_money_a_named_line_does_not_hold_for_the_amount_s_purpose_comes_on_top_of_it() -> None:
    from assistant.drafting.finance import _holds
    from assistant.kb.model import Record

    row = Record(
        "budget.csv",
        3,
        {"title": "Externe Beratung KI-Verordnung und Datenschutz-Folgenabschätzungen", "note": "20.000 € DSFA"},
    )
    (office,) = amounts(
        "Für die Geschäftsstelle werden bei Produkt 010201, Sachkonto 529100, ab 2027 12.000 € bereitgestellt.",
        "",
        2027,
    )
    assert not _holds([row], office)  # "bereits mindestens der beantragte Betrag veranschlagt" was false
    (advice,) = amounts(
        "Für externe Beratung werden bei Produkt 010201, Sachkonto 529100, 12.000 € bereitgestellt.", "", 2027
    )
    assert _holds([row], advice)
    (bare,) = amounts("Bei Produkt 010201, Sachkonto 529100, werden 2027 12.000 € bereitgestellt.", "", 2027)
    assert _holds([row], bare)  # words that name nothing: the line's own money


def test_bis_wann_asks_for_a_day_to_be_done_by_not_the_end_of_an_operation() -> None:
    from assistant.drafting import lexicon as lx
    from assistant.drafting.gaps import has_deadline

    assert lx.COLUMNS["end_date"].search("bis wann läuft die erprobung von ela?")
    assert not lx.COLUMNS["end_date"].search("bis wann sollen alle beschäftigten zugang erhalten?")
    assert has_deadline("Bis zum 30.06.2027 sollen alle 4.120 PC-Arbeitsplätze Zugang erhalten.")
    assert not has_deadline("Am 30.09.2026 waren 1.480 Konten freigeschaltet.")
    assert has_deadline("Das Verzeichnis wird spätestens Ende 2027 veröffentlicht.")


def test_a_demand_s_subject_no_source_names_is_said_absent_not_unknown() -> None:
    from assistant.drafting.sachstand import absent

    assert absent(["Beirat"]) == (
        "Der Begriff „Beirat“ kommt in den Unterlagen der Verwaltung nicht vor; ein Beschluss, eine Planung oder "
        "eine Umsetzung hierzu ist dort nicht verzeichnet."
    )
    assert absent(["Ethikbeirat", "Geschäftsstelle"]).startswith(
        "Die Begriffe „Ethikbeirat“ und „Geschäftsstelle“ kommen"
    )


def test_lettered_sections_over_one_numbering_keep_plain_numbers_and_attachments_are_no_questions() -> None:
    from assistant.inquiry.parse import parse_inquiry

    text = "\n".join(
        [
            "Große Anfrage der Fraktion X",
            "Wir fragen:",
            "A. Bestand",
            "1. Welche KI-Anwendungen setzt die Verwaltung ein?",
            "2. Welche wurden beendet?",
            "B. Finanzen",
            "3. Welche Mittel sind veranschlagt?",
            "C. Ausblick",
            "4. Welche Vorhaben sind geplant?",
            "5. Wie werden Bürgerinnen und Bürger informiert?",
            "Mit freundlichen Grüßen",
            "Anlagen",
            "1. Antwort der Verwaltung vom 24.02.2027 (PDF, 188 KB)",
            "2. Pressebericht vom 12.09.2027 (PDF, 420 KB)",
        ]
    )
    assert [q.id for q in parse_inquiry(text).questions] == ["1", "2", "3", "4", "5"]


def test_a_page_number_between_dashes_is_page_furniture() -> None:
    from assistant.formats.pages import unpaged

    text = "Frage 4: Werden Sitzungen aufgezeichnet?\n- 2 -\nFrage 5: Auf welcher Rechtsgrundlage?\n- 3 -\nEnde."
    assert "- 2 -" not in unpaged(text) and "Frage 5: Auf welcher Rechtsgrundlage?" in unpaged(text)


# After set 36's first run (tuned on set 36 from here on)
TELTENAU = ROOT / "eval" / "kbs" / "stadt-teltenau"


def test_a_lettered_heading_over_a_running_numbering_ends_the_question_before_it() -> None:
    from assistant.inquiry.parse import parse_inquiry

    text = "\n".join(
        ["Wir fragen:", "A. Bestand", "1. Welche KI setzt die Verwaltung ein?", "2. Trifft es zu, dass X erprobt wird?",
         "B. Regeln und Beteiligung", "3. Welche Regel gilt?", "4. Wer entscheidet?"]
    )  # fmt: skip
    questions = parse_inquiry(text).questions
    assert [q.id for q in questions] == ["1", "2", "3", "4"]
    assert questions[1].text == "Trifft es zu, dass X erprobt wird?"
    assert questions[2].section == "B. Regeln und Beteiligung"


def test_trifft_es_zu_points_back_to_nothing() -> None:
    from assistant.drafting.understand import points_back

    low = "trifft es zu, dass im jugendamt eine ki zur einschätzung von kindeswohlgefährdungen erprobt wird?"
    assert not points_back(low, low)
    assert points_back("wann wurde es eingeführt?", "Wann wurde es eingeführt?")


def test_a_later_source_suspends_an_application_the_register_has_running() -> None:
    from assistant.drafting.citing import Register
    from assistant.drafting.facts import application_facts, dated_sources
    from assistant.drafting.later_status import suspended
    from assistant.drafting.owned import called_names

    kb = load(TELTENAU)
    row = next(r for r in kb.inventory if r.get("id") == "TEL-KI-05")
    found = suspended(row, called_names(row, kb), dated_sources(kb), date(2027, 10, 20))
    assert found is not None and found[2] == date(2027, 8, 16)
    assert suspended(row, called_names(row, kb), dated_sources(kb), date(2027, 8, 1)) is None  # not yet
    said = application_facts([row], ("status",), kb, Register(), date(2027, 10, 20))
    assert any("ist seit dem 16.08.2027 ausgesetzt" in s for s in said.sentences)
    assert not any("im Regelbetrieb" in s for s in said.sentences)


def test_a_start_moved_to_a_later_year_overtakes_the_register_s_month() -> None:
    from assistant.drafting.facts import dated_sources
    from assistant.drafting.owned import called_names
    from assistant.drafting.register_overtaken import moved_start

    kb = load(TELTENAU)
    row = next(r for r in kb.inventory if r.get("id") == "TEL-KI-12")  # "Januar 2028" in the register
    found = moved_start(row, called_names(row, kb), dated_sources(kb), date(2027, 10, 20))
    assert found is not None and found[1].startswith("PostRouter: Die Einführung wird auf 2029 verschoben")


def test_a_list_item_s_mark_and_label_are_not_quoted() -> None:
    from assistant.drafting.gaps import unbulleted

    text = "• Kinderschutz und Personalauswahl: Das Jugendamt setzt keine KI ein; die Markterkundung wurde beendet."
    assert unbulleted(text, text) == (text[36:], text[36:])
    assert unbulleted("Das Jugendamt setzt keine KI ein.", "x") == ("Das Jugendamt setzt keine KI ein.", "x")


def test_a_reply_of_the_future_is_drafted_with_the_sources_of_the_weeks_after_the_inquiry() -> None:
    from assistant.domain import Inquiry
    from assistant.services import drafting_day

    kb = load(TELTENAU)
    inquiry = Inquiry(kind="Anfrage", questions=(), date="2027-09-29")
    day = drafting_day(date(2026, 12, 7), inquiry, kb)
    assert day is not None and date(2027, 9, 30) <= day <= date(2027, 11, 10)  # the report of 30.09.2027 is at hand
    assert drafting_day(date(2026, 12, 7), inquiry) == date(2027, 9, 29)
    assert drafting_day(date(2028, 1, 1), inquiry, kb) == date(2028, 1, 1)


def test_a_cut_by_a_share_said_after_its_percentage_and_the_base_it_is_cut_from() -> None:
    (cut,) = amounts(
        "Der auf KIRA entfallende Anteil von 118.560 EUR wird um 50 Prozent, also um 59.280 EUR, gekürzt.", "", 2028
    )
    assert (cut.euros, cut.change) == (59280, LineChange(Move.CUT, 59280))
    # two cuts in one sentence are both demanded
    assert [a.euros for a in amounts("Der Ansatz wird 2027 um 5.000 € und 2028 um 3.000 € gekürzt.", "", 2027)] == [
        5000,
        3000,
    ]


def test_a_sub_demand_takes_the_budget_line_its_lead_in_names() -> None:
    from assistant.domain import Inquiry, Question
    from assistant.drafting.statement import _with_lead_line

    lead = Question("4", "4.", "KIRA (Produkt 11106, Konto 5314000 – Entgelte an den KITZ):")
    sub = Question("4a", "a)", "Der Anteil wird um 59.280 EUR gekürzt.", parent="4")
    inquiry = Inquiry(kind="Antrag", questions=(lead, sub))
    assert _with_lead_line(sub.text, sub, inquiry).startswith("KIRA (Produkt 11106, Konto 5314000")
    assert _with_lead_line(lead.text, lead, inquiry) == lead.text


def test_a_line_that_leaves_the_council_out_holds_no_money_for_its_training() -> None:
    from assistant.drafting.finance import _for_council
    from assistant.kb.model import Record

    staff = Record(
        "budget.csv",
        2,
        {"title": "KI-Schulungen", "note": "nur für Beschäftigte – Angebote für Stadtverordnete sind nicht enthalten"},
    )
    council = Record("budget.csv", 3, {"title": "Fortbildung der Stadtverordneten", "note": ""})
    text = "Für die Stadtverordneten wird 2028 ein Schulungsangebot eingerichtet; dafür werden 5.000 € bereitgestellt."
    (amount,) = amounts(text, "", 2028)
    assert _for_council([staff, council], amount, text) == [council]


def test_a_later_clause_gives_up_only_a_plan_it_names_itself() -> None:
    from assistant.drafting.stale import Dropped

    later = _chunk(
        "documents/vorbericht.html#2",
        "Darin Verlängerung der Erprobung von Rathaus-KI Posteingang bis 31.08.2027 2.100 €. Ein Regelbetrieb von "
        "Rathaus-KI Posteingang (450 € monatlich) ist im Haushalt der VG für 2027 nicht veranschlagt.",
    )
    dropped = Dropped([(later, date(2027, 3, 16))], date(2027, 3, 16))
    # the interim report's recommendation, in a section on the application (its name in the sentence before)
    plan = "a) Die Erprobung wird bis zum 31.08.2027 verlängert, um die Zuordnung länger zu prüfen."
    assert not dropped.dropped(plan, date(2026, 11, 30))


def test_the_difference_a_demand_restates_of_a_level_it_sets_is_no_second_raise() -> None:
    from assistant.drafting.demands import read_demand

    text = (
        "StraßenBlick (Produkt 54101, Konto 5431500): Der Ansatz wird von 16.800 EUR auf 40.000 EUR erhöht. "
        "Die Mehraufwendungen von 23.200 EUR werden aus den Einsparungen nach Nr. 1 bis 4 gedeckt."
    )
    (level,) = read_demand("5", text, motion_year=2028).amounts
    assert level.change == LineChange(Move.LEVEL, 40000, 16800)


def test_demands_whose_savings_cover_another_are_not_its_costs() -> None:
    from assistant.drafting.statement import _referred

    assert (
        _referred("Die Mehraufwendungen von 23.200 EUR werden aus den Einsparungen nach Nr. 1 bis 4 gedeckt.") == set()
    )
    assert _referred("Für die Veröffentlichung nach Nr. 1 werden 40.000 € bereitgestellt.") == {"1"}


def test_a_report_s_negotiation_is_overtaken_by_a_later_list_that_has_it_agreed() -> None:
    from assistant.domain import Passage
    from assistant.drafting.quoting import Quoter
    from assistant.drafting.verify import Checked
    from assistant.kb.chunk import chunks

    kb = load(TELTENAU)
    read = chunks(kb)
    chunk = next(c for c in read if "wird mit dem Personalrat verhandelt" in c.text and "sachstand" in c.source_id)
    quote = "Die Anlage 3 zur Dienstvereinbarung KI (Wohngeld-Assistent) wird mit dem Personalrat verhandelt."
    checked = Checked(text=quote, passage=Passage(chunk, 1.0), quote=quote)
    assert Quoter(kb, read, date(2027, 11, 10)).current(checked) == []  # "vereinbart 14.10.2027" in the DV's list
    assert Quoter(kb, read, date(2027, 10, 5)).current(checked) == [checked]  # before that list
