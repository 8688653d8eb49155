"""Heuristics for an inquiry's header data: kind, sender, date, committee."""

from __future__ import annotations

import datetime
import re

from assistant.text import german_date

MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip
_NUMERIC_DATE = r"(\d{1,2})\.(\d{1,2})\.(\d{2,4})"
_WORD_DATE = r"(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})"
DATE = re.compile(rf"{_NUMERIC_DATE}|{_WORD_DATE}", re.IGNORECASE)


def iso_date(match: re.Match[str]) -> str | None:
    """Turn a ``DATE`` match into ``YYYY-MM-DD``."""
    if match.group(1):
        day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    else:
        day, month, year = int(match.group(4)), MONTHS[match.group(5).lower()], int(match.group(6))
    if year < 100:
        year += 2000
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


# A motion: "stellt (zu …) folgenden Antrag", "Der Rat möge beschließen:", "… möge die Bezirksversammlung
# beschließen:", a line that starts with
# "Antrag" ("ANTRAG gemäß § 3 GeschO", "Antrag | öffentlich", "## Antrag zu …"), the form's "**Antrag**".
_MOTION = (
    r"stellt\b[^.]{0,160}?\bfolgenden\s+(?:Dringlichkeits)?antrag|\bm[öo]ge\s+(?:[\wäöüß-]+\s+){0,4}beschlie(?:ß|ss)en|"
    r"\*\*Antrag\*\*|^[#* \t]*(?:Dringlichkeits|Änderungs|Haushalts|Prüf)?antrag\b(?!\s+auf\s+Akteneinsicht)"
)


# A council information system's header field names the paper's kind ("Drucksache-Art: | Antrag",
# "Vorlagenart: Kleine Anfrage"): it decides before any mention in the text (a motion citing an earlier Anfrage).
_KIND_FIELD = re.compile(
    r"^[ \t]*(?:(?:Drucksachen?-?art|Vorlagen?-?art|Dokumentart|Art\s+der\s+(?:Vorlage|Drucksache))[ \t]*:?"
    r"|Art[ \t]*:)[ \t|]*"
    r"(Große\s+Anfrage|Kleine\s+Anfrage|Anfrage|(?:Dringlichkeits|Änderungs|Haushalts|Prüf)?antrag)\b",
    re.MULTILINE | re.IGNORECASE,
)


def kind(text: str) -> str:
    if field := _KIND_FIELD.search(text[:5000]):  # the canonical name, however the field writes it
        named = field.group(1).lower()
        if named.endswith("antrag"):
            return "Antrag"
        return {"große": "Große Anfrage", "kleine": "Kleine Anfrage"}.get(named.split()[0], "Anfrage")
    if re.search(r"Große\s+Anfrage", text):
        return "Große Anfrage"
    if re.search(r"Kleine\s+Anfrage", text):
        return "Kleine Anfrage"
    if re.search(_MOTION, text, re.MULTILINE | re.IGNORECASE):
        return "Antrag"
    if re.search(r"Prüfauftrag", text):
        return "Prüfauftrag"
    if re.search(r"^Anfrage\b|folgende\s+Anfrage|Fragen|fragen wir", text, re.MULTILINE):
        return "Anfrage"
    return "Sonstiges"


_SENDER_PATTERNS = (
    # "Anfrage der SPD-Fraktion …", also as a Markdown heading, without the rule it is made under ("nach § 25 …")
    re.compile(r"^(?:#+\s*)?Anfrage (?:der|des) (.+?)(?:\s+(?:nach|gemäß|gem\.)\s+§.*)?\s*$"),
    re.compile(r"^(?:#+\s*)?([A-ZÄÖÜ][\w/]*-(?:Fraktion|Ratsgruppe)\b.{0,120})$"),
    re.compile(r"^(Bündnis 90/Die Grünen.*)$"),
    # "**BÜNDNIS 90/DIE GRÜNEN – Fraktion im Amtsausschuss Hesselwiek**", "FDP - Ratsfraktion"
    re.compile(
        r"^[#*\s]*((?:BÜNDNIS 90/DIE GRÜNEN|Bündnis 90/Die Grünen|DIE LINKE|Die Linke|FREIE WÄHLER|Freie Wähler|"
        r"[A-ZÄÖÜ][A-ZÄÖÜa-zäöü]{1,5})\s+[–-]\s+(?:Kreistags|Rats|Stadtrats|Gemeinderats|Bezirks)?[Ff]raktion\b"
        r"[^*]{0,120}?)[*\s]*$"
    ),
    # "Fraktion BÜNDNIS 90/DIE GRÜNEN im Rat der Gemeinde …", "Kreistagsfraktion … Oberwaldau"
    re.compile(r"^(?:#+\s*)?((?:Kreistags|Rats|Stadtrats|Gemeinderats|Bezirks)?[Ff]raktion\s+\S.{0,120})$"),
)


