"""A dated count that a later source counts anew.

"Zum 28.02.2026 bestanden 59 Nutzerkonten" was true in March; the register, updated in November, has 67
users, and "bis zum 28.02.2026 63 Beschäftigte" were trained where a report of 31.08.2026 counts 76. Quoted
today, the old count reads as the current one. A clause that counts something ("59 Nutzerkonten") as of
a day it names is stale when a source speaking from a later day (no later than today) counts the same
thing with another number: the same counted noun, and one other noun in common (what is counted of what),
taken from the sentence before where the clause names nothing else ("AmtsText steht … zur Verfügung.
Zum 28.02.2026 bestanden 59 Nutzerkonten."). A clause speaks from the day it names; the later count must name
its own day too (a report dated November may quote a count from May), or be the register's user count,
which speaks from its "updated" day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from assistant.domain import Chunk
from assistant.drafting.wording import MONTHS, period_ends
from assistant.kb.keyword import analyze
from assistant.kb.model import Record
from assistant.text import sentences_of

# "59 Nutzerkonten", "81 von 84 Beschäftigten" – not the year of a date ("28.02.2026 63 …")
_COUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:\s+von\s+\d[\d.]*)?\s+([A-ZÄÖÜ][\wäöüß-]{3,})")
_DAY = r"(\d{1,2})\.(\d{1,2})\.(20\d\d)"
_AS_OF = re.compile(rf"\b(?:zum|bis\s+zum|bis|stand:?|am|per|ende)\s+{_DAY}", re.IGNORECASE)
_TITLE_AS_OF = re.compile(rf"\bStand:?\s+(?:vom\s+)?{_DAY}", re.IGNORECASE)
_NOUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\wäöüß-]{3,}")
_PLAIN = frozenset(analyze("Stand Jahr Jahres Monat Ende Anfang Summe Zahl Anzahl Insgesamt Davon"))
# What the register's "users" column counts.
_USERS = frozenset(
    analyze(word)[0]
    for word in ("Nutzerkonten", "Nutzerkonto", "Nutzende", "Nutzer", "Nutzerinnen", "Lizenzen", "Beschäftigte")
)
# How something began stays true: "Der Pilotbetrieb begann am 02.03.2026 … mit 38 Fachkräften."
_HISTORY = re.compile(r"\b(?:begann|begonnen|startete|gestartet|zunächst|anfangs|ursprünglich)\b", re.IGNORECASE)
MAX_FIGURES = 20_000  # counts of the knowledge base kept for the check
# What reads as holding on the day a source speaks from: "derzeit sind 171 Konten freigeschaltet"
NOW = re.compile(r"\b(?:derzeit|zurzeit|zur\s+Zeit|momentan|gegenwärtig|aktuell)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """A count in a source: what it counts, of what, how many, and the day it speaks from."""

    counted: frozenset[str]
    topic: frozenset[str]
    value: int
    as_of: date
    dated: bool = True  # the day is the count's own ("bis zum 31.08.2026 haben 76 …"), not its source's


def calendar_day(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _stems(text: str) -> set[str]:
    """The nouns of a text, each by its first stem of four letters or more ("KI-Grundlagen": "grundlag")."""
    found = (next((s for s in analyze(noun) if len(s) >= 4), "") for noun in _NOUN.findall(text))
    return {stem for stem in found if stem} - _PLAIN


def _parts(text: str) -> set[str]:
    """The nouns of a text by every stem of five letters or more of each ("Pflichtschulung": "pflichtschul",
    "pflicht", "schulung"), besides its first (``_stems``)."""
    found = {stem for noun in _NOUN.findall(text) for stem in analyze(noun) if len(stem) >= 5}
    return (found | _stems(text)) - _PLAIN


def _value(number: str) -> int:
    return int(number.replace(".", ""))


def counts(clause: str, as_of: date | None, context: str = "", series: bool = True) -> list[Figure]:
    """The counts of a clause, as of the day it names (else ``as_of``); its topic from ``context`` where the
    clause names nothing but what it counts; with ``series``, those a label lists by day (``_listed_counts``)."""
    named = _AS_OF.search(clause)
    day = calendar_day(*named.groups()) if named else as_of
    if day is None:
        return []
    found = []
    for count in _COUNT.finditer(clause):
        number, noun = count.groups()
        counted = frozenset(analyze(noun)[:1])
        topic = _stems(clause) - counted or _stems(context) - counted
        # a count's own day right after it ("96 am 30.06.2026 und 203 am 31.12.2026"), else the last before it
        # ("… und 655 am 31.10.2026; im Oktober 2026 waren 471 Konten aktiv")
        own = _AS_OF.match(clause, count.start(1) + len(number) + 1)
        earlier = [m for m in _AS_OF.finditer(clause, 0, count.start()) if m.end() <= count.start()]
        own_day = calendar_day(*own.groups()) if own else calendar_day(*earlier[-1].groups()) if earlier else None
        if topic:
            at = own_day or day
            found.append(Figure(counted, frozenset(topic), _value(number), at, dated=named is not None))
    return found + (_listed_counts(clause, context) if series else [])


# A label and its counts by day: "Freigeschaltete Konten: 40 zum Start der Erprobung, 96 am 30.06.2026 und 203 am
# 31.12.2026" (the noun before the colon is what is counted)
_LABEL = re.compile(r"([A-ZÄÖÜ][\wäöüß-]{3,})\s*:\s")
_DAY_COUNT = re.compile(rf"(?<![\d.,])(\d{{1,3}}(?:\.\d{{3}})+|\d+)\s+(?:zum|am|bis\s+zum|per|Ende)\s+{_DAY}")


def _listed_counts(clause: str, context: str) -> list[Figure]:
    label = _LABEL.search(clause)
    if label is None:
        return []
    counted = frozenset(analyze(label.group(1))[:1])
    topic = frozenset(_stems(clause) - counted or _stems(context) - counted)
    found = []
    for count in _DAY_COUNT.finditer(clause, label.end()):
        day = calendar_day(*count.groups()[1:])
        if topic and counted and day is not None:
            found.append(Figure(counted, topic, _value(count.group(1)), day))
    return found


def clauses(text: str, most: int) -> Iterator[tuple[str, str]]:
    """The clauses of a text's sentences ("…; …"), each with the sentence before its own; none once ``most``
    sentences have been read (the knowledge base's size bounds the check)."""
    before = ""
    for sentence in sentences_of(text)[: max(most, 0)]:
        for clause in re.split(r";\s+", sentence):
            yield clause, before
        before = sentence


def title_day(title: str) -> date | None:
    """The "Stand" a source's title names ("Übersicht Stand 31.10.2026")."""
    found = _TITLE_AS_OF.search(title)
    return calendar_day(*found.groups()) if found else None


class StaleCounts:
    """The knowledge base's dated counts, to check a quoted clause's counts against (``stale``)."""

    def __init__(
        self, chunks: Iterable[tuple[Chunk, date | None]], inventory: Iterable[Record], today: date, ignore: str = ""
    ) -> None:
        """``ignore``: words no topic is made of (the municipality's name, which every source shares)."""
        self._today = today
        self._ignore = frozenset(_stems(ignore))
        self._figures: list[Figure] = []
        for chunk, spoken in chunks:
            day = title_day(chunk.title) or spoken
            for clause, before in clauses(chunk.text, MAX_FIGURES - len(self._figures)):
                self._figures += self._counts(clause, day, before)
        for row in inventory:
            updated = str(row.get("updated"))
            users = str(row.get("users")).strip()
            if re.fullmatch(r"\d+", users) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", updated):
                day = calendar_day(updated[8:10], updated[5:7], updated[:4])
                topic = frozenset(_stems(str(row.get("name"))) - self._ignore)
                if day is not None and topic:
                    self._figures.append(Figure(_USERS, topic, int(users), day))

    def _counts(self, clause: str, as_of: date | None, context: str, series: bool = True) -> list[Figure]:
        found = counts(clause, as_of, context, series)
        return [replace(f, topic=f.topic - self._ignore) for f in found if f.topic - self._ignore]

    def stale(self, clause: str, context: str = "", spoken: date | None = None) -> bool:
        """Whether a count the clause makes as of a day it names, or "derzeit" on the day its source speaks
        from (``spoken``: "derzeit sind 171 Konten freigeschaltet" in minutes of 24.09.2026), is counted anew by
        a later source."""
        now = spoken if NOW.search(clause) else None
        if not (_AS_OF.search(clause) or now) or _HISTORY.search(clause):
            return False
        for figure in self._counts(clause, now, context, series=False):  # a series' earlier counts are its history
            if any(
                later.dated  # a source's own day may be long after the day it counted from
                and later.counted & figure.counted
                and later.topic & figure.topic
                and figure.as_of < later.as_of <= self._today
                and later.value != figure.value
                for later in self._figures
            ):
                return True
        return False


# A deadline: "bis zum 31.12.2026", "bis 31.03.2027", "Der Pilot endet am 31.12.2026".
_DEADLINE = re.compile(
    rf"\bbis\s+(?:zum\s+|spätestens\s+)?{_DAY}"
    # "Der Pilot endet am 31.12.2026", "läuft noch bis zum …"
    rf"|\b(?:endet|enden|endete\s+planmäßig|läuft|laufen)\s+(?:[\wäöüß]+\s+){{0,3}}?(?:am|zum|bis)\s+{_DAY}",
    re.IGNORECASE,
)
# A later decision moving it: "wird … verlängert", "abweichend von Nr. 7", "verschoben".
_MOVED = re.compile(
    r"\b(?:verlängert|(?:entschieden|beschlossen)\b[^;]{0,80}?\bzu\s+verlängern|verschoben|abweichend|neu\s+festgelegt|geändert|verlegt)\b",
    re.IGNORECASE,
)
_VERB = re.compile(r"(?<![\w-])[a-zäöüß]{6,}")
_ANY_DAY = re.compile(_DAY)


_ACT_NOUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\wäöüß]{3,}ung\b")


