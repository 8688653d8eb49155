"""Read an inquiry file into plain text lines.

This stage only turns bytes into text; finding the structure is ``parse``.
The format is taken from the content where it is recognisable (a PDF, a DOCX
archive, an HTML page), else from the file suffix, so standard input and
misnamed files work too. Text is decoded as UTF-8 (with or without BOM),
UTF-16 with BOM, else Windows-1252, the encoding of legacy German office files.
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from assistant.errors import InquiryError, os_reason
from assistant.formats.mail import is_mail
from assistant.formats.pages import unpaged

MAX_BYTES = 20 * 1024 * 1024
MAX_CHARS = 1_000_000  # of text, whatever the format: a council inquiry has a few thousand
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt", ".md")  # KB documents; a department's input
INQUIRY_SUFFIXES = (*DOCUMENT_SUFFIXES, ".eml")  # offered for an inquiry's upload: a mail saved from the client
SUFFIXES = {*INQUIRY_SUFFIXES, ".text", ".markdown", ""}  # read as an inquiry
_HTML = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<div|<p[ >])", re.IGNORECASE)


@dataclass(frozen=True)
class InquiryText:
    name: str
    text: str
    format: str  # "text", "pdf", "docx", "html", "mail"
    encoding: str = "utf-8"


def _undefined_cp1252(text: str) -> bool:
    return any(ch in text for ch in "\x81\x8d\x8f\x90\x9d")


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 without byte-order mark: German text has a zero byte in (almost) every pair, on one side."""
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    high = sample[1::2].count(0)
    low = sample[0::2].count(0)
    if high > pairs * 0.7 and low < pairs * 0.05:
        return "utf-16-le"
    if low > pairs * 0.7 and high < pairs * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, name: str) -> InquiryText:
    """Decode text bytes: UTF-8 (BOM or not), UTF-16 with BOM, then Windows-1252, then Latin-1."""
    if not data.strip():
        raise InquiryError("Die Datei ist leer", path=name, hint="eine Anfrage mit Text wählen")
    sample = data[:4096]
    utf16 = sample.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(sample) is not None
    if not utf16 and (b"\x00" in sample or sum(b < 9 for b in sample) > len(sample) // 100 + 2):
        raise InquiryError(
            "Die Datei ist keine Textdatei (Binärdaten)",
            path=name,
            hint="Anfrage als .txt, .md, .pdf, .docx oder .html speichern",
        )
    bare = _utf16_without_bom(sample)
    candidates = ((bare,) if bare else ("utf-16",)) if utf16 else ("utf-8-sig", "cp1252")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252" and _undefined_cp1252(text):
            continue
        return InquiryText(name, text.replace("\r\n", "\n").replace("\r", "\n"), "text", encoding)
    return InquiryText(name, data.decode("latin-1").replace("\r\n", "\n").replace("\r", "\n"), "text", "latin-1")


def sniff(data: bytes, suffix: str) -> str:
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix in (".html", ".htm") or _HTML.match(data[:512]):
        return "html"
    if suffix in (".pdf", ".docx"):
        return suffix[1:]  # claims to be one but is not: the reader explains
    if suffix == ".eml" or (suffix in (".txt", ".text", "") and is_mail(data)):
        return "mail"
    return "text"


def read_bytes(
    data: bytes, name: str, suffix: str = "", *, markdown_headings: bool = False, notes_apart: bool = True
) -> InquiryText:
    """Turn the bytes of an inquiry in any supported format into text (at most ``MAX_CHARS``); ``notes_apart``:
    a PDF's narrower second column of prose is read as margin notes after the text (an inquiry's "Hinweise"
    beside its questions), not row by row – which is right for a knowledge base's tables."""
    read = _read_bytes(data, name, suffix, markdown_headings, notes_apart)
    read = replace(read, text=typeset(read.text))
    if len(read.text) > MAX_CHARS:
        raise InquiryError(
            f"Der Text ist länger als {MAX_CHARS:_} Zeichen".replace("_", "."),
            path=name,
            hint="nur die Anfrage selbst einlesen, nicht ganze Sitzungsunterlagen",
        )
    return read


# Characters a word processor or a web page sets that no reader sees: soft hyphens ("Kompetenz\u00adzentrum"),
# zero-width spaces and joiners, a byte-order mark inside the text.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Spaces a reader sees as spaces: no-break, narrow no-break, figure and thin spaces ("10.000\u00a0€").
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009"), " ")
# Ligatures ("ﬁ", "ﬂ") and full-width letters and digits ("１２"), as the plain letters they stand for.
_COMPATIBLE = re.compile(r"[\ufb00-\ufb06\uff01-\uff5e]")


def typeset(text: str) -> str:
    """The text as a reader sees it, so that words and figures match the knowledge base's and the parser's:
    without invisible characters, with plain spaces, ligatures and full-width characters spelt out."""
    text = text.translate(_INVISIBLE).translate(_SPACES)
    return _COMPATIBLE.sub(lambda found: unicodedata.normalize("NFKC", found.group(0)), text)


def _read_bytes(data: bytes, name: str, suffix: str, markdown_headings: bool, notes_apart: bool) -> InquiryText:
    if not data.strip():
        raise InquiryError("Die Datei ist leer", path=name, hint="eine Anfrage mit Text wählen")
    kind = sniff(data, suffix)
    if kind == "pdf":
        from assistant.formats.pdf import read_pdf

        return InquiryText(name, read_pdf(data, name, notes_apart=notes_apart), "pdf")
    if kind == "docx":
        from assistant.formats.word import read_docx

        return InquiryText(name, read_docx(data, name, markdown_headings=markdown_headings), "docx")
    if kind == "html":
        from assistant.formats.html import read_html

        return InquiryText(name, read_html(data, name, markdown_headings=markdown_headings), "html")
    if kind == "mail":
        from assistant.formats.mail import read_mail

        return InquiryText(name, read_mail(data, name, _part_text), "mail")
    read = decode(data, name)
    return replace(read, text=unpaged(plain_marks(read.text)))


# HTML character references in a text export ("Bezirkstagspr&auml;sidentin", "&sect;&nbsp;25", "&bdquo;…&ldquo;")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,9}|#\d{2,6}|#x[0-9A-Fa-f]{2,5});")
# A Markdown footnote's marker in the text ("… beantwortet.[^1]", "Zur Dienstanweisung KI:[^3]"), not its note.
_FOOTNOTE_MARK = re.compile(r"\[\^[\w-]{1,20}\](?!:)")


def plain_marks(text: str) -> str:
    """A text file's words as its reader sees them: HTML character references of a pad's or council system's
    export resolved (where it has several: one "&amp;" may be meant), Markdown footnote markers dropped."""
    if len(_ENTITY.findall(text[:20_000])) >= 3:
        text = html.unescape(text)
    return _FOOTNOTE_MARK.sub("", without_comments(text))


def without_comments(text: str) -> str:
    """A Markdown or text export without its HTML comments ("<!-- gestrichen …: 1. Für ProtoKI … -->"), which
    no reader sees; each line of one kept as an empty line. One pass: an unclosed comment runs to the end."""
    parts, at = [], 0
    while (start := text.find("<!--", at)) >= 0:
        end = text.find("-->", start + 4)
        stop = len(text) if end < 0 else end + 3
        parts += [text[at:start], "\n" * text.count("\n", start, stop)]
        at = stop
    return "".join(parts) + text[at:] if parts else text


def _part_text(data: bytes, name: str, suffix: str) -> str:
    """A mail part's text: its bytes read as a file with that suffix (a body's text decoded as a text file)."""
    return decode(data, name).text if suffix == ".txt" else read_bytes(data, name, suffix).text


def read_inquiry(source: str | Path) -> InquiryText:
    """Read a file path, or standard input when ``source`` is ``-`` (at most ``MAX_BYTES`` either way)."""
    if str(source) == "-":
        return read_bytes(_limited(sys.stdin.buffer, "<stdin>"), "<stdin>")
    path = Path(source)
    try:
        return _read_path(path)
    except OSError as exc:  # permission, a name too long for the file system, a vanished file
        hint = "Pfad und Rechte prüfen"
        raise InquiryError(f"Datei kann nicht gelesen werden ({os_reason(exc)})", path=path, hint=hint) from exc


def _read_path(path: Path) -> InquiryText:
    if not path.exists():
        raise InquiryError("Datei nicht gefunden", path=path, hint="Pfad prüfen")
    if path.is_dir():
        raise InquiryError("Das ist ein Verzeichnis, keine Datei", path=path)
    if not path.is_file():
        raise InquiryError("Das ist keine gewöhnliche Datei (Gerät, Pipe)", path=path, hint="eine Datei angeben")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InquiryError(
            f"Das Format '{suffix}' wird nicht gelesen",
            path=path,
            hint="Anfrage als .txt, .md, .pdf, .docx oder .html speichern",
        )
    with path.open("rb") as handle:
        data = _limited(handle, str(path))
    return read_bytes(data, str(path), suffix)


def _limited(handle: BinaryIO, name: str) -> bytes:
    data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InquiryError(
            f"Die Eingabe ist größer als {MAX_BYTES // 1_048_576} MB", path=name, hint="nur die Anfrage selbst einlesen"
        )
    return data
