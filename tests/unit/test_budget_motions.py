"""A Haushaltsantrag changes named lines of the draft budget (set 29): a new level, a cut, a raise, a
Sperrvermerk; its line is the one it names ("Produkt 01.11.07 …, Sachkonto 542900")."""

from __future__ import annotations

from pathlib import Path

from assistant.drafting.budget_change import LineChange, Move, change_in, named_lines, new_line
from assistant.drafting.demands import amounts
from assistant.drafting.finance import compare
from tests.small_kb import small_kb

HEAD = (
    "id,name,vendor,department,purpose,status,go_live,end_date,users,personal_data,dpia,legal_basis,ai_act_risk,"
    "human_oversight,cost_one_time_eur,cost_annual_eur,budget_line,evaluation,discontinued_reason,source,updated\n"
)
BUDGET = (
    "year,budget_line,title,category,kind,planned_eur,status,note\n"
    "2027,01.11.07.542900,ELA – KI-Assistenz: Nutzungsentgelt,licenses,consumptive,108000,draft,1.800 Konten\n"
    "2027,02.06.02.783100,Notruf-Assistenz – Beschaffung,hardware,investive,145000,draft,\n"
    "2027,01.11.07.529100,Externe Beratung KI-Governance,consulting,consumptive,15000,draft,\n"
)


def test_the_forms_of_a_change() -> None:
    assert change_in("Der Ansatz 2027 wird auf 90.000 € begrenzt.") == LineChange(Move.LEVEL, 90000)
    assert change_in("Der Ansatz 2027 wird von 180.000 € um 60.000 € auf 120.000 € gekürzt.") == LineChange(
        Move.LEVEL, 120000, 180000
    )
    cover = "durch eine Kürzung des Ansatzes 2027 im Produkt 01.11.07, Sachkonto 529100 (Beratung), um 15.000 € gedeckt"
    assert change_in(cover) == LineChange(Move.CUT, 15000)
    assert change_in("Der Ansatz wird um 5.000 Euro erhöht.") == LineChange(Move.RAISE, 5000)
    assert change_in("ob dafür 2027 zusätzlich 20.000 € bereitzustellen sind") == LineChange(Move.RAISE, 20000)
    blocked = "Der Ansatz 2027 in Höhe von 21.600 € erhält einen qualifizierten Sperrvermerk."
    assert change_in(blocked) == LineChange(Move.BLOCK, 21600)
    assert change_in("Es werden jährlich 8.400 Euro ohne Sperrvermerk eingestellt.") is None
    assert change_in("Für Schulungen werden 2027 15.000 € bereitgestellt.") is None


def test_a_named_line_is_found_as_the_budget_writes_it_and_a_new_one_is_none(tmp_path: Path) -> None:
    kb = small_kb(tmp_path, HEAD, BUDGET)
    said = "Produkt 01.11.07 IT-Steuerung und Digitalisierung, Sachkonto 542900 (ELA): Der Ansatz 2027 wird …"
    assert named_lines(said, kb) == ("01.11.07.542900",)
    created = "Produkt 01.02.01 Rat und Bezirksvertretungen, Sachkonto 542100 (neu): Für eine Fortbildung …"
    assert named_lines(created, kb) == () and new_line(created)
    assert not new_line("Für eine neue Schulung werden 2027 15.000 € veranschlagt.")


def test_a_level_is_compared_with_what_the_draft_plans_now(tmp_path: Path) -> None:
    kb = small_kb(tmp_path, HEAD, BUDGET)
    demand = "Produkt 02.06.02, Sachkonto 783100: Der Ansatz 2027 wird von 180.000 € um 60.000 € auf 120.000 € gekürzt."
    found = amounts(demand, "", 2027)
    assert [a.euros for a in found] == [120000]  # the level, not the figures it comes from
    comparison = compare(found[0], kb, demand)
    assert comparison.planned == {2027: 145000} and comparison.additional == {2027: -25000}
    assert comparison.amount.purposes == ("hardware",) and comparison.lines == ("02.06.02.783100",)
    blocked = "Produkt 01.11.07, Sachkonto 542900: Der Ansatz 2027 in Höhe von 108.000 € erhält einen Sperrvermerk."
    assert compare(amounts(blocked, "", 2027)[0], kb, blocked).additional == {2027: 0}


def test_each_amount_has_its_own_change_and_a_line_is_read_without_the_year_after_it(tmp_path: Path) -> None:
    both = amounts("Der Ansatz für Beratung wird um 5.000 € gekürzt und der für Lizenzen um 3.000 € erhöht.", "", 2027)
    assert [(a.euros, a.change) for a in both] == [
        (5000, LineChange(Move.CUT, 5000)),
        (3000, LineChange(Move.RAISE, 3000)),
    ]
    kb = small_kb(tmp_path, HEAD, BUDGET)
    assert named_lines("Haushaltsstelle 01.11.07.529100 2027 wird gekürzt.", kb) == ("01.11.07.529100",)
