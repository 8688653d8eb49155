"""Rules found on the thirteenth set (Stadt Selzheim, Rheinland-Pfalz): a council's "KI-Register" is the
administration's "KI-Verzeichnis"; a demand that names no application is about the one the motion's title
calls by name; the budget rows an earlier demand listed are referred to, not listed again; a clause that
names no kind of money takes no rows filed under "other"."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.domain import Answer, Citation
from assistant.drafting import finance, finance_sentences
from assistant.drafting.demands import amounts
from assistant.evaluation.metrics import unsupported_numbers
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.load import load
from assistant.testing.fakes import FakeChatModel
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import ROOT, fake_services

SELZHEIM = ROOT / "eval" / "kbs" / "stadt-selzheim"

SELMA = """Antrag der Fraktion im Stadtrat vom 30. November 2026

Selma ausbauen – Bürgerservice rund um die Uhr

Sehr geehrte Frau Oberbürgermeisterin,

der Stadtrat möge beschließen:

1. Selma wird bis zum 30.06.2027 auf die Leistungen des Standesamtes ausgeweitet.

2. Die Antworten von Selma werden regelmäßig durch Fachleute der Verwaltung auf Richtigkeit geprüft.

3. Die Verwaltung legt dem Ausschuss regelmäßig eine Auswertung mit Nutzungszahlen vor.

4. Ergänzend richtet die Verwaltung eine Ombudsstelle ein.

5. Die für Selma im Haushalt vorgesehenen Mittel werden um ein Drittel gekürzt.

