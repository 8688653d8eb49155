"""Rules found on set 20 (Große Kreisstadt Ilmenroda): an application's one-word short name names it however often
the documents discuss it, a status note "(nicht umgesetzt)" is no part of a name, and a question that denies the
use ("nicht (mehr) im Einsatz") or tells a trial as history ("nach einer Erprobung beendet") asks for what ended
(decision record 0033)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.drafting import lexicon as lx
from assistant.drafting.classify import statuses
from assistant.drafting.subject import SubjectFinder, own_name
from assistant.kb.load import load
from tests.conftest import ROOT

ILMENRODA = ROOT / "eval" / "kbs" / "stadt-ilmenroda"


def test_a_one_word_short_name_names_its_application_though_every_report_discusses_it() -> None:
    finder = SubjectFinder(load(ILMENRODA))  # "ILKA" stands in most of the knowledge base's passages
    assert finder.find("Zum KI-Assistenten ILKA:") == ("ILR-KI-01",)
    assert finder.find("Welche Erfahrungen haben die Beschäftigten mit ILKA gemacht?") == ("ILR-KI-01",)
    assert finder.find("Zum Chatbot „Roda“:") == ("ILR-KI-02",)


def test_a_status_note_of_a_name_is_no_word_a_demand_can_name_it_by() -> None:
    assert own_name("KI-Videoanalyse Bahnhofsvorplatz (nicht umgesetzt)") == "KI-Videoanalyse Bahnhofsvorplatz"
    finder = SubjectFinder(load(ILMENRODA))
    asked = "Was hat die Verwaltung zum Thema „Die Verwaltung berichtet“ bereits geplant oder umgesetzt?"
    assert "ILR-KI-09" not in finder.find(asked)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Welche KI-Vorhaben sind seit 2024 nicht (mehr) im Einsatz?", ("discontinued",)),
        ("Welche Anwendungen sind nicht mehr im Einsatz?", ("discontinued",)),
        ("Welche Vorhaben wurden nach einer Erprobung beendet, und aus welchen Gründen?", ("discontinued",)),
        ("Welche Vorhaben wurden gar nicht erst umgesetzt, und warum nicht?", ("discontinued",)),
        ("Welche Anwendungen sind im Einsatz?", ("production", "pilot", "test")),
        ("Welche Anwendungen wurden getestet und eingestellt?", ("pilot", "test", "discontinued")),
        ("Welche Anwendungen sind noch nicht im Einsatz?", ("planned",)),
    ],
)
def test_a_denied_use_or_a_trial_told_as_history_asks_for_what_ended(question: str, expected: tuple[str, ...]) -> None:
    assert statuses(question) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Verbandsumlage ZKIT (Rechenzentrum, Netz, E-Mail einschließlich KI-gestütztem E-Mail-Schutz; kein gesonderter "
        "KI-Ansatz)",
        "Digitalisierung Bauaktenarchiv – Scandienstleistung (ohne KI-Bestandteil)",
    ],
)
def test_a_row_that_says_it_sets_no_money_apart_for_ai_is_no_ai_money(title: str) -> None:
    assert lx.NO_AI.search(title)
    assert not lx.NO_AI.search("KI-Beratung und Rechtsberatung KI-Verordnung (KI-Ansatz 2027)")


@pytest.mark.parametrize(
    ("question", "elsewhere"),
    [
        ("In wie vielen anderen saarländischen Kommunen wird der Beteiligungslotse eingesetzt?", True),
        (
            "Welche anderen Kommunen in Thüringen setzen ScriptaLens Bauakten ein, und welche Erfahrungen liegen vor?",
            True,
        ),
        ("Welche KI-Anwendungen setzt die Kreisverwaltung des Landkreises Hochwald-Theel ein?", True),
        ("Sind Kooperationen mit Hochschulen, Start-ups oder anderen Kommunen im Bereich KI geplant?", False),
        ("Mit welchen externen Partnern (z. B. anderen Behörden) arbeitet die Stadt zusammen?", False),
        ("Sieht die Kreisverwaltung in der Nutzung von KI Chancen?", False),
        ("Welche Erfahrungen haben andere Städte mit dem System gemacht?", True),
        ("Werden die Daten an andere Behörden übermittelt?", False),
    ],
)
def test_a_question_about_other_administrations_is_not_answered_from_the_own_data(
    question: str, elsewhere: bool, tmp_path: Path
) -> None:
    from assistant.testing.services import fake_services

    kb = load(ROOT / "eval" / "kbs" / "stadt-theelingen")  # a town: a named county is another administration
    drafter = fake_services(tmp_path).drafter(kb)
    assert drafter._elsewhere(question) is elsewhere


def test_a_lifted_paragraph_is_said_as_lifted_and_an_earlier_reply_that_told_it_is_no_source() -> None:
    from datetime import date

    from assistant.drafting.amended import Amendments
    from assistant.kb.chunk import chunks

    kb = load(ILMENRODA)
    amendments = Amendments(kb, date(2026, 12, 5))
    built = chunks(kb)
    path = "documents/dienstanweisung-ki-3-2025.md"
    rule = next(c for c in built if c.source_id.startswith(path) and "§ 7" in c.text)
    old = "Schreiben an Bürgerinnen und Bürger, die wesentlich mit ILKA erstellt wurden, tragen den Hinweis"
    quote = next(line for line in rule.text.split("\n") if old in line)
    lifted = amendments.repeal(rule, quote)
    assert lifted is not None
    assert lifted[1] == "§ 7 Abs. 1 wird aufgehoben."
    assert lifted[2].startswith("§ 7 Abs. 1 der „Dienstanweisung Nr. 3/2025")
    assert "mit Wirkung vom 01.02.2026 aufgehoben (Erste Änderung)" in lifted[2]
    reply = next(c for c in built if c.kind == "answer" and "nach § 7 der Dienstanweisung Nr. 3/2025" in c.text)
    told = next(s for s in reply.text.split("\n") if "§ 7" in s)
    assert amendments.superseded(reply, told)  # released 09.12.2025, before the change took effect
    kept = "Bilder und Videos, die mit KI erzeugt wurden, werden bei ihrer Veröffentlichung"
    assert not amendments.superseded(rule, next(line for line in rule.text.split("\n") if kept in line))


def test_of_an_inquiry_about_one_application_a_question_on_ai_without_plural_stays_with_that_one(
    tmp_path: Path,
) -> None:
    from assistant.testing.services import fake_services

    kb = load(ILMENRODA)
    text = (
        "Kleine Anfrage: ScriptaLens Bauakten\n\n1. Seit wann setzt das Bauordnungsamt ScriptaLens Bauakten ein?\n"
        "2. Wo werden die Daten verarbeitet, und werden sie zum Training der KI verwendet?\n"
        "3. Welche weiteren KI-Anwendungen setzt die Stadt ein?\n"
    )
    from assistant.inquiry.parse import parse_inquiry

    readings = fake_services(tmp_path).drafter(kb).read(parse_inquiry(text, "anfrage.txt"))
    assert readings["2"].subject.applications == ("ILR-KI-03",)
    assert readings["3"].subject.everything


def test_an_e_mail_saved_as_text_is_titled_by_its_subject_not_by_its_last_header() -> None:
    from assistant.inquiry.parse import parse_inquiry

    text = (
        "From: Carsten Heyder <heyder@example.org>\nTo: Sitzungsdienst <stadtrat@example.org>\n"
        "Date: Thu, 12 Nov 2026 19:42:07 +0100\n"
        "Subject: Kleine Anfrage – Nachfrage: KI-gestützte Erschließung der Bauakten (ScriptaLens Bauakten)\n"
        "Content-Type: text/plain; charset=utf-8\n\nSehr geehrte Damen und Herren,\n\n"
        "1. Seit wann setzt das Bauordnungsamt ScriptaLens Bauakten ein?\n"
    )
    inquiry = parse_inquiry(text, "anfrage.txt")
    # the kind before the colon is no part of the title (the letter names the kind itself)
    assert inquiry.subject == "KI-gestützte Erschließung der Bauakten (ScriptaLens Bauakten)"


def test_a_plan_whose_day_has_passed_is_overtaken_by_a_later_plan_for_a_later_day_without_a_word_of_moving() -> None:
    from datetime import date

    from assistant.domain import Passage
    from assistant.drafting.quoting import Quoter
    from assistant.drafting.verify import Checked
    from assistant.kb.chunk import chunks

    kb = load(ILMENRODA)  # reply of 09.12.2025: "… bis zum 31.03.2026 …"; council 17.09.2026: "… bis zum 31.01.2027 …"
    built = chunks(kb)
    quoter = Quoter(kb, built, date(2026, 12, 5))
    reply = next(c for c in built if c.source_id == "answers/2025-12-09-anfrage-linke-ki-verwaltung.yaml#6")
    quote = (
        "Das KI-Verzeichnis wird nach § 9 der Dienstanweisung Nr. 3/2025 bis zum 31.03.2026 auf ilmenroda.de "
        "veröffentlicht."
    )
    assert quoter.current(Checked(text=quote, passage=Passage(reply, 1.0), quote=quote)) == []
    early = Quoter(kb, built, date(2026, 3, 1))  # before the day passed, the plan stands
    assert early.current(Checked(text=quote, passage=Passage(reply, 1.0), quote=quote)) != []


def test_a_title_line_with_a_colon_is_a_title_and_an_e_mail_header_is_none() -> None:
    from assistant.inquiry.parse import parse_inquiry

    text = (
        "Fraktion X\n\nKI-Register: Transparenz für alle schaffen\n\nSehr geehrte Frau Bürgermeisterin,\n\n1. Frage?\n"
    )
    assert parse_inquiry(text, "antrag.txt").subject == "KI-Register: Transparenz für alle schaffen"
    header = (
        "Fraktion X\n\nContent-Type: text/plain; charset=utf-8\n\nSehr geehrte Frau Bürgermeisterin,\n\n1. Frage?\n"
    )
    assert parse_inquiry(header, "antrag.txt").subject != "Content-Type: text/plain; charset=utf-8"
