"""Read an e-mail message (RFC 5322, MIME) into text.

Councillors and Fraktion offices send inquiries by e-mail, and staff save the message from the mail client
as ``.eml``. The body is often quoted-printable or base64 ("Anfrage =C3=BCber"), the header words may be
encoded ("=?utf-8?q?Anfrage_zum_KI-Einsatz?="), and the inquiry itself is often an attachment (a PDF or
Word file) under a short cover text. This reader decodes all of that with the standard library's ``email``
package: the sender, day and subject first (German labels, the day in German form, so the parser finds the
inquiry's date and title as in a letter), then the text body (plain text preferred, else HTML), then the text
of each attachment in a format the assistant reads, under its file name. A forwarded message attached as a
whole is read the same way, at most ``MAX_DEPTH`` deep.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from assistant.errors import InquiryError
from assistant.text import written_day

MAX_DEPTH = 5  # a message forwarded inside a message inside a message …
MAX_PARTS = 50  # attachments read per message; a mail with more is no inquiry
_HEADERS = (("From", "Von"), ("To", "An"), ("Date", "Datum"), ("Subject", "Betreff"))
_FORWARDED = (("From", "Weitergeleitet von"), ("Date", "Weitergeleitet am"))  # who passed the inquiry on, when
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{1,40}:[ \t]")
_MIME = re.compile(rb"^(?:MIME-Version|Content-Type|Content-Transfer-Encoding|Received|Message-ID|Return-Path):", re.I)
ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".eml")
# How the format readers turn bytes into text (``read.read_bytes``, ``read.decode``), passed in by ``read``.
Reader = Callable[[bytes, str, str], str]  # data, name, suffix → text


def is_mail(data: bytes) -> bool:
    """Whether the bytes start with a mail header block that names its MIME structure or its transport
    ("MIME-Version:", "Received:", …) – a text that merely begins with "Von:" or "Betreff:" stays text."""
    head = data[:8192].lstrip(b"\xef\xbb\xbf")
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    mime = False
    for line in lines[:200]:
        if not line.strip():
            return mime
        if line[:1] in (b" ", b"\t"):
            continue  # a folded header line
        if not _HEADER_LINE.match(line):
            return False
        mime = mime or bool(_MIME.match(line))
    return False


def _day(value: str) -> str:
    """A header's day in German form: RFC 5322 ("Tue, 24 Nov 2026 21:47:00 +0100") or as Outlook writes it in a
    quoted message ("Dienstag, 24. November 2026 21:47")."""
    try:
        return parsedate_to_datetime(value).strftime("%d.%m.%Y")
    except (TypeError, ValueError, IndexError):
        pass
    return written_day(value) or value


def _forwards(message: EmailMessage) -> bool:
    return any(part.get_content_type() == "message/rfc822" for part in message.iter_attachments())


def _header_lines(message: EmailMessage, depth: int = 0) -> list[str]:
    """Sender, recipient, day and subject; of a message that forwards another as its attachment only who
    forwarded it when, so the inquiry's own sender, day and title are the first the parser finds."""
    if depth < MAX_DEPTH and _forwards(message):
        return _header_lines_of(message, _FORWARDED)
    return _header_lines_of(message, _HEADERS)


def _header_lines_of(message: EmailMessage, headers: tuple[tuple[str, str], ...]) -> list[str]:
    lines = []
    for header, label in headers:
        try:
            value = str(message.get(header, "") or "")
        except (ValueError, LookupError):  # a malformed encoded word: leave the header out
            continue
        value = " ".join(value.split())
        if value:
            lines.append(f"{label}: {_day(value) if header == 'Date' else value}")
    return lines


