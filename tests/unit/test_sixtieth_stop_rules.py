"""Rules of stop 60, from grading 67 (set 37, tuned), built before set 38 was read: a trial a later table row ends
("Test am 30.09.2027 beendet"), a plan given up that never ran, the register's spread as the latest sources have it,
a trial's costs, a document saying what it is, a signature block, an object pronoun, an amended paragraph's own
number."""

from __future__ import annotations

from datetime import date

from assistant.drafting.amended import Amendments
from assistant.drafting.citing import Register
from assistant.drafting.facts import application_facts, dated_sources
from assistant.drafting.later_status import ended
from assistant.drafting.leads import named_document, named_pronoun
from assistant.drafting.listing import now_states
from assistant.drafting.owned import called_names
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.kb.query import applications
from assistant.text import table_rows
from tests.conftest import ROOT

TODAY = date(2027, 11, 19)


def _kb():  # type: ignore[no-untyped-def]
    return load(ROOT / "eval" / "kbs" / "region-hollerwede")


def test_a_later_table_row_that_ends_the_trial_is_read_before_the_trials_own_word() -> None:
    kb = _kb()
    leitrans = next(r for r in kb.inventory if r.get("id") == "HOL-KI-05")  # "test" in the register
    found = ended(leitrans, called_names(leitrans, kb), dated_sources(kb), TODAY)
    assert found is not None and found[2] == date(2027, 9, 30) and "beendet" in found[1]


def test_a_run_told_in_the_past_ends_it_but_not_one_that_went_on() -> None:
    from assistant.drafting.later_status import _ENDS, _GOES_ON, _rest

    said = "Der Test von LeiTrans lief vom 01.03.2027 bis zum 30.09.2027."
    found = _ENDS.search(said)
    assert found is not None and found.groups() == ("30", "09", "2027")
    went_on = "Der Pilot lief bis zum 30.06.2027 und wurde bis zum 31.12.2027 verlängert."
    found = _ENDS.search(went_on)
    assert found is not None and _GOES_ON.search(_rest(went_on, found.end()))


def test_a_plan_given_up_was_never_in_operation_and_the_spread_is_the_latest_sources() -> None:
    kb = _kb()
    bescheid = next(r for r in kb.inventory if r.get("id") == "HOL-KI-04")  # "planned", given up 19.05.2027
    facts = application_facts([bescheid], ("status",), kb, Register(), TODAY)
    text = " ".join(facts.sentences)
    assert "Die geplante Einführung der Anwendung „MigraDoc Bescheid" in text and "aufgegeben" in text
    assert "Betrieb" not in text
    rows = applications(kb)
    states = now_states(rows, kb, TODAY)
    by_id = {r.get("id"): s for r, s in zip(rows, states, strict=True)}
    assert by_id["HOL-KI-05"] == "discontinued" and by_id["HOL-KI-04"] == "discontinued"
    assert by_id["HOL-KI-01"] == "production"  # HOLLI: in regular operation since 01.09.2027


def test_the_registers_costs_of_a_trial_now_in_regular_operation_are_said_as_the_trials() -> None:
    kb = _kb()
    eingang = next(r for r in kb.inventory if r.get("id") == "HOL-KI-03")
    facts = application_facts([eingang], ("cost",), kb, Register(), TODAY)
    said = facts.sentences[0]
    assert "diese Angaben stammen aus der Zeit der Erprobung (Stand des Verzeichnisses: 20.01.2027)" in said
    assert any("aktuelle Kosten prüfen" in n for n in facts.warnings)


def test_a_document_saying_what_it_is_is_named() -> None:
    title = "Informationsdrucksache 2027/1013 – Sachstandsbericht KI (Stand 31.10.2027)"
    said = named_document("Dies ist der erste halbjährliche Sachstandsbericht nach § 10 Abs. 3.", title)
    assert said == f"„{title}“ ist der erste halbjährliche Sachstandsbericht nach § 10 Abs. 3."
    assert named_document("Dies ist der erste Bericht.", "Vermerk") == "Dies ist der erste Bericht."


def test_a_signature_block_is_no_table_of_records() -> None:
    block = (
        "Hollerwede, 14.05.2026\nDr. Marlene Osterkamp | Frank Lohmeyer\n"
        "Regionspräsidentin | Vorsitzender des Personalrats"
    )
    assert table_rows(block) == {}
    rows = table_rows("Anwendung | Status\nHOLLI | Regelbetrieb")
    assert rows == {"HOLLI | Regelbetrieb": ("HOLLI", "Status – Regelbetrieb")}


def test_an_object_pronoun_is_named_by_its_paragraphs_run_in_heading() -> None:
    source = (
        "3. Ausländerbehörde\nMigraDoc Bescheid. Das Modul sollte Bescheide entwerfen. Die KI-Lenkungsgruppe hat es "
        "am 10.05.2027 als Hochrisiko-KI-System eingestuft."
    )
    quote = "Die KI-Lenkungsgruppe hat es am 10.05.2027 als Hochrisiko-KI-System eingestuft."
    assert named_pronoun(quote, quote, source).startswith("Die KI-Lenkungsgruppe hat es (MigraDoc Bescheid) am")
    plain = "Bisher hat es keine Beschwerden gegeben."
    assert named_pronoun(plain, plain, "HOLLI. " + plain) == plain


def test_a_paragraph_of_new_wording_is_cited_by_its_own_number() -> None:
    kb = _kb()
    amendments = Amendments(kb, TODAY)
    chunk = next(c for c in chunks(kb) if "erste-aenderung" in c.source_id and "halbjährlich" in c.text)
    quote = next(line for line in chunk.text.split("\n") if "halbjährlich" in line)
    assert amendments.lead(chunk, quote).startswith("Nach § 10 Abs. 3 ")
