"""German text helpers shared by evidence selection, verification and evaluation.

Stems are crude on purpose (the first six letters of a lower-cased content
word): they match inflected and compound forms well enough for support
scores, and they are fast and predictable.
"""

from __future__ import annotations

import re
from itertools import pairwise

NEGATIONS = frozenset(
    {
        "nicht",
        "kein",
        "keine",
        "keinen",
        "keinem",
        "keiner",
        "keines",
        "nein",
        "nie",
        "niemals",
        "untersagt",
        "verboten",
        # a negation in one word: "Eine Verwendung … zum Training ist vertraglich ausgeschlossen" is no
        # support for "Die Daten werden … zum Training verwendet"
        "ausgeschlossen",
        "unzulässig",
        "unterbleibt",
    }
)

STOPWORDS = frozenset(
    [
        "aber",
        "alle",
        "allem",
        "allen",
        "aller",
        "alles",
        "als",
        "also",
        "am",
        "an",
        "auch",
        "auf",
        "aus",
        "bei",
        "beim",
        "bereits",
        "bis",
        "bzw",
        "da",
        "damit",
        "dann",
        "das",
        "dass",
        "dem",
        "den",
        "denen",
        "der",
        "deren",
        "des",
        "dessen",
        "die",
        "dies",
        "diese",
        "diesem",
        "diesen",
        "dieser",
        "dieses",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "es",
        "für",
        "gegen",
        "hat",
        "haben",
        "hier",
        "ihr",
        "ihre",
        "im",
        "in",
        "ist",
        "jede",
        "jedem",
        "jeden",
        "jeder",
        "jedes",
        "kann",
        "keine",
        "können",
        "mit",
        "nach",
        "nicht",
        "noch",
        "nur",
        "oder",
        "ohne",
        "seit",
        "sich",
        "sie",
        "sind",
        "so",
        "soll",
        "sowie",
        "über",
        "um",
        "und",
        "uns",
        "unter",
        "vom",
        "von",
        "vor",
        "war",
        "wird",
        "werden",
        "wie",
        "wir",
        "wurde",
        "wurden",
        "zu",
        "zum",
        "zur",
        "zwischen",
        "derzeit",
        "aktuell",
        "insbesondere",
        "sowohl",
        "welche",
        "welcher",
        "welches",
        "wenn",
        "ob",
        "etwa",
        "rund",
        "mehr",
        "sehr",
    ]
)
_WORD = re.compile(r"[a-zäöüß]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_WORD_VALUES = {
    "zwei": "2", "drei": "3", "vier": "4", "fünf": "5", "sechs": "6", "sieben": "7", "acht": "8", "neun": "9",
    "zehn": "10", "elf": "11", "zwölf": "12", "zwanzig": "20", "dreißig": "30", "hundert": "100",
    "einmal": "1", "zweimal": "2", "dreimal": "3", "viermal": "4", "halbe": "0.5", "halben": "0.5",
    "eineinhalb": "1.5", "anderthalb": "1.5",
}  # fmt: skip
# Number words a sentence may use for a figure ("acht Schulungen", "zweimal jährlich", "vierstündig").
_NUMBER_WORDS = re.compile(r"\b(" + "|".join(_WORD_VALUES) + r")(?=\b|stündig|tägig|wöchig|monatig|jährig|fach)")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MONTH_NAMES = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


def german_date(value: str) -> str:
    """``2024-06`` -> ``Juni 2024``; ``2025-02-15`` -> ``15.02.2025``; ``2024`` stays."""
    parts = value.split("-")
    if len(parts) == 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 3:
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    return value


MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "febr": 2, "märz": 3, "mär": 3, "april": 4,
    "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}  # fmt: skip
# "6. Mai 2025", "6. Sept. 2025", "06. 05. 2025": a date, whichever way it is written.
_WRITTEN_DATE = re.compile(
    r"\b(\d{1,2})\.\s*(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})\b", re.IGNORECASE
)


def written_day(text: str) -> str | None:
    """The first day written out in ``text`` ("Dienstag, 24. November 2026": "24.11.2026"), else None."""
    found = _WRITTEN_DATE.search(text)
    if found is None:
        return None
    day, month, year = found.groups()
    return f"{int(day):02d}.{MONTHS[month.lower()]:02d}.{year}"