def _verbs(text: str) -> set[str]:
    """Stems of what a clause says is done: its verbs ("veröffentlicht"), and its nouns of an act
    ("Veröffentlichung"), both as the act's stem ("veroffentlich")."""
    verbs = {stem.removesuffix("t") for verb in _VERB.findall(text) for stem in analyze(verb)[:1]}
    return verbs | {stem for noun in _ACT_NOUN.findall(text) for stem in analyze(noun)[:1]}


# A document's own date in its first lines: "Sitzungstermin: | Donnerstag, 24.09.2026", "Datum: 23.11.2026".
# "Sitzungstermin: 24.09.2026", "Sitzung des Hauptausschusses am 15.10.2026", "Stand: …"
DATED = re.compile(
    rf"\b(?:Sitzungstermin|Sitzung(?:\s+(?:des|der)\s+[\wäöüß-]+)?\s+am|Datum|Stand)\b[^\n]{{0,40}}?{_DAY}",
    re.IGNORECASE,
)


def source_day(chunk: Chunk, spoken: date | None) -> date | None:
    """The day a source speaks from: its own date, else the "Stand" or the first day its title names
    ("Niederschrift 24.09.2026"), else the date its opening lines give ("Sitzungstermin: … 24.09.2026")."""
    if spoken is not None:
        return spoken
    found = _TITLE_AS_OF.search(chunk.title) or _ANY_DAY.search(chunk.title) or DATED.search(chunk.text[:400])
    return calendar_day(*found.groups()) if found else None


