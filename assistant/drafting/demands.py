"""What a motion's demand (Antrag, "Die Verwaltung wird beauftragt, …") names: the thing it wants
done, the euro amounts with the years and purposes they are for, and its deadlines.

Read from the demand's words alone, by rules on German budget language ("100.000 Euro pro Jahr
bis 2029", "einmalig 15.000 €", "ab dem Haushaltsjahr 2026", "bis Ende Mai 2025", "bis zum
dritten Quartal 2026"), never from what the knowledge base says. The Begründung is not read here:
it argues, it does not state what the administration has.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from assistant.drafting.budget_change import LineChange, Move, change_in, level_in, struck_in
from assistant.text import MONTHS


class Per(StrEnum):
    YEAR = "year"  # the amount is demanded for each of its years
    ONCE = "once"


# The budget.csv categories (knowledge-base contract) a demand's words point to.
# Devices by name: hardware, and what an amount is for ("Fahrbahnsensoren": the sensor rows, ``finance``).
# ("alle Beschäftigten mit Bildschirmarbeitsplatz" says who, not a device bought)
DEVICES = (
    r"kamera|sensor|tablet|notebook|laptop|smartphone|mobiltelefon|drucker|scanner|monitor|"
    r"bildschirm(?!arbeitspl)|headset"
)
PURPOSES: tuple[tuple[str, str], ...] = (
    (
        "personnel",
        # staff and its cost, not what is decided about staff ("Personalauswahl", "Personalentscheidungen") nor
        # an office holder who sits somewhere ("der Datenschutzbeauftragten")
        r"\bpersonal(?:kosten|aufwand|aufwendungen|bedarfs?|mitteln?|ausstattung|stellen?|verstärkung|ausgaben|"
        r"kapazität(?:en)?|einsatz(?:es)?|s)?\b|"
        r"\w*stellen?\b(?<!erstellen)(?<!bereitstellen)(?<!darstellen)(?<!feststellen)"
        r"(?<!vorstellen)(?<!einstellen)(?<!sicherstellen)(?<!herstellen)(?<!zustellen)"
        # an office is no post: "in der gemeinsamen Leitstelle", "in allen vier Geschäftsstellen"
        r"(?<!leitstelle)(?<!leitstellen)(?<!geschäftsstelle)(?<!geschäftsstellen)(?<!dienststelle)(?<!dienststellen)"
        r"(?<!haushaltsstelle)(?<!haushaltsstellen)(?<!zulassungsstelle)(?<!poststelle)(?<!scanstelle)"
        # … "die Erziehungsberatungsstelle", "die Anlaufstelle", "die Rechnungsstelle": offices, not posts
        r"(?<!beratungsstelle)(?<!beratungsstellen)(?<!anlaufstelle)(?<!meldestelle)(?<!servicestelle)"
        r"(?<!kontaktstelle)(?<!fachstelle)(?<!rechnungsstelle)(?<!vergabestelle)(?<!bußgeldstelle)|\bvollzeit|\bvzä|"
        r"(?<!datenschutz)(?<!gleichstellungs)beauftragte",
    ),
    # outside expertise bought in: advice, an expert opinion, a university's study ("wissenschaftliche Evaluation")
    (
        "consulting",
        # not a public counselling service ("Erziehungsberatung", "die Schuldnerberatungsstelle"); an audit bought in
        r"(?<!erziehungs)(?<!schuldner)(?<!sucht)(?<!familien)(?<!migrations)(?<!lebens)beratung(?!sstelle)|\bberater|"
        r"gutacht|\baudits?\b|\w+audits?\b|\bextern(?:e[nrsm]?)?\b|einführungskosten|wissenschaftlich\w*\s+"
        r"(?:evaluation|begleitung|untersuchung|studie)",
    ),
    ("training", r"schulung|fortbildung|qualifizierung|weiterbildung|lehrgang|seminar"),
    # devices by name, and compounds of "-technik"/"-rechner" ("Steuerungstechnik", "Verkehrsrechner")
    (
        "hardware",
        r"hardware|\bhard-|infrastruktur|ausstattung|einrichtung\s+(?:eines|einer|des|der|von)\s+[\w-]*(?:labor|raum|räume"
        r"|werkstatt|studio|arbeitsplatz|arbeitsplätze)|\bserver|rechenzentr|endgerät|\bgeräte?\b|"
        + DEVICES
        + r"|\w+rechner\b|\w+technik\b",
    ),
    # a user account of a system is a seat paid for ("ein Nutzerkonto für den KI-Assistenten … bereitzustellen")
    ("licenses", r"software|lizenz|abonnement|\bplattform|nutzerkont|nutzungsentgelt|nutzungsrecht"),
    # "in Betrieb nehmen" is when, not what: only the running of a system, and fees for it, are operations
    (
        "operations",
        r"(?<!\bin\s)(?<!außer\s)\bbetrieb\b(?!\s+(?:zu\s+)?(?:nehmen|genommen|gehen|geht|setzen|gesetzt))|"
        r"\bbetriebs|wartung|hosting|"
        # fees paid to a service provider ("die Entgelte an das ITDZ", "Leistungsentgelt"), not wages
        r"\bentgelte?\s+an\b|leistungsentgelt|dienstleistungsentgelt",
    ),
)
PURPOSE_LABELS = {
    "personnel": "Personal",
    "consulting": "Beratung",
    "training": "Fortbildung",
    "hardware": "Hardware",
    "licenses": "Software und Lizenzen",
    "operations": "Betrieb",
    "other": "Sonstiges",
}

_AMOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?\s*(Mio\.?|Millionen|Tsd\.?|T)?\s*(?:€|Euro\b|EUR\b)",
    re.IGNORECASE,
)
_PER_YEAR = re.compile(
    # "im Jahr" is every year, "im Jahr 2027" that one ("dürfen im Jahr 2027 höchstens 6.000 € betragen")
    r"pro\s+(?:haushalts)?jahr|je\s+(?:haushalts)?jahr|jährlich|jeweils|p\.\s?a\.|im\s+jahr\b(?!\s+20\d\d)|/\s*jahr",
    re.I,
)
_ONCE = re.compile(r"einmalig", re.I)
_YEAR = r"(20\d\d)"
_UNTIL = re.compile(r"\bbis\s+(?:einschließlich\s+|zum\s+(?:haushalts)?jahr\s+|ende\s+)?" + _YEAR + r"\b", re.I)
# "ab 2027", "ab dem Haushaltsjahr 2027", "ab dem 01.07.2027": the first year of a yearly amount
_FROM = re.compile(r"\bab\s+(?:dem\s+)?(?:\d{1,2}\.\s*\d{1,2}\.\s*)?(?:haushalts)?(?:jahr\s+)?" + _YEAR + r"\b", re.I)
_SPAN = re.compile(_YEAR + r"\s*(?:bis|–|-)\s*" + _YEAR + r"\b")
_BUDGET_YEAR = re.compile(
    r"(?:haushalt\w*|wirtschaftsplan|etat)\s+(?:des\s+jahres\s+|für\s+(?:das\s+jahr\s+)?)?" + _YEAR, re.I
)
_LISTED = re.compile(_YEAR + r"(?:\s*,\s*20\d\d)*\s+und\s+20\d\d\b")
_DOUBLE = re.compile(_YEAR + r"\s*/\s*(?:20)?(\d\d)\b")
_OWN_YEAR = re.compile(r"(?<![\d.])\b" + _YEAR + r"\b(?!\.\d)")  # a year said alone, not in a date or a line
_ITEM = re.compile(r"(?:^|\s)(?=[a-z]\)\s)|(?<=[.:])\s+(?=[A-ZÄÖÜ])|(?<=;)\s+")
_ABBREVIATED = re.compile(r"(?:\b(?:Mio|Mrd|Tsd|Nr|Abs|bzw|ca|vgl|z\.\s?B|u\.\s?a|ggf|inkl|zzgl|d\.\s?h)\.|\d\.)$")
_QUARTER = {"ersten": 3, "1.": 3, "zweiten": 6, "2.": 6, "dritten": 9, "3.": 9, "vierten": 12, "4.": 12}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORDINAL = r"ersten|zweiten|dritten|vierten|[1-4]\."
# The last month of a season as a deadline ("im Herbst 2027": by the end of November); winter spans two years.
_SEASONS = {"frühjahr": 5, "frühling": 5, "sommer": 8, "herbst": 11}
_SEASON = "|".join(_SEASONS)
_BY = r"\bbis\s+(?:spätestens\s+)?"
_DEADLINES = (
    (re.compile(r"\b(?:bis\s+(?:zum\s+|spätestens\s+)*|zum\s+)(\d{1,2})\.\s*(\d{1,2})\.\s*(20\d\d)\b", re.I), "day"),
    # "wird ab dem 01.04.2027 gekennzeichnet", "spätestens ab dem 01.10.2027": what is wanted from a day on
    # must be in place by then (a year "ab 2026 jährlich" is an amount's period, not a deadline)
    (re.compile(r"\b(?:spätestens\s+)?ab\s+(?:dem\s+)?(\d{1,2})\.\s*(\d{1,2})\.\s*(20\d\d)\b", re.I), "day"),
    (re.compile(r"\bbis\s+(?:zum\s+|spätestens\s+)*(\d{1,2})\.\s*(" + _MONTH + r")\.?\s+(20\d\d)\b", re.I), "named"),
    (re.compile(_BY + r"(?:zum\s+)?(?:ende\s+|zum\s+ende\s+)?(" + _MONTH + r")\s+(20\d\d)", re.I), "month"),
    # "halbjährlich, erstmals im Februar 2027", "spätestens im März 2027"
    # … "erstmals zu ihrer Sitzung im März 2028", "zur Sitzung im Mai 2028"
    (re.compile(r"\b(?:erstmals|spätestens)\s+(?:zu\s+(?:ihrer|seiner|der)\s+(?:[\wäöü-]+\s+)?sitzung\s+)?im\s+("
                + _MONTH + r")\s+(20\d\d)", re.I), "month"),
    (re.compile(r"\bzur\s+(?:[\wäöü-]+\s+){0,2}?sitzung\s+im\s+(" + _MONTH + r")\s+(20\d\d)", re.I), "month"),
    (re.compile(_BY + r"(?:zum\s+|im\s+)?(" + _ORDINAL + r")\s+quartal\s+(20\d\d)", re.I), "quarter"),
    # "zur Sitzung im 2. Quartal 2027", "spätestens im ersten Quartal 2028", "bis zum Ende des 3. Quartals 2027"
    (re.compile(r"\b(?:zur\s+(?:[\wäöü-]+\s+){0,2}?sitzung\s+|spätestens\s+)im\s+(" + _ORDINAL + r")\s+"
                r"quartal\s+(20\d\d)", re.I), "quarter"),
    (re.compile(_BY + r"(?:zum\s+)?ende\s+des\s+(" + _ORDINAL + r")\s+quartals\s+(20\d\d)", re.I), "quarter"),
    (re.compile(_BY + r"(?:zur\s+)?mitte\s+(?:des\s+jahres\s+)?(20\d\d)", re.I), "mid"),
    # "erstmals im Herbst 2027", "bis zum Frühjahr 2028", "spätestens im zweiten Halbjahr 2027" (not "ab …")
    (re.compile(r"\b(?:bis\s+(?:zum\s+)?|spätestens\s+(?:im\s+)?|erstmals\s+im\s+)(" + _SEASON + r")\s+(20\d\d)", re.I),
     "season"),
    (re.compile(r"\b(?:bis\s+(?:zum\s+(?:ende\s+des\s+)?)?|spätestens\s+im\s+|erstmals\s+im\s+)(ersten|zweiten|[12]\.)\s+"
                r"halbjahr(?:es|s)?\s+(20\d\d)", re.I), "half"),
    (re.compile(_BY + r"(?:zum\s+)?(?:ende|jahresende|ablauf)\s+(?:des\s+jahres\s+)?(20\d\d)", re.I), "end"),
)  # fmt: skip


@dataclass(frozen=True)
class Amount:
    euros: int
    per: Per
    years: tuple[int, ...]
    purposes: tuple[str, ...]  # budget.csv categories; ("other",) when the words name none
    phrase: str  # the demand's own words for it, shortened
    open_ended: bool = False  # "ab 2026 jährlich": every budget year from the first on
    part: str = ""  # its own part of the sentence: from the amount before it to its own figure
    change: LineChange | None = None  # a budget motion's change of a line ("auf 90.000 € begrenzt")

    @property
    def purpose_label(self) -> str:
        return labels(self.purposes)


@dataclass(frozen=True)
class Deadline:
    day: date
    phrase: str  # as the demand says it ("bis Ende Mai 2025")


@dataclass(frozen=True)
class Demand:
    id: str
    text: str
    amounts: tuple[Amount, ...]
    deadlines: tuple[Deadline, ...]
    purposes: tuple[str, ...]  # what the whole demand is about, for a demand without amounts


def labels(purposes: tuple[str, ...] | list[str]) -> str:
    """("hardware", "licenses") -> "Hardware sowie Software und Lizenzen"."""
    named = [PURPOSE_LABELS[p] for p in purposes]
    return ", ".join(named[:-1]) + " sowie " + named[-1] if len(named) > 1 else "".join(named)


# A body named after its remit is no purpose: "Ausschuss für Haushalt, Personal und Digitales", "Personalrat".
_BODIES = re.compile(
    r"\b(?:[\wäöüß-]*ausschuss(?:es)?|amt(?:es)?|fachbereich(?:s|es)?|dezernat(?:s|es)?)\s+für\s+"
    r"(?:[\wäöüß-]+(?:,\s*|\s+und\s+)){0,4}[\wäöüß-]+|\bpersonal(?:rat|räte|rats|vertretung)\w*",
    re.IGNORECASE,
)


def _without_bodies(text: str) -> str:
    return _BODIES.sub(" ", text)


def purposes_of(text: str) -> tuple[str, ...]:
    low = _without_bodies(text).lower()
    return tuple(name for name, pattern in PURPOSES if re.search(pattern, low))


def _euros(match: re.Match[str]) -> int:
    whole = int(match.group(1).replace(".", ""))
    cents = match.group(2) or ""
    value = float(f"{whole}.{cents or 0}")
    scale = (match.group(3) or "").lower()
    if scale.startswith("mio") or scale.startswith("million"):
        value *= 1_000_000
    elif scale.startswith("t"):
        value *= 1_000
    return round(value)


def _start_year(text: str, default: int) -> int:
    """The first budget year the demand speaks of ("Haushalt 2025/2026", "ab 2026"), else ``default``."""
    found = [int(m.group(1)) for pattern in (_FROM, _BUDGET_YEAR, _DOUBLE, _SPAN) for m in pattern.finditer(text)]
    return min(found) if found else default


def _years(clause: str, context: str, per: Per, default: int) -> tuple[int, ...]:
    start = _start_year(clause, _start_year(context, default))
    if span := _SPAN.search(clause):
        first, last = int(span.group(1)), int(span.group(2))
        return tuple(range(first, last + 1)) if first <= last <= first + 30 else (first,)
    if until := _UNTIL.search(clause):
        last = int(until.group(1))
        return tuple(range(start, last + 1)) if start <= last <= start + 30 else (last,)
    if listed := _listed_years(clause):  # "in den Haushaltsjahren 2027 und 2028"
        return listed
    if per is Per.ONCE:
        # a year said on its own ("dafür 2027 zusätzlich 20.000 €") before one in a day ("bis zum 31.12.2026")
        named = re.findall(r"(?<!\d\.)\b" + _YEAR + r"\b", clause) or re.findall(r"\b" + _YEAR + r"\b", clause)
        return (int(named[0]),) if named else (start,)
    return (start,)


def clauses(text: str) -> list[str]:
    """The demand split at its sub-items ("a) …") and sentences: an amount's own words."""
    parts: list[str] = []
    for part in (p.strip() for p in _ITEM.split(text)):
        if parts and _ABBREVIATED.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {part}"  # "1,2 Mio." + "Euro …" is one clause
        elif part:
            parts.append(part)
    return parts