# The marks that enclose a quoted wording, and a paragraph's number before it ("(1) …")
QUOTE_MARKS = "\"„“”'"
PARAGRAPH_NUMBER = re.compile(r"^\(\d{1,2}[a-z]?\)\s+")
_SPACED_DATE = re.compile(r"\b(\d{1,2})\.\s+(\d{1,2})\.\s*(\d{4})\b")
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def stems(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in STOPWORDS}


def rewritten(first: str, now: str, kept: float = 0.5) -> bool:
    """Whether ``now`` keeps less than ``kept`` of the content words of ``first`` (a rewrite, not an edit)."""
    before = stems(first)
    return bool(before) and len(before & stems(now)) < kept * len(before)


def numbers(text: str) -> set[str]:
    """Normalised numbers: ``12.500`` -> ``12500``, ``1,5`` -> ``1.5``, dates split into parts too."""
    found: set[str] = set()
    for year, month, day in _ISO_DATE.findall(text):  # "valid_from: 2024-11-01" in a document's front matter
        found |= {f"{year}-{month}-{day}", year}
    text = _ISO_DATE.sub(" ", text)
    for day, month, year in _WRITTEN_DATE.findall(text):
        found |= {f"{year}-{MONTHS[month.lower()]:02d}-{int(day):02d}", year}
    text = _WRITTEN_DATE.sub(" ", text)
    for day, month, year in _SPACED_DATE.findall(text):
        found |= {f"{year}-{int(month):02d}-{int(day):02d}", year}
    text = _SPACED_DATE.sub(" ", text)
    for match in _NUMBER_WORDS.finditer(text.lower()):
        found.add(_WORD_VALUES[match.group(1)])
    for raw in _NUMBER.findall(text):
        raw = raw.rstrip(".,")
        date_match = _DATE.match(raw)
        if date_match:
            day, month, year = (int(g) for g in date_match.groups())
            found |= {f"{year}-{month:02d}-{day:02d}", str(year)}
        elif _THOUSANDS.match(raw):
            found.add(raw.replace(".", ""))
        elif re.fullmatch(r"\d+,\d+", raw):
            found.add(raw.replace(",", "."))
        else:
            found.add(raw)
            parts = re.split(r"[.,]", raw)
            if len(parts) <= 2:  # "1.5" and "1,5"; not the pieces of an id such as "11.12.01.542100"
                found.update(part.lstrip("0") or "0" for part in parts)
    return found


_LABEL = re.compile(r"^(?:Frage|Antwort):\s*")
# also after a bold run-in heading that ends with its dot ("**Adaptive Lichtsignalsteuerung.** Der Rat …")
_BOUNDARY = re.compile(r"[.!?](?:\*\*)?\s+(?=[A-ZÄÖÜ„\"(])")
_ABBREVIATIONS = frozenset(
    [
        "z",
        "b",
        "bzw",
        "nr",
        "abs",
        "art",
        "ca",
        "vgl",
        "d",
        "h",
        "u",
        "a",
        "dr",
        "str",
        "s",
        "ggf",
        "i",
        "v",
        "e",
        "lit",
        "n",  # "§ 7 Abs. 1 n. F." (neue Fassung)
        # titles and ranks before a name: "Ltd. Branddirektor", "Prof. Dr.", "Dipl.-Ing." (its dot before a hyphen)
        "ltd",
        "prof",
        "dipl",
        "ing",  # "Dipl.-Ing."
        "kfm",
        "verw",
        "med",
        "jur",
        "rer",
        "nat",
        "st",
        "hr",
        "fr",
        "gem",
        "inkl",
        "zzgl",
        "evtl",
        "sog",
        "bzgl",
        "tel",
        "mio",  # "5 Mio. Euro"
        "mrd",
        "tsd",
    ]
)


