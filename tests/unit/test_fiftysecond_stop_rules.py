"""Rules of stop 52. From grading 52 (set 29), built before set 30 was read: a register row and older documents
that later sources overtake (an acronym "ELA" names an application, personal data a later guideline allows, an
instrument once "in Verhandlung" since concluded). From set 30's first run: a later count of what the register's
evaluation counts, a count in a list belongs to the name just before it, numbered headings as sections, a
letterhead heading beside a dated title, computed years and sums of a demand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from assistant.domain import Chunk
from assistant.drafting.overtaken import Overtaken
from assistant.drafting.owned import own_short_name
from assistant.drafting.register_overtaken import allowed_data, recounted_users
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
    assert _recorded(title, title) == f"In der „{title}“ ist festgehalten"
    assert _recorded("Vergabevermerk", "Förderung") == "Im „Vergabevermerk“ ist zu „Förderung“ festgehalten"


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


def test_a_later_count_of_what_the_register_s_evaluation_counts_overtakes_it() -> None:
    from assistant.drafting.register_overtaken import recounted_evaluation

    record = Record(
        "inventory.csv",
        2,
        {
            "id": "RKM-1",
            "name": "BoddenBot",
            "updated": "2026-02-10",
            "evaluation": "März bis Dezember 2025: 41.300 Dialoge",
        },
    )
    report = Chunk(
        "documents/bericht.pdf#3",
        "documents/bericht.pdf#3",
        "document",
        "KI-Fortschrittsbericht (Stand 30.09.2026)",
        "2. BoddenBot\nJanuar bis September 2026: 52.900 Dialoge, davon 74 % ohne Weiterleitung.",
        {"section": "2. BoddenBot"},
    )
    assert recounted_evaluation(record, ["BoddenBot"], [(report, None)], TODAY) == report.title
    other = replace(report, text="2. KOGGE\n690 Konten, 61.000 Anfragen.", metadata={"section": "2. KOGGE"})
    assert recounted_evaluation(record, ["BoddenBot"], [(other, None)], TODAY) == ""


def test_a_count_in_a_list_belongs_to_the_application_named_just_before_it() -> None:
    record = Record("inventory.csv", 2, {"id": "RKM-1", "name": "BoddenBot", "users": "4", "updated": "2026-02-10"})
    minutes = _chunk(
        "Niederschrift über die Sitzung der Bürgerschaft am 26.03.2026",
        "Im Einsatz sind der Chatbot BoddenBot (seit 01.03.2025), HanseScribe Sitzung (seit 01.02.2026) und seit "
        "02.03.2026 die KI-Assistenz KOGGE des ZDK-MV mit zunächst 450 Konten.",
    )
    assert recounted_users(record, ["BoddenBot"], [(minutes, None)], TODAY) == ""
    kogge = Record("inventory.csv", 3, {"id": "RKM-4", "name": "KOGGE", "users": "300", "updated": "2026-02-10"})
    assert recounted_users(kogge, ["KOGGE"], [(minutes, None)], TODAY) == minutes.title


def test_a_session_of_a_named_body_dates_its_minutes() -> None:
    from assistant.drafting.stale import source_day

    minutes = _chunk(
        "Hansestadt Recknitzmünde – Hauptausschuss",
        "Auszug aus der Niederschrift über die 27. Sitzung des Hauptausschusses am 15.10.2026 (öffentlicher Teil).",
    )
    assert source_day(minutes, None) == date(2026, 10, 15)


def test_numbered_headings_of_a_document_without_headings_make_its_sections() -> None:
    from assistant.kb.documents import numbered_sections

    text = (
        "KI-Fortschrittsbericht III/2026\nRecknitzmünde, 20.10.2026.\n1. Anwendungen im Überblick\n"
        "BoddenBot Regelbetrieb\n2. BoddenBot\nJanuar bis September 2026: 52.900 Dialoge.\n"
        "3. KOGGE\n690 Konten (30.09.2026).\n"
    )
    sections = numbered_sections(text)
    assert [s.heading for s in sections] == ["", "1. Anwendungen im Überblick", "2. BoddenBot", "3. KOGGE"]
    assert sections[2].text == "Januar bis September 2026: 52.900 Dialoge."
    listed = "Wir bitten:\n1. Die Verwaltung legt einen Bericht vor.\n2. Sie prüft das.\n3. Sie berichtet."
    assert numbered_sections(listed) == []  # sentences, not headings
    assert numbered_sections("1. Anlass\nText\n3. Ergebnis\nText\n4. Kosten") == []  # not numbered in a row


def test_a_letterhead_heading_gives_way_to_the_title_that_dates_the_paper() -> None:
    from assistant.kb.documents import _title

    dated = "Hauptausschuss 15.10.2026 – Auszug aus der Niederschrift (KI)"
    assert _title("Hansestadt Recknitzmünde – Hauptausschuss", "", dated) == dated
    heading = "Niederschrift über die 14. Sitzung des Amtsausschusses des Amtes Hesselwiek"
    assert _title(heading, "", "Amtsausschuss – Niederschrift 24.09.2026") == heading


def test_a_question_on_something_ended_is_about_the_application_that_ended() -> None:
    from pathlib import Path

    from assistant.domain import Inquiry, Question
    from assistant.drafting.understand import Understanding
    from assistant.kb.load import load

    kb = load(Path(__file__).resolve().parents[2] / "eval" / "kbs" / "stadt-emscherfeld")
    question = Question("1", "1.", "Wann und aus welchen Gründen wurde die KI-gestützte Verkehrszählung beendet?")
    reading = Understanding(kb, today=TODAY).read(Inquiry("Anfrage", (question,)))["1"]
    assert reading.subject.applications == ("EMF-KI-03",)


def test_a_quote_in_a_section_headed_by_another_application_is_about_that_one() -> None:
    from pathlib import Path

    from assistant.domain import Passage
    from assistant.drafting.quoting import on_another
    from assistant.drafting.verify import Checked
    from assistant.kb.load import load

    kb = load(Path(__file__).resolve().parents[2] / "eval" / "kbs" / "markt-thannried")
    posteingang = next(r.get("id") for r in kb.inventory if r.get("name").startswith("Rathaus-KI Posteingang"))
    quote = "Betrieb: Anwendung der HDT in deren Rechenzentrum in Nürnberg."
    chunk = Chunk(
        "documents/v.txt#3", "documents/v.txt#3", "document", "Vermerk", quote, {"section": "2. Rathaus-KI Auskunft"}
    )
    checked = Checked(text=quote, passage=Passage(chunk, 1.0), quote=quote)
    assert on_another(checked, (posteingang,), kb)
    own = replace(chunk, metadata={"section": "3. Rathaus-KI Posteingang"})
    assert not on_another(Checked(text=quote, passage=Passage(own, 1.0), quote=quote), (posteingang,), kb)


def test_a_shared_row_gives_an_application_the_amount_after_its_name_not_the_row_s_ai_total() -> None:
    from pathlib import Path

    from assistant.drafting.owned import share_of
    from assistant.kb.load import load

    kb = load(Path(__file__).resolve().parents[2] / "eval" / "kbs" / "hansestadt-recknitzmuende")
    levy = next(r for r in kb.budget if r.get("budget_line") == "TH1.11401.537100" and r.get("year") == "2026")
    assert levy.get("note").startswith("darin KI 18.000 €: Grundpauschale der Plattform KOGGE 15.000 €")
    shares = {a.get("id"): share_of(a, levy, kb) for a in kb.inventory}
    assert shares["RKM-KI-04"] == 15000 and shares["RKM-KI-02"] == 3000  # KOGGE and HanseScribe Sitzung: 18.000


def test_a_sentence_is_supported_by_the_one_of_a_quoted_pair_that_says_it_not_by_the_pair_s_denial() -> None:
    from assistant.domain import Passage
    from assistant.drafting import verify
    from assistant.drafting.compose import DraftSentence

    text = (
        "Beschluss: Ab dem 01.01.2027 kann HanseScribe Sitzung auch in den Sitzungen der Ortsteilvertretungen "
        "eingesetzt werden. Jede Ortsteilvertretung entscheidet darüber selbst durch Beschluss; ohne Beschluss wird "
        "nicht aufgezeichnet."
    )
    passage = Passage(_chunk("Hauptausschuss 15.10.2026 – Niederschrift", text), 1.0)
    said = (
        "Ab dem 01.01.2027 kann HanseScribe Sitzung auch in den Sitzungen der Ortsteilvertretungen eingesetzt werden."
    )
    found = verify._supporting(
        DraftSentence(said, 1), "Ab wann kann HanseScribe eingesetzt werden?", [passage], 0.5, "HanseScribe Sitzung"
    )
    assert isinstance(found, tuple) and "nicht" not in found[1]
    denied = DraftSentence("Ab dem 01.01.2027 kann HanseScribe Sitzung nicht eingesetzt werden.", 1)
    assert isinstance(verify._supporting(denied, "Ab wann?", [passage], 0.5, "HanseScribe Sitzung"), str)


def test_money_put_into_the_budget_or_staff_taken_on_is_nothing_that_ended() -> None:
    from assistant.drafting.understand import asks_ended

    assert asks_ended("Wann und aus welchen Gründen wurde die KI-gestützte Verkehrszählung beendet?")
    assert asks_ended("Warum wurde der Test des Telefonassistenten eingestellt?")
    assert not asks_ended("Welche Mittel sind im Haushalt 2027 für KI eingestellt?")
    assert not asks_ended("Wurde für die KI-Koordinierung zusätzliches Personal eingestellt?")