_THRESHOLD = re.compile(
    r"\b(?:ab|über|oberhalb|unterhalb|unter)\s+(?:(?:einem|einer|dem|der)\s+)?(?:(?:geschätzten\s+)?"
    r"(?:auftrags|vergabe|schwellen|netto|brutto|gesamt)?(?:wert|volumen|summe)\s+(?:von\s+)?)?$",
    re.IGNORECASE,
)
MAX_ASKED = 2000  # characters of a demand searched for the question it asks
_READ_BACK = 400  # characters before an amount read for its purpose
_COORDINATED = re.compile(r"[\wäöüß-]*\s*(?:und|sowie|oder|,)\s*")


def _bought(text: str, own: bool = True) -> tuple[str, ...]:
    """What an amount is for: the first purpose its words name, with those coordinated with it ("Hard-
    und Software"), not those that only qualify it ("externe Beratung bei Betrieb und Weiterentwicklung",
    "durch ein externes Institut eine Analyse des Qualifizierungsbedarfs": consulting). ``own``: the words
    are the amount's own sentence, whose "für …" names what it is for; a sentence before it that the amount
    refers back to ("… wird ein externes Beratungsunternehmen beauftragt. Hierfür …") names it by its kind."""
    text = _without_bodies(text)
    low = text.lower()
    found = sorted((m.start(), m.end(), name) for name, pattern in PURPOSES for m in re.finditer(pattern, low))
    if not found:
        return ()
    # "Für die Aufbereitung durch einen externen Dienstleister": what is done, by whom it is paid for
    by = _DONE_BY.search(low[max(0, found[0][0] - 40) : found[0][0]])
    if own and not by and _named_before(text, found[0][0]):
        return ("other",)  # "Für Aufwandsentschädigungen, externe Moderation und …": first what no category is
    kept, end = [found[0][2]], found[0][1]
    for start, stop, name in found[1:]:
        if start < end:  # overlapping matches of one word
            continue
        if not _COORDINATED.fullmatch(low[end:start]):
            break
        kept.append(name)
        end = stop
    return tuple(dict.fromkeys(kept))