_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _split_line(line: str) -> list[str]:
    parts, start = [], 0
    for match in _BOUNDARY.finditer(line):
        # the word before the dot, also inside brackets and after an abbreviation's own dot: "(z. B.", "z.B."
        # (a date's last part is no abbreviation: "bis zum 31.01.2027. Danach" ends a sentence)
        before = line[start : match.start()].rsplit(" ", 1)[-1].lower().lstrip('(„"[')
        # (a year is no ordinal: "entscheidet der Ausschuss im Frühjahr 2026. Das Baurechtsamt …" is two)
        ordinal = before.isdigit() and not _YEAR.match(before)
        # "Dipl.-Ing.": the part after the abbreviation's own dot and hyphen
        if ordinal or before in _ABBREVIATIONS or before.rsplit(".", 1)[-1].lstrip("-") in _ABBREVIATIONS:
            continue  # "2. Schutz", "z. B. Chatbots", "Art. 6"
        parts.append(line[start : match.start() + 1])
        start = match.end()
    parts.append(line[start:])
    return [p.strip() for p in parts if p.strip()]


def run_in_heading(part: str) -> bool:
    """A bold run-in heading split from its paragraph ("**Modul 3 – „KI führen“ für Führungskräfte.**
    Die …"): a title, not a statement; it is quoted only together with the sentence after it."""
    return part.startswith("**") and part.count("**") % 2 == 1


def sentences_of(text: str) -> list[str]:
    """Sentences (and list lines) of a source text, each verbatim in it; a table row whose last cell holds
    sentences ("Verarbeitung von Sozialdaten | Die … Verarbeitung in der Cloud … wird verworfen.") gives its
    label and those sentences apart."""
    result: list[str] = []
    for line in text.split("\n"):
        line = _LABEL.sub("", line.strip())
        label, bar, last = line.rpartition(" | ")
        if bar and "|" not in label and _SENTENCES_CELL.match(last):
            result.extend([label.strip(), *_split_line(last)])
        else:
            result.extend(_split_line(line))
    return result


# A cell of sentences: capitalised, five words or more, ending with a full stop.
_SENTENCES_CELL = re.compile(r"^[A-ZÄÖÜ„(][^|]*\s\S+\s\S+\s\S+\s[^|]*[.!?]$")


# The administration's own voice ("Nach Angaben der Verwaltung gilt derzeit ...") needs no source.
VOICE = stems(
    "Verwaltung Stadtverwaltung Kreisverwaltung Gemeindeverwaltung Bezirksamt Landratsamt Angaben teilt mitteilen "
    "gilt derzeit aktuell ferner hieß dort"  # "Ferner hieß es dort: …" leads an earlier reply's next sentence
)


def support(sentence: str, quote: str, question: str = "") -> float:
    """Share of the sentence's own content-word stems (not taken from the question or the
    administration's voice) found in the quote."""
    words = stems(sentence) - stems(question) - VOICE
    if not words:
        return 0.0
    return len(words & stems(quote)) / len(words)


def negated(text: str) -> bool:
    return any(word in NEGATIONS for word in _WORD.findall(text.lower()))


def quote_candidates(source: str) -> list[str]:
    """Single sentences and adjacent pairs within a line, each a verbatim slice of ``source``.

    Questions (an earlier reply's "Frage: ...") are never quoted as evidence.
    """
    candidates: list[str] = []
    for line in source.split("\n"):
        if line.startswith("Frage:"):
            continue
        parts = [p for p in sentences_of(line) if not p.endswith("?")]
        candidates.extend(p for p in parts if not run_in_heading(p))
        for first, second in pairwise(parts):
            start = line.find(first)
            end = line.find(second, start + len(first)) + len(second)
            candidates.append(line[start:end])
    return candidates


_TABLE_RULE = re.compile(r"^\s*\|[\s|:-]+\|\s*$")
_EMPTY_CELL = frozenset({"", "-", "–", "—"})


def _cells(line: str) -> list[str] | None:
    """A table row's cells: a Markdown row ("| A | B |"), or a Word or HTML table's row as the reader lays it
    out, cells between " | " ("Arabisch | 96")."""
    stripped = line.strip()
    if len(stripped) >= 2 and stripped.startswith("|") and stripped.endswith("|"):
        return [cell.strip().strip("*_ ") for cell in stripped[1:-1].split("|")]
    if " | " in stripped and not stripped.startswith("|"):
        return [cell.strip().strip("*_ ") for cell in stripped.split(" | ")]
    return None


