"""Rules of stop 58, from grading 63 (set 35), built before set 36 was read: a budget motion's levels each year
with one verb, the two years of a double budget, a line's costs moved to other funds, and a "not planned" of an
older report that a later source makes a duty."""

from __future__ import annotations

from datetime import date

from assistant.domain import Chunk
from assistant.drafting.budget_change import LineChange, Move
from assistant.drafting.demands import Per, amounts
from assistant.drafting.stale import Unplanned


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