_FOR = re.compile(r"\b[Ff]ür\b")
_DONE_BY = re.compile(r"\bdurch\s+(?:einen|eine|ein|das|den|die)?\s*$")
_NOUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\wäöüß]*(?![\w-])")  # a whole noun, not "GPU-" of "GPU-Servers"
# Nouns that take what is bought after them ("die Beschaffung eines Servers"): no purpose of their own.
_HEADS = re.compile(
    r"(beschaffung|anschaffung|einführung|einrichtung|umsetzung|durchführung|aufbau|ausbau|einbau|erstellung|kosten|"
    r"installation|montage|austausch|ersatz|"
    r"mittel|ausgaben|finanzierung|bereitstellung|nutzung|erweiterung|entwicklung|zwecke?|maßnahmen?|haushalt\w*|"
    r"jahr\w*|euro|eur)$"
)


def _named_before(text: str, first: int) -> bool:
    """Whether the amount's "für …" names something before its first purpose word that no category covers."""
    while first > 0 and (text[first - 1].isalnum() or text[first - 1] == "-"):
        first -= 1  # the whole word the purpose is part of ("Fahrbahnsensoren"), not its head ("Fahrbahn")
    leads = list(_FOR.finditer(text, 0, first))
    if not leads:
        return False
    between = text[leads[-1].end() : first]
    if between.rstrip().endswith("("):
        return False  # "Für die Nutzungsentgelte (Lizenz)": the brackets name what the noun is for
    return any(not _HEADS.search(noun.lower()) for noun in _NOUN.findall(between))