def table_rows(source: str) -> dict[str, tuple[str, str]]:
    """The body rows of the Markdown tables in ``source``: each verbatim line with its first cell and the
    other cells named by their column heads – the row "| Stromverbrauch | k. A. | rund 4.200 kWh |" under
    "| Kriterium | Variante A | Variante B |" gives ("Stromverbrauch", "Variante A – k. A.; Variante B – rund
    4.200 kWh") (a row alone does not say which column a figure belongs to)."""
    rows: dict[str, tuple[str, str]] = {}
    header: list[str] | None = None
    signed = False  # the table is a signature block
    lines = source.split("\n")
    for at, line in enumerate(lines):
        cells = _cells(line)
        if cells is None:
            # an HTML or Word table as the reader lays it out has a blank line between its rows
            header = header if not line.strip() else None
        elif header is None or (at + 1 < len(lines) and _TABLE_RULE.match(lines[at + 1])):
            header = cells  # a Markdown table's head stands above its rule
            signed = _signatures(header, lines[at - 1] if at else "")
        elif not _TABLE_RULE.match(line) and len(cells) == len(header) and cells[0] not in _EMPTY_CELL and not signed:
            # a numbered row ("| 1 | Öffentliches KI-Verzeichnis | 30.06.2026 |") is named by what it numbers
            skip = 2 if len(cells) > 2 and _NUMBER_HEAD.match(header[0]) and cells[0].rstrip(".").isdigit() else 1
            pairs = [
                f"{h} – {c}" if h and not _PLAIN_HEAD.match(h) else c
                for h, c in zip(header[skip:], cells[skip:], strict=True)
                if c not in _EMPTY_CELL
            ]
            if pairs:
                rows[line.strip()] = (cells[skip - 1], "; ".join(pairs))
    return rows


# A signature block laid out as a table: the signatories' names above their offices ("Dr. Marlene Osterkamp | Frank
# Lohmeyer" over "Regionspräsidentin | Vorsitzender des Personalrats") – no record of anything
_PERSON = re.compile(
    r"^(?:(?:Dr|Prof|Dipl)\.(?:[\w-]*\.)?\s+)*[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
    r"(?:\s+(?:von|van|de|zu)(?:\s+der)?)?(?:\s+[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?){1,2}$"
)


# The place and day a signature block stands under: "Hollerwede, 14.05.2026", "Rodenau, den 22.06.2026"
_PLACE_AND_DAY = re.compile(r"^[A-ZÄÖÜ][\w .-]{1,40},\s*(?:den\s+)?\d{1,2}\.\d{1,2}\.\d{4}$")


def _signatures(header: list[str], before: str) -> bool:
    """Whether a table's head is the names of signatories under a place and day (not a head of capitalised
    words: "Geplante Maßnahme | Verantwortliche Stelle")."""
    return len(header) >= 2 and bool(_PLACE_AND_DAY.match(before.strip())) and all(map(_PERSON.match, header))


_NUMBER_HEAD = re.compile(r"^(?:Nr\.?|#|lfd\.?\s*Nr\.?|Ziffer|Pos\.?)$", re.IGNORECASE)
# A value column's head that names nothing ("| Merkmal | Angabe |"): "Förderung: Förderantrag …", not "Angabe – …"
_PLAIN_HEAD = re.compile(
    r"^(?:Angabe|Angaben|Inhalt|Wert|Werte|Ergebnis|Ergebnisse|Beschreibung|Erläuterung|Details|Text|Eintrag)$",
    re.IGNORECASE,
)


def best_quote(sentence: str, source: str, *, question: str = "", min_chars: int = 0) -> str:
    """The source sentence (or pair of sentences) sharing most content words with ``sentence``."""
    words = stems(sentence) - stems(question)
    candidates = [c for c in quote_candidates(source) if len(c) >= min_chars] or quote_candidates(source)
    return max(candidates, key=lambda c: len(words & stems(c)) / (1 + 0.004 * len(c)), default=source)


BULLET = re.compile(r"^\s*[•▪◦*–-]\s+")  # a list item's mark: "• Kinderschutz und Personalauswahl: Das Jugendamt …"
