"""Read an inquiry file into plain text.

This stage only turns bytes into text; finding the structure is ``parse``.
Text and Markdown are read here; the remaining formats (PDF, DOCX, HTML)
are added by the inquiry-understanding work and fail with a clear message
until then.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InquiryError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class InquiryText:
    name: str
    text: str
    encoding: str


def decode(data: bytes, name: str) -> InquiryText:
    """Decode bytes: UTF-8 (with or without BOM) first, then Windows-1252."""
    if not data.strip():
        raise InquiryError("Die Datei ist leer", path=name, hint="eine Anfrage mit Text wählen")
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InquiryError(
            "Die Datei ist keine Textdatei (Binärdaten)",
            path=name,
            hint="Anfrage als .txt, .md, .pdf, .docx oder .html speichern",
        )
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        if encoding == "utf-16" and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return InquiryText(name=name, text=text.replace("\r\n", "\n").replace("\r", "\n"), encoding=encoding)
    text = data.decode("latin-1")
    return InquiryText(name=name, text=text.replace("\r\n", "\n"), encoding="latin-1")


def read_inquiry(source: str | Path) -> InquiryText:
    """Read a file path, or standard input when ``source`` is ``-``."""
    if str(source) == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    path = Path(source)
    if not path.exists():
        raise InquiryError("Datei nicht gefunden", path=path, hint="Pfad prüfen")
    if path.is_dir():
        raise InquiryError("Das ist ein Verzeichnis, keine Datei", path=path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise InquiryError(
            f"Das Format '{suffix}' wird in dieser Version noch nicht gelesen",
            path=path,
            hint="den Text der Anfrage als .txt oder .md speichern",
        )
    if path.stat().st_size > MAX_BYTES:
        raise InquiryError("Die Datei ist größer als 20 MB", path=path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InquiryError(f"Datei kann nicht gelesen werden ({exc.strerror})", path=path) from exc
    return decode(data, str(path))