# What follows an amount directly names what it is for, up to the next coordination ("… Euro für Personal und").
_FOR_AFTER = re.compile(r"\s*(?:für|zur|zum)\s+([^,;]*?)(?=\s+und\s+|\s+sowie\s+|[,;]|$)", re.IGNORECASE)


# Grants a demand wants applied for: "Fördermittel in Höhe von 100.000 € aus dem Landesprogramm".
_FUNDS_SOUGHT = re.compile(
    r"\b(?:Fördermittel\w*|Zuwendung\w*|Zuschuss\w*|Zuschüsse\w*|Drittmittel\w*)\s+(?:in\s+Höhe\s+)?(?:von\s+)?"
    r"(?:bis\s+zu\s+|insgesamt\s+|rund\s+)?$"
)


_AFTER_YEAR = re.compile(
    r"\s*(?:im\s+(?:haushalts)?jahr\s+|für\s+(?:das\s+(?:haushalts)?jahr\s+)?|in\s+)(20\d\d)\b", re.I
)
_EACH = re.compile(r"\b(?:um\s+)?je\s*$", re.I)
_BOTH = re.compile(r"\bin\s+beiden\s+(?:haushalts)?jahren\b", re.I)  # the two years of a double budget
# A restated change table after a demand's sentences ("… erhöht. 01.12.01.542300 78.000 € + 18.000 € 84.000 € …"):
# a budget line, amounts, signs and "Sperrvermerk" only
_TABLE_TOKEN = re.compile(r"[A-Z]{0,3}\d[\d.]*\d:?|\d|\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?|€|Euro|EUR|[+–—-]|Sperrvermerk")
_LINE_TOKEN = re.compile(r"[A-Z]{0,3}\d{1,4}(?:\.\d+){2,}:?")


