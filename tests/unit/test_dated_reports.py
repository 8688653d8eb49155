"""A report gives the state of things on its day: quoted months later, its sentence says so ("In „Sachstand …“
wurde mit Stand vom 04.03.2026 mitgeteilt: Ein Test ist ab 2027 vorgesehen"), so a plan a later source
overtook is not read as today's; and a part of a multi-part question the question's best passages leave open
is looked for in passages retrieved for that part."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from assistant.drafting.citing import Register
from assistant.drafting.leads import REPORT_AGE, reported
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.testing.fakes import FakeChatModel, copying_responder
from tests.conftest import FIXED_TODAY, ROOT, fake_services

ALSTERHAGEN = ROOT / "eval" / "kbs" / "bezirksamt-alsterhagen"
REPORT = "documents/sachstandsbericht-ki-hdv-2026-03.md"


def _parts(path: str) -> list:  # type: ignore[type-arg]
    return [c for c in chunks(load(ALSTERHAGEN)) if c.source_id.startswith(path)]


def test_a_sentence_of_a_report_months_old_is_led_in_with_the_day_the_report_speaks_from() -> None:
    parts = _parts(REPORT)
    register = Register()
    lead = reported(parts[-1], parts, register, date(2026, 11, 21))
    assert lead.startswith("In der „Mitteilungsvorlage Drs. 22-0614 – Sachstand Künstliche Intelligenz")
    assert lead.endswith("wurde mit Stand vom 04.03.2026 [1] mitgeteilt: ")
    assert "04.03.2026" in register.citations[0].quote  # the day is cited on the line that gives it


def test_a_recent_report_and_a_rule_need_no_such_lead_in() -> None:
    parts = _parts(REPORT)
    assert reported(parts[-1], parts, Register(), date(2026, 3, 3) + REPORT_AGE) == ""
    assert reported(parts[-1], parts, Register(), date(2026, 3, 4) + REPORT_AGE + timedelta(days=1))
    rule = _parts("documents/dienstanweisung-ki-2025.md")
    assert reported(rule[-1], rule, Register(), date(2026, 11, 21)) == ""


def test_a_report_whose_title_gives_its_day_is_led_in_by_its_title_alone() -> None:
    training = _parts("documents/schulungsstand-ki-2026-10.md")
    chunk = training[-1]
    titled = type(chunk)(
        chunk.chunk_id, chunk.source_id, chunk.kind, "Schulungsbericht KI – Stand 30.06.2026", chunk.text
    )
    assert (
        reported(titled, [titled], Register(), date(2026, 11, 21))
        == "Im „Schulungsbericht KI – Stand 30.06.2026“ wurde mitgeteilt: "
    )
    assert reported(titled, [titled], Register(), date(2026, 7, 1)) == ""


def test_a_part_is_looked_for_in_passages_retrieved_for_it_in_its_question_s_frame(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    services.today = FIXED_TODAY
    kb = load(ALSTERHAGEN)
    services.ensure_index(kb)
    drafter = services.drafter(kb)
    text = "Ist das KI-Verzeichnis des Bezirksamts veröffentlicht, und welche Angaben enthält es?"
    inquiry = parse_inquiry(f"Große Anfrage: KI im Bezirksamt\n\n1. {text}\n", "anfrage.txt")
    question = inquiry.questions[0]
    reading = drafter.read(inquiry)[question.id]
    found = drafter._part_evidence(question, reading, "welche Angaben enthält es", [])
    # "… es": the first part names what is asked about, so the register's own provisions are found
    assert any("Verzeichnis" in p.chunk.text for p in found[:2])


def test_a_sentence_pointing_at_its_own_document_names_it() -> None:
    from assistant.drafting.leads import named_document

    title = "Dienstanweisung über den Einsatz Künstlicher Intelligenz im Bezirksamt Alsterhagen (DA KI) – Neufassung"
    said = named_document("Diese Dienstanweisung gilt für alle Beschäftigten.", title)
    assert said == f"Die „{title}“ gilt für alle Beschäftigten."
    assert named_document("Diese Leitlinie tritt am 01.09.2025 in Kraft.", "KI-Leitlinie der Stadt").startswith(
        "Die „KI-Leitlinie der Stadt“ tritt"
    )
    assert named_document("Diese Anwendung läuft seit 2025.", title) == "Diese Anwendung läuft seit 2025."


def test_a_model_s_sentence_from_an_earlier_reply_says_it_was_said_then(tmp_path: Path) -> None:
    from assistant.domain import Passage
    from assistant.drafting.verify import Checked

    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    services.today = FIXED_TODAY
    kb = load(ALSTERHAGEN)
    said_then = "Gesprächsaudio wird nicht gespeichert."
    reply = next(c for c in chunks(kb) if c.kind == "answer" and said_then in c.text)
    checked = Checked(text=said_then, passage=Passage(reply, 1.0), quote=said_then)
    said = services.drafter(kb)._said([checked], Register(), [])
    assert said == [
        "In ihrer Antwort vom 26.09.2025 hat die Verwaltung mitgeteilt: Gesprächsaudio wird nicht gespeichert [1]."
    ]
