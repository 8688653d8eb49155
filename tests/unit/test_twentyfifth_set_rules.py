"""Rules from the twenty-fifth held-out set (Kreis Wersebeck, NRW): a council system's Markdown export, a
letter's title wrapped over two lines above its session line."""

from __future__ import annotations

from assistant.domain import Chunk
from assistant.inquiry.parse import parse_inquiry


def _minutes(text: str) -> Chunk:
    """A committee's minutes of 07.10.2026 holding ``text``."""
    return Chunk(
        chunk_id="m#1",
        source_id="documents/niederschrift.html#1",
        kind="document",
        title="Niederschrift am 07.10.2026",
        text=text,
    )


MARKDOWN_EXPORT = """# AN/2026/0188 – Anfrage

| Feld | Wert |
|:--|:--|
| Einreicher | Jonas Albers, Kreistagsmitglied (Die Linke) |
| Eingang | 05.11.2026 |

## Betreff

KI-gestützte Zuordnung von Unterlagen im Jobcenter (DokuSort SGB II)

## Inhalt

Sehr geehrte Frau Landrätin,

mit Ihrer Antwort vom 16.06.2026 auf die Anfrage vom 26.05.2026 bitte ich um Antwort:

1. Wie viele Unterlagen hat das System seit dem Start verarbeitet, und
   welcher Anteil musste korrigiert werden?
1. Bis wann läuft die Erprobung inzwischen?
1. Welche Kosten entstehen in den Jahren 2026 und 2027?

Mit freundlichen Grüßen
"""


def test_a_markdown_list_numbered_1_throughout_is_numbered_in_order_with_its_table_s_metadata() -> None:
    inquiry = parse_inquiry(MARKDOWN_EXPORT, "anfrage.md")
    assert [q.id for q in inquiry.questions] == ["1", "2", "3"]
    assert inquiry.questions[0].text.endswith("welcher Anteil musste korrigiert werden?")
    assert inquiry.subject == "KI-gestützte Zuordnung von Unterlagen im Jobcenter (DokuSort SGB II)"
    assert inquiry.sender == "Jonas Albers, Kreistagsmitglied (Die Linke)"
    assert inquiry.date == "2026-11-05"  # the day it came in, not the earlier inquiry the text mentions


def test_a_list_that_numbers_itself_is_left_as_written() -> None:
    text = "Anfrage\n\n1. Erste Frage?\n1. Zweite Frage?\n1. Dritte Frage?\n2. Vierte Frage?\n"
    assert [q.id for q in parse_inquiry(text, "a.txt").questions] == ["1", "2"]


def test_a_title_wrapped_over_two_lines_above_the_session_line_is_the_subject() -> None:
    text = (
        "SPD-Fraktion im Kreistag Wersebeck\n\nWersebeck, 28.10.2026\n\n"
        "Große Anfrage nach § 17 Abs. 2 der Geschäftsordnung des Kreistags\n"
        "Künstliche Intelligenz in der Kreisverwaltung Wersebeck –\nBestandsaufnahme 2026\n"
        "Sitzung des Kreistags am 17.12.2026\n\nSehr geehrte Frau Landrätin,\n\n"
        "1. Welche KI-Anwendungen setzt die Kreisverwaltung ein?\n2. Seit wann?\n"
    )
    assert (
        parse_inquiry(text, "a.txt").subject
        == "Künstliche Intelligenz in der Kreisverwaltung Wersebeck – Bestandsaufnahme 2026"
    )


def test_a_unit_the_whole_administration_includes_does_not_narrow_the_question() -> None:
    from assistant.drafting.subject import asked_units
    from assistant.kb.load import load
    from tests.conftest import ROOT

    kb = load(ROOT / "eval" / "kbs" / "kreis-wersebeck")
    question = "Welche KI-Anwendungen setzt die Kreisverwaltung einschließlich des Jobcenters derzeit ein?"
    assert asked_units(question, kb) == ()
    assert asked_units("Welche KI-Anwendungen setzt das Jobcenter ein?", kb) == ("JC",)