def _listed_years(clause: str) -> tuple[int, ...]:
    listed = _LISTED.search(clause)
    return tuple(sorted({int(y) for y in re.findall(_YEAR, listed.group(0))})) if listed else ()


def without_restated_table(text: str) -> str:
    """The demand without a change table that restates its amounts after its last sentence (a PDF's table
    under each demand of a Haushaltsantrag), found from the end word by word: linear in the text."""
    words = text.split()
    cut = len(words)
    while cut and _TABLE_TOKEN.fullmatch(words[cut - 1]):
        cut -= 1
    table = words[cut:]
    if not table or not any(_LINE_TOKEN.fullmatch(t) for t in table) or not (cut and words[cut - 1][-1:] in ".!?;"):
        return text
    return " ".join(words[:cut])


_TO_LEVEL = re.compile(r"\bauf\s+$")  # the words right before an amount that set a line to it


# What the line holds, as the motion takes it: "Der auf KIRA entfallende Anteil von 118.560 EUR wird um … gekürzt"
_BASE = re.compile(r"\b(?:Anteil|Ansatz|Betrag|Summe)\w*\s+(?:in\s+Höhe\s+)?von\s+$", re.IGNORECASE)


# What a motion works out from the amounts it demands: a unit price inside a product ("1.200 × 5,50 € × 12"), the
# product's result ("2 × 26.880 € = 53.670 €", "… = 79.200 € je Jahr"), a stated sum after an amount each year
# ("jeweils 15.000 € …, insgesamt 40.000 €"). Not money demanded: a figure to check, if anything.
_TIMES_BEFORE = re.compile(r"[×x*]\s*$")
_TIMES_AFTER = re.compile(r"^\s*[×x*]")
_RESULT_BEFORE = re.compile(r"=\s*$")
_SUM_BEFORE = re.compile(r"\b(?:insgesamt|zusammen|in\s+Summe)\s+(?:also\s+)?$", re.IGNORECASE)
_EACH_BEFORE = re.compile(r"\b(?:jeweils|je)\b", re.IGNORECASE)


