"""Importing inquiries from a council information system (OParl 1.1), against the local fixture server."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.errors import InquiryError, UsageError
from assistant.formats.oparl import OParl
from assistant.testing.fakes import FakeChatModel
from assistant.usecases import importing
from tests.conftest import fake_services
from tests.oparl_server import oparl_server


def test_a_paper_is_imported_by_its_url_with_its_main_file(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(), tmp_path)
    with oparl_server() as base:
        imported = importing.from_paper(services, f"{base}/oparl/v1/paper/815")
    assert imported.paper.reference == "2026/0815" and imported.paper.date == "2026-04-13"
    assert [q.text for q in imported.inquiry.answerable()] == [
        "Welche KI-Anwendungen nutzt die Verwaltung derzeit?",
        "Gibt es eine Dienstvereinbarung zum Einsatz generativer KI?",
    ]
    assert imported.inquiry.date == "13.04.2026"  # the file has none: the paper's date


def test_papers_are_found_by_date_and_type_across_pages(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(), tmp_path)
    with oparl_server() as base:
        system, papers = f"{base}/oparl/v1/system", f"{base}/oparl/v1/body/1/papers"
        everything = importing.search(services, None, None, endpoint=system)
        inquiries = importing.search(services, date(2025, 1, 1), None, "anfrage", endpoint=papers)
        recent = importing.search(services, date(2026, 1, 1), date(2026, 12, 31), "Anfrage", endpoint=system)
    assert [p.reference for p in everything] == ["2026/0815", "2026/0790", "2025/0512"]
    assert [p.reference for p in inquiries] == ["2026/0815", "2025/0512"]
    assert [p.reference for p in recent] == ["2026/0815"]
    with pytest.raises(UsageError, match="Kein OParl-Zugang"):
        importing.search(services, None, None)


def test_what_is_not_an_oparl_paper_is_a_clear_error(tmp_path: Path) -> None:
    client = OParl(timeout=5)
    with oparl_server() as base:
        with pytest.raises(InquiryError, match="keine Drucksache"):
            client.paper(f"{base}/oparl/v1/system")
        with pytest.raises(InquiryError, match="Status 404"):
            client.paper(f"{base}/oparl/v1/paper/1")
        with pytest.raises(InquiryError, match="liefert kein JSON"):
            client.paper(f"{base}/files/anfrage-ki.txt")
    with pytest.raises(InquiryError, match="keine http"):
        client.paper("file:///etc/passwd")
    with pytest.raises(InquiryError, match="nicht erreichbar"):
        client.paper(base + "/oparl/v1/paper/815")  # the server is gone


def test_odd_lists_of_a_system_are_skipped_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bodies, pages and links that are not what OParl says (a string, a list) end the search quietly."""
    answers = {
        "http://ris/system": {"type": "https://schema.oparl.org/1.1/System", "body": "http://ris/bodies"},
        "http://ris/bodies": {"data": ["not an object"]},
        "http://ris/papers": {"data": "none", "links": ["next"]},
        "http://ris/other": {"data": [{"type": "Paper", "id": "p", "paperType": "Anfrage"}], "links": {"next": 7}},
    }
    with OParl(timeout=1) as client:
        monkeypatch.setattr(client, "json", lambda url: answers[url])
        assert client.search("http://ris/system", None, None) == []
        assert client.search("http://ris/papers", None, None) == []
        assert [p.url for p in client.search("http://ris/other", None, None)] == ["p"]


def test_the_new_inquiry_form_loads_a_paper_and_searches_the_configured_endpoint(tmp_path: Path) -> None:
    from assistant.web import actions

    with oparl_server() as base:
        services = fake_services(FakeChatModel(), tmp_path, oparl={"endpoint": f"{base}/oparl/v1/system"})
        text, message = actions.oparl_paper(services, f"{base}/oparl/v1/paper/815")
        found, said = actions.oparl_search(services, "2026-01-01", "Anfrage")
        missing, refused = actions.oparl_paper(services, f"{base}/oparl/v1/paper/9")
    assert text is not None and "Dienstvereinbarung" in text
    assert message.startswith("✔ Drucksache 2026/0815 vom 13.04.2026 geladen") and "(2 Fragen)" in message
    assert found == [("13.04.2026 · 2026/0815 · Einsatz von Künstlicher Intelligenz in der Stadtverwaltung",
                      f"{base}/oparl/v1/paper/815")]  # fmt: skip
    assert said.startswith("1 Drucksachen gefunden")
    assert missing is None and refused.startswith("⚠") and "404" in refused
    assert actions.oparl_search(services, "13.04.", "")[1].startswith("⚠ **Datum")


def test_the_command_line_imports_a_paper(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.test_cli import run

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    with oparl_server() as base:
        code, out, _ = run(capsys, "import", "oparl", f"{base}/oparl/v1/paper/815", "--save", str(tmp_path / "a.txt"))
        assert code == 0 and "Drucksache 2026/0815 vom 2026-04-13" in out
        assert "2: Gibt es eine Dienstvereinbarung" in out
        code, out, _ = run(capsys, "import", "search", "--endpoint", f"{base}/oparl/v1/system", "--type", "Anfrage")
        assert code == 0 and "2026/0815" in out and "2025/0512" in out and "2026/0790" not in out
        code, _, err = run(capsys, "import", "search")
        assert code == 2 and "Kein OParl-Zugang" in err
    assert "Welche KI-Anwendungen" in (tmp_path / "a.txt").read_text(encoding="utf-8")