def test_since_when_is_answered_by_a_day_something_began_not_one_it_can_end() -> None:
    from assistant.drafting.parts import holds_what_it_asks

    assert not holds_what_it_asks("seit wann gilt sie", "Sie kann erstmals zum 31.12.2028 gekündigt werden.")
    assert holds_what_it_asks("seit wann gilt sie", "Abgeschlossen am 23.04.2026, in Kraft ab 01.05.2026.")
    assert holds_what_it_asks("bis wann läuft die Erprobung", "Die Erprobung läuft bis zum 30.06.2027.")
    assert not holds_what_it_asks("bis wann läuft die Erprobung", "Die Erprobung begann am 01.06.2026.")


def test_a_trial_a_later_source_extends_has_no_end_from_the_register() -> None:
    from datetime import date

    from assistant.drafting.stale import extended_trial

    record = {
        "name": "DokuSort SGB II – KI-gestützte Zuordnung (Pilot)",
        "end_date": "2026-12-31",
        "updated": "2026-08-20",
    }
    minutes = _minutes(
        "Herr Overbeck berichtet zu DokuSort SGB II. Die Landrätin habe am 22.09.2026 entschieden, den Pilot "
        "bis zum 30.06.2027 zu verlängern."
    )
    today = date(2026, 11, 25)
    dated, called = [(minutes, None)], ["DokuSort SGB II", "DokuSort"]
    assert extended_trial(record, called, dated, today) == "Niederschrift am 07.10.2026"
    assert extended_trial({**record, "updated": "2026-10-20"}, called, dated, today) == ""  # the row is later
    assert extended_trial({**record, "end_date": "2027-12-31"}, called, dated, today) == ""
    assert extended_trial(record, ["Geoblick"], dated, today) == ""  # the minutes do not name it


def test_a_shared_row_without_its_application_in_a_year_counts_nothing_for_ai_and_planning_years_are_spanned() -> None:
    from datetime import date

    from assistant.drafting.classify import years

    question = "Welche Mittel sieht der Entwurf 2027 vor, und welche Beträge enthält die Finanzplanung bis 2030?"
    assert years(question, date(2026, 11, 25)) == ("2027", "2028", "2029", "2030")
    assert years("Welche Mittel sind bis 2030 vorgesehen?", date(2026, 11, 25)) == ("2030",)


def test_the_planning_years_count_a_shared_row_without_its_application_as_no_ai_money(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    from datetime import date

    from assistant.testing.fakes import FakeChatModel, copying_responder
    from assistant.usecases.drafting import draft_inquiry
    from tests.conftest import ROOT, fake_services

    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "eval" / "kbs" / "kreis-wersebeck", kb)
    text = (
        "Anfrage der SPD-Fraktion vom 28.10.2026\n\n"
        "1. Welche Mittel sieht der Entwurf des Haushalts 2027 für KI vor, und welche Beträge enthält die "
        "mittelfristige Finanzplanung bis 2030?\n"
    )
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=date(2026, 11, 25))
    answer = draft_inquiry(services, parse_inquiry(text, "anfrage.txt"), kb).answers[0]
    assert "2028 124.400 Euro" in answer.text and "2030 124.400 Euro" in answer.text  # not the row's 181.000 €
    assert "305.400" not in answer.text and answer.text.startswith("Für den Einsatz von KI")


def test_an_application_s_budget_leaves_out_the_years_its_shared_row_holds_none_of_it() -> None:
    from assistant.drafting.owned import left_out, own_rows
    from assistant.kb.load import load
    from tests.conftest import ROOT

    kb = load(ROOT / "eval" / "kbs" / "kreis-wersebeck")
    dokusort = next(a for a in kb.inventory if a.get("name").startswith("DokuSort"))
    years = sorted(r.get("year") for r in own_rows(dokusort, kb))
    assert years == ["2026", "2027"]  # 2025 "ohne KI-Anteil", 2028–2030 "ohne DokuSort"
    row_2028 = next(r for r in kb.budget if r.get("year") == "2028" and r.get("budget_line") == "05.56.01.529120")
    assert left_out(dokusort, row_2028, kb)


