"""The command line: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from tests.conftest import DEMO_KB


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main([*args])
        raise SystemExit(0)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_parse_json(capsys: pytest.CaptureFixture[str], shared_inquiries: Path) -> None:
    code, out, _ = run(capsys, "parse", str(shared_inquiries / "herne-fdp-2025-05-06.txt"), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "Anfrage" and len(data["questions"]) == 5


def test_parse_reads_stdin() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "parse", "-"],
        input="1. Gibt es eine KI-Leitlinie?\n2. Seit wann?\n", capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "1: Gibt es eine KI-Leitlinie?" in result.stdout


def test_missing_inquiry_is_one_line_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "parse", str(tmp_path / "fehlt.txt"))
    assert code == 1
    assert err.strip().count("\n") == 0 and "fehlt.txt: Datei nicht gefunden" in err
    assert "Traceback" not in err


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "draft")
    assert code == 2


def test_kb_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "kb", "validate", str(DEMO_KB))
    assert code == 0 and "14 KI-Anwendungen" in out
    (tmp_path / "municipality.yaml").write_text("name: Test\nkind: Stadt\n")
    (tmp_path / "inventory.csv").write_text("id;name\n")
    code, out, _ = run(capsys, "kb", "validate", str(tmp_path))
    assert code == 1
    assert "municipality.yaml: Pflichtangabe 'authority' fehlt" in out
    assert "inventory.csv:1: Trennzeichen ist Semikolon" in out


def test_unknown_config_key_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "x.toml"
    config.write_text("[llm]\nmodel_pth = 'x'\n")
    code, _, err = run(capsys, "--config", str(config), "models", "status")
    assert code == 1 and "unbekannter Schlüssel 'llm.model_pth'" in err


def test_missing_model_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, shared_inquiries: Path
) -> None:
    config = tmp_path / "x.toml"
    config.write_text(f"models_dir = '{tmp_path / 'keine-modelle'}'\n")
    code, _, err = run(
        capsys,
        "--config",
        str(config),
        "draft",
        str(shared_inquiries / "herne-fdp-2025-05-06.txt"),
        "--kb",
        str(DEMO_KB),
    )
    assert code == 1
    assert "Embedding-Modell nicht gefunden" in err and "assistant models install" in err


def test_users_are_managed_on_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import io

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("sys.stdin", io.StringIO("geheim-123\n"))
    code, out, _ = run(capsys, "users", "add", "anna", "--roles", "Sachbearbeitung, freigabe")
    assert code == 0 and "Angelegt: anna (freigabe, sachbearbeitung)" in out
    code, _, err = run(capsys, "users", "add", "bob", "--roles", "chef", "--no-password")
    assert code == 2 and "unbekannte Rolle 'chef'" in err
    code, out, _ = run(capsys, "users", "demo", "--out", str(tmp_path / "zugaenge.txt"))
    assert code == 0 and "freigabe" in (tmp_path / "zugaenge.txt").read_text()
    assert oct((tmp_path / "zugaenge.txt").stat().st_mode & 0o777) == "0o600"
    code, out, _ = run(capsys, "users", "list")
    assert "anna" in out and "kb_redaktion" in out
    code, out, _ = run(capsys, "audit", "export", str(tmp_path / "protokoll.json"))
    assert code == 0 and "users.add" in (tmp_path / "protokoll.json").read_text()
    code, _, err = run(capsys, "audit", "export", str(tmp_path / "protokoll.xlsx"))
    assert code == 2 and "unbekanntes Format" in err


def test_serve_without_any_account_says_how_to_create_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    code, _, err = run(capsys, "serve", "--kb", str(DEMO_KB))
    assert code == 2 and "Es gibt noch kein Benutzerkonto" in err and "assistant users demo" in err


def test_an_empty_or_short_password_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import io

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    code, _, err = run(capsys, "users", "add", "anna", "--roles", "freigabe")
    assert code == 2 and "Das Passwort ist zu kurz (mindestens 8 Zeichen)" in err
    code, out, _ = run(capsys, "users", "list")
    assert "anna" not in out


def test_memory_imports_lists_and_exports_answers_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    code, out, _ = run(capsys, "memory", "import", str(DEMO_KB / "answers"))
    assert code == 0 and "4 frühere Antworten übernommen" in out
    code, out, _ = run(capsys, "memory", "list")
    assert "2025-06-02" in out and "Dürfen Beschäftigte ChatGPT dienstlich nutzen?" in out
    code, out, _ = run(capsys, "memory", "export", str(tmp_path / "answers"))
    assert code == 0 and "1 Dateien geschrieben" in out
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("- nur eine Liste\n", encoding="utf-8")
    code, _, err = run(capsys, "memory", "import", str(broken))
    assert code == 1 and "kaputt.yaml: erwartet 'inquiry', 'released' und eine Liste 'answers'" in err


def test_inputs_lists_what_departments_still_owe(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    code, out, _ = run(capsys, "inputs", "list")
    assert code == 0 and out == ""
    code, out, _ = run(capsys, "inputs", "list", "--csv", str(tmp_path / "zuarbeit.csv"))
    assert code == 0 and "Anfrage,Frage,Fachbereich" in (tmp_path / "zuarbeit.csv").read_text(encoding="utf-8")
