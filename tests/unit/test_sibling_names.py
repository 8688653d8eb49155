"""An application's short name said in full names it, though each of its words is common in the documents or
shared with a sibling ("Rathaus-KI Posteingang" beside "Rathaus-KI Auskunft", set 28)."""

from __future__ import annotations

from pathlib import Path

from assistant.drafting.subject import SubjectFinder
from tests.small_kb import small_kb

HEAD = (
    "id,name,vendor,department,purpose,status,go_live,end_date,users,personal_data,dpia,legal_basis,ai_act_risk,"
    "human_oversight,cost_one_time_eur,cost_annual_eur,budget_line,evaluation,discontinued_reason,source,updated\n"
)
ROWS = (
    "KI-1,Rathaus-KI Auskunft – KI-Chatbot auf den Internetseiten,Hollerau GmbH,FB1,Auskünfte zu Leistungen,"
    "production,2026-07-01,,,no,done,,limited,Prüfung,0,5400,0200.6361,,,Vermerk,2026-10-01\n"
    "KI-2,Rathaus-KI Posteingang – KI-gestützte Zuordnung des Posteingangs (Erprobung),Hollerau GmbH,FB1,"
    "Zuordnung eingehender Schreiben,pilot,2026-09-01,,4,yes,done,,minimal,Prüfung,0,5400,0200.6361,,,Vermerk,"
    "2026-10-01\n"
)
BUDGET = "year,budget_line,title,category,kind,planned_eur,status,note\n"
# every document speaks of both: their words are common, and so weigh little on their own
DOCUMENTS = {
    f"bericht-{n}.md": f"# Bericht {n}\n\nDie Rathaus-KI Auskunft gibt Auskunft; die Rathaus-KI Posteingang ordnet den "
    f"Posteingang zu. Auskunft und Posteingang werden im Bericht {n} bewertet.\n"
    for n in range(4)
}


def test_a_short_name_said_in_full_names_that_application_only(tmp_path: Path) -> None:
    finder = SubjectFinder(small_kb(tmp_path, HEAD + ROWS, BUDGET, name="Markt Thannried", documents=DOCUMENTS), None)
    assert finder.find("Anfrage zur Rathaus-KI Posteingang") == ("KI-2",)
    assert finder.find("Seit wann beantwortet die Rathaus-KI Auskunft Fragen?") == ("KI-1",)
    assert finder.named_in("Wie viele Schreiben hat die Rathaus-KI Posteingang zugeordnet?") == {"KI-2"}
    assert finder.find("Welche Auskunft gibt die Verwaltung zum Posteingang?") == ()  # its words alone, not its name
    assert finder.find("Wie arbeitet die Rathaus-KI?") == ()  # the shared part names neither