# Who sends it, in a Ratsinformationssystem's fields ("Initiator: Fraktion der CDU | Verfasser: …").
_SENDER_LABEL = r"(?:Initiator(?:in)?|Einreicher(?:in)?|Antragsteller(?:in)?|Fragesteller(?:in)?)"
# A member who asks in person: "der Bezirksverordneten Johanna Wiesehöfer (Fraktion Bündnis 90/Die" / "Grünen)".
_MEMBER = re.compile(
    r"^(?:der|des)\s+((?:Bezirksverordnete|Stadtverordnete|Kreistagsabgeordnete|Abgeordnete|Ratsfrau|Ratsherr|"
    r"Ratsmitglied|Gemeinderätin|Gemeinderat|Stadträtin|Stadtrat|Kreisrätin|Kreisrat)[nsm]?\s+[A-ZÄÖÜ].{2,160})$"
)


# An e-mail's sender: "Von: Torben Asmussen <t.asmussen@…>" – the name without the address.
_MAIL_FROM = re.compile(r"^(?:Von|From)\s*:\s*(?:\"?([^<\"]+?)\"?\s*)?<[^>\s]+@[^>\s]+>\s*$", re.IGNORECASE)


# A faction's line that does not name it: its name stands on the line before.
_UNNAMED_FACTION = re.compile(r"^(?:Kreistags|Rats|Stadtrats|Gemeinderats|Bezirks)?[Ff]raktion\s+(?:im|in der)\s")


# A faction that names itself in the letter's first sentences: "die CSU-Fraktion stellt …", "die SPD-Fraktion im
# Marktgemeinderat Thannried bittet um …", "stellt die Fraktion der Freien Wähler im Marktgemeinderat … folgenden".
_BODY_SENDER = re.compile(
    r"\b[Dd]ie\s+([A-ZÄÖÜ][\w/]*-Fraktion(?:\s+(?:im|in der)\s+[^,.;:]{3,60}?)?)\s+"
    r"(?:stellt|bittet|beantragt|richtet)\b"
    r"|\b(?:stellt|beantragt|bittet)\s+die\s+(Fraktion\s+(?:der|des)\s+[^,.;:]{3,90}?)\s+(?:nach|gemäß|zur|um|folgenden?)\b"
)
BODY_LINES = 40


def sender(lines: list[str]) -> str | None:
    if labelled := _after_label(lines, _SENDER_LABEL):
        return labelled
    for index, line in enumerate(lines):
        if member := _MEMBER.match(line):
            return _completed(member.group(1), lines[index + 1 : index + 3])
        for pattern in _SENDER_PATTERNS:
            match = pattern.match(line)
            if not match:
                continue
            value = match.group(1)
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if following.startswith(("im ", "in der ")):
                value = f"{value} {following}"
            before = lines[index - 1] if index else ""
            if _UNNAMED_FACTION.match(value) and before and len(before) <= 60 and not re.search(r"\d|:", before):
                value = f"{before} – {value}"  # "Freie Wähler Aschtal" / "Fraktion im Gemeinderat der Gemeinde …"
            return value.strip()
    if signed := _signed_as_sender(lines):
        return signed
    if said := _BODY_SENDER.search(" ".join(lines[:BODY_LINES])):  # "die CSU-Fraktion stellt … folgenden Antrag"
        return re.sub(r"\s+", " ", said.group(1) or said.group(2)).strip()
    # an e-mail's sender only where the text names no faction or member (a forwarding office is not the sender)
    if mail := next((m for line in lines[:HEAD_TITLE] if (m := _MAIL_FROM.match(line)) and m.group(1)), None):
        return mail.group(1).strip()
    return None


