"""A part of a question is answered only by what it asks about, word by word; a bare "seit wann" is asked of
its clause; a question that asks only figures, of which the draft and the sources state none, is no
information (grading 42's "missed aspect" and the KiDoku counts of set 24)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from assistant.drafting.asked_figures import asks_only_figures, states_no_figure
from assistant.drafting.parts import asked_about, holds_what_it_asks, question_parts, unanswered
from assistant.drafting.relevance import Coverage
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.testing.fakes import FakeChatModel, copying_responder
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import ROOT, fake_services

VILSREUTH = ROOT / "eval" / "kbs" / "stadt-vilsreuth"
TODAY = date(2026, 11, 25)


def _coverage() -> Coverage:
    return Coverage(chunks(load(VILSREUTH)))


def test_a_compound_counts_once_and_only_as_a_whole() -> None:
    """ "Sprachmodells" in a sentence on the model's vendor does not answer whether inputs train it."""
    coverage = _coverage()
    part = "werden die Eingaben zum Training des Sprachmodells verwendet"
    vendor = "Eigenentwicklung auf Grundlage des Sprachmodells Llama 3.3 70B mit offenen Gewichten."
    assert coverage.share(part, [vendor]) >= 0.5  # by term: "sprach", "modell", "sprachmodell"
    assert coverage.share_by_word(part, vendor) < 0.5
    said = "Eingaben verlassen das Rechenzentrum nicht und werden nicht zum Training verwendet."
    assert coverage.share_by_word(part, said) >= 0.5
    question = "Wo wird sie betrieben, und werden die Eingaben zum Training des Sprachmodells verwendet?"
    assert unanswered(question, f"Betrieb im Rechenzentrum des KUVIT. {vendor}", coverage) == [part]


def test_staff_without_a_computer_are_not_answered_by_staff_with_one() -> None:
    coverage = _coverage()
    part = "wie werden die Beschäftigten ohne PC-Arbeitsplatz einbezogen"
    assert coverage.share_by_word(part, "840 von 1.260 Beschäftigten mit PC-Arbeitsplatz sind qualifiziert.") < 0.5
    assert coverage.share_by_word(part, "Die 610 Beschäftigten ohne PC-Arbeitsplatz sind nicht einbezogen.") == 1.0


def test_a_bare_since_when_is_asked_of_the_clause_before_it() -> None:
    coverage = _coverage()
    question = "Veröffentlicht die Stadt ein KI-Verzeichnis? Wenn ja, seit wann und mit welchen Angaben?"
    parts = question_parts(question)
    assert parts[:2] == ["Veröffentlicht die Stadt ein KI-Verzeichnis", "seit wann"]
    assert asked_about("seit wann", parts, coverage, set()) == "Veröffentlicht die Stadt ein KI-Verzeichnis seit wann"
    undated = "Referat 1 führt ein Verzeichnis aller KI-Anwendungen und veröffentlicht es im Internet."
    assert "seit wann" in unanswered(question, undated, coverage)
    dated = "Das KI-Verzeichnis ist seit dem 15.10.2026 auf der Internetseite der Stadt veröffentlicht."
    assert "seit wann" not in unanswered(question, dated, coverage)


def test_a_part_asking_money_is_answered_only_by_an_amount() -> None:
    part = "welche Mittel sieht der Entwurf des Haushalts 2027 dafür vor"
    assert not holds_what_it_asks(part, "Haushaltsjahr 2027, Haushaltsstelle 0620.6362: KI-Posteingang (geplant).")
    assert holds_what_it_asks(part, "Im Entwurf 2027 sind 28.800 € veranschlagt.")


def test_figures_asked_and_none_stated() -> None:
    question = (
        "Wie viele Verlaufsdokumentationen wurden seit dem Start erstellt, und wie viele der Entwürfe mussten "
        "korrigiert werden?"
    )
    assert asks_only_figures(question)
    assert not asks_only_figures("Sollen Stellen abgebaut werden, und wie viele Stellen wurden eingespart?")
    assert states_no_figure(question, ["KiDoku ist seit dem 01.10.2026 im Pilotbetrieb [1]."])
    assert states_no_figure(question, ["Das System trifft keine Bewertungen [2]."])
    assert not states_no_figure(question, ["Es wurden keine Verlaufsdokumentationen erstellt."])
    assert not states_no_figure(question, ["Es wurden 340 Entwürfe erstellt [1]."])


def test_counts_the_knowledge_base_lacks_are_no_information_and_counts_it_holds_are_not(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(VILSREUTH, kb)
    text = (
        "Anfrage zum Pilot KiDoku im Allgemeinen Sozialdienst vom 20.11.2026\n\n"
        "1. Wie viele Verlaufsdokumentationen wurden seit dem Start mit Hilfe des Systems erstellt, und wie viele "
        "der Entwürfe mussten von den Fachkräften wesentlich korrigiert werden?\n"
        "2. Wie viele Beschäftigte haben bisher eine KI-Grundqualifizierung?\n"
    )
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY)
    answers = {a.question_id: a for a in draft_inquiry(services, parse_inquiry(text, "anfrage.txt"), kb).answers}
    assert answers["1"].status == "no_information"
    assert answers["2"].status != "no_information" and "840" in answers["2"].text


def test_a_report_s_pending_step_is_overtaken_by_a_later_source_reporting_it_done() -> None:
    """ "Die AKDB hat die Anbindung … noch nicht bereitgestellt" (March) after "erst am 15.06.2026
    bereitgestellt"; an old reply's "wird … beteiligt" after the consent of 14.09.2026; a recurring duty
    ("wird jährlich erstellt") is no plan a later report could overtake."""
    from assistant.drafting.overtaken import Overtaken

    later = Overtaken(
        [
            "Die Anbindung an die Online-Terminvereinbarung habe die AKDB erst am 15.06.2026 bereitgestellt.",
            "Zustimmung des Gesamtpersonalrats am 14.09.2026 (Anlage 3 DV KI).",
            "Der Energiebericht 2025 wurde am 09.07.2026 veröffentlicht.",
        ],
        TODAY,
    )
    march, june = date(2026, 3, 4), date(2026, 6, 18)
    pending = "Die AKDB hat die Anbindung an die Online-Terminvereinbarung noch nicht bereitgestellt."
    assert later.overtaken(pending, march)
    assert later.overtaken("Der Gesamtpersonalrat wird nach der Dienstvereinbarung KI beteiligt.", june)
    assert not later.overtaken("Der Energiebericht wird jährlich erstellt und im Internet veröffentlicht.", march)