def spoken_by(
    chunks: Iterable[tuple[Chunk, date | None]], today: date, days: dict[str, date]
) -> Iterator[tuple[Chunk, date]]:
    """The chunks whose source speaks from a day no later than today, with that day (``source_day``, else the
    day of their document's first dated part, which ``days`` keeps by path)."""
    for chunk, spoken in chunks:
        path = chunk.source_id.split("#", 1)[0]
        day = source_day(chunk, spoken) or days.get(path)
        if day is not None:
            days.setdefault(path, day)
        if day is not None and day <= today:
            yield chunk, day


@dataclass(frozen=True)
class Deadline:
    """A day by which a source says something is done or ends, what of, and the day the source speaks from."""

    nouns: frozenset[str]
    verbs: frozenset[str]
    day: date
    spoken: date
    moved: bool


def _deadline_part(clause: str) -> str:
    """The part of a clause that names its deadline: "ist bis zum 31.12.2026 befristet" of "Der Pilot hat am
    01.06.2026 … begonnen und ist bis zum 31.12.2026 befristet" (its history before "und" plans nothing)."""
    found = _DEADLINE.search(clause)
    if found is None:
        return clause
    cut = clause.rfind(" und ", 0, found.start())
    return clause[cut + len(" und ") :] if cut >= 0 else clause


