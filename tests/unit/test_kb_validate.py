"""A deliberately broken knowledge base: every problem with file and line, no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.errors import KnowledgeBaseError
from assistant.kb.load import load, validate
from tests.conftest import DEMO_KB


def test_demo_kb_is_valid() -> None:
    kb, problems = validate(DEMO_KB)
    assert problems == []
    assert kb is not None
    assert len(kb.inventory) >= 12
    assert {r.get("status") for r in kb.inventory} >= {
        "planned",
        "pilot",
        "production",
        "discontinued",
    }
    assert {r.get("year") for r in kb.budget} >= {"2025", "2026", "2027"}
    assert len(kb.documents) >= 6 and kb.answers


@pytest.fixture
def broken_kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(DEMO_KB, root)
    return root


def _problems(root: Path) -> list[str]:
    _, problems = validate(root)
    return [str(p) for p in problems]


def _edit_row(root: Path, row_id: str, old: str, new: str) -> None:
    path = root / "inventory.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = [line.replace(old, new, 1) if line.startswith(row_id + ",") else line for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (",production,", ",live,", "inventory.csv:4:status: unbekannter Wert 'live'"),
        (",2023-11,", ",Nov 2023,", "inventory.csv:4:go_live: ungültiges Datum 'Nov 2023'"),
        (",2023-11,", ",2023-13,", "inventory.csv:4:go_live: ungültiges Datum '2023-13'"),
        (
            ",FB20,",
            ",FB99,",
            "inventory.csv:4:department: Fachbereich 'FB99' ist in municipality.yaml nicht definiert",
        ),
        (",62000,", ",62.000 €,", "inventory.csv:4:cost_one_time_eur: keine Zahl"),
        ("KI-003,", "KI-001,", "inventory.csv:4: doppelte Kennung 'KI-001' (schon in Zeile 2)"),
    ],
)
def test_inventory_errors_name_file_line_and_column(broken_kb: Path, old: str, new: str, expected: str) -> None:
    _edit_row(broken_kb, "KI-003", old, new)
    problems = _problems(broken_kb)
    assert any(p.startswith(expected) for p in problems), problems


def test_semicolon_delimiter_is_explained(broken_kb: Path) -> None:
    path = broken_kb / "budget.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    assert _problems(broken_kb) == [
        "budget.csv:1: Trennzeichen ist Semikolon – Datei mit Komma als Trennzeichen speichern"
    ]


def test_wrong_encoding_names_the_line(broken_kb: Path) -> None:
    path = broken_kb / "inventory.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    problems = _problems(broken_kb)
    assert problems[0].startswith("inventory.csv:2: Datei ist nicht UTF-8-kodiert")


def test_missing_required_column(broken_kb: Path) -> None:
    path = broken_kb / "inventory.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id,name,", "ident,name,", 1), encoding="utf-8")
    assert "inventory.csv:1: Pflichtspalte 'id' fehlt in der Kopfzeile" in _problems(broken_kb)


def test_broken_row_and_malformed_front_matter(broken_kb: Path) -> None:
    with (broken_kb / "inventory.csv").open("a", encoding="utf-8") as handle:
        handle.write('KI-099,"Offenes Anführungszeichen,FB12\n')
    (broken_kb / "documents" / "kaputt.md").write_text(
        "---\ntitle: [unclosed\n---\n# Titel\n\nText.\n", encoding="utf-8"
    )
    problems = _problems(broken_kb)
    assert any(p.startswith("inventory.csv:16:") and "Felder statt 21" in p for p in problems), problems
    assert any(p.startswith("documents/kaputt.md:") and "kein gültiges YAML" in p for p in problems), problems


def test_a_title_with_a_colon_gets_the_fix_named(broken_kb: Path) -> None:
    (broken_kb / "documents" / "vermerk.md").write_text(
        "---\ntitle: Vermerk – KI: Optionen und Empfehlung\ntype: report\n---\n# Vermerk\n\nText.\n", encoding="utf-8"
    )
    (problem,) = [p for p in _problems(broken_kb) if p.startswith("documents/vermerk.md")]
    assert problem.startswith("documents/vermerk.md:2: Front Matter ist kein gültiges YAML")
    assert "Doppelpunkt gehört in Anführungszeichen" in problem


def test_unknown_extra_columns_are_kept(broken_kb: Path) -> None:
    path = broken_kb / "inventory.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines = [lines[0] + ",ansprechperson"] + [line + ",Frau Beispiel" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kb, problems = validate(broken_kb)
    assert problems == [] and kb is not None
    assert kb.inventory[0].get("ansprechperson") == "Frau Beispiel"


def test_load_lists_all_problems_in_one_error(broken_kb: Path) -> None:
    _edit_row(broken_kb, "KI-003", ",production,", ",live,")
    _edit_row(broken_kb, "KI-005", ",FB66,", ",FB77,")
    with pytest.raises(KnowledgeBaseError) as info:
        load(broken_kb)
    assert len(info.value.problems) == 2
    assert "kb validate" in info.value.render()


def test_missing_directory_and_municipality(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="nicht gefunden"):
        validate(tmp_path / "nowhere")
    with pytest.raises(KnowledgeBaseError, match=r"municipality\.yaml fehlt"):
        validate(tmp_path)


def test_missing_inventory_means_no_applications(broken_kb: Path) -> None:
    (broken_kb / "inventory.csv").unlink()
    (broken_kb / "budget.csv").unlink()
    kb, problems = validate(broken_kb)
    assert problems == [] and kb is not None
    assert kb.inventory == () and not kb.has_inventory_file


def test_documents_in_word_html_and_pdf(broken_kb: Path) -> None:
    import io

    import docx
    from fpdf import FPDF

    from assistant.kb.chunk import chunks

    document = docx.Document()
    document.add_heading("Richtlinie Videokonferenzen", level=0)
    document.add_heading("1. Geltungsbereich", level=1)
    document.add_paragraph("Diese Richtlinie gilt für alle Videokonferenzen mit KI-Transkription.")
    document.add_heading("2. Aufzeichnung", level=1)
    document.add_paragraph("Aufzeichnungen werden nach 14 Tagen gelöscht.")
    buffer = io.BytesIO()
    document.save(buffer)
    (broken_kb / "documents" / "videokonferenzen.docx").write_bytes(buffer.getvalue())
    (broken_kb / "documents" / "seite.html").write_text(
        "<html><body><nav>Menü</nav><main><h1>Pressemitteilung</h1><h2>KI im Bürgeramt</h2>"
        "<p>Das Bürgeramt übersetzt Merkblätter maschinell.</p></main></body></html>",
        encoding="utf-8",
    )
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text="Bericht zur Nutzung der Textassistenz im Jahr 2025. Die Nutzung stieg deutlich.")
    (broken_kb / "documents" / "bericht.pdf").write_bytes(bytes(pdf.output()))
    (broken_kb / "documents" / "scan.pdf").write_bytes(b"%PDF-1.4 kaputt")
    kb, problems = validate(broken_kb)
    assert [str(p) for p in problems] == [
        "documents/scan.pdf: Das PDF ist beschädigt oder kein PDF – die Datei erneut exportieren "
        "oder den Text als .txt speichern"
    ]
    assert kb is not None
    by_source = {c.source_id: c for c in chunks(kb)}
    assert by_source["documents/videokonferenzen.docx#2"].text.startswith("2. Aufzeichnung\nAufzeichnungen werden")
    assert (
        next(d for d in kb.documents if d.path == "documents/videokonferenzen.docx").title
        == "Richtlinie Videokonferenzen"
    )
    assert (
        "maschinell" in by_source["documents/seite.html#1"].text
        and "Menü" not in by_source["documents/seite.html#1"].text
    )
    assert "Textassistenz" in by_source["documents/bericht.pdf#1"].text
