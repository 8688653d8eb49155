"""Set 29's first drafts (grading 51): a guideline that a Neufassung replaces while its own header leaves
``valid_until`` open, a rule cited by its number ("Nr. 7 der KI-Leitlinie vom 12.05.2025") in a report of the
old version's time, a service agreement whose day of effect only its text says, a sub-question that points back
("a) Seit wann gilt sie?"), and a report's list items with a label."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.drafting.citing import Register
from assistant.drafting.gaps import plain
from assistant.drafting.pipeline import _referred_parent
from assistant.drafting.standing import ReplacedRules, standing
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.model import Document, Section
from assistant.kb.replaced import apply
from tests.small_kb import small_kb

HEAD = (
    "id,name,vendor,department,purpose,status,go_live,end_date,users,personal_data,dpia,legal_basis,ai_act_risk,"
    "human_oversight,cost_one_time_eur,cost_annual_eur,budget_line,evaluation,discontinued_reason,source,updated\n"
)
OLD = (
    "---\ntitle: KI-Leitlinie vom 12.05.2025\ntype: guideline\nvalid_from: 2025-06-01\n---\n# KI-Leitlinie\n\n"
    "Nr. 7: Schulung bis 31.12.2026.\n"
)
NEW = (
    "# KI-Leitlinie – Neufassung vom 20.10.2026\n\nDiese Neufassung ersetzt die KI-Leitlinie vom 12.05.2025 mit "
    "Wirkung vom 01.11.2026.\n\n## Nr. 7 Schulung\n\nAlle Beschäftigten absolvieren die Schulung bis zum 30.06.2027.\n"
)
AGREEMENT = (
    "# Dienstvereinbarung über KI-Systeme (DV KI)\n\n## § 1 Geltungsbereich\n\nDie Dienstvereinbarung gilt für alle "
    "Beschäftigten.\n\n## § 9 Inkrafttreten\n\nDie Dienstvereinbarung tritt am 01.05.2026 in Kraft.\n"
)


def _doc(path: str, title: str, text: str, valid_from: date | None = None) -> Document:
    return Document(path, title, "guideline", (Section(1, "", text),), valid_from=valid_from)


def test_a_document_a_later_one_replaces_ends_the_day_before() -> None:
    old = _doc("documents/alt.md", "KI-Leitlinie vom 12.05.2025", "Verfügung vom 12.05.2025.", date(2025, 6, 1))
    new = _doc("documents/neu.docx", "KI-Leitlinie – Neufassung", "Diese Neufassung ersetzt die KI-Leitlinie vom "
               "12.05.2025 mit Wirkung vom 01.11.2026.")  # fmt: skip
    other = _doc("documents/dv.pdf", "Dienstvereinbarung KI", "Sie ersetzt nichts.")
    kept, problems = apply([old, new, other])
    assert kept[0].valid_until == date(2026, 10, 31) and kept[1:] == [new, other]
    assert problems[0].warning and "valid_until: 2026-10-31" in problems[0].message


def test_the_knowledge_base_reads_the_replaced_guideline_as_ended(tmp_path: Path) -> None:
    kb = small_kb(tmp_path, HEAD, documents={"ki-leitlinie-2025.md": OLD, "ki-leitlinie-neu.md": NEW})
    old = next(d for d in kb.documents if d.path.endswith("2025.md"))
    assert old.valid_until == date(2026, 10, 31) and not old.in_force(date(2026, 12, 6))
    rules = ReplacedRules(kb, date(2026, 12, 6))
    assert rules.replaced(
        "Nr. 7 der KI-Leitlinie vom 12.05.2025 verpflichtet alle bis zum 31.12.2026.", date(2026, 2, 1)
    )


def test_a_service_agreement_s_own_sentence_says_since_when_it_applies(tmp_path: Path) -> None:
    kb = small_kb(tmp_path, HEAD, documents={"dv-ki.md": AGREEMENT})
    asked = "Gibt es eine Dienstvereinbarung mit dem Personalrat über den Einsatz von KI?"
    assert standing(asked, kb, Register(), date(2026, 12, 6)) == []  # a yes/no: its metadata only
    since = standing(asked, kb, Register(), date(2026, 12, 6), since=True)
    assert since == ["Die Dienstvereinbarung tritt am 01.05.2026 in Kraft [1]."]


def test_a_short_sub_question_that_points_back_is_read_with_its_parent() -> None:
    inquiry = parse_inquiry(
        "Anfrage\n\n1. Gibt es eine Dienstvereinbarung über KI?\na) Seit wann gilt sie?\nb) Welche Anwendungen "
        "regelt die Dienstvereinbarung im Einzelnen und für welche Beschäftigten?\n",
        "anfrage.txt",
    )
    assert _referred_parent(inquiry.question("1a"), inquiry) == inquiry.question("1")
    assert _referred_parent(inquiry.question("1b"), inquiry) is None  # long, and says what it asks about
    assert _referred_parent(inquiry.question("1"), inquiry) is None


def test_a_list_item_s_label_goes_where_a_whole_sentence_follows_it() -> None:
    item = "• Schulung: Stand 31.10.2026 haben 2.018 von 2.950 Beschäftigten die Schulung abgeschlossen (68,4 %)."
    assert plain(item).startswith("Stand 31.10.2026 haben 2.018")
    figures = "• EmsiBot (Bürgeramt): Januar bis September 2026 94.300 Dialoge, davon 79 % ohne Weiterleitung."
    assert plain(figures).startswith("EmsiBot (Bürgeramt):")  # no sentence without it
