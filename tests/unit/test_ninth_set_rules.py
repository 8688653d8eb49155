"""General rules found on the ninth held-out municipality's first run (Stadt Ardeyburg): a shared
application name means the one the demand names more fully, a deadline still to come is "noch nicht
verstrichen" with a note for the reviewer, a finished period reads "vom … bis zum …", and sentences
are split after an abbreviation in brackets or a bold run-in heading as they should be."""

from __future__ import annotations

from datetime import date

from assistant.domain import Answer
from assistant.drafting import finance
from assistant.drafting.demands import Deadline, Demand
from assistant.drafting.statement import _deadline_sentences
from assistant.drafting.wording import from_
from assistant.kb.load import load
from tests.conftest import ROOT

ARDEYBURG = ROOT / "eval" / "kbs" / "stadt-ardeyburg"


def test_of_two_applications_sharing_a_name_the_one_named_more_fully_is_meant() -> None:
    kb = load(ARDEYBURG)
    named = finance.named_by_words("Für TerminLotse und VorCheck in der Ausländerbehörde werden … bereitgestellt", kb)
    names = [r.get("name") for r in named]
    assert any("TerminLotse in der Ausländerbehörde" in n for n in names)
    assert not any("Bürgerämtern" in n for n in names)  # the other TerminLotse
    assert any("VorCheck" in n for n in names)  # named by another word: not dominated
    both = finance.named_by_words("TerminLotse wird weiter betrieben", kb)
    # "TerminLotse" whole is the one called so, not "TerminLotse in der Ausländerbehörde" (as "Kessi" is not
    # "Frag Kessi", set 26; the subject finder reads "KassenAssist" so since the eleventh set)
    assert [r.get("id") for r in both if "TerminLotse" in r.get("name")] == ["ARD-02"]


def _demand(day: date) -> Demand:
    return Demand("1", "… bis zum 31.03.2027 …", (), (Deadline(day, "bis zum 31.03.2027"),), ())


def test_a_deadline_to_come_is_not_yet_passed_and_the_reviewer_asked_whether_it_can_be_kept() -> None:
    today = date(2026, 12, 1)
    plain = Answer("1", "answered", "Sachstand: Die Anwendung ist im Pilotbetrieb [1].", ())
    said, notes = _deadline_sentences(_demand(date(2027, 3, 31)), plain, today)
    assert said == ["Die im Antrag genannte Frist (31.03.2027) ist noch nicht verstrichen."]
    assert notes and "geht aus dem Sachstand nicht hervor" in notes[0]
    later = Answer("1", "answered", "Die Einweisung ist für den 30.06.2027 vorgesehen [2].", ())
    said, notes = _deadline_sentences(_demand(date(2027, 3, 31)), later, today)
    assert said[1] == (
        "Der im Sachstand genannte Zeitplan reicht bis zum 30.06.2027 und damit über diese Frist hinaus [2]; "
        "ohne seine Änderung ist sie nicht einzuhalten."
    )
    assert notes == []
    said, notes = _deadline_sentences(_demand(date(2026, 6, 30)), plain, today)
    assert said == ["Die im Antrag genannte Frist (31.03.2027) ist bereits verstrichen."] and notes == []


def test_a_finished_period_reads_from_until() -> None:
    assert from_("2025-03-17") == "vom 17.03.2025"
    assert from_("2025-03") == "von März 2025"


def test_a_discontinued_application_s_period_is_said_once_with_its_status() -> None:
    from assistant.drafting.citing import Register
    from assistant.drafting.facts import application_facts

    ohmwald = load(ROOT / "eval" / "kbs" / "landkreis-ohmwald")
    tested = [r for r in ohmwald.inventory if "HygieneScan" in r.get("name")]
    said = application_facts(tested, ("status", "go_live"), ohmwald, Register(), date(2026, 12, 1)).sentences
    assert len(said) == 1
    assert "war vom 17.03.2025 bis zum 30.05.2025 im Einsatz und ist inzwischen eingestellt" in said[0]
    alone = application_facts(tested, ("status",), ohmwald, Register(), date(2026, 12, 1)).sentences
    assert alone and "eingestellt" in alone[0]


def test_a_day_from_which_something_is_wanted_is_a_deadline() -> None:
    from assistant.drafting.demands import deadlines

    found = deadlines("Jede Vorlage … wird ab dem 01.04.2027 entsprechend gekennzeichnet.")
    assert [(d.day, d.phrase) for d in found] == [(date(2027, 4, 1), "ab dem 01.04.2027")]
    assert [d.day for d in deadlines("Die Stadt setzt spätestens ab dem 01.10.2027 ein Scan-Fahrzeug ein.")] == [
        date(2027, 10, 1)
    ]
    assert deadlines("Ab 2026 werden jährlich 25.000 € bereitgestellt.") == ()


def test_an_abbreviation_in_brackets_or_without_a_space_ends_no_sentence() -> None:
    from assistant.text import sentences_of

    assert sentences_of("Verstöße (z. B. Falschparken) werden geahndet. Danach mehr.") == [
        "Verstöße (z. B. Falschparken) werden geahndet.",
        "Danach mehr.",
    ]
    glued = "Verstöße (z.B. Falschparken) werden geahndet."
    assert sentences_of(glued) == [glued]


def test_a_bold_run_in_heading_is_no_part_of_the_sentence_after_it() -> None:
    from assistant.text import sentences_of

    assert sentences_of("**Adaptive Lichtsignalsteuerung Südring.** Der Rat hat am 01.10.2026 beschlossen.") == [
        "**Adaptive Lichtsignalsteuerung Südring.",
        "Der Rat hat am 01.10.2026 beschlossen.",
    ]


def test_a_sentence_ending_with_a_date_or_a_budget_line_still_ends() -> None:
    from assistant.text import sentences_of

    assert sentences_of("Die Erprobung läuft bis zum 31.01.2027. Danach wird entschieden.") == [
        "Die Erprobung läuft bis zum 31.01.2027.",
        "Danach wird entschieden.",
    ]
    assert len(sentences_of("Gebucht auf 11.12.01.542100. Die Mittel reichen.")) == 2
