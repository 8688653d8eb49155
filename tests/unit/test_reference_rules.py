"""How a demand refers to an application without its name: a word every application is an instance of
("des Systems") names none of them, and "die laufende Erprobung" is the one trial of the motion's
departments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.domain import Question
from assistant.drafting.asked_figures import asks
from assistant.drafting.claims import claims_of
from assistant.drafting.named import counted_unknown, made_unknown, running_pilot
from assistant.drafting.overtaken import Overtaken
from assistant.drafting.owned import called_in, own_rows
from assistant.drafting.relevance import Coverage
from assistant.drafting.subject import SubjectFinder
from assistant.drafting.wording import is_fragment
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.text import table_rows
from tests.conftest import ROOT

ELSTERMARK = ROOT / "eval" / "kbs" / "landkreis-elstermark"


def test_a_generic_kind_noun_names_no_application_with_it_in_its_name() -> None:
    finder = SubjectFinder(load(ELSTERMARK))
    # "ELSA – … Schreib- und Assistenzsystem" is not "das System" a demand on car registration points back to
    assert finder.find("über die Fehlerquote des Systems") == ()
    assert "EM-01" not in finder.find("über die Bearbeitungszeiten für Zulassungsanträge seit Einführung des Systems")
    assert finder.find("Wie viele Dialoge hat der Chatbot geführt?") == ("EM-03",)  # a specific kind still does


def test_the_running_trial_is_the_one_pilot_of_the_motions_departments() -> None:
    kb = load(ELSTERMARK)
    lead = "Zur laufenden Erprobung legt die Verwaltung dar,"
    assert running_pilot(f"{lead} welche Daten das System verarbeitet", kb, ("A51",)) == ["EM-05"]
    assert running_pilot(f"{lead} welche Daten das System verarbeitet", kb) == []  # two trials in the district
    assert running_pilot("welche Daten das System verarbeitet", kb, ("A51",)) == []  # no trial referred to


def test_an_earlier_replys_pending_clause_is_overtaken_by_a_later_outcome() -> None:
    later = [
        "Der Personalrat hat am 27.10.2026 zugestimmt, die Datenschutz-Folgenabschätzung wurde am 15.10.2026 "
        "abgeschlossen.",
        "Die Außenstelle Gröbenstein wird zum 01.07.2027 angebunden; der ursprünglich vorgesehene Termin "
        "01.01.2027 war nicht zu halten.",
        "Die Prüfung der Schnittstelle wird bis zum 31.10.2026 abgeschlossen.",  # a plan, not an outcome
    ]
    check = Overtaken(later, date(2027, 3, 1))
    reply = "Der Jugendhilfeausschuss wurde am 24.09.2026 informiert; die Zustimmung des Personalrats wird beantragt."
    assert check.current(reply, date(2026, 9, 28)) == ["Der Jugendhilfeausschuss wurde am 24.09.2026 informiert"]
    assert check.current(reply, date(2026, 11, 2)) == [reply]  # consent given before that reply: not later news
    assert check.overtaken("die Außenstelle Gröbenstein soll zum 01.01.2027 folgen.", date(2026, 6, 22))
    assert not check.overtaken("Die Prüfung der Schnittstelle ist noch nicht abgeschlossen.", date(2026, 9, 1))
    assert not check.overtaken("Der Personalrat hat zugestimmt.", date(2026, 9, 28))  # nothing pending


def test_what_a_demand_wants_set_up_or_counted_is_known_to_no_source() -> None:
    ombud = "Es wird eine unabhängige Ombudsstelle eingerichtet, an die sich Familien im Jugendamt wenden können."
    assert made_unknown(ombud, ["Ombudsstelle"]) == "Ombudsstelle"
    assert made_unknown(ombud, []) == ""  # a source mentions one: its passages speak
    assert made_unknown("Die Verwaltung wird beauftragt, einen KI-Beirat zu berufen.", ["KI-Beirat"]) == "KI-Beirat"
    complaints = "über die Zahl der Beschwerden von Autohäusern über die Zulassungsbehörde"
    assert counted_unknown(complaints, ["Beschwerden"]) == "Zahl der Beschwerden"
    trained = "Der Bericht weist die Zahl der bereits qualifizierten Beschäftigten aus."
    assert counted_unknown(trained, ["Fachbereichen"]) == ""  # the counted are known, a source may count them


def test_a_participle_without_an_auxiliary_makes_no_sentence() -> None:
    abstract = (
        "Zusammenfassung der Folgenabschätzung für die Vorprüfung im Straßenverkehrsamt, abgeschlossen am 22.09.2025."
    )
    assert is_fragment(abstract)  # a document's abstract line, not a statement the Sachstand could quote
    assert not is_fragment("Die Folgenabschätzung wurde am 22.09.2025 abgeschlossen.")
    assert not is_fragment("Das Verfahren wird im Bauamt eingeführt.")


def test_a_budget_row_that_calls_an_application_by_its_one_word_name_is_its_row() -> None:
    kb = load(ROOT / "eval" / "kbs" / "stadt-brekenfoerde")
    rows = {r.get("id"): r for r in kb.inventory}
    port = {(r.get("year"), r.get("budget_line")) for r in own_rows(rows["BRK-09"], kb)}
    assert ("2027", "54701.782100") in port  # "Hafen: HafenPuls – Entwicklung und Einrichtung" beside its own line
    assert called_in(rows["BRK-04"], "Stadtkasse: KassenAssist – Lizenz", kb)
    assert not called_in(rows["BRK-04"], "Stadtkasse: KassenAssist Vollstreckung – Lizenz", kb)  # the other one's


def test_talks_a_request_and_a_moved_start_are_overtaken_by_later_sources() -> None:
    later = [
        "Die Investitionsbank hat mit Bescheid vom 15.10.2026 eine Zuwendung von 57.600 € bewilligt.",
        "Die Stadtwerke GmbH trägt nach der Kooperationsvereinbarung vom 03.09.2026 25 % der laufenden Kosten.",
        "Ansatz verringert, weil der Start vom 01.03.2027 auf den 03.05.2027 verschoben wurde.",
    ]
    check = Overtaken(later, date(2026, 12, 1))
    reply = date(2026, 5, 12)
    request = "Der Förderantrag an die Investitionsbank wird derzeit vorbereitet; beantragt werden 60 % der Kosten."
    assert check.current(request, reply) == ["beantragt werden 60 % der Kosten."]
    assert check.overtaken(
        "Mit der Stadtwerke GmbH laufen Gespräche über eine Beteiligung an den laufenden Kosten.", reply
    )
    assert check.overtaken("Der Start ist zum 01.03.2027 vorgesehen.", reply)
    assert not check.overtaken("Der Start ist zum 03.05.2027 vorgesehen.", reply)  # the new day


def test_a_numbered_row_is_named_by_what_it_numbers_and_a_plain_value_head_is_left_out() -> None:
    rows = table_rows(
        "| Nr. | Maßnahme | Frist |\n|---|---|---|\n| 1 | Öffentliches KI-Verzeichnis | 30.06.2026 |\n\n"
        "| Merkmal | Angabe |\n|---|---|\n| Förderung | Förderantrag wird gestellt |\n"
    )
    numbered = rows["| 1 | Öffentliches KI-Verzeichnis | 30.06.2026 |"]
    assert numbered == ("Öffentliches KI-Verzeichnis", "Frist – 30.06.2026")
    assert rows["| Förderung | Förderantrag wird gestellt |"] == ("Förderung", "Förderantrag wird gestellt")


def test_what_others_do_or_expect_is_no_claim_about_the_administration() -> None:
    coverage = Coverage(chunks(load(ROOT / "eval" / "kbs" / "stadt-brekenfoerde")))
    others = "Andere Ostseehäfen planen ihre Liegeplätze längst mit digitalen Prognosen und Landstrom."
    wishes = "Reedereien und Agenturen erwarten verlässliche Liegeplatzzusagen am Ostkai des Stadthafens."
    own = "Einen Förderantrag für die Liegeplatzprognose hat die Verwaltung bis heute nicht gestellt."
    assert claims_of(" ".join([others, wishes, own]), coverage) == [own]


def test_durations_and_named_counts_no_source_mentions_have_no_figure() -> None:
    assert asks("Die Verwaltung legt dar, wie lange Bürgerinnen und Bürger auf einen Termin warten mussten.")[0].figure
    port = "Die Verwaltung legt die Umschlagszahlen des Stadthafens der Jahre 2024 bis 2026 vor."
    assert counted_unknown(port, ["Umschlagszahlen"]) == "Umschlagszahlen"
    assert counted_unknown(port, []) == ""


def test_a_running_survey_and_a_promised_publication_are_overtaken() -> None:
    later = [
        "Nach einer Marktsondierung für die Parkraumkontrolle hat das ULD am 12.03.2026 mitgeteilt, dass eine "
        "Rechtsgrundlage fehlt.",
        "| 1 | Öffentliches KI-Verzeichnis | umgesetzt: online seit 01.07.2026 |",
    ]
    check = Overtaken(later, date(2026, 12, 4))
    survey = "Für die Parkraumkontrolle läuft eine Marktsondierung für ein Scan-Fahrzeug."
    assert check.overtaken(survey, date(2025, 11, 24))
    assert check.overtaken("Ein öffentliches KI-Verzeichnis wird bis Mitte 2026 veröffentlicht.", date(2025, 11, 24))


def test_a_sachstand_whose_framed_question_finds_nothing_looks_for_its_topic_alone(tmp_path: Path) -> None:
    from assistant.drafting.classify import Intent
    from assistant.drafting.statement import sachstand_question
    from assistant.drafting.understand import Reading
    from assistant.testing.fakes import FakeChatModel, copying_responder
    from tests.conftest import FIXED_TODAY, fake_services

    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    services.today = FIXED_TODAY
    kb = load(ROOT / "eval" / "kbs" / "stadt-brekenfoerde")
    services.ensure_index(kb)
    drafter = services.drafter(kb)
    real = drafter._retriever.retrieve
    framed = sachstand_question("Die im Projekt gewonnenen Daten werden als offene Daten (Open Data) veröffentlicht.")
    # a fake of the embedding model's verdict: the frame's words draw the question below the bar
    drafter._retriever.retrieve = lambda query, *a, **k: [] if query.startswith("Was hat") else real(query, *a, **k)  # type: ignore[method-assign]
    reading = Reading(question_id="8", intent=Intent.DESCRIPTION, query=framed)
    passages = drafter._evidence(reading, Question("8", "8", framed), wide=True)
    assert any("Open-Data-Portal" in p.chunk.text for p in passages)


def test_an_impossible_day_in_a_source_is_no_day_and_no_error() -> None:
    check = Overtaken(["Der Start wurde vom 31.02.2027 auf den 01.03.2027 verschoben."], date(2026, 12, 4))
    assert not check.overtaken("Der Start ist zum 01.03.2027 vorgesehen.", date(2026, 5, 1))
