"""The title a file declares about itself: an HTML page's ``<title>``, a PDF's and a Word document's
document properties.

A knowledge-base document without front matter is titled by its first heading; a PDF has none, and a
council information system's page often heads its text with a generic "Niederschrift – Auszug" while its
``<title>`` says "Niederschrift über die 19. Sitzung des Stadtrates … am 24.09.2026". What office software
leaves in the properties ("Microsoft Word - vorlage.docx", "Dokument1", "Untitled") is no title.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from xml.etree import ElementTree

from assistant.formats.html import decode_html

MAX_TITLE = 300  # characters; a longer "title" is text that ended up in the property
_HEAD_BYTES = 64 * 1024  # an HTML page's <title> stands in its head
_CORE_BYTES = 256 * 1024  # docProps/core.xml is a few hundred bytes
_HTML_TITLE = re.compile(r"<title\b[^>]{0,200}>([^<]{1,2000})</title>", re.IGNORECASE)
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_NO_TITLE = re.compile(
    r"^(?:microsoft\s+\w+\s*-|untitled|unbenannt|ohne\s+titel|dokument\s*\d*$|document\s*\d*$|vorlage$|titel$|title$)"
    r"|\.(?:docx?|pdf|odt|html?|txt)$",
    re.IGNORECASE,
)


def declared_title(data: bytes, kind: str) -> str:
    """The title the file's own metadata gives (``kind``: "html", "pdf", "docx"), or ""."""
    try:
        found = {"html": _html_title, "pdf": _pdf_title, "docx": _docx_title}.get(kind, lambda _: "")(data)
    except Exception:  # a damaged property is no title; the text is read (and its errors reported) elsewhere
        return ""
    title = " ".join(found.split())
    return "" if not title or len(title) > MAX_TITLE or _NO_TITLE.search(title) else title


def _html_title(data: bytes) -> str:
    """The page's ``<title>`` without the site's name beside it ("… So funktioniert er | Stadt Lauterbrück")."""
    found = _HTML_TITLE.search(decode_html(data[:_HEAD_BYTES]))
    return max(html.unescape(found.group(1)).split(" | "), key=len) if found else ""


def _pdf_title(data: bytes) -> str:
    from pypdf import PdfReader

    metadata = PdfReader(io.BytesIO(data)).metadata
    return str(metadata.title or "") if metadata is not None else ""


def _docx_title(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("docProps/core.xml")
        if info.file_size > _CORE_BYTES:
            return ""
        root = ElementTree.fromstring(archive.read(info))
    node = root.find(_DC_TITLE)
    return node.text or "" if node is not None else ""