class Rescheduled:
    """The knowledge base's deadlines, to check a quoted clause's deadline against (``rescheduled``): "Das
    KI-Verzeichnis wird bis zum 31.12.2026 … veröffentlicht" of March, where the council decided in September
    that "abweichend von Nr. 7 Abs. 3 … das KI-Verzeichnis bis zum 31.03.2027 … veröffentlicht" wird; "Der
    Pilotbetrieb ist bis zum 31.12.2026 befristet" where "Mitschrift Gremien: Der Pilotbetrieb wird bis zum
    31.08.2027 verlängert". The clause must plan (its day after its source's), the later source move a day
    ("verlängert", "abweichend", "verschoben"), speak from a later day (no later than today) and share two
    nouns with the clause and the sentence before it, or one noun and a verb ("veröffentlicht")."""

    def __init__(self, chunks: Iterable[tuple[Chunk, date | None]], today: date, ignore: str = "") -> None:
        self._today = today
        self._ignore = frozenset(_stems(ignore))
        self._deadlines: list[Deadline] = []
        self._days: dict[str, date] = {}  # document path -> the day its first dated part speaks from
        for chunk, day in spoken_by(chunks, today, self._days):
            for clause, before in clauses(chunk.text, MAX_FIGURES - len(self._deadlines)):
                self._deadlines += self._read(clause, day, before)

    def _read(self, clause: str, spoken: date, context: str) -> list[Deadline]:
        nouns = frozenset((_stems(clause) | _stems(context)) - self._ignore)
        verbs, moved = frozenset(_verbs(clause)), bool(_MOVED.search(clause))
        found = (calendar_day(*(g for g in m.groups() if g)) for m in _DEADLINE.finditer(clause))
        return [Deadline(nouns, verbs, day, spoken, moved) for day in found if day is not None and nouns]

    def day_of(self, chunk: Chunk, spoken: date | None) -> date | None:
        """The day a chunk's source speaks from (``source_day``, else its document's)."""
        return source_day(chunk, spoken) or self._days.get(chunk.source_id.split("#", 1)[0])

    def rescheduled(self, clause: str, spoken: date | None, context: str = "") -> bool:
        """Whether a deadline the clause names (of a source speaking from ``spoken``) a later source moved."""
        if spoken is None or _HISTORY.search(_deadline_part(clause)):
            return False
        for old in self._read(clause, spoken, context):
            if old.day <= old.spoken:
                continue  # not a plan: "bis zum 28.02.2026 haben 63 Beschäftigte …" in a report of March
            for new in self._deadlines:
                shared = len(old.nouns & new.nouns)
                # a plan of the same act that a later source makes for a later day moved it, whatever the words
                # say ("wird bis zum 31.03.2026 veröffentlicht" of 2025, "Die Veröffentlichung ist nun bis zum
                # 31.12.2026 vorgesehen" of March; "… wird bis zum 31.03.2027 … veröffentlicht")
                later = new.day > old.day and bool(old.verbs & new.verbs)
                if (
                    (new.moved or later)
                    and old.spoken < new.spoken <= self._today
                    and new.day != old.day
                    and (shared >= 2 or (shared >= 1 and old.verbs & new.verbs))
                ):
                    return True
        return False


# A unit price: "9,50 € je Konto und Monat", "8,50 EUR je Nutzerkonto".
_PRICE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?)\s*(?:€|EUR|Euro)\s+(?:je|pro)\s+([A-ZÄÖÜ][\wäöüß-]{2,})"
)
_FORMER = re.compile(r"\b(?:bisher|bislang|früher|zuvor|vormals)\b", re.IGNORECASE)
_SINCE_DAY = re.compile(rf"\b(?:ab|seit)\s+(?:dem\s+)?{_DAY}", re.IGNORECASE)


