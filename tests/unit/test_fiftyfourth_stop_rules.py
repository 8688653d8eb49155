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
from assistant.drafting.register_overtaken import moved_start, reclassified
from assistant.formats.read import read_inquiry
from assistant.formats.unwrap import run_on_lists, unwrap
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.documents import read_document
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase, Record
from assistant.kb.query import applications
from tests.conftest import ROOT

TODAY = date(2026, 12, 7)
AHRENBRUCH = ROOT / "eval" / "kbs" / "staedteregion-ahrenbruch"


def test_a_pdf_line_ending_on_an_ordinal_goes_on_with_the_next() -> None:
    wrapped = "es gelten die Anforderungen der Nr. 8a der KI-Richtlinie in der Fassung des 1.\nNachtrags. Die GFA ist"
    assert "Fassung des 1. Nachtrags." in unwrap(wrapped)
    ended = "Die Zahl der Konten stieg bis Ende September auf insgesamt 1.140 im Jahr 2026.\nDie Schulungen laufen."
    assert unwrap(ended) == ended  # a year is no ordinal; a sentence ends there
    cited = "Personenbezogene Daten dürfen nicht eingegeben werden, so gilt es nach § 5 Abs. 2.\nDie Verwaltung prüft."
    assert unwrap(cited) == cited  # a reference's number ends its sentence as often as not


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
    assert moved_start(regio, called_names(regio, kb), facts.dated_sources(kb), TODAY) is None


def test_a_register_risk_class_overtaken_by_a_high_risk_treatment_is_not_said() -> None:
    kb, befund = _row(AHRENBRUCH, "SRA-KI-02")  # "limited"; report: "wie ein Hochrisiko-KI-System … behandelt"
    found = facts.application_facts([befund], ("ai_act_risk",), kb, Register(), TODAY)
    assert not any("begrenztem Risiko" in sentence for sentence in found.sentences)
    assert any("Einstufung nach der KI-Verordnung ist überholt" in n for n in found.warnings)
    oberwaldau = ROOT / "eval" / "kbs" / "landkreis-oberwaldau"
    kb, deepl = _row(oberwaldau, "AI-2025-04")  # a DSFA's "kein voraussichtlich hohes Risiko" is no AI Act class
    assert reclassified(deepl, called_names(deepl, kb), facts.dated_sources(kb), TODAY) is None


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
    from assistant.drafting.budget_answer import _year_sentence

    class _Draft:
        source_id = "budget:1"

        def get(self, column: str) -> str:
            return {"status": "draft", "planned_eur": "450000", "kind": "consumptive", "actual_eur": ""}.get(column, "")

    said = _year_sentence("2027", [_Draft()], "Für den Einsatz von KI", "[1]", TODAY)  # type: ignore[list-item]
    assert "450.000 Euro im Haushaltsentwurf vorgesehen; der Haushalt 2027 ist noch nicht beschlossen" in said


# --- set 32's first run (Bezirk Ilmgau): reading ---------------------------------------------------------------

ILMGAU = ROOT / "eval" / "kbs" / "bezirk-ilmgau"


def test_a_pad_export_s_entities_and_footnote_marks_are_read_as_its_reader_sees_them() -> None:
    from assistant.formats.read import plain_marks

    text = "Bezirkstagspr&auml;sidentin nach &sect;&nbsp;25: &bdquo;rund 150&ldquo;.[^1]\n[^1]: Antwort vom 02.12.2025."
    assert plain_marks(text) == "Bezirkstagspräsidentin nach §\xa025: „rund 150“.\n[^1]: Antwort vom 02.12.2025."
    assert plain_marks("Forschung & Entwicklung &amp; mehr") == "Forschung & Entwicklung &amp; mehr"  # one is no export


def test_inline_question_labels_and_inline_parts_are_read_apart() -> None:
    from assistant.inquiry.parse import find_questions

    text = (
        "Wir fragen:\n\n**Frage 1:** Zur KI-Textassistenz: a) Wie viele Beschäftigte haben Zugang? b) Welches Modell "
        "wird genutzt? c) Trifft es zu, dass Sozialdaten eingegeben werden dürfen?\n\n**Frage 2:** a) Seit wann gilt "
        "die Dienstvereinbarung? b) Für welche Anwendungen bestehen Anlagen?\n\n**Frage 3:** Welche Anwendungen sind "
        "eingestuft? **Frage 4:** Ist das Verzeichnis öffentlich?\n\n### II. Kosten\n\n**Frage 5:** Was kostet das?\n"
    )
    found = {q.id: q.text for q in find_questions(text)}
    assert list(found) == ["1", "1a", "1b", "1c", "2", "2a", "2b", "3", "4", "5"]
    assert found["1"] == "Zur KI-Textassistenz:" and found["2"] == ""  # a parent without words of its own
    assert found["4"] == "Ist das Verzeichnis öffentlich?"  # no heading appended


def test_a_letter_s_betreff_and_datum_field_come_before_a_front_matter_title_and_an_earlier_date() -> None:
    read = read_inquiry(ROOT / "eval" / "inquiries" / "holdout-ilmgau-anfrage-spd-ki.md")
    inquiry = parse_inquiry(read.text, read.name)
    assert inquiry.subject == "Künstliche Intelligenz in der Bezirksverwaltung – Bilanz, Regeln, Kosten"
    assert inquiry.date == "2026-11-16"  # "Datum: Kastelried, 16.11.2026", not "unsere Anfrage vom 28.10.2025"
    assert inquiry.sender == "SPD-Fraktion im Bezirkstag Ilmgau"  # "# Anfrage der … nach § 25 GeschO-BT"
    assert len(inquiry.answerable()) == 20