def _without_derived(clause: str, matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """The amounts a clause demands, without what it works out from them (``_TIMES_BEFORE`` …): none of a clause
    that only works out a figure ("… auf 1.200 Konten begrenzt (1.200 × 5,50 € × 12 = 79.200 € je Jahr)")."""
    kept = []
    for index, match in enumerate(matches):
        before, after = clause[max(0, match.start() - 12) : match.start()], clause[match.end() : match.end() + 4]
        priced = bool(_TIMES_BEFORE.search(before) and _TIMES_AFTER.match(after))
        summed = bool(_SUM_BEFORE.search(before)) and any(
            _EACH_BEFORE.search(clause[max(0, m.start() - 40) : m.start()]) for m in matches[:index]
        )
        if not (priced or _RESULT_BEFORE.search(before) or summed):
            kept.append(match)
    return kept


def _without_bases(clause: str, matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """Of a clause that cuts or raises a line by an amount, not the amount it takes the line to hold."""
    change = change_in(clause)
    if change is None or change.move not in (Move.CUT, Move.RAISE) or len(matches) < 2:
        return matches
    bases = [m for m in matches if _BASE.search(clause[max(0, m.start() - 40) : m.start()])]
    kept = [m for m in matches if m not in bases]
    return kept if any(_euros(m) == change.euros for m in kept) else matches


def _levels(clause: str, matches: list[re.Match[str]]) -> tuple[list[re.Match[str]], tuple[int, ...], bool]:
    """Of a clause that sets a line to a level ("von 180.000 € um 60.000 € auf 120.000 € gekürzt"), the amounts
    it demands: the level; with the years it is said for where it is restated each year; a level each year
    (then True: the verb stands once at the end). Of another clause, its amounts as they are."""
    if (level := level_in(clause)) is None:
        return matches, (), False
    years_named = sorted({int(y) for y in _OWN_YEAR.findall(clause)})
    # "wird 2027 um 66.000 € auf 178.000 € und 2028 um 88.000 € auf 184.000 € gekürzt": a level each year
    levels = [m for m in matches if _TO_LEVEL.search(clause[max(0, m.start() - 8) : m.start()])]
    if len({_euros(m) for m in levels}) > 1 and len(levels) == len(years_named):
        return levels, (), True
    matches = [m for m in matches if _euros(m) == level]
    # "wird 2027 von 78.000 € auf 96.000 € und 2028 von 84.000 € auf 96.000 € erhöht": that level each year;
    # "… auf 18.000 € je Jahr erhöht …: – 2027: 18.000 € … – 2028: 18.000 €": restated for each year
    each_year: tuple[int, ...] = ()
    if len(matches) > 1 and len(years_named) > 1 and len(years_named) in (len(matches), len(matches) - 1):
        each_year = tuple(years_named)
    return matches[:1], each_year, False


def amounts(text: str, context: str, default_year: int) -> tuple[Amount, ...]:
    text = without_restated_table(text)
    found = []
    earlier = ""  # the clauses before, for an amount that refers back ("hierfür werden … bereitgestellt")
    parts = clauses(text)
    for at, clause in enumerate(parts):
        sentence_rest = _rest_of_sentence(parts, at)  # "(Sachkonto 543110: 10.500 €; …) werden gestrichen."
        matches = list(_AMOUNT.finditer(clause))
        matches, each_year, yearly_levels = _levels(clause, matches)
        matches = _without_derived(clause, _without_bases(clause, matches))
        for index, match in enumerate(matches):
            # Two amounts in one sentence ("2027 einmalig 40.000 Euro und für dessen Betrieb ab 2028 jährlich
            # 10.000 Euro"): each has its own part – from the end of the one before to its own end, the last
            # one to the sentence's end – which decides how often and when where it says so.
            # "(…: 15.000 € im Jahr 2027, 10.000 € im Jahr 2028)": the year after an amount is that amount's
            after = _AFTER_YEAR.match(clause, matches[index - 1].end()) if index else None
            start = after.end() if after else (matches[index - 1].end() if index else 0)
            end = match.end() if index + 1 < len(matches) else len(clause)
            own = clause[start:end]
            before = clause[max(start, match.start() - _READ_BACK) : match.start()]  # bounded: linear in the text
            if _THRESHOLD.search(before[-60:]):
                continue  # "Aufträge ab einem Auftragswert von 10.000 EUR": a limit, not money demanded
            if _FUNDS_SOUGHT.search(before[-60:]):
                continue  # "… beantragt … Fördermittel in Höhe von 100.000 €": money to come in, not to spend
            words = before + " " + clause[match.end() : min(end, match.end() + 40)]
            several = len(matches) > 1
            timing, offset = (own, start) if several and (_PER_YEAR.search(own) or _ONCE.search(own)) else (clause, 0)
            once = _ONCE.search(timing[: match.start() - offset])
            per = Per.YEAR if _PER_YEAR.search(timing) and not once else Per.ONCE
            dated = own if several and re.search(r"\b" + _YEAR + r"\b", own) else clause
            around = context if dated is clause else f"{clause} {context}"
            # "… werden ab 2027 gemeinsam durchgeführt; die dafür vorgesehenen Mittel …": the year of what it refers to
            if not re.search(r"\b" + _YEAR + r"\b", clause) and re.search(r"\b(?:dafür|hierfür)\b", clause, re.I):
                around = f"{earlier} {around}"
            years = _years(dated, around, per, default_year)
            if each_year:
                per, years = Per.YEAR, each_year
            elif (own_year := _AFTER_YEAR.match(clause, match.end())) and per is Per.ONCE:
                years = (int(own_year.group(1)),)
            elif _EACH.search(before) and len(listed := _listed_years(clause)) > 1:
                per, years = Per.YEAR, listed  # "2027 und 2028 je 49.200 €", "wird 2027 und 2028 um je 40.000 € erhöht"
            elif _BOTH.search(clause):  # "in beiden Jahren um je 120.000 € gekürzt": a double budget
                per, years = Per.YEAR, (years[0], years[0] + 1)
            sentence = clause[max(0, match.start() - _READ_BACK) : match.start()]  # "Für Software 2027 …, 2028 …"
            # the amount's own "für …" first: "… freizuschalten und für die Entgelte an das ITDZ … 60.000 €"
            fors = list(_FOR.finditer(before))
            own_for = _bought(before[fors[-1].start() :]) if len(fors) > 1 else ()
            purposes = (
                own_for
                or _bought(before)
                or _bought(words)
                or _bought(sentence)
                or _bought(earlier, own=False)
                or ("other",)
            )
            nxt = matches[index + 1].start() if index + 1 < len(matches) else len(clause)
            if several and (named := _FOR_AFTER.match(clause, match.end(), nxt)):
                purposes = _bought(named.group(1)) or purposes  # "50.000 Euro für Personal und 10.000 Euro für …"
            phrase = re.sub(r"^[a-z]\)\s*", "", clause).strip(" .;:")
            # "4.200 Euro jährlich werden in den Haushalt 2027 eingestellt": that year's budget, not every year's
            one_budget = bool(_BUDGET_YEAR.search(dated)) and not _FROM.search(dated)
            open_ended = (
                per is Per.YEAR and not one_budget and not any(p.search(dated) for p in (_SPAN, _UNTIL, _LISTED, _BOTH))
            )
            part = clause[start : match.end()]
            # "… um 5.000 € gekürzt und …"; "(…: 10.500 €; …: 2.400 €) werden gestrichen": each line listed
            change = change_in(clause[start:nxt]) or struck_in(sentence_rest, _euros(match))
            if yearly_levels:  # the verb stands once at the end: "… auf 178.000 € und 2028 … auf 184.000 € gekürzt"
                change = LineChange(Move.LEVEL, _euros(match))
            found.append(Amount(_euros(match), per, years, purposes, phrase[:160], open_ended, part, change))
        earlier = (earlier + " " + clause)[-_READ_BACK:]
    return tuple(found)


def _rest_of_sentence(parts: list[str], at: int) -> str:
    """A clause with the clauses after it up to its sentence's end: what a list of lines in brackets goes on
    to say of all of them ("… (Sachkonto 543110: 10.500 €; Sachkonto 783100: 2.400 €) werden gestrichen.")."""
    rest = [parts[at]]
    for part in parts[at + 1 : at + MAX_CLAUSES]:
        if rest[-1].rstrip().endswith((".", "!", "?")):
            break
        rest.append(part)
    return " ".join(rest)


MAX_CLAUSES = 6  # clauses of one sentence read for what it says of all of them


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _deadline(kind: str, groups: tuple[str, ...]) -> date | None:
    try:
        if kind == "day":
            return date(int(groups[2]), int(groups[1]), int(groups[0]))
        if kind == "named":
            return date(int(groups[2]), MONTHS[groups[1].lower()], int(groups[0]))
        if kind == "month":
            return _end_of_month(int(groups[1]), MONTHS[groups[0].lower()])
        if kind == "quarter":
            return _end_of_month(int(groups[1]), _QUARTER[groups[0].lower()])
        if kind == "mid":
            return date(int(groups[0]), 6, 30)
        if kind == "season":
            return _end_of_month(int(groups[1]), _SEASONS[groups[0].lower()])
        if kind == "half":
            return _end_of_month(int(groups[1]), 6 if groups[0].lower() in ("ersten", "1.") else 12)
        return date(int(groups[0]), 12, 31)
    except (ValueError, KeyError):
        return None


_INSTEAD_OF = re.compile(r"\bstatt\s+(?:erst\s+|bisher\s+)?$", re.IGNORECASE)


def deadlines(text: str) -> tuple[Deadline, ...]:
    """The dates by which the demand wants something done; an amount's "bis 2029" is not one."""
    found: dict[date, Deadline] = {}
    spans: list[tuple[int, int]] = []
    for pattern, kind in _DEADLINES:
        for match in pattern.finditer(text):
            if any(a <= match.start() < b for a, b in spans):
                continue
            if kind == "end" and _AMOUNT.search(text[max(0, match.start() - 60) : match.start()]):
                continue  # "100.000 Euro pro Jahr bis Ende 2029" is the amount's period
            if _INSTEAD_OF.search(text[max(0, match.start() - 20) : match.start()]):
                continue  # "bereits zum 01.04.2027 statt erst zum 01.07.2027": the plan it wants replaced
            day = _deadline(kind, match.groups())
            if day is not None and day not in found:
                found[day] = Deadline(day, match.group(0).strip())
                spans.append(match.span())
    return tuple(sorted(found.values(), key=lambda d: d.day))


def read_demand(demand_id: str, text: str, context: str = "", motion_year: int | None = None) -> Demand:
    """``context``: the parent demand's text for a sub-demand (its budget year applies, and its deadline
    where the sub-demand names none: "1. … der sich bis zum 31.01.2027 konstituiert. Für den Beirat gilt: a) …")."""
    default = motion_year or date.today().year
    due = deadlines(text) or deadlines(context)
    return Demand(demand_id, text, _without_restated(amounts(text, context, default)), due, purposes_of(text))


def _without_restated(found: tuple[Amount, ...]) -> tuple[Amount, ...]:
    """Without the difference a demand restates of a level it sets ("… von 16.800 EUR auf 40.000 EUR erhöht. Die
    Mehraufwendungen von 23.200 EUR werden … gedeckt": one change, not a second raise)."""
    moves = {
        abs(a.change.euros - a.change.stated_before)
        for a in found
        if a.change is not None and a.change.move is Move.LEVEL and a.change.stated_before is not None
    }
    return tuple(
        a for a in found if not (a.change is not None and a.change.move in (Move.RAISE, Move.CUT) and a.euros in moves)
    )


# "Die Verwaltung berichtet …, wie viele Widersprüche …": a demand for information asks a question.
_ASKED = re.compile(
    r",\s*((?:in|an|bei|für|mit|von|aus)?\s*(?:wie\s+viele\w*|wie\s+viel|wie\s+hoch|welche[rsmn]?|wann|ob|"
    r"inwieweit|inwiefern|in\s+welche[rmn]?)\b(?:[^.;]|\.(?=\s?\d))*)",  # "3.500", "unter Nr. 1" go on
    re.IGNORECASE,
)


def asked(text: str) -> str:
    """The question a demand for information asks ("…, in wie vielen Vergabeverfahren … Rügen erhoben
    wurden"), or "" for a demand that wants something done."""
    found = _ASKED.search(text[:MAX_ASKED])
    return found.group(1).strip() if found else ""
