"""German wording for answers built from data: whole sentences, with number agreement.

Every sentence the assistant writes without the language model comes from
here, so a clerk reads one consistent style: a subject, a finite verb, the
value from the data. Free-text cells (a legal basis, an evaluation result)
are quoted after a colon behind a complete clause ("Als Rechtsgrundlage ist
angegeben: …"), which stays grammatical whatever the cell holds.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.drafting.subject import own_name, short_name
from assistant.text import sentences_of

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip

STATUS_STATE = {
    "production": "im Regelbetrieb",
    "pilot": "im Pilotbetrieb",
    "test": "im Testbetrieb",
    "planned": "in Planung",
    "discontinued": "eingestellt",
}
RISK_CLASS = {
    "minimal": "als KI-System mit minimalem Risiko",
    "limited": "als KI-System mit begrenztem Risiko (Transparenzpflichten)",
    "high": "als Hochrisiko-KI-System",
    "prohibited": "als verbotene Praktik",
}
CATEGORY_PHRASE = {
    "licenses": "Lizenzen",
    "operations": "Betrieb",
    "training": "Schulungen und Fortbildung",
    "hardware": "Hardware",
    "consulting": "Beratung",
    "personnel": "Personal",
    "other": "Sonstiges",
}
KIND_PHRASE = {"investive": "Investitionen", "consumptive": "laufende (konsumtive) Aufwendungen"}
CAMERAL_PART = {"consumptive": "Verwaltungshaushalt", "investive": "Vermögenshaushalt"}  # a cameral budget's parts

NO_FINDINGS = "Hierzu liegen der Verwaltung keine Erkenntnisse vor."
JUDGEMENT = (
    "Die Bewertung dieser Frage bleibt der Verwaltungsleitung vorbehalten; ein Antworttext wird hierfür "
    "nicht automatisch entworfen."
)

# "im zweiten Quartal 2026", "2. Quartal 2026", "im ersten Halbjahr 2026", "zweite Jahreshälfte 2027"
_QUARTER = re.compile(r"\b(?:([1-4])\.|(erste|zweite|dritte|vierte)[nms]?)\s*Quartals?\s+(20\d\d)\b", re.IGNORECASE)
_HALF = re.compile(r"\b(erste|zweite)[nms]?\s+(?:Halbjahr|Jahreshälfte)\s+(20\d\d)\b", re.IGNORECASE)
_ORDINAL = {"erste": 1, "zweite": 2, "dritte": 3, "vierte": 4}


def period_ends(text: str) -> list[date]:
    """The day after each quarter and half-year a text names: a plan for it holds to the period's end."""
    months = [(3 * int(m[1] or _ORDINAL[m[2].lower()]), int(m[3])) for m in _QUARTER.finditer(text)]
    months += [(6 * _ORDINAL[m[1].lower()], int(m[2])) for m in _HALF.finditer(text)]
    return [date(year + month // 12, month % 12 + 1, 1) for month, year in months]


def plural(count: int, one: str, many: str) -> str:
    """``plural(1, "eine Anwendung", "{n} Anwendungen")`` -> "eine Anwendung"."""
    return one if count == 1 else many.format(n=count)


def verb(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def enumerate_de(items: list[str]) -> str:
    """ "A", "A und B", "A, B und C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} und {items[-1]}"


def point_in_time(value: str) -> str:
    """A date cell as German prose after "seit"/"im": ``2024`` -> "2024", ``2024-03`` -> "März 2024",
    ``2024-03-15`` -> "dem 15.03.2024"."""
    parts = value.split("-")
    if len(parts) == 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 3:
        return f"dem {parts[2]}.{parts[1]}.{parts[0]}"
    return value


def for_time(value: str) -> str:
    """ "für den 01.10.2027", "für März 2027", "für 2027" (accusative, not "für dem")."""
    text = point_in_time(value)
    return f"für den {text[4:]}" if text.startswith("dem ") else f"für {text}"


def until(value: str) -> str:
    """ "bis zum 30.06.2026", "bis März 2026", "bis 2026"."""
    text = point_in_time(value)
    return f"bis zum {text[4:]}" if text.startswith("dem ") else f"bis {text}"


def since(value: str) -> str:
    return f"seit {point_in_time(value)}"


def from_(value: str) -> str:
    """ "vom 17.03.2025", "von März 2025", "von 2025" – the start of a period that has an end."""
    text = point_in_time(value)
    return f"vom {text[4:]}" if text.startswith("dem ") else f"von {text}"


def on(value: str) -> str:
    """ "im März 2024", "am 15.03.2024", "2024"."""
    text = point_in_time(value)
    if text.startswith("dem "):
        return f"am {text[4:]}"
    if " " in text:
        return f"im {text}"
    return f"im Jahr {text}"


def passed(value: str, today: date) -> bool:
    """Whether a date cell (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) lies before ``today``'s period."""
    return bool(value) and value < today.isoformat()[: len(value)]


def euro(value: str) -> str:
    """``48000`` -> ``48.000 Euro``; ``1234.5`` -> ``1.234,50 Euro``."""
    amount = float(value)
    if amount.is_integer():
        text = f"{int(amount):,}".replace(",", ".")
    else:
        text = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{text} Euro"


def later_name(name: str) -> str:
    """An application's name for every mention after the first: its short name without a status note
    (``subject.short_name``: "ElterngeldCheck" of "ElterngeldCheck – KI-gestützte …"), when that can stand
    alone; else the full name."""
    full = name.strip()
    head = short_name(own_name(full))
    return head if len(head) >= 3 and head.count("„") == head.count("“") else full


def named(name: str) -> str:
    """An application's name as the subject of a sentence, without the register's note on its status ("KDA-Assist
    – … (Erprobung)"): a status the sentence does not say reads as current, and a later source may have
    overtaken it."""
    return f"Die Anwendung „{own_name(name).strip()}“"


def of_named(name: str) -> str:
    return f"der Anwendung „{own_name(name).strip()}“"


def for_named(name: str) -> str:
    return f"für die Anwendung „{own_name(name).strip()}“"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def cell(text: str) -> str:
    """A free-text cell as the end of a sentence: trimmed, first letter kept, one final full stop."""
    text = " ".join(text.split()).rstrip(" .;,")
    return f"{text}."


def record(text: str) -> str:
    """A free-text cell of several sentences (notes such as "Pflegeaufwand rund 3 Stunden pro Woche.")
    quoted as written, so the letter's own sentence stays whole; one sentence ends the sentence as it is."""
    body = " ".join(text.split()).rstrip(" ;,")
    if len(sentences_of(body)) < 2:
        return cell(body)
    return f"„{body.rstrip('.')}“."


_FINITE = re.compile(
    r"\b(ist|sind|war|waren|wird|werden|wurde|wurden|hat|haben|hatte|hatten|gibt|gab|kann|können|konnte|"
    r"darf|dürfen|soll|sollen|sollte|muss|müssen|liegt|liegen|lag|steht|stehen|gilt|gelten|galt|bestehen|besteht|"
    r"erfolgt|erfolgte|verfügt|nutzt|nutzen|setzt|setzen|sieht|sehen|plant|planen|befindet|befinden|dient|dienen|"
    r"enthält|enthalten|beträgt|betragen|betrug|entfällt|entfallen|bleibt|bleiben|umfasst|umfassen|zählt|gehört|"
    r"arbeitet|arbeiten|bietet|bieten|verarbeitet|verarbeiten|kommt|kommen|läuft|laufen|endet|endete|regelt|"
    r"regeln|bestimmt|legt|prüft|prüfen|trägt|tragen|stellt|stellen|erhält|erhalten|führt|führen|unterstützt|"
    r"unterstützen|ermöglicht|macht|machen|geht|gehen|fand|findet|finden|nahmen|nahm|nehmen|nimmt|"
    # the strong past forms a report uses ("Die Zeit … sank von 9,5 auf 4 Stunden", "trat am … in Kraft"); not
    # "stand" or "bot", which the lower-cased nouns "Stand:" and "Bot" would match
    r"sank|sanken|stieg|stiegen|fiel|fielen|blieb|blieben|lief|liefen|kam|kamen|ging|gingen|"
    r"trat|traten|hielt|hielten|erhielt|erhielten|enthielt|sprach|sprachen|schrieb|wies|wiesen|"
    r"ließ|ließen|entschied|beschloss|verlief|wuchs|sah|sahen|ergab|ergaben|begann|begannen|bezog|verlor)\b"
)
# A past participle with a separable prefix ("abgeschlossen", "eingeführt", "festgelegt") needs an auxiliary.
_PARTICIPLE = re.compile(
    r"(?:ab|an|auf|aus|bei|ein|fest|fort|mit|nach|vor|weg|zu|zurück|um|dar|her|hin|weiter|zusammen|frei|"
    r"bereit|hoch|still|teil)ge[a-zäöüß]{3,}(?:t|en)"
)
_LOWER = re.compile(r"(?<![\wÄÖÜäöüß-])[a-zäöüß][a-zäöüß]+(?:t|en|te|ten|st)\b")
_CLOSED = frozenset(
    re.findall(
        r"\S+",
        "und oder aber mit von vom zum zur bei für als auch nach über unter gegen ohne durch seit bis ab an "
        "auf aus in im den dem des der die das ein eine einen einem einer eines nicht noch nur sowie bzw "
        "etwa rund je pro zwischen jeweils insgesamt bisher derzeit bereits ebenfalls zusätzlich weitere "
        "weiteren weiterer jährlich monatlich einmalige einmaligen laufende laufenden geplanten geplante "
        "ersten zweiten dritten letzten neuen neue digitalen digitale öffentlichen öffentliche internen "
        "interne externen externe zuständigen zuständige ",
    )
)


def has_known_finite_verb(sentence: str) -> bool:
    """Whether a sentence has one of the common finite verbs ("ist", "kann", "prüft", "sank"): surer than
    ``has_finite_verb``'s endings, which a letterhead's "… mit der Poststelle" satisfies."""
    return _FINITE.search(sentence.lower()) is not None


def has_finite_verb(sentence: str) -> bool:
    """Whether a sentence has a finite verb (German nouns are capitalised, so lower-case words are
    verbs, adjectives, adverbs or function words; the endings of finite verbs sort them out)."""
    low = sentence.lower()
    if _FINITE.search(low):
        return True
    rest = re.sub(r"^\W*\w+", "", sentence)
    for match in _LOWER.finditer(rest):
        word = match.group(0)
        if word in _CLOSED or _PARTICIPLE.fullmatch(word):  # "…, abgeschlossen am 22.09.2025": no finite verb
            continue
        attributive = re.match(r"\s+[A-ZÄÖÜ]", rest[match.end() :]) is not None
        if word.endswith(("t", "te", "st")) or not attributive:
            return True
    return False


_LABEL_START = re.compile(r"^[\w„“\"()./ -]{1,80}:\s")


_LAID_OUT = re.compile(r"\S( {2,}|\t)(?=\S)")  # a gap of two spaces or more between cells


def _laid_out(line: str) -> bool:
    """A table's row laid out in columns: two gaps between cells at least, one of them wide (three spaces or a
    tab) – not a sentence with a doubled space."""
    gaps = [found.group(1) for found in _LAID_OUT.finditer(line)]
    return len(gaps) >= 2 and any(len(gap) >= 3 or gap == "\t" for gap in gaps)


def whole_sentence(quote: str) -> bool:
    """Whether a quote is one whole sentence of its own: not a table row, a list's lead, a pair of sentences or a
    label with its value ("Gründe: Die Lizenzkosten …")."""
    return "|" not in quote and quote.endswith(".") and len(sentences_of(quote)) == 1 and not is_fragment(quote)


def is_fragment(sentence: str) -> bool:
    """A label, a heading or a record line rather than a sentence: no finite verb, or "Label: value". A name
    in quotes is a name, not the sentence's verb ("Aufbaumodul „KI führen“: 64 von 142 geschult")."""
    text = re.sub(r"„[^„“]{0,200}“", "Name", re.sub(r"\s*\[\d+\]", "", sentence)).strip()
    if len(text.split()) < 3 or _laid_out(sentence.strip()):
        return True  # … or a table's row laid out in columns ("27.1.01.543140  KI-Einstufungstest   -   14.000")
    segments = text.split(" – ")
    lead = segments[0].split(":", 1)[0] if ":" in segments[0] else ""  # "Zuständig sind …: A – …; B – …"
    if len(segments) >= 4 and sum(has_finite_verb(part) for part in segments) <= 1 and not has_finite_verb(lead):
        return True  # a letterhead: "Landkreis X – Rechtsamt – Grabenow, 18.03.2026 – gilt ab 01.04.2026"
    head = text.split(":", 1)[0] if _LABEL_START.match(text) else ""
    if head and not has_finite_verb(head):
        return True
    return not has_finite_verb(text)