Begründung: Die Bürgerinnen und Bürger erwarten einen besseren Service.
"""


def _drafted(tmp_path: Path) -> dict[str, str]:
    kb = tmp_path / "kb"
    shutil.copytree(SELZHEIM, kb)
    inquiry = parse_inquiry(SELMA, "antrag-selma.txt")
    answers = draft_inquiry(fake_services(FakeChatModel(), tmp_path), inquiry, kb).answers
    return {a.question_id: a.text for a in answers}


def test_a_demand_naming_no_application_is_about_the_one_the_title_calls_and_rows_are_listed_once(
    tmp_path: Path,
) -> None:
    drafts = _drafted(tmp_path)
    assert "41.280 Dialoge" in drafts["3"]  # the title's application's evaluation, not "keine Erkenntnisse"
    assert "41.280" not in drafts["4"]  # a thing of its own ("Ombudsstelle", in no source): not Selma's record
    assert "Haushaltsstelle 12210.56241000 vorgesehen: 2026 35.700 Euro" in drafts["1"]
    assert "Die Haushaltsansätze der Anwendung „Selma" in drafts["2"] and "sind unter Nr. 1 genannt." in drafts["2"]
    assert "35.700" not in drafts["2"].split("Finanzielle Auswirkungen:")[1]
    assert "35.700 Euro" in drafts["5"]  # a demand about the money gets the rows again


def test_a_register_is_the_budgets_verzeichnis_and_other_rows_are_not_what_a_plain_clause_is_for() -> None:
    kb = load(SELZHEIM)
    demand = "Für die Einrichtung des Registers werden im Haushalt 2027 einmalig 25.000 € bereitgestellt."
    (amount,) = amounts(demand, "", 2026)
    assert amount.purposes == ("other",)
    compared = finance.compare(amount, kb, demand)
    assert compared.lines == ("11190.56241100",) and compared.additional == {2027: 17900}
    from assistant.drafting.citing import Register

    said = " ".join(finance_sentences.sentences(compared, Register()))
    assert said.startswith("Der Antrag sieht 25.000 Euro einmalig für 2027 vor. Im Haushalt sind dafür veranschlagt:")
    assert "Sonstiges" not in said  # no kind of money is named: not "für Sonstiges"
    unrelated = "Für die Verschönerung des Rathausplatzes werden im Haushalt 2027 einmalig 25.000 € bereitgestellt."
    (plain,) = amounts(unrelated, "", 2026)
    assert finance.compare(plain, kb, unrelated).rows == ()  # not the Leitstelle's and the road survey's rows


def test_what_a_demand_wants_set_up_is_read_with_the_finite_verb_first_too() -> None:
    from assistant.drafting.named import made_unknown

    finite = "Ergänzend richtet die Verwaltung bis zum 31.12.2027 eine KI-gestützte Telefonannahme ein."
    assert made_unknown(finite, ["Telefonannahme"]) == "Telefonannahme"  # the noun, not "KI-gestützte"
    assert made_unknown("Es wird ein KI-Beirat eingerichtet.", ["KI-Beirat"]) == "KI-Beirat"
    assert made_unknown("Die Verwaltung schafft eine Stelle.", []) == ""  # a known thing


def test_a_reference_to_another_demand_is_no_unsupported_number() -> None:
    answer = Answer("2", "answered", "Die Haushaltsansätze sind unter Nr. 1 genannt. Es sind 7 Stellen.", (), ())
    assert unsupported_numbers(answer, {}) == ("7",)
    cited = Answer("2", "answered", "Nach Anhang III Nr. 4 [1].", (Citation("[1]", "d", "D", "Anhang III"),), ())
    assert unsupported_numbers(cited, {"d": "Anhang III"}) == ("4",)  # a provision's number is still checked


def test_one_application_called_by_its_name_is_not_also_its_sibling_of_the_same_name_word() -> None:
    from assistant.drafting.subject import SubjectFinder

    finder = SubjectFinder(load(SELZHEIM))
    assert finder.find("Wie stuft die Verwaltung DokuCheck Wohngeld nach der KI-Verordnung ein?") == ("KI-06",)
    assert finder.find("KI-gestützte Prüfung von Wohngeldanträgen (DokuCheck Wohngeld)") == ("KI-06",)
    assert set(finder.find("Seit wann wird DokuCheck erprobt?")) == {"KI-05", "KI-06"}  # the Betreff decides


def test_a_report_about_a_draft_letter_is_no_draft_itself() -> None:
    from assistant.kb.documents import is_draft

    about = "Stand: 30.10.2026\n\n## 1 Gegenstand\n\nDas System erstellt einen Entwurf für das Nachforderungsschreiben."
    assert not is_draft("Evaluationsbericht Pilot (Zwischenbericht)", {}, about)
    assert is_draft("KI-Strategie 2030", {}, "ENTWURF – Stand 01.09.2026\n\n## 1 Ziele\n\nText.")
    assert is_draft("KI-Strategie 2030 (Entwurf)", {}, "## 1 Ziele")


def test_a_request_to_break_the_answer_down_asks_nothing_of_its_own() -> None:
    from assistant.drafting.classify import Intent, intents

    money = "Welche Haushaltsmittel sind 2027 für KI-Anwendungen veranschlagt? Bitte nach Anwendungen aufschlüsseln."
    assert intents(money) == (Intent.AMOUNT, ())  # not a listing of the inventory
    assert intents("Bitte nach Anwendungen aufschlüsseln.")[0] == Intent.LISTING  # alone, it is the question


def test_an_offer_of_a_known_thing_is_no_unknown_focus(tmp_path: Path) -> None:
    coverage = fake_services(FakeChatModel(), tmp_path).drafter(load(SELZHEIM))._coverage
    assert coverage.unknown_focus("Wie viele wurden geschult, und welche Schulungsangebote gibt es?") == []
    assert coverage.unknown_focus("Gibt es einen Ethikbeirat?") == ["Ethikbeirat"]


def test_a_list_line_with_a_quoted_name_is_quoted_as_what_its_section_records() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.gaps import notes_of as _notes
    from assistant.drafting.wording import is_fragment

    line = "- Aufbaumodul „KI führen“: 64 von 142 Führungskräften geschult."
    assert is_fragment("Aufbaumodul „KI führen“: 64 von 142 Führungskräften geschult.")  # „führen“ is a name
    assert not is_fragment("Das Aufbaumodul „KI führen“ haben 64 von 142 Führungskräften abgeschlossen.")
    chunk = Chunk("b#8", "b#8", "document", "Sachstandsbericht", line, {"section": "7 Schulung"})
    assert _notes(Passage(chunk, 1.0), [line]) == {
        line: "Im „Sachstandsbericht“ ist zu „Schulung“ festgehalten: „Aufbaumodul „KI führen“: 64 von 142 "
        "Führungskräften geschult.“"
    }


def test_a_sentence_that_points_back_does_not_open_a_quoted_paragraph() -> None:
    from assistant.drafting.gaps import leans_back

    assert leans_back("Dies ist der erste Sachstandsbericht nach der neuen Richtlinie.")
    assert leans_back("Für diese Systeme hat die Stadt als Betreiberin folgende Pflichten: …")
    assert leans_back("- Diese Kurzfassung gibt die Bewertung wieder.")
    assert not leans_back("Die Stadt hat als Betreiberin folgende Pflichten.")
    assert not leans_back("Für die Schulungen sind 2027 28.000 Euro veranschlagt.")
