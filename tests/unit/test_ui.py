from __future__ import annotations

from pathlib import Path

from assistant.testing.fakes import FakeChatModel, copying_responder
from assistant.ui import build_app, draft_stream
from tests.conftest import DEMO_KB, fake_services
from tests.servers import free_port
from tests.unit.test_pipeline import HERNE_LIKE


def test_draft_stream_shows_progress_then_answers_with_sources(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    steps = list(draft_stream(services, DEMO_KB, HERNE_LIKE, None))
    assert any("⏳ Frage 2 wird bearbeitet" in markdown for markdown, _ in steps)
    assert any("Das Sprachmodell schreibt (noch ungeprüft)" in markdown for markdown, _ in steps)
    final, files = steps[-1]
    assert "Zu Frage 3" in final and "Quellen:" in final and "**Ergebnis:** 3 beantwortet" in final
    assert files is not None and all(Path(f).is_file() for f in files)


def test_draft_stream_reports_errors_in_german(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(), tmp_path)
    ((message, _),) = list(draft_stream(services, DEMO_KB, "", None))
    assert "Bitte den Text einer Anfrage" in message
    ((message, _),) = list(draft_stream(services, DEMO_KB, "Kein Fragezeichen hier.", None))
    assert message.startswith("⚠ **Fehler:**") and "Keine nummerierten Fragen" in message


def test_upload_is_read_like_a_file(tmp_path: Path) -> None:
    upload = tmp_path / "anfrage.txt"
    upload.write_text(HERNE_LIKE, encoding="utf-8")
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    final, _ = list(draft_stream(services, DEMO_KB, "", str(upload)))[-1]
    assert "Zu Frage 1" in final


def test_app_builds(tmp_path: Path) -> None:
    app = build_app(fake_services(FakeChatModel(), tmp_path), DEMO_KB)
    assert app.title == "Antwortassistent"


def test_page_is_served_on_loopback(tmp_path: Path) -> None:
    import httpx

    port = free_port()
    app = build_app(fake_services(FakeChatModel(), tmp_path), DEMO_KB)
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, ssr_mode=False, quiet=True)
    try:
        response = httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
        assert response.status_code == 200
        assert "Antwortassistent" in response.text
    finally:
        app.close()