@dataclass(frozen=True)
class Price:
    """A unit price in a source: its unit, what it is of, the amount in cents and the day it holds from."""

    unit: frozenset[str]
    topic: frozenset[str]
    cents: int
    since: date


def _cents(amount: str) -> int:
    euros, _, cents = amount.replace(".", "").partition(",")
    return int(euros) * 100 + int((cents + "00")[:2])


class Repriced:
    """The knowledge base's prices that hold from a day ("ab 01.07.2026: 8,50 EUR je Nutzerkonto und Monat",
    "Entgelt seit 01.07.2026 8,50 €"), to check a quoted price against (``repriced``): "Das Entgelt beträgt
    9,50 € je Konto und Monat" of a March report is no longer the price. The later price must hold from a day
    after the quote's source and no later than today, be of the same unit and share a noun of what it is of
    (its clause, the sentence before, its source's title)."""

    def __init__(self, chunks: Iterable[tuple[Chunk, date | None]], today: date, ignore: str = "") -> None:
        self._today = today
        self._ignore = frozenset(_stems(ignore)) | frozenset(_stems("Monat Jahr Entgelt Preis Betrag"))
        self._prices: list[Price] = []
        for chunk, _ in chunks:
            for clause, before in clauses(chunk.text, MAX_FIGURES - len(self._prices)):
                for line in clause.split("\n"):  # "bisher: 9,50 EUR …" / "ab 01.07.2026: 8,50 EUR …"
                    since = _SINCE_DAY.search(line)
                    day = calendar_day(*since.groups()) if since else None
                    if day is not None and day <= today:
                        self._prices += self._read(line, day, f"{before} {chunk.title}")

    def _read(self, clause: str, since: date, context: str) -> list[Price]:
        topic = frozenset((_stems(clause) | _stems(context)) - self._ignore)
        return [
            Price(frozenset(analyze(unit)), topic - frozenset(analyze(unit)[:1]), _cents(amount), since)
            for amount, unit in _PRICE.findall(clause)
        ]

    def repriced(self, clause: str, spoken: date | None, context: str = "", title: str = "") -> bool:
        """Whether a price the clause states (of a source speaking from ``spoken``) a later price replaced."""
        if spoken is None or _SINCE_DAY.search(clause) or _HISTORY.search(clause) or _FORMER.search(clause):
            return False  # a price said to hold from a day, or said to be the former one ("bisher …"), is dated
        for old in self._read(clause, spoken, f"{context} {title}"):
            if any(
                new.unit & old.unit and new.topic & old.topic and new.cents != old.cents and spoken < new.since
                for new in self._prices
            ):
                return True
        return False


# A plan ruled out: "Eine eigene Stelle ist derzeit nicht vorgesehen", "Eine Ausweitung … ist nicht geplant",
# "Eine eigene Stelle für KI ist wegen der Haushaltskonsolidierung derzeit nicht vorgesehen".
_RULED_OUT = re.compile(
    # "ist wegen der Haushaltskonsolidierung derzeit nicht vorgesehen": a reason may stand between
    r"\b(?:ist|sind|wird|werden)\s+(?:[\wäöüß.,-]+\s+){0,6}?nicht\s+(?:vorgesehen|geplant|beabsichtigt)\b",
    re.IGNORECASE,
)
# A later plan or decision: "wird 2027 um vier Sensoren … erweitert", "wird eine Stelle … aufgenommen".
_DECIDED = re.compile(
    r"\b(?:wird|werden)\s+(?:[\wäöüß.,„“\"()-]+\s+){0,14}?(?:erweitert|aufgenommen|eingerichtet|geschaffen|"
    r"eingeführt|ausgeweitet|ausgebaut|beschafft|veranschlagt|ausgeschrieben)\b"
    # made a duty: "Das E-Learning „KI-Führerschein“ ist nach § 7 DA-KI … verpflichtend"
    r"|\b(?:ist|sind)\s+(?:[\wäöüß.,„“\"()§-]+\s+){0,24}?(?:verpflichtend|vorgeschrieben)\b",
    re.IGNORECASE,
)
_NOT = re.compile(r"\b(?:nicht|kein\w*)\b", re.IGNORECASE)