def _text(part: MIMEPart, name: str, read: Reader) -> str:
    """A text part's content in its declared charset, else as the text reader decodes bytes."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        return ""
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong charset: guess as for a text file
    return read(payload, name, ".txt")


def _body(message: EmailMessage, name: str, read: Reader) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    if body.get_content_subtype() == "html":
        payload = body.get_payload(decode=True)
        return unsigned(read(payload, name, ".html")) if isinstance(payload, bytes) and payload.strip() else ""
    return unsigned(_text(body, name, read))


_SIGNATURE = re.compile(r"^-- ?$")  # RFC 3676's signature separator ("-- "; "--" once rendered from HTML)
MAX_SIGNATURE = 30  # lines: what follows a separator farther from the end is more than a signature


def unsigned(text: str) -> str:
    """The body without its signature: the lines after the last separator line "-- ", when they are few (a
    sender's name, office, dates of meetings – numbered and asking things, but none of the inquiry's)."""
    lines = text.split("\n")
    marks = [i for i, line in enumerate(lines) if _SIGNATURE.match(line.rstrip("\r"))]
    if not marks or len(lines) - marks[-1] > MAX_SIGNATURE:
        return text
    return "\n".join(lines[: marks[-1]]).rstrip() + "\n"


def _attachments(message: EmailMessage, name: str, depth: int, read: Reader) -> list[str]:
    out: list[str] = []
    for count, part in enumerate(message.iter_attachments()):
        if count >= MAX_PARTS:
            break
        filename = part.get_filename() or ""
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            if depth >= MAX_DEPTH:  # said, not silently dropped: the reviewer opens the mail itself
                out.append(f"(Weitergeleitete Nachricht nicht gelesen: mehr als {MAX_DEPTH} Ebenen)")
            elif isinstance(inner, list) and inner and isinstance(inner[0], EmailMessage):
                out.append(_read(inner[0], f"{name}/{filename or 'Nachricht'}", depth + 1, read))
            continue
        if not filename.lower().endswith(ATTACHMENT_SUFFIXES):
            continue  # an image, a signature, a calendar entry
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and payload.strip():
            suffix = "." + filename.rsplit(".", 1)[-1].lower()
            try:
                out.append(f"Anlage: {filename}\n\n{read(payload, f'{name}/{filename}', suffix)}")
            except InquiryError as exc:  # a broken attachment loses nothing of the mail's own text
                out.append(f"Anlage: {filename} (nicht lesbar: {exc.message})")
    return out


# A message forwarded inline, below the forwarder's note: Gmail's "---------- Forwarded message ---------",
# Thunderbird's "-------- Weitergeleitete Nachricht --------", Apple Mail's "Begin forwarded message:". (A reply's
# "-----Ursprüngliche Nachricht-----" quotes what it answers: its own text is the message.)
_FORWARD_MARK = re.compile(
    r"^[ \t>]*(?:-{2,}\s*(?:Forwarded\s+message|Weitergeleitete\s+Nachricht)\s*-{2,}"
    r"|(?:Begin\s+forwarded\s+message|Anfang\s+der\s+weitergeleiteten\s+Nachricht)\s*:)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_INLINE_HEADER = re.compile(
    r"^[ \t>]*(From|Von|Date|Datum|Gesendet|Sent|Subject|Betreff|To|An|Cc|Kopie):[ \t]*(.*)$", re.I
)
_LABELS = {"from": "Von", "date": "Datum", "sent": "Datum", "gesendet": "Datum", "subject": "Betreff", "to": "An"}
MAX_FORWARD_HEADER = 12  # lines of a forwarded message's header block


# Outlook's mark above the message a reply or a forward quotes: in a forward ("WG: …") it is the inquiry
_ORIGINAL_MARK = re.compile(
    r"^[ \t>]*-{2,}\s*(?:Ursprüngliche\s+Nachricht|Original\s+Message)\s*-{2,}[ \t]*$", re.IGNORECASE | re.MULTILINE
)
_FORWARD_SUBJECT = re.compile(r"^\s*(?:WG|FW|Fwd|Wtr|Weitergeleitet)\s*:", re.IGNORECASE)


def innermost(body: str, forward: bool = False) -> tuple[str, int]:
    """Of a body that forwards a message inline (once or more, each under a note of who passed it on), the
    forwarded message itself – its header lines in German labels, so the parser finds its sender, day and
    title first, its lines quoted with "> " unquoted – and how many notes were left out; else the body and 0.
    The notes ask things of their own ("Können Sie bis zum 13.11. einen Entwurf schicken?") and may number them;
    the inquiry is the innermost. Of a ``forward`` ("WG: …"), Outlook's "-----Ursprüngliche Nachricht-----"
    marks the forwarded message too."""
    marks = list(_FORWARD_MARK.finditer(body))
    if forward:
        marks = sorted([*marks, *_ORIGINAL_MARK.finditer(body)], key=lambda mark: mark.start())
    if not marks:
        return body, 0
    lines = body[marks[-1].end() :].lstrip("\n").split("\n")
    head: list[str] = []
    index = 0
    while index < min(len(lines), MAX_FORWARD_HEADER) and (found := _INLINE_HEADER.match(lines[index])):
        label = _LABELS.get(found.group(1).lower(), found.group(1).capitalize())
        value = found.group(2).strip()
        head.append(f"{label}: {_day(value) if label == 'Datum' else value}")
        index += 1
    rest = unquoted("\n".join(lines[index:])).strip()
    return ("\n".join(head) + "\n\n" + rest if head else rest) + "\n", len(marks)


_QUOTED = re.compile(r"^[ \t]*>[ \t]?")
MIN_QUOTED = 0.6  # share of a message's lines quoted with ">" that makes it a quoted message


def unquoted(text: str) -> str:
    """A message whose lines are mostly quoted ("> 1. Seit wann …", ">    a) Wie viele …"), one level of quote
    marks taken off every line; else as it is. Linear in the text."""
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    if not filled or sum(1 for line in filled if _QUOTED.match(line)) < MIN_QUOTED * len(filled):
        return text
    return "\n".join(_QUOTED.sub("", line, count=1) for line in lines)


def _read(message: EmailMessage, name: str, depth: int, read: Reader) -> str:
    body, notes = innermost(_body(message, name, read), bool(_FORWARD_SUBJECT.match(str(message.get("Subject", "")))))
    head = "\n".join(_header_lines_of(message, _FORWARDED) if notes else _header_lines(message, depth))
    if notes:  # said, not silently dropped: the reviewer finds the notes in the mail itself
        head += f"\n(Vermerke der Weiterleitung ausgelassen: {notes})"
    parts = [head, body, *_attachments(message, name, depth, read)]
    return "\n\n".join(part.strip() for part in parts if part and part.strip()) + "\n"


def read_mail(data: bytes, name: str, read: Reader) -> str:
    """The text of an e-mail message: header lines, body, attachments (see the module's docstring); ``read``
    turns a part's bytes into text by their suffix (the text reader for a body in an unknown charset)."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage):  # pragma: no cover - policy.default always builds one
        raise InquiryError("Die E-Mail kann nicht gelesen werden", path=name)
    text = _read(message, name, 0, read)
    if not text.strip() or text.strip() == "\n".join(_header_lines(message, 0)).strip():
        raise InquiryError(
            "Die E-Mail enthält keinen lesbaren Text und keine lesbare Anlage",
            path=name,
            hint="die Anfrage als Anlage (.pdf, .docx, .txt) oder im Text der E-Mail senden lassen",
        )
    return text