def _signed_as_sender(lines: list[str]) -> str | None:
    """The names under an "Absender" line, with their party: "FDP-Fraktion (A. Hartmann, E. Ilsemann)"."""
    for index, line in enumerate(lines):
        if line.startswith("Absender") and index + 1 < len(lines):
            names = next((x for x in lines[index + 1 :] if x), "")
            party = re.search(r"\b(FDP|SPD|CDU|CSU|AfD|Grüne|Linke|BSW)\b", names)
            people = [p.strip() for p in names.split(",") if p.strip() and p.strip() != (party and party.group(1))]
            if party:
                return f"{party.group(1)}-Fraktion ({', '.join(people)})"
            return names or None
    return None


def _after_label(lines: list[str], label: str) -> str | None:
    """The value of ``Label: value`` on one line (up to the next cell of a table row: "Datum: 19.11.2026 |
    Aktenzeichen:"), or of a ``Label`` line followed by the value; a value with a quote or bracket still
    open goes on in the next line ("Betreff: … („FallResümee" / "Jugend“)")."""
    for index, line in enumerate(lines):
        m = re.match(rf"^{label}\s*:\s*(.+)$", line, re.IGNORECASE)
        if m:
            return _completed(m.group(1).split(" | ", 1)[0].strip(), lines[index + 1 : index + 3])
        if re.fullmatch(rf"(?:#+\s*)?{label}\s*:?", line, re.IGNORECASE):  # "## Betreff" of a Markdown export
            following = [x for x in lines[index + 1 :] if x][:3]
            return _completed(following[0], following[1:]) if following else None
    return None


# A value cut off where its line ends: "… Anwendungen, Kosten, Regeln und" / "Vorhaben".
_GOES_ON = re.compile(
    r"(?:\s(?:und|oder|sowie|der|die|das|des|dem|den|im|in|zur|zum|für|von|vom|mit|bei|über|auf|an|zu)|[–,-])$"
)


def _open(value: str) -> bool:
    """Whether a value leaves a quote or bracket open, or ends on a word that cannot end it."""
    return (
        value.count("„") > value.count("“")
        or value.count("(") > value.count(")")
        or value.count('"') % 2 == 1
        or bool(_GOES_ON.search(value))
    )


def _completed(value: str, following: list[str]) -> str:
    """``value`` with the lines that complete it (two at most): that close a quote or bracket it leaves open
    ("Betreff: … KI-Protokoll "Mitschrift" / "Gremien" - …"), or go on after a word that cannot end it."""
    for line in following:
        if not line or _FIELD.match(line) or not (_open(value) or _ASIDE_LINE.match(line)):
            break
        value = f"{value} {line}"
    return value


# A value's bracketed aside on a line of its own: "Betreff: KI-gestützte Posteingangsbearbeitung …" / "(„MigraDoc
# Eingang“)" – the name of what it is about
_ASIDE_LINE = re.compile(r"^\s*\([^()]{2,80}\)\s*$")


# A value that is itself a labelled field: "**Antrag**" / "**Initiator:** Fraktion Die Linke" names no title.
_FIELD = re.compile(r"^[A-ZÄÖÜ][\w/-]{2,30}(?:\s[\w/-]+)?\s*:\s")


def _another_field(value: str) -> bool:
    """Whether a label's value is the next field of the head ("Status: öffentlich"), not a title with a colon
    ("Verantwortungsvoller KI-Einsatz: Transparenz, Beschäftigte und Datenschutz stärken")."""
    field = _FIELD.match(value)
    return field is not None and (" " not in field.group(0).strip() or len(value[field.end() :].split()) <= 3)


_WEEKDAY = r"(?:(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag),?\s+)?(?:den\s+)?"


