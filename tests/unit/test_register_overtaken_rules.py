"""A register row and older documents that later sources overtake (grading 52): an application called by a
three-letter acronym ("ELA"), personal data a later guideline allows, an instrument once "in Verhandlung"
that has since been concluded, a year's sum that holds running costs and investments."""

from __future__ import annotations

from datetime import date

from assistant.domain import Chunk
from assistant.drafting.overtaken import Overtaken
from assistant.drafting.owned import own_short_name
from assistant.drafting.stale import allowed_data, recounted_users
from assistant.drafting.subject import distinctive
from assistant.kb.model import Record

TODAY = date(2026, 12, 6)


def _chunk(title: str, text: str) -> Chunk:
    return Chunk("documents/x.md#1", "documents/x.md#1", "document", title, text)


def test_an_acronym_of_three_capitals_names_an_application_a_kind_of_system_does_not() -> None:
    assert own_short_name("ELA – KI-Assistenz für die Beschäftigten (Plattform des KRZ-EL)") == "ELA"
    assert distinctive("ELA") and distinctive("Kessi")
    assert not distinctive("DMS") and not distinctive("KI") and not distinctive("Ela")


def test_a_later_count_of_an_acronym_named_application_overtakes_the_register() -> None:
    record = Record(
        "inventory.csv", 2, {"id": "EMF-5", "name": "ELA – KI-Assistenz", "users": "1100", "updated": "2026-05-20"}
    )
    minutes = _chunk(
        "Niederschrift über die Sitzung des Rates am 26.11.2026",
        "ELA (KI-Assistenz für die Beschäftigten): 1.640 Konten (Stand 31.10.2026).",
    )
    assert recounted_users(record, ["ELA"], [(minutes, None)], TODAY) == minutes.title
    other = _chunk("Niederschrift über die Sitzung des Rates am 26.11.2026", "GELAND hat 1.640 Konten.")
    assert recounted_users(record, ["ELA"], [(other, None)], TODAY) == ""  # not a word of its own


def test_a_later_guideline_that_allows_personal_data_overtakes_the_register_s_no() -> None:
    record = Record("inventory.csv", 2, {"id": "EMF-5", "name": "ELA", "personal_data": "no", "updated": "2026-05-20"})
    guideline = _chunk(
        "KI-Leitlinie – Neufassung vom 20.10.2026",
        "(2) In der KI-Assistenz ELA dürfen personenbezogene Daten verarbeitet werden, soweit es für die Aufgabe "
        "erforderlich ist. Ausgenommen sind Sozialdaten; sie dürfen in ELA nicht eingegeben werden.",
    )
    assert allowed_data(record, ["ELA"], [(guideline, None)], TODAY) == guideline.title
    denied = _chunk(
        "KI-Leitlinie – Neufassung vom 20.10.2026", "In ELA dürfen personenbezogene Daten nicht verarbeitet werden."
    )
    assert allowed_data(record, ["ELA"], [(denied, None)], TODAY) == ""
    yes = Record("inventory.csv", 2, {"id": "EMF-5", "name": "ELA", "personal_data": "yes", "updated": "2026-05-20"})
    assert allowed_data(yes, ["ELA"], [(guideline, None)], TODAY) == ""


def test_an_instrument_under_negotiation_is_overtaken_once_a_later_source_gives_it_concluded() -> None:
    later = Overtaken(["Die Dienstvereinbarung KI vom 24.04.2026 ist seit dem 01.05.2026 in Kraft."], TODAY)
    pending = "Nach § 7 der Dienstvereinbarung KI (in Verhandlung) soll die Schulung in der Arbeitszeit stattfinden."
    assert later.overtaken(pending, date(2026, 1, 31), plans_only=True)
    reply = "Die Verwaltung verhandelt mit dem Personalrat über eine Dienstvereinbarung zum Einsatz von KI"
    assert later.overtaken(reply, date(2025, 9, 2))
    assert not later.overtaken(reply, date(2026, 11, 30))  # concluded before the reply: not by this source
    other = Overtaken(["Die Leitlinie vom 20.10.2026 ist seit dem 01.11.2026 in Kraft."], TODAY)
    assert not other.overtaken(pending, date(2026, 1, 31), plans_only=True)  # another instrument


def test_a_section_label_that_only_repeats_the_title_is_not_said_twice() -> None:
    from assistant.drafting.gaps import _recorded

    title = "Veränderungsliste Nr. 1 zum Entwurf des Haushaltsplans 2027"
    assert _recorded(title, title) == f"In „{title}“ ist festgehalten"
    assert _recorded("Vergabevermerk", "Förderung") == "In „Vergabevermerk“ ist zu „Förderung“ festgehalten"


def test_a_number_of_another_document_is_no_demand_a_motion_points_to() -> None:
    from assistant.drafting.statement import _referred

    assert _referred("Der KI-Jahresbericht nach Nr. 2 des Beschlusses vom 19.03.2026 wird ergänzt.") == set()
    assert _referred("Für die unter Nr. 1 und Nr. 2 genannten Maßnahmen werden 150.000 € bereitgestellt.") == {"1", "2"}
    assert _referred("Die Kosten nach Nr. 3 dieses Antrags") == {"3"}


def test_the_years_of_the_plan_after_a_span_a_demand_opens_are_computed_not_invented() -> None:
    from assistant.figures import demand_figures

    years = demand_figures("Ab 2027 werden jährlich 85.000 € für eine Stelle bereitgestellt.", set())
    assert {"2027", "2030", "2031"} <= years and "2032" not in years
    assert "2030" not in demand_figures("Im Haushalt 2027 werden 85.000 € bereitgestellt.", set())


def test_a_line_a_demand_raises_by_its_amount_may_be_shown_at_its_new_sum() -> None:
    from assistant.figures import demand_figures

    demand = "Für die Prüfung werden bei TH1.11103.527100 zusätzlich 25.000 € veranschlagt."
    assert "44000" in demand_figures(demand, {"19000"}) and "44000" not in demand_figures(demand, {"18000"})