class Unplanned:
    """The knowledge base's plans and decisions, to check a quoted clause that rules a plan out against
    (``unplanned``): "Eine eigene Stelle ist derzeit nicht vorgesehen" of March, where the council decided in
    September that "in den Entwurf des Stellenplans 2027 … eine Stelle „KI-Koordination“ … aufgenommen" wird;
    "Eine Ausweitung auf weitere Gemeindebezirke ist nicht vorgesehen" (a reply of May) where the count "wird
    2027 um vier Sensoren in den Gemeindebezirken … erweitert". The later source speaks from a later day (no
    later than today), plans without negation, and shares a noun with the clause."""

    def __init__(self, chunks: Iterable[tuple[Chunk, date | None]], today: date, ignore: str = "") -> None:
        self._today = today
        self._ignore = frozenset(_stems(ignore))
        self._plans: list[tuple[frozenset[str], date]] = []
        for chunk, day in spoken_by(chunks, today, {}):
            for clause, _ in clauses(chunk.text, MAX_FIGURES - len(self._plans)):
                if _DECIDED.search(clause) and not _NOT.search(clause):
                    # the section's heading names what it decides ("6. Schulung": "… ist … verpflichtend")
                    said = f"{chunk.metadata.get('section', '')} {clause}"
                    self._plans.append((frozenset(_stems(said) - self._ignore), day))

    def unplanned(self, clause: str, spoken: date | None) -> bool:
        """Whether the clause (of a source speaking from ``spoken``) rules out a plan a later source makes."""
        if spoken is None or not _RULED_OUT.search(clause):
            return False
        nouns = _parts(clause) - self._ignore  # "Pflichtschulung" is ruled out where "Schulung" is made a duty
        return any(spoken < day <= self._today and nouns & plan for plan, day in self._plans)


# A plan given up: "die Stelle sei … nicht in den Entwurf des Stellenplans 2027 aufgenommen worden", "wird nicht
# weiterverfolgt", "wurde gestrichen", "zurückgestellt".
_GIVEN_UP = re.compile(
    r"\bnicht\s+(?:[\wäöüß.,-]+\s+){0,8}?(?:aufgenommen|weiterverfolgt|umgesetzt|vorgesehen|geplant|veranschlagt)\b"
    r"|\b(?:gestrichen|zurückgestellt|verworfen|aufgegeben)\b",
    re.IGNORECASE,
)
# What was done or planned, abandoned: "wird verworfen", "wurde aufgegeben".
_ABANDONED = re.compile(r"\b(?:verworfen|aufgegeben|eingestellt|gestrichen)\b", re.IGNORECASE)
# A plan: "Für den Stellenplan 2027 ist zusätzlich eine Stelle Data Scientist … vorgesehen".
_PLANNED = re.compile(r"\b(?:vorgesehen|geplant|beabsichtigt|soll|sollen)\b", re.IGNORECASE)
DROPPED_SHARE = 3  # marks a plan shares with the later clause that gives it up (its title, the sentence before)