def test_a_count_of_people_is_not_answered_with_the_register_s_count_of_applications() -> None:
    from assistant.drafting.structured import counts_applications

    assert not counts_applications("Wie viele Beschäftigte hatten solche Dienste registriert?")
    assert counts_applications("Wie viele KI-Anwendungen setzt die Verwaltung ein?")
    assert counts_applications("Wie viele sind es heute?")


def test_a_reply_s_deadline_after_its_history_and_a_not_planned_step_are_overtaken_by_a_later_decision() -> None:
    from datetime import date

    from assistant.drafting.overtaken import Overtaken
    from assistant.drafting.stale import Rescheduled

    minutes = _minutes(
        "Die Landrätin habe am 22.09.2026 entschieden, den Pilot bis zum 30.06.2027 zu verlängern und ab dem "
        "01.01.2027 auf die Geschäftsstelle Ahlenkamp auszuweiten."
    )
    today = date(2026, 11, 25)
    reply = "Der Pilot hat am 01.06.2026 in den Geschäftsstellen begonnen und ist bis zum 31.12.2026 befristet."
    assert Rescheduled([(minutes, None)], today).rescheduled(reply, date(2026, 6, 16))
    later = Overtaken([minutes.text], today)
    assert later.overtaken(
        "Eine Ausweitung auf weitere Geschäftsstellen ist derzeit nicht vorgesehen.", date(2026, 6, 16)
    )


def test_a_demand_s_sachstand_speaks_of_what_it_is_most_specifically_about(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from assistant.formats.read import read_inquiry
    from assistant.testing.fakes import FakeChatModel, copying_responder
    from assistant.usecases.drafting import draft_inquiry
    from tests.conftest import ROOT, fake_services

    read = read_inquiry(ROOT / "eval" / "inquiries" / "motion-wersebeck-transparenz-nachhaltigkeit.eml")
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=date(2026, 11, 25))
    kb = ROOT / "eval" / "kbs" / "kreis-wersebeck"
    answers = {a.question_id: a for a in draft_inquiry(services, parse_inquiry(read.text, read.name), kb).answers}
    assert "bilden eine KI-Kommission" in answers["4"].text  # § 7 DV KI: the commission the demand asks for exists
    assert "inzwischen verstrichen" not in answers["4"].text  # no day of a sentence the answer left out


def test_an_office_is_no_post_and_another_application_s_part_of_a_shared_row_funds_no_demand() -> None:
    from assistant.drafting.demands import purposes_of

    assert purposes_of("DokuSort wird in allen vier Geschäftsstellen des Jobcenters eingeführt") == ()
    assert purposes_of("ein externes Rechtsgutachten für die Leitstelle") == ("consulting",)
    assert purposes_of("Es werden zwei Stellen für KI geschaffen") == ("personnel",)


def test_a_report_s_planned_filling_of_a_post_is_overtaken_by_the_post_filled_later() -> None:
    from datetime import date

    from assistant.drafting.overtaken import Overtaken

    later = Overtaken(["Die Stelle der KI-Koordinatorin ist seit dem 01.08.2026 besetzt."], date(2026, 11, 25))
    february = "Die Stelle ist ausgeschrieben; die Besetzung ist zum 01.05.2026 vorgesehen."
    assert later.current(february, date(2026, 2, 16)) == ["Die Stelle ist ausgeschrieben"]


def test_a_demand_on_an_application_compares_with_its_part_of_a_row_of_other_money() -> None:
    from assistant.drafting.demands import read_demand
    from assistant.drafting.finance import compare
    from assistant.kb.load import load
    from tests.conftest import ROOT

    kb = load(ROOT / "eval" / "kbs" / "kreis-wersebeck")
    text = (
        "DokuSort wird zum 01.01.2027 in allen vier Geschäftsstellen des Jobcenters in den Regelbetrieb überführt. "
        "Die hierfür erforderlichen Mittel von jährlich 48.000 Euro werden ab dem Haushalt 2027 bereitgestellt."
    )
    comparison = compare(read_demand("4", text, motion_year=2026).amounts[0], kb, text)
    assert comparison.planned[2027] == 18_000  # "darin DokuSort 18.000 €", not the row's 192.000 €
    assert comparison.additional[2027] == 30_000