# A Markdown export's front matter: "---" / "antragsteller: …" / "datum: 2026-11-09" / "---".
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEYS = {
    "sender": ("antragsteller", "antragstellerin", "absender", "einreicher", "fragesteller", "initiator", "sender"),
    "date": ("datum", "date"),
    "subject": ("betreff", "subject"),
    "title": ("titel", "title"),  # the export's name for the file ("Anfrage KI … (final)"): a letter's Betreff first
    "committee": ("gremium", "ausschuss", "committee"),
    "kind": ("art", "typ", "drucksachenart", "kind"),
}
MAX_FRONT = 4000  # characters of a front matter block: more is no letter head


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """The fields a leading front matter block gives (sender, date as ISO, subject, committee, kind), and
    the text after it; none and the whole text where it has none."""
    found = _FRONT.match(text[: MAX_FRONT + 8])
    if found is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in found.group(1).splitlines():
        key, colon, value = line.partition(":")
        value = value.strip().strip("\"'").strip()
        field = next((f for f, keys in _FRONT_KEYS.items() if key.strip().lower() in keys), None)
        if colon and value and field:
            fields.setdefault(field, value)
    if "date" in fields:  # "2026-11-09" as it is, "09.11.2026" read, anything else (a 31.02.) dropped
        day = _front_day(fields.pop("date"))
        if day:
            fields["date"] = day
    return fields, text[found.end() :]


def _front_day(value: str) -> str | None:
    german = DATE.fullmatch(value)
    if german:
        return iso_date(german)
    try:
        return datetime.date.fromisoformat(value).isoformat() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return None