class Dropped:
    """The knowledge base's plans given up, to check a quoted clause that plans against (``dropped``): "Für den
    Stellenplan 2027 ist zusätzlich eine Stelle Data Scientist … vorgesehen" of March, where the minutes of
    October say the post "sei … nicht in den Entwurf des Stellenplans 2027 aufgenommen worden" (the sentence
    before it names the Data Scientist). The later source speaks from a later day (no later than today) and
    shares at least ``DROPPED_SHARE`` nouns with the plan, counting the sentence before its own."""

    def __init__(self, chunks: Iterable[tuple[Chunk, date | None]], today: date, ignore: str = "") -> None:
        self._today = today
        self._ignore = frozenset(_stems(ignore))
        self._given_up: list[tuple[frozenset[str], frozenset[str], date, bool]] = []
        for chunk, day in spoken_by(chunks, today, {}):
            for clause, before in clauses(chunk.text, MAX_FIGURES - len(self._given_up)):
                if _GIVEN_UP.search(clause):
                    nouns = frozenset(_marks(f"{chunk.title} {before} {clause}") - self._ignore)
                    own = frozenset(_marks(clause) - self._ignore)
                    self._given_up.append((nouns, own, day, bool(_ABANDONED.search(clause))))

    def dropped(self, clause: str, spoken: date | None) -> bool:
        """Whether the clause (of a source speaking from ``spoken``) plans what a later source gave up, or
        states what a later source says was abandoned ("Die Verarbeitung erfolgt in der Cloud des Anbieters …
        in Frankfurt am Main" of March; "Die ursprünglich geplante Verarbeitung in der Cloud des Anbieters
        (Rechenzentrum Frankfurt am Main) wird verworfen" of September): one more noun in common then."""
        if spoken is None or _NOT.search(clause):
            return False
        planned = bool(_PLANNED.search(clause) or (_PLANS.search(clause) and not _TOLD.search(clause)))
        marks = _marks(clause) - self._ignore
        # … and the clause that gives it up names something of it itself: "Ein Regelbetrieb … ist … nicht
        # veranschlagt" gives up no "Die Erprobung wird bis zum 31.08.2027 verlängert" said in the sentence before
        return any(
            spoken < day <= self._today
            and _weight(marks & given) >= DROPPED_SHARE + (0 if planned else 1)
            and marks & own
            for given, own, day, abandoned in self._given_up
            if planned or abandoned
        )


def _marks(text: str) -> set[str]:
    """A text's nouns (``_stems``) and the days it names ("31.03.2026"), by which two sources speak of one plan."""
    return _stems(text) | {m.group(0) for m in _ANY_DAY.finditer(text)}


def _weight(shared: set[str]) -> int:
    """Shared marks, a day counting twice: "Der Pilot wird bis zum 31.03.2026 verlängert" and "Die … erwogene
    Verlängerung bis zum 31.03.2026 wird nicht umgesetzt" in a Vermerk on the pilot."""
    return sum(2 if _ANY_DAY.fullmatch(mark) else 1 for mark in shared)


# A month a plan names: "folgt im April 2026", "bis Ende Juni 2026".
_MONTH_OF = re.compile(
    r"\b(?:im|bis|ab|zum)\s+(?:Ende\s+|Anfang\s+|Mitte\s+)?(" + "|".join(MONTHS) + r")\s+(20\d\d)\b", re.IGNORECASE
)
# A clause that plans: "… folgt im April 2026", "soll … am 19.11.2026 entscheiden", "ist … vorgesehen", "läuft bis
# zum 31.10.2026" (a run's end, passed since it was written: extended or ended, a later source says which).
_PLANS = re.compile(
    r"\b(?:soll|sollen|folgt|folgen|entscheidet|entscheiden|beginnt|startet|geplant|vorgesehen|beabsichtigt|"
    r"läuft|laufen|endet|enden)\b"
    r"|\b(?:wird|werden)\s+(?:[\wäöüß.,„“()-]+\s+){0,12}?[\wäöüß]+(?:t|en)\b",
    re.IGNORECASE,
)
# … not a clause that tells what was done or holds since: "wurde am … vorgelegt", "ist seit … im Einsatz".
_TOLD = re.compile(r"\b(?:wurde|wurden|worden|hat|haben|hatte|hatten|war|waren|seit|bereits|erfolgte)\b", re.I)


# A day that names a paper, not a plan's day: "die vorläufige Leitlinie vom 03.03.2025" (not "vom … bis …")
_PAPER_DAY = re.compile(r"\bvom\s+$")


