"""Rules of stop 54, from grading 55 (set 31), built before set 32 was read: a sentence cut where a PDF line ends
on an ordinal or where a list finishes it, a register's go-live and risk class overtaken by later sources, and a
motion's money for a named application in another office, or on top of what is planned ("Mehrkosten")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.drafting import budget_change as bc
from assistant.drafting import facts
from assistant.drafting.citing import Register
from assistant.drafting.finance import named_by_words
from assistant.drafting.owned import called_names, own_rows
from assistant.drafting.register_overtaken import moved_start, treated_high_risk
from assistant.formats.unwrap import run_on_lists, unwrap
from assistant.kb.documents import read_document
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase, Record
from tests.conftest import ROOT

TODAY = date(2026, 12, 7)
AHRENBRUCH = ROOT / "eval" / "kbs" / "staedteregion-ahrenbruch"


def test_a_pdf_line_ending_on_an_ordinal_goes_on_with_the_next() -> None:
    wrapped = "es gelten die Anforderungen der Nr. 8a der KI-Richtlinie in der Fassung des 1.\nNachtrags. Die GFA ist"
    assert "Fassung des 1. Nachtrags." in unwrap(wrapped)
    ended = "Die Zahl der Konten stieg bis Ende September auf insgesamt 1.140 im Jahr 2026.\nDie Schulungen laufen."
    assert unwrap(ended) == ended  # a year is no ordinal; a sentence ends there


def test_a_list_that_finishes_the_sentence_before_it_is_joined_to_it() -> None:
    text = (
        "Beschluss: BefundLotse geht am 01.01.2027 in allen fünf Teams in den Regelbetrieb über, wenn bis dahin\n\n"
        "1. die Grundrechte-Folgenabschätzung vorliegt und\n\n2. die Anlage 3 angepasst ist.\n\nAbstimmung: 13 Ja."
    )
    joined = run_on_lists(text).split("\n")
    assert joined[0].endswith(
        "wenn bis dahin 1. die Grundrechte-Folgenabschätzung vorliegt und 2. die Anlage 3 angepasst ist."
    )
    assert joined[-1] == "Abstimmung: 13 Ja."
    listed = "Die Verwaltung legt folgende Unterlagen vor:\n1. den Bericht,\n2. die Kosten."
    assert run_on_lists(listed) == listed  # a colon announces a list of its own
    unfinished = "Die Verwaltung prüft im kommenden Jahr in allen Ämtern die folgenden Punkte\n- die Kosten\n- die Zeit"
    assert run_on_lists(unfinished) == unfinished  # no item ends the sentence


def test_the_minutes_quote_the_decision_with_its_conditions() -> None:
    rel = "documents/staedteregionsausschuss-2026-10-15-niederschrift-auszug-ki.html"
    document = read_document(AHRENBRUCH, AHRENBRUCH / rel, rel, [])
    assert document is not None
    text = "\n".join(section.text for section in document.sections)
    assert "wenn bis dahin 1. die Grundrechte-Folgenabschätzung" in text


def _row(kb_path: Path, ident: str) -> tuple[KnowledgeBase, Record]:
    kb = load(kb_path)
    return kb, next(r for r in kb.inventory if r.get("id") == ident)


def test_a_register_go_live_that_a_later_source_moves_is_not_said_and_the_reviewer_is_told() -> None:
    kb, voicebot = _row(AHRENBRUCH, "SRA-KI-06")  # registered "2027-01"; minutes: "frühestens zum 01.04.2027"
    found = facts.application_facts([voicebot], ("go_live",), kb, Register(), TODAY)
    assert not any("für Januar 2027 vorgesehen" in sentence for sentence in found.sentences)
    assert any("festgehalten: „Die Inbetriebnahme ist deshalb frühestens zum 01.04.2027" in s for s in found.sentences)
    assert any("erfasste Inbetriebnahme" in note and "Städteregionsausschuss" in note for note in found.warnings)
    kb, regio = _row(AHRENBRUCH, "SRA-KI-01")  # in production: nothing to move
    assert moved_start(regio, called_names(regio, kb), facts._dated(kb), TODAY) is None


def test_a_register_risk_class_overtaken_by_a_high_risk_treatment_is_not_said() -> None:
    kb, befund = _row(AHRENBRUCH, "SRA-KI-02")  # "limited"; report: "wie ein Hochrisiko-KI-System … behandelt"
    found = facts.application_facts([befund], ("ai_act_risk",), kb, Register(), TODAY)
    assert not any("begrenztem Risiko" in sentence for sentence in found.sentences)
    assert any("Einstufung nach der KI-Verordnung ist überholt" in n for n in found.warnings)
    oberwaldau = ROOT / "eval" / "kbs" / "landkreis-oberwaldau"
    kb, deepl = _row(oberwaldau, "AI-2025-04")  # a DSFA's "kein voraussichtlich hohes Risiko" is no AI Act class
    assert treated_high_risk(deepl, called_names(deepl, kb), facts._dated(kb), TODAY) == ""


def test_an_application_named_in_another_office_takes_none_of_that_office_s_lines() -> None:
    kb = load(AHRENBRUCH)
    demand = "ob PostLotse in einer verbesserten Version im Straßenverkehrsamt erneut erprobt werden kann"
    assert [a.get("id") for a in named_by_words(demand, kb)] == ["SRA-KI-03"]  # not Ahri, not the VoiceBot
    postlotse = next(a for a in kb.inventory if a.get("id") == "SRA-KI-03")
    # "LinguaDesk – Verlängerung der Erprobung im Ausländeramt" on PostLotse's old line is not PostLotse's
    assert {r.get("year") for r in own_rows(postlotse, kb)} == {"2025", "2026"}


def test_mehrkosten_are_money_on_top_of_what_is_planned() -> None:
    change = bc.change_in("die Mehrkosten dürfen im Jahr 2027 höchstens 6.000 € betragen")
    assert change == bc.LineChange(bc.Move.RAISE, 6000)


def test_a_draft_year_s_sum_says_the_budget_is_not_adopted() -> None:
    from assistant.drafting.structured import _year_sentence

    class _Draft:
        source_id = "budget:1"

        def get(self, column: str) -> str:
            return {"status": "draft", "planned_eur": "450000", "kind": "consumptive", "actual_eur": ""}.get(column, "")

    said = _year_sentence("2027", [_Draft()], "Für den Einsatz von KI", "[1]", TODAY)  # type: ignore[list-item]
    assert "450.000 Euro im Haushaltsentwurf vorgesehen; der Haushalt 2027 ist noch nicht beschlossen" in said