def date(lines: list[str]) -> str | None:
    """The inquiry's own date: "Anfrage vom …", a dated place line ("Herne, den 6. Mai 2025"), a line
    that starts with a weekday and a date ("Dienstag, 6. Mai 2025 | Quelle: …"), a "Datum:" field,
    or a line that is a date alone. A date inside a sentence (a session date) is not it."""
    any_date = f"(?:{_NUMERIC_DATE}|{_WORD_DATE})"
    patterns = (
        re.compile(r"Anfrage vom\s+" + _WEEKDAY + any_date, re.IGNORECASE),
        re.compile(r"^vom\s+" + _WEEKDAY + any_date + r"\s*$", re.IGNORECASE),  # below the sender's line
        re.compile(r"^(?:Veröffentlicht|Eingestellt|Eingereicht)\s+am\s+" + any_date, re.IGNORECASE),  # a web page
        re.compile(r"^[A-ZÄÖÜ][\wäöüß .-]+,\s*" + _WEEKDAY + any_date + r"\s*$", re.IGNORECASE),
        re.compile(r"^\s*(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag),?\s+" + any_date
                   + r"\s*(?:$|[|:–—•·])", re.IGNORECASE),
    )  # fmt: skip
    received = _after_label(lines, "(?:Eingang|Eingangsdatum)")  # a council system's "| Eingang | 05.11.2026 |"
    if received and (m := DATE.fullmatch(received.strip())):
        return iso_date(m)
    # the letter's own "Datum: Kastelried, 16.11.2026" before "unsere Anfrage vom 28.10.2025" in its text
    dated = _after_label(lines, "Datum")
    if dated and (m := re.fullmatch(r"(?:[A-ZÄÖÜ][\wäöüß .-]+,\s*)?(?:den\s+)?(" + DATE.pattern + r")", dated.strip())):
        return iso_date(DATE.search(m.group(1)))  # type: ignore[arg-type]
    for line in lines:
        for pattern in patterns:
            m = pattern.search(line)
            if m:
                return iso_date(DATE.search(m.group(0)))  # type: ignore[arg-type]
    labelled = _after_label(lines, "Datum")
    if labelled and (m := DATE.fullmatch(labelled.strip())):
        return iso_date(m)
    # an e-mail's "Gesendet: Donnerstag, 26. November 2026 21:37"
    sent = _after_label(lines, "(?:Gesendet|Sent|Date)")
    if sent and (m := re.match(_WEEKDAY + any_date + r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$", sent.strip(), re.I)):
        return iso_date(DATE.search(m.group(0)))  # type: ignore[arg-type]
    for line in lines:
        m = DATE.fullmatch(line)
        if m:
            return iso_date(m)
    return None


def _unquote(value: str) -> str:
    quoted = re.search(r"[„\"](.+?)[“\"]", value)
    return (quoted.group(1) if quoted else value).strip()


# What follows an "ANTRAG" line that is no title: the session it is for, its legal basis.
_SESSION_NOTE = re.compile(r"^(?:zur|für die|in der|zu der)\s+Sitzung\b|^(?:gemäß|nach|i\.\s?V\.\s?m\.)\s", re.I)


# A mail subject's prefixes: the client's ("AW:", "WG:", "Fwd:") and the kind the title follows ("Anfrage: …").
_REPLY_PREFIX = re.compile(r"^(?:(?:AW|WG|Fwd?|RE|FW|Antw)\s*:\s*)+", re.I)
_KIND_PREFIX = re.compile(r"^(?:(?:Kleine|Große|Schriftliche)\s+)?(?:Anfrage|Antrag)\b[^:]{0,80}:\s+(?=\S)", re.I)


def _in_mail_header(lines: list[str], index: int) -> bool:
    """Whether a line stands in a mail's header block (beside "Von:", "Datum:", "An:" lines)."""
    near = lines[max(0, index - 3) : index] + lines[index + 1 : index + 4]
    return sum(bool(_MAIL_HEADER.match(line)) for line in near) >= 2


def _letter_lines(lines: list[str]) -> list[str]:
    """The lines from the letter's own "Betreff:" on, where a mail's header block has one before it ("Betreff:
    Anfrage der Ortsteilvertretung …" of the mail, "Betreff: Aufzeichnung … (HanseScribe)" of the letter)."""
    found = [i for i, line in enumerate(lines) if re.match(r"^Betreff\s*:", line, re.IGNORECASE)]
    if len(found) >= 2 and _in_mail_header(lines, found[0]) and not _in_mail_header(lines, found[-1]):
        return lines[found[-1] :]
    return lines


def betreff(lines: list[str]) -> str | None:
    """The subject a letter's own "Betreff:" field gives, where it has one."""
    return _labelled_subject(_letter_lines(lines), "Betreff")


def _labelled_subject(lines: list[str], label: str) -> str | None:
    """The subject after a label ("Betreff:", "Subject:"), without a reply's or a kind's prefix; none where the
    value is a session note or the head's next field."""
    value = _after_label(lines, label)
    value = value and _KIND_PREFIX.sub("", _REPLY_PREFIX.sub("", value))
    return _unquote(value) if value and not _SESSION_NOTE.match(value) and not _another_field(value) else None


def subject(lines: list[str]) -> str | None:
    for label in ("Betreff", "Anfrage", "Antrag", "Kleine Anfrage", "Große Anfrage", "Subject"):  # an e-mail's too
        if value := (betreff(lines) if label == "Betreff" else _labelled_subject(lines, label)):
            return value
    for line in lines[:80]:  # "Anfrage gemäß § 19 der Geschäftsordnung: Einsatz algorithmischer Systeme"
        m = re.match(
            r"^(?:#+\s*)?(?:Kleine |Große |Schriftliche )?(?:Anfrage|Antrag)\b[^:]{0,120}:\s+(?!§|Art\.)(\S.{3,200})$",
            line,
        )
        if m:
            return _unquote(m.group(1))
    for index, line in enumerate(lines):
        if re.match(r"^Anfrage (?:der|des) ", line):  # "Anfrage der Fraktion …" / its title
            following = next((x for x in lines[index + 1 :] if x), None)
            # not a line of prose wrapped after "… Laut der Antwort auf die" / "Anfrage der CDU-Fraktion vom …"
            if following is None or not re.search(r"[.!?]\s+\S|,\s", line + " " + following):
                return following
            break
    for index, line in enumerate(lines[:HEAD_TITLE]):  # "Antrag nach § 13 GO StVV" / "Mehr Tempo mit KI – …"
        if _KIND_LINE.match(line.strip()):
            after = [x.strip() for x in lines[index + 1 : index + 4] if x.strip()]
            title = _completed(after[0], after[1:2]) if after else ""  # "… Wersebeck –" / "Bestandsaufnahme 2026"
            if _reads_as_title(title) and not _SESSION_LINE.match(title) and not _FIELD.match(title):
                return _unquote(title)
    first = next((x for x in lines if x), "")
    m = re.match(r"^(.+?)\s+(?:Große|Kleine)?\s*Anfrage vom", first)
    found = m.group(1).strip() if m else (_title_before_salutation(lines) or _title_before_resolution(lines))
    return found or _asked_about(lines)


# "… bittet um schriftliche Beantwortung der folgenden Fragen zur KI-gestützten Bearbeitung des Posteingangs:"
_FRAGEN_ZU = re.compile(r"\bFragen\s+(?:zur|zum|zu)\s+([^.:?!]{5,160}?)\s*:(?:\s|$)")


def _asked_about(lines: list[str]) -> str | None:
    """The subject a letter's sentence before its questions gives ("… der folgenden Fragen zur …:")."""
    found = _FRAGEN_ZU.search(" ".join(line.strip() for line in lines[:HEAD_TITLE] if line.strip()))
    return found.group(1) if found else None


HEAD_TITLE = 80  # the salutation lies within the letter head
# A line that says only what the paper is, with its rule: the title follows it.
# ("Anfrage nach § 11 der Geschäftsordnung der Bürgerschaft (GO-BS)")
_KIND_LINE = re.compile(
    r"^(?:Dringlichkeits|Änderungs|Prüf)?(?:antrag|Antrag|Anfrage|Kleine\s+Anfrage|Große\s+Anfrage)"
    r"(?:\s+(?:nach|gemäß)\s+§\s*[\w .,()-]{1,80})?$"
)
_SALUTATION = re.compile(r"^(?:Sehr geehrte|Liebe |Guten Tag)")
_NO_TITLE = re.compile(
    r"^(?:(?:Kleine |Große )?(?:Anfrage|Antrag)\b.*\b(?:Sitzung|gemäß|§)|Herrn?\b|Frau\b|An (?:den|die|das)\b|"
    r"(?:Ober)?[Bb]ürgermeister|Landr(?:at|ätin)\b|(?:Veröffentlicht|Eingestellt)\s+am\b)|\d{1,2}\.\d{1,2}\.\d{4}\s*$|"
    r"[.,:;]\s*$"
)


# An e-mail's header line, saved with its text: no title ("Content-Type: text/plain; charset=utf-8").
_MAIL_HEADER = re.compile(
    r"^(?:From|To|Cc|Bcc|Date|Subject|Reply-To|Message-ID|MIME-Version|Content-[\w-]+|Von|An|Gesendet|Betreff|Datum)\s*:",
    re.I,
)


def _reads_as_title(line: str) -> bool:
    """Three words or more, at most 200 characters, no address, date, label or e-mail header line."""
    return len(line.split()) >= 3 and not _NO_TITLE.search(line) and not _MAIL_HEADER.match(line) and len(line) <= 200


_SESSION_LINE = re.compile(
    r"^(?:(?:zur\s+|für\s+die\s+)?Sitzung\s+(?:des|der)\b|Beratungsfolge\b|Tagesordnung\b|TOP\b)", re.I
)


def _title_before_salutation(lines: list[str]) -> str | None:
    """A motion's title: the line right before its salutation ("## Gute Arbeit mit KI – …" / "Sehr geehrte
    Frau Bürgermeisterin,"), when it reads as a title – no address, date, label or sentence."""
    for index, line in enumerate(lines[:HEAD_TITLE]):
        if _SALUTATION.match(line):
            filled = [x.strip() for x in lines[:index] if x.strip()]
            while filled and _SESSION_LINE.match(filled[-1]):  # "Sitzung des Kreistags am …", "Beratungsfolge: …"
                filled.pop()
            before = filled[-1] if filled else ""
            wrapped = len(filled) > 1 and filled[-2].endswith(("–", "-", ":"))  # "… Wersebeck –" / "Bestandsaufnahme"
            if (before[:1].islower() or wrapped) and len(filled) > 1 and not _NO_TITLE.search(filled[-2]):
                before = f"{filled[-2]} {before}"  # a title wrapped over two lines: "… Kosten" / "und Regeln"
            title = before.lstrip("#").strip().strip("*").strip()
            if _reads_as_title(title):
                return _unquote(title)
            return None
    return None


RESOLUTION = re.compile(r"möge\s+(?:folgenden?\s+)?(?:Beschluss\s+fassen|beschließen)|^Beschlussvorschlag\b", re.I)
_LABEL_LINE = re.compile(r"^(?:Beschlussvorschlag|Antrag|Begründung|Sachverhalt)\s*:?\s*$|^[\w ./-]{2,40}:\s", re.I)


def _title_before_resolution(lines: list[str]) -> str | None:
    """A motion's title without a salutation: the line that reads as a title just before "Der Kreistag
    möge beschließen:" (or "Beschlussvorschlag"), past labels such as "Federführend: …"."""
    for index, line in enumerate(lines[:HEAD_TITLE]):
        if not RESOLUTION.search(line):
            continue
        for before in [x.strip() for x in reversed(lines[max(index - 6, 0) : index]) if x.strip()]:
            title = before.lstrip("#").strip().strip("*").strip()
            if _LABEL_LINE.search(title):
                continue
            if _reads_as_title(title):
                return title  # a quoted name inside it stays: "… die digitale Kreisauskunft „Kranich“ ausbauen"
            return None
        return None
    return None


def _committee_name(raw: str) -> str:
    name = re.sub(r"^(?:des|der|dem)\s+", "", raw.strip())
    return re.sub(r"(ausschuss)es\b", r"\1", name, flags=re.IGNORECASE)  # genitive: "des Ausschusses"


def committee(text: str) -> str | None:
    date_group = "(" + DATE.pattern + ")"
    patterns = (
        (r"Sitzung (?:des|der) (.{2,120}?)\s+am\s+(?:\w+,\s+)?" + date_group, "Sitzung"),
        (r"(?:Beratungsfolge|Gremium):\s*([^\n,]{2,120}?),?\s+Sitzung\s+am\s+" + date_group, "Sitzung"),
        (r"Gremium:\s*([^\n]{2,120}?)\s+Sitzung:\s*" + date_group, "Sitzung"),
    )
    for pattern, word in patterns:
        m = re.search(pattern, text, re.IGNORECASE)
        if m and (iso := iso_date(DATE.search(m.group(2)))):  # type: ignore[arg-type]
            return f"{_committee_name(m.group(1))}, {word} am {german_date(iso)}"
    m = re.search(r"Beratung:\s*" + _NUMERIC_DATE + r"\s+(.+?)(?:\s+Ö\s+[\d.]+|\s*$)", text, re.MULTILINE)
    if m and (iso := iso_date(DATE.search(m.group(0)))):  # type: ignore[arg-type]
        return f"{m.group(4).strip()}, Beratung am {german_date(iso)}"
    return None


def addressee(lines: list[str]) -> str | None:
    """The first "An den/die ..." line, with the name on the next line when it follows."""
    for index, line in enumerate(lines):
        if re.match(r"^An (?:den|die|das)\b", line):
            if re.fullmatch(r"An (?:den|die|das)", line) and index + 1 < len(lines):  # "An den" / "Oberbürgermeister"
                index += 1
                line = f"{line} {lines[index]}"
            following = lines[index + 1] if index + 1 < len(lines) else ""
            looks_like_name = re.fullmatch(
                r"(?:Herr|Frau|Herrn)?\s*[A-ZÄÖÜ][\w.-]*(?: [A-ZÄÖÜ][\w.-]*){0,3}", following
            )
            if following and not following.startswith("An ") and looks_like_name:
                return f"{line} {following}".replace("An den An den", "An den")
            return line
    return None


# The answer's deadline: a "Frist" field, or an answer asked for by a date ("Ich bitte um schriftliche
# Beantwortung bis zum 15.01.2027"). Not any "bis zum …" – a preamble's pilot that ran "bis zum 31.08.2026",
# a demand's "bis zum 30.06.2027" are no deadline of the reply.
_DEADLINE = re.compile(
    r"(?:\b(?:Beantwortungs|Antwort|Erledigungs)?frist\s*:?\s*(?:bis\s+)?(?:zum\s+|spätestens\s+(?:zum\s+)?)?"
    r"|\b(?:Antwort|Beantwortung|beantworten|Stellungnahme)\b[^.\n]{0,60}?\bbis\s+(?:zum\s+|spätestens\s+(?:zum\s+)?)?)"
    r"(" + DATE.pattern + ")",
    re.IGNORECASE,
)


def deadline(text: str) -> str | None:
    m = _DEADLINE.search(text)
    return iso_date(DATE.search(m.group(1))) if m else None  # type: ignore[arg-type]