def _days_named(clause: str) -> list[date]:
    days = [
        calendar_day(*m.groups())
        for m in _ANY_DAY.finditer(clause)
        if not (_PAPER_DAY.search(clause[: m.start()]) and not clause[m.end() :].lstrip().startswith("bis"))
    ]
    days += period_ends(clause)  # "für das zweite Quartal 2026 vorgesehen"
    for month, year in _MONTH_OF.findall(clause):
        number = next(i for i, name in enumerate(MONTHS, 1) if name.lower() == month.lower())
        days.append(date(int(year) + number // 12, number % 12 + 1, 1))  # the plan holds to the month's end
    return [day for day in days if day is not None]


def lapsed(clause: str, spoken: date | None, today: date) -> bool:
    """Whether a document's clause plans something for days that have all passed since it was written: "Ein
    Evaluationsbericht für das erste Betriebsjahr folgt im April 2026" of March, "Über einen Regelbetrieb
    soll der Finanzausschuss in seiner Sitzung am 19.11.2026 entscheiden" – read in December, the plan reads
    as still ahead, and whatever happened since is in a later source, not in this sentence."""
    if spoken is None or not _PLANS.search(clause) or _TOLD.search(clause) or _HISTORY.search(clause):
        return False
    days = _days_named(clause)
    return bool(days) and all(spoken < day <= today for day in days)


_EXTENDS = re.compile(r"\bverlänger\w*", re.IGNORECASE)


def extended_trial(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> str:
    """The title of a source speaking after the register row's update that extends the application's trial
    beyond the end the row gives ("Die Landrätin habe am 22.09.2026 entschieden, den Pilot bis zum 30.06.2027
    zu verlängern" of DokuSort, registered "Ende: 31.12.2026" on 20.08.2026); empty where none does. The
    paragraph must call the application by one of the names it is ``called`` (``owned.called_names``)."""
    end, updated = iso_day(record.get("end_date")), iso_day(record.get("updated"))
    called = list(called)
    if end is None or not called:
        return ""
    for chunk, day in spoken_by(dated, today, {}):
        if updated is not None and day <= updated:
            continue
        # a section headed by the application's name speaks of it throughout ("4. Auralis" / "… bis zum … verlängert")
        headed = any(calls_name(c, chunk.metadata.get("section", "")) for c in called)
        for paragraph in chunk.text.split("\n"):
            if not (_EXTENDS.search(paragraph) and (headed or any(calls_name(c, paragraph) for c in called))):
                continue
            found = (calendar_day(*(g for g in m.groups() if g)) for m in _DEADLINE.finditer(paragraph))
            if any(later is not None and later > end for later in found):
                return chunk.title
    return ""


_PERIOD_START = re.compile(r"\b(?:vom|von|ab|seit|zwischen)\s+(?:dem\s+)?\d{1,2}\.(?:\d{1,2}\.)?(?:\d{2,4})?\s*$", re.I)


class ExtendedEnds:
    """The register's trial ends a later source extended (``extended_trial``), with the names each application
    is called by: a quote that gives such an end as the trial's ("Der Pilot … ist bis zum 31.08.2026 befristet"
    in a reply of June, where the Magistrat extended it in September to 28.02.2027) is overtaken with it."""

    def __init__(self, ends: Iterable[tuple[date, Sequence[str]]]) -> None:
        self._ends: dict[date, list[str]] = {}
        for day, called in ends:
            self._ends.setdefault(day, []).extend(called)

    def overtaken(self, clause: str, context: str) -> bool:
        """Whether the clause ends a trial on an extended end, of an application it or its ``context`` calls."""
        if not self._ends or _MOVED.search(clause):
            return False
        part = _deadline_part(clause)
        for found in _DEADLINE.finditer(part):
            if _PERIOD_START.search(part[: found.start()]):
                continue  # a period, what was done in it: "Vom 02.03. bis 31.08.2026 habe das System …"
            day = calendar_day(*(g for g in found.groups() if g))
            if day in self._ends and any(calls_name(name, f"{context} {clause}") for name in self._ends[day]):
                return True
        return False


NEAR = 80  # characters after an application's name that still speak of it


def called_at(name: str, text: str) -> list[re.Match[str]]:
    """Where ``text`` calls an application by ``name`` (as ``_calls``)."""
    before, after = ("", "") if len(name) >= 4 else (r"(?<![\w-])", r"(?![\w-])")
    return list(re.finditer(before + re.escape(name) + after, text))


def calls_name(name: str, text: str) -> bool:
    """Whether ``text`` calls an application by ``name`` (``owned.called_names``): a name of four letters
    or more anywhere ("DokuSorts"), an acronym ("ELA") as a word of its own."""
    if len(name) >= 4:
        return name in text
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


def iso_day(text: str | None) -> date | None:
    """The day an ISO date ("2026-10-01") names, None for anything else."""
    try:
        return date.fromisoformat(text) if text and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None
