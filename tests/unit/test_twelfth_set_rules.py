"""Rules found on the twelfth set (Landkreis Rottachgau, a kameralistic budget): a post the draft budget
creates is planned for a demanded post, a category without rows gives way to the line whose title names the
things the amount is for, and the Vermögenshaushalt is the investive budget."""

from __future__ import annotations

from assistant.drafting import finance
from assistant.drafting.demands import amounts
from assistant.kb.load import load
from tests.conftest import ROOT

ROTTACHGAU = ROOT / "eval" / "kbs" / "landkreis-rottachgau"


def test_a_post_the_draft_budget_creates_is_planned_for_a_demanded_post_but_an_existing_one_is_not() -> None:
    kb = load(ROTTACHGAU)
    demand = (
        "Zum 01.01.2027 wird eine Stelle einer oder eines KI-Beauftragten geschaffen; hierfür werden jährlich "
        "90.000 Euro veranschlagt."
    )
    (amount,) = amounts(demand, "", 2027)
    compared = finance.compare(amount, kb, demand)
    assert (compared.planned[2027], compared.planned[2028]) == (42500, 87000)
    assert compared.lines == ("1.0200.4140",)
    later = amounts(demand.replace("2027", "2028"), "", 2028)[0]  # the line exists from 2027: not new in 2028
    assert finance.compare(later, kb, demand).planned[2028] == 0


def test_a_category_without_rows_gives_way_to_the_line_whose_title_names_what_the_amount_is_for() -> None:
    kb = load(ROTTACHGAU)
    demand = (
        "Im Haushaltsplan 2027 werden für die Beschaffung der Kamerasysteme und die Erstbefahrung im "
        "Vermögenshaushalt 150.000 Euro veranschlagt."
    )
    (amount,) = amounts(demand, "", 2026)
    compared = finance.compare(amount, kb, demand)
    assert compared.lines == ("2.6500.9350",) and compared.additional == {2027: 21600}
    assert all(r.get("kind") == "investive" for r in compared.rows)  # the Vermögenshaushalt, not the licence


def test_lettered_items_that_complete_a_demands_last_clause_are_demands_of_their_own() -> None:
    from assistant.inquiry.parse import find_questions

    text = (
        "1. Den Gemeinden wird angeboten, ihre Straßen erfassen zu lassen. Dazu ist\n"
        "   a) im Vertrag eine Abrufmöglichkeit vorzusehen,\n"
        "   b) sicherzustellen, dass die Gemeinden die Kosten tragen.\n"
        "2. Im Haushalt sind Mittel bereitzustellen. Dafür sind folgende Platzhalter einzustellen:\n"
        "   a) 2 Stellen\n"
        "   b) 100.000 Euro pro Jahr\n"
    )
    found = [(q.id, q.asks) for q in find_questions(text, motion=True)]
    assert found == [("1", False), ("1a", True), ("1b", True), ("2", True)]  # a list the demand announces: one