def test_demands_numbered_in_a_definition_list_and_parts_in_particular_are_read() -> None:
    read = read_inquiry(ROOT / "eval" / "inquiries" / "motion-ilmgau-moratorium-ki.html")
    inquiry = parse_inquiry(read.text, read.name)
    ids = [q.id for q in inquiry.questions]
    assert ids[0] == "1" and "1a" not in ids  # "… (Moratorium). Insbesondere a) wird …": parts of demand 1
    assert "a) wird die für den 01.02.2027 geplante Ausweitung" in inquiry.question("1").text
    assert {"2a", "2c", "3b", "4", "5"} <= set(ids)


def test_a_university_s_evaluation_is_money_for_outside_expertise() -> None:
    from assistant.drafting.demands import purposes_of

    assert purposes_of("Unabhängige wissenschaftliche Evaluation der KI-Anwendungen, an eine Hochschule vergeben") == (
        "consulting",
    )


# --- set 32: the register and later sources --------------------------------------------------------------------


def test_a_trial_a_later_source_has_in_regular_operation_is_said_from_that_source() -> None:
    kb, sortiva = _row(ILMGAU, "BIG-KI-02")  # register: pilot until 30.09.2026
    found = facts.application_facts([sortiva], ("status", "go_live"), kb, Register(), TODAY)
    assert not any("im Pilotbetrieb" in sentence for sentence in found.sentences)
    said = [
        sentence for sentence in found.sentences if "seit dem 01.10.2026" in sentence and "im Regelbetrieb" in sentence
    ]
    assert len(said) == 1  # status and go-live asked both: the source's sentence once
    assert any("Status (im Pilotbetrieb) ist überholt" in note for note in found.warnings)


def test_a_not_yet_classified_application_a_later_source_classes_is_said_from_that_source() -> None:
    kb, sortiva = _row(ILMGAU, "BIG-KI-02")  # register: "unknown"
    found = facts.application_facts([sortiva], ("ai_act_risk",), kb, Register(), TODAY)
    assert not any("noch nicht erfolgt" in sentence for sentence in found.sentences)
    assert any("kein Hochrisiko-KI-System" in sentence for sentence in found.sentences)
    kb, check = _row(ILMGAU, "BIG-KI-07")  # "Die Einstufung … steht noch aus": still not classed
    assert reclassified(check, called_names(check, kb), facts.dated_sources(kb), TODAY) is None


def test_a_trial_extended_in_a_section_headed_by_its_name_is_extended() -> None:
    kb, auralis = _row(ILMGAU, "BIG-KI-05")  # "… hat die Erprobung am 28.10.2026 bis zum 31.03.2027 verlängert"
    assert facts.extended_by(auralis, kb, TODAY).startswith("KI-Sachstandsbericht 2026")


def test_when_a_question_asks_and_what_a_paper_covers_are_not_what_the_register_or_a_figure_answers() -> None:
    from assistant.drafting.asked_figures import _asks_more
    from assistant.drafting.structured import _ABOUT_PAPER

    assert _ABOUT_PAPER.search("Für welche Anwendungen bestehen Anlagen zu dieser Dienstvereinbarung?")
    assert _ABOUT_PAPER.search("Ist das KI-Verzeichnis inzwischen öffentlich zugänglich?")
    assert not _ABOUT_PAPER.search("Welche KI-Anwendungen setzt die Verwaltung ein?")
    assert _asks_more("Ist das KI-Verzeichnis öffentlich, wie oft wird es aktualisiert?")


def test_a_listing_s_cells_a_later_source_overtakes_point_to_its_sentence() -> None:
    from assistant.drafting import lexicon as lx
    from assistant.drafting.listing import _later_cell, _overtaken

    assert lx.APPLICATION_PLURAL.search("welche weiteren ki-vorhaben plant die verwaltung")
    assert not lx.APPLICATION_PLURAL.search("wann beginnt das vorhaben")
    kb = load(ILMGAU)
    rows = {r.get("id"): r for r in applications(kb)}
    moved, running = _overtaken(rows["BIG-KI-07"], kb, TODAY)  # "frühestens zum 01.07.2027"
    assert _later_cell(moved) == "frühestens 01.07.2027 (siehe unten)" and not running
    moved, running = _overtaken(rows["BIG-KI-02"], kb, TODAY)  # in regular operation since 01.10.2026
    assert not moved and _later_cell(running).startswith("seit 01.10.2026")
    assert _overtaken(rows["BIG-KI-01"], kb, TODAY) == ("", "")


def test_a_new_version_s_abbreviation_ends_no_sentence() -> None:
    from assistant.text import sentences_of

    text = "Die Frist wurde auf den 31.03.2027 verschoben (§ 7 Abs. 1 n. F.). Das Modul wird angeboten."
    assert sentences_of(text) == [
        "Die Frist wurde auf den 31.03.2027 verschoben (§ 7 Abs. 1 n. F.).",
        "Das Modul wird angeboten.",
    ]
