"""Rules of the twenty-sixth stop, built before the twenty-sixth held-out set was read: a demand's Sachstand
takes what an application's record notes on the demand's matter, and a motion's claims of what holds now and
of figures are looked up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.domain import Chunk
from assistant.drafting.citing import Register
from assistant.drafting.claims import claims_of
from assistant.drafting.named import noted, speaks_of
from assistant.drafting.relevance import Coverage
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.model import KnowledgeBase, Municipality, Record


def _kb() -> KnowledgeBase:
    row = Record(
        "inventory.csv",
        8,
        {
            "id": "KI-07",
            "name": "SitzungsScribe – KI-gestützte Entwürfe von Niederschriften (Pilot)",
            "status": "pilot",
            "notes": "Nur öffentliche Sitzungsteile; die Tonaufzeichnung wird nach Genehmigung der Niederschrift "
            "gelöscht (§ 23a GeschO). 650 € monatlich. Zustimmung des Personalrats am 25.08.2026 (Anlage 4 DV KI).",
        },
    )
    municipality = Municipality(name="Kreis Muster", kind="Kreis", authority="Kreisverwaltung", departments=())
    return KnowledgeBase(Path("."), municipality, inventory=(row,))


def _coverage(*texts: str) -> Coverage:
    chunks = [Chunk(f"d{i}#1", f"documents/d{i}.md", "document", "Vermerk", t, {}) for i, t in enumerate(texts)]
    chunks += [
        Chunk(f"x{i}#1", f"documents/x{i}.md", "document", "Anderes", f"Der Bauhof mäht {i} Wiesen.", {})
        for i in range(12)
    ]
    return Coverage(chunks)


def test_a_demand_s_sachstand_takes_the_clauses_of_the_record_s_notes_on_its_matter() -> None:
    kb = _kb()
    coverage = _coverage(*kb.inventory[0].get("notes").split(";"), "Der Personalrat tagt monatlich.")
    demand = (
        "Tonaufzeichnungen von Sitzungen, die für den Pilot SitzungsScribe angefertigt werden, werden unmittelbar "
        "nach der Genehmigung der Niederschrift gelöscht; nichtöffentliche Sitzungsteile werden nicht aufgezeichnet."
    )
    register = Register()
    said = noted(["KI-07"], kb, register, speaks_of(demand, coverage))
    assert said == [
        "Im KI-Verzeichnis ist zur Anwendung „SitzungsScribe“ vermerkt: „Nur öffentliche Sitzungsteile; die "
        "Tonaufzeichnung wird nach Genehmigung der Niederschrift gelöscht (§ 23a GeschO)“ [1]."
    ]  # not the fee, not the Personalrat's consent: the demand does not speak of them
    assert register.citations[0].source_id == "inventory:KI-07"
    assert register.citations[0].quote.startswith("Bemerkung: Nur öffentliche Sitzungsteile")
    assert noted(["KI-07"], kb, Register(), speaks_of(demand, coverage), said[0]) == []  # said already


def test_a_claim_of_what_holds_now_or_of_a_figure_is_looked_up_the_letter_s_head_is_none() -> None:
    coverage = _coverage(
        "Die Nutzung von ChatGPT für Recherchen ist seit dem 01.07.2026 untersagt.",
        "WerseGPT hatte am 30.09.2026 720 Nutzerkonten.",
        "Der Antrag der Fraktion wurde am 02.11.2026 eingereicht.",
        "Der Kreis Wersebeck setzt KI nachhaltig und sicher ein.",
    )
    found = claims_of(  # the head as a mail client joins it: subject and salutation one "sentence"
        "Betreff: Antrag BÜNDNIS 90/DIE GRÜNEN: Transparente, sichere und nachhaltige KI im Kreis Wersebeck Sehr "
        "geehrte Frau Landrätin,\n\n"
        "Während die Beschäftigten weiterhin ChatGPT für Recherchen nutzen dürfen, bleibt WerseGPT zurück. "
        "Nach unserer Kenntnis nutzen WerseGPT bislang nur rund 350 Beschäftigte. "
        "Die Nutzung von ChatGPT muss endlich untersagt werden.",
        coverage,
    )
    assert found == [
        "Während die Beschäftigten weiterhin ChatGPT für Recherchen nutzen dürfen, bleibt WerseGPT zurück.",
        "Nach unserer Kenntnis nutzen WerseGPT bislang nur rund 350 Beschäftigte.",
    ]


def test_a_claim_on_an_application_is_answered_from_its_record_s_notes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from assistant.formats.read import read_inquiry
    from assistant.testing.fakes import FakeChatModel, copying_responder
    from assistant.usecases.drafting import draft_inquiry
    from tests.conftest import ROOT, fake_services

    read = read_inquiry(ROOT / "eval" / "inquiries" / "motion-wersebeck-transparenz-nachhaltigkeit.eml")
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=date(2026, 11, 25))
    kb = ROOT / "eval" / "kbs" / "kreis-wersebeck"
    answers = {a.question_id: a for a in draft_inquiry(services, parse_inquiry(read.text, read.name), kb).answers}
    text = answers["6"].text
    assert "die Tonaufzeichnung wird nach Genehmigung der Niederschrift gelöscht (§ 23a GeschO)" in text  # the demand
    assert "Zustimmung des Personalrats am 25.08.2026" in text  # "wurde der Personalrat nicht beteiligt"
    assert any("Personalrat nicht beteiligt" in w for w in answers["6"].warnings)


def test_a_claim_belongs_to_the_demand_that_calls_the_application_it_calls() -> None:
    from assistant.domain import Question
    from assistant.drafting.claims import assign

    coverage = _coverage("WerseGPT ist die KI-Assistenz der Kreisverwaltung.", "Der KI-Telefonassistent wurde erprobt.")
    demands = [
        Question("1", "1", "Die Verwaltung stellt allen Beschäftigten ein Nutzerkonto für WerseGPT zur Verfügung."),
        Question(
            "2", "2", "Der KI-Telefonassistent wird als eigene KI-Assistenz des Kreises seit März 2026 eingeführt."
        ),
    ]
    claim = "Der Kreis hat mit WerseGPT seit März 2026 eine eigene KI-Assistenz."

    def called(text: str) -> list[str]:
        return ["KI-01"] if "WerseGPT" in text else []

    assert [c.demand for c in assign([claim], demands, coverage, 0.0)] == ["2"]  # by its words alone: the other one
    assert [c.demand for c in assign([claim], demands, coverage, 0.0, called)] == ["1"]
