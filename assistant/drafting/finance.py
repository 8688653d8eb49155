"""Financial implications of a motion's demand, computed in code: every amount the demand names
compared with what budget.csv plans for the same purpose (category) in the same years, on which
budget lines, and what would be additional. Each budget row is cited on its own line of the
table; the sums and differences are computed here, never by the model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant.domain import Chunk, Table
from assistant.drafting import lexicon as lx
from assistant.drafting.citing import Register, line_of
from assistant.drafting.demands import DEVICES, PURPOSES, Amount, Demand, Per, labels, purposes_of
from assistant.drafting.named import about_systems, names_money
from assistant.drafting.relevance import related
from assistant.drafting.subject import departments, own_name, says, short_name
from assistant.kb.chunk import budget_chunk, document_chunks, euro
from assistant.kb.keyword import analyze
from assistant.kb.model import KnowledgeBase, Record
from assistant.text import sentences_of

STATUS = {
    "adopted": "beschlossen",
    "draft": "im Entwurf, nicht beschlossen",
    "proposed": "angemeldet, nicht beschlossen",
    "planning": "in der Finanzplanung vorgesehen, nicht beschlossen",
}


def planning_years(kb: KnowledgeBase) -> frozenset[int]:
    """The years of the medium-term financial plan: years whose budget rows are all ``proposed``."""
    years = {_int(r.get("year")) for r in kb.budget}
    budgeted = {_int(r.get("year")) for r in kb.budget if (r.get("status") or "adopted") != "proposed"}
    return frozenset(years - budgeted)


def state_of(row: Record, planning: frozenset[int]) -> str:
    """A row's status, with ``proposed`` told apart: beside adopted or draft rows of its year it is a
    department's request the budget does not contain ("angemeldet"); in a year of ``planning_years`` it
    is a figure of the medium-term financial plan ("planning"), which plans for that year."""
    found = row.get("status") or "adopted"
    return "planning" if found == "proposed" and _int(row.get("year")) in planning else found


def status(row: Record, kb: KnowledgeBase) -> str:
    """``state_of`` for one row (reads the whole budget: for many rows, take ``planning_years`` once)."""
    return state_of(row, planning_years(kb))


COLUMNS = ("Jahr", "Zweck", "Haushaltsstelle", "Bezeichnung", "Ansatz", "Stand", "Quelle")


@dataclass(frozen=True)
class Comparison:
    """One demanded amount against the budget: per demanded year what is planned and what is missing."""

    amount: Amount
    years: tuple[int, ...]
    planned: dict[int, int] = field(hash=False)
    additional: dict[int, int] = field(hash=False)
    rows: tuple[Record, ...] = ()  # the budget rows that plan for the amount's purpose in its years
    context: tuple[Record, ...] = ()  # rows of the same kind that do not cover it (existing posts, proposals)
    last_year: int = 0  # the last year the budget data reaches
    planning: frozenset[int] = frozenset()  # years of the medium-term financial plan only (``status``)
    # the named application's rows of the amount's kind in other years only (its pilot licences of 2026)
    elsewhere: tuple[Record, ...] = ()

    def state(self, row: Record) -> str:
        return state_of(row, self.planning)

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.get("budget_line") for r in self.rows))


def _int(value: str) -> int:
    try:
        return round(float(value))
    except ValueError:
        return 0


def rows_for(kb: KnowledgeBase, purposes: Sequence[str], years: Sequence[int]) -> list[Record]:
    wanted = {str(y) for y in years}
    return [r for r in kb.budget if r.get("year") in wanted and r.get("category") in purposes]


_INVESTMENT = re.compile(r"investition|investiv|vermögenshaushalt", re.IGNORECASE)  # kameral: the capital budget


_RUNNING = frozenset({"operations", "other"})  # setting up and running a thing: all of its rows


def own_rows(application: Record, kb: KnowledgeBase) -> list[Record]:
    """An application's budget rows: on its budget line carrying a word of its name (a shared line, an IT
    fee, is not its budget), or anywhere carrying its whole name ("<name>: Zusatzmodul …")."""
    line, name = application.get("budget_line"), application.get("name")
    own = _name_words(name)
    return [
        r for r in kb.budget
        if (line and r.get("budget_line") == line and own & _title_terms(r.get("title")))
        or (name and name.lower() in r.get("title").lower())
        or _called_in(application, r.get("title"), kb)
    ]  # fmt: skip


def _one_word_name(name: str) -> str:
    """An application's own one-word name: "HafenPuls" of "HafenPuls – Liegeplatzprognose …"."""
    own = short_name(name)
    return own if len(own) >= 4 and " " not in own else ""


def _called_in(application: Record, title: str, kb: KnowledgeBase) -> bool:
    """Whether a row's title calls the application by its own one-word name ("Hafen: HafenPuls – Entwicklung"),
    not by another application's longer name that contains it ("KassenAssist Vollstreckung")."""
    word = _one_word_name(application.get("name"))
    if not word or not says(word, title):
        return False
    longer = (short_name(other.get("name")).lower() for other in kb.inventory if other is not application)
    return not any(word.lower() in own and own != word.lower() and own in title.lower() for own in longer)


@lru_cache(maxsize=4096)
def _title_terms(title: str) -> frozenset[str]:
    """A budget row title's terms, analysed once (every application's rows are looked up per demand)."""
    return frozenset(analyze(title))


_NOUN = re.compile(r"\b[A-ZÄÖÜ][\wäöüß]*")


def _name_words(text: str) -> set[str]:
    """Stems of the nouns and names of a text, whole ("KI-gestützte" and a compound's parts name nothing)."""
    words = (w for w in _NOUN.findall(text) if len(w) >= 5 or (w.isupper() and len(w) >= 3))
    return {stem for w in words for stem in analyze(w)[:1]} - _GENERIC


def named_by_words(demand: str, kb: KnowledgeBase) -> list[Record]:
    """The applications whose own names share words with the demand; of two that share a name, the one
    the demand names more fully ("TerminLotse … in der Ausländerbehörde": that one, not the Bürgerämter's)."""
    asked = _name_words(demand)
    shared = [(a, asked & _name_words(own_name(a.get("name")))) for a in kb.inventory]
    shared = [(a, words) for a, words in shared if words]
    return [a for a, words in shared if not any(words < other for _, other in shared)]


def application_rows(
    amount: Amount, kb: KnowledgeBase, demand: str, years: Sequence[int], running_apart: bool = False
) -> list[Record]:
    """For an amount of a demand that names an application with budget rows of its own, or systems in a
    department (its applications): those of the amount's purposes ("Servertechnik": its investive rows),
    or, for setting it up and running it ("Für Einrichtung und Betrieb … 30.000 Euro"), all of them,
    whatever category the budget files them under. ``running_apart``: the demand names the money for
    running it apart ("für den Ausbau … 75.000 € und für den Betrieb … 25.000 €")."""
    units = set(departments(demand, kb)) if about_systems(demand) else set()  # "der KI-Anwendungen im Bauamt"
    wanted = {str(y) for y in years}
    rows: list[Record] = []
    named: list[Record] = []  # of each application, its rows whose title names what the amount is for, else all
    for application in named_by_words(demand, kb) + [a for a in kb.inventory if a.get("department") in units]:
        own = [r for r in own_rows(application, kb) if r.get("year") in wanted and r not in rows]
        rows += own
        named += on_subject(own, amount) or own  # "für die Erweiterung": "Kranich – Erweiterung …", not its Betrieb
    if amount.purposes == ("other",):  # its words name no kind of money ("für den Ausbau")
        return _not_running(named) if running_apart else named
    same = [r for r in rows if r.get("category") in amount.purposes]
    if same or not set(amount.purposes) <= _RUNNING:
        return same
    return [r for r in rows if _runs(r)] or rows  # "für den Betrieb": "Brücki – Betrieb …", not its extension


def budgeted_in_other_years(amount: Amount, kb: KnowledgeBase, demand: str) -> list[Record]:
    """The rows of the amount's kind an application the demand names has in the budget, when none lies in
    the amount's years (Copilot's pilot licences of 2026 for licences from 2027): then nothing is planned
    for it, and the year's licences of other applications are not its money."""
    return [r for a in named_by_words(demand, kb) for r in own_rows(a, kb) if r.get("category") in amount.purposes]


def _runs(row: Record) -> bool:
    """A row whose title says it is for running a thing ("Brücki – Betrieb des KI-Chatassistenten")."""
    return "operations" in purposes_of(row.get("title"))


def _not_running(rows: list[Record]) -> list[Record]:
    """Of an application's rows, for money that is not for running it ("für den Ausbau einmalig 75.000 €"),
    those not titled for running it – unless that is all of them."""
    return [r for r in rows if not _runs(r)] or rows


# Devices by name are what an amount is for ("Fahrbahnsensoren": the sensor rows, not every device of the year).
_DEVICES = re.compile(DEVICES, re.IGNORECASE)
# Words of an amount's clause that say what kind of money it is, not what it is for.
_MONEY_WORDS = re.compile(
    "|".join(pattern for _, pattern in PURPOSES)
    + r"|haushalt|wirtschaftsplan|finanzplan|mittel|euro|jahr|summe|investition|ausgabe|kosten|aufwand|betrag|"
    r"ansatz|budget",
    re.IGNORECASE,
)


_WHOLE_NOUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\wäöüß]*(?![\w-])")  # not "Hard" of "Hard- und Software"


def on_subject(rows: list[Record], amount: Amount) -> list[Record]:
    """Of a category's rows, those whose title names what the amount's clause names ("Tablets … der
    Feuerwehr": the fire brigade's tablets and licences, not every device and licence of the year);
    all of them when no title names any of it – unless the clause named no kind of money: the rows filed
    under "other" are not what it is for."""
    subject = _subject(amount)
    named = [r for r in rows if subject & _title_terms(r.get("title"))]
    return named or ([] if amount.purposes == ("other",) else rows)


_BRACKETS = re.compile(r"\([^)]*\)")


def owned_rows(kb: KnowledgeBase) -> set[int]:
    """The budget rows that are some application's own (``own_rows``), by identity."""
    return {id(r) for application in kb.inventory for r in own_rows(application, kb)}


def ai_money(row: Record, owned: set[int]) -> bool:
    """Whether a budget row is AI money: an application's own, or titled so outside its brackets (not
    "Personalaufwand (2,0 VZÄ, davon 0,5 VZÄ KI-Koordination)")."""
    if lx.NO_AI.search(f"{row.get('title')} {row.get('note')}"):
        return False  # "Entgelte an das ITDZ – IKT-Basisdienst Standardarbeitsplatz (kein KI-Bezug)"
    return id(row) in owned or bool(lx.AI_NAMED.search(_BRACKETS.sub(" ", row.get("title"))))


def on_ai(rows: list[Record], amount: Amount, kb: KnowledgeBase) -> list[Record]:
    """For money the demand names for AI ("für Fortbildungen zu Künstlicher Intelligenz"), of a category's
    rows those that are AI money when the budget also holds the category's general rows for digitalisation or
    the whole staff ("Allgemeine Aus- und Fortbildung")."""
    if not lx.AI_NAMED.search(amount.phrase):
        return rows
    owned = owned_rows(kb)
    return [r for r in rows if ai_money(r, owned)] or rows


def _named_rows(amount: Amount, kb: KnowledgeBase, years: Sequence[int]) -> list[Record]:
    """For an amount whose words name no category ("Für die Übertragung in Leichte Sprache und die Prüfung
    der Texte …"), the rows of any category whose title names what it is for; none for one that names a
    category."""
    if amount.purposes != ("other",):
        return []
    subject, wanted = _subject(amount), {str(y) for y in years}
    least = min(2, len(subject))  # one shared part of a compound ("Sprachbrücke", "Datenübertragung") is chance
    return [
        r for r in kb.budget
        if r.get("year") in wanted and subject and len(subject & _title_terms(r.get("title"))) >= least
    ]  # fmt: skip


def _titled_rows(amount: Amount, kb: KnowledgeBase, years: Sequence[int]) -> list[Record]:
    """For an amount of a category with no row in its years, the rows of another category whose title names
    at least two things it is for ("Beschaffung der Kamerasysteme und die Erstbefahrung": the line
    "Kamerasysteme, Einrichtung und Erstbefahrung" that the budget files under other)."""
    subject, wanted = _subject(amount), {str(y) for y in years}
    return [
        r for r in kb.budget
        if r.get("year") in wanted and len(subject & _title_terms(r.get("title"))) >= 2
    ]  # fmt: skip


def _subject(amount: Amount) -> set[str]:
    """Stems of the nouns of an amount's clause that say what it is for (not "Haushalt", "Software")."""
    return _things(amount.phrase)


def _things(text: str) -> set[str]:
    nouns = [w for w in _WHOLE_NOUN.findall(text) if len(w) >= 4 and (_DEVICES.search(w) or not _MONEY_WORDS.search(w))]
    return {stem for w in nouns for stem in analyze(w)[:1]} - _GENERIC


def _pointed_rows(amount: Amount, kb: KnowledgeBase, pointed: str, years: Sequence[int]) -> list[Record]:
    """For an amount for what another demand asks ("für die Veröffentlichung nach Nr. 1 … 40.000 €") whose
    own words find no row: the rows whose title names what that demand's first sentence is about ("ein
    Verzeichnis aller KI-Anwendungen": "KI-Register im Transparenzportal – Einrichtung des Moduls")."""
    first = next(iter(re.split(r"(?<=[.;:])\s", pointed.strip())), "")
    subject, wanted = _things(first), {str(y) for y in years}
    if amount.purposes != ("other",) or not subject:
        return []
    return [r for r in kb.budget if r.get("year") in wanted and subject & _title_terms(r.get("title"))]


def covers(row: Record, amount: Amount, planning: frozenset[int], kb: KnowledgeBase, raised: bool = False) -> bool:
    """Whether a row of the amount's category plans for what the amount is for: never a mere request
    (``state_of`` proposed), never an existing post for posts the demand wants created – but a post the
    budget itself creates in the amount's years (its line has no row before them) is planned for it, and so
    are the existing posts where the demand ``raised`` them to a number ("auf zwei Vollzeitstellen zu
    erhöhen und hierfür insgesamt 130.000 €": the money for both)."""
    if state_of(row, planning) == "proposed":
        return False
    return "personnel" not in amount.purposes or raised or _new_line(row, amount.years, kb)


# Posts raised to a number, the existing ones among them: "auf zwei Vollzeitstellen zu erhöhen", "aufzustocken".
_RAISED = re.compile(
    r"\bauf\s+(?:\w+\s+){0,3}(?:vollzeit)?stellen\b[^.;]{0,40}?\b(?:zu\s+)?(?:erhöh|aufzustock|aufstock|auszubau|ausbau)",
    re.IGNORECASE,
)
# Money for the council's own members ("für die Mitglieder der Gemeindevertretungen"): not the staff's training.
_COUNCIL = re.compile(
    r"\bmitglieder\w*\s+(?:der|des)\s+(?:gemeindevertretung|rat|rates|stadtrat|gemeinderat|kreistag|amtsausschuss|"
    r"ausschüsse|gremien|bezirksverordnetenversammlung|stadtverordnetenversammlung)|mandatsträger|ratsmitglieder|"
    r"kreistagsmitglieder|kreistagsabgeordnete|gemeindevertreter|bezirksverordnete|kommunalpolitiker",
    re.IGNORECASE,
)


def _for_council(rows: list[Record], amount: Amount) -> list[Record]:
    """For money for the council's members, only the rows that name them."""
    if not _COUNCIL.search(amount.part or amount.phrase):
        return rows
    return [r for r in rows if _COUNCIL.search(f"{r.get('title')} {r.get('note')}")]


def _new_line(row: Record, years: Sequence[int], kb: KnowledgeBase) -> bool:
    """Whether the row's budget line first appears in ``years`` (a post created there, not one that exists)."""
    first = min(years, default=0)
    line = row.get("budget_line")
    return bool(line) and not any(
        r.get("budget_line") == line and r.get("year").isdigit() and int(r.get("year")) < first for r in kb.budget
    )


def compare(
    amount: Amount, kb: KnowledgeBase, demand: str = "", pointed: str = "", running_apart: bool = False
) -> Comparison:
    """The amount against the budget: the rows of an application the demand names (``application_rows``),
    else the rows of the amount's purposes, in its years; ``pointed``: the text of the demands the amount
    is for ("nach Nr. 1"), already part of ``demand``; ``running_apart``: another amount of the demand is
    for running it."""
    years = amount.years
    last = max([int(r.get("year")) for r in kb.budget if r.get("year").isdigit()] + [0])
    if amount.open_ended:  # "ab 2026 jährlich": every year the budget data reaches, at least the first
        years = tuple(range(years[0], max(last, years[-1]) + 1))
    found = application_rows(amount, kb, demand, years, running_apart)
    found += [r for r in _named_rows(amount, kb, years) if r not in found]
    elsewhere: list[Record] = []
    if not found:
        category = rows_for(kb, amount.purposes, years)
        titled = [r for r in category if _subject(amount) & _title_terms(r.get("title"))]
        elsewhere = [] if titled else budgeted_in_other_years(amount, kb, demand)
        if not elsewhere:
            found = (
                titled
                or on_ai(on_subject(category, amount), amount, kb)
                or _titled_rows(amount, kb, years)
                or _pointed_rows(amount, kb, pointed, years)
            )
    found = [r for r in found if not lx.is_income(r.get("title"), r.get("note"))]  # named beside, never planned
    found = _for_council(found, amount)
    if _INVESTMENT.search(amount.phrase):  # "Investitionen in Hard- und Software": the investive rows only
        found = [r for r in found if r.get("kind") == "investive"]
    planning = planning_years(kb)
    raised = bool(_RAISED.search(demand))
    rows = [r for r in found if covers(r, amount, planning, kb, raised)]
    # Beside rows free for it, a row whose money is bound to something else plans nothing for the amount
    # (the library's RFID machines beside its learning lab); alone, it is the category's money, bound.
    subject = _subject(amount)
    free = [r for r in rows if not _bound_elsewhere(r, subject)]
    if any(subject & _title_terms(r.get("title")) for r in free):
        rows = free
    planned = {year: sum(_int(r.get("planned_eur")) for r in rows if r.get("year") == str(year)) for year in years}
    additional = {year: amount.euros - planned[year] for year in years}
    context = tuple(r for r in found if r not in rows)
    amount = _of_its_line(amount, rows, kb)
    return Comparison(amount, years, planned, additional, tuple(rows), context, last, planning, tuple(elsewhere))


_KINDS = frozenset(name for name, _ in PURPOSES)


def _of_its_line(amount: Amount, rows: Sequence[Record], kb: KnowledgeBase) -> Amount:
    """An amount whose words name no kind of money ("hierfür … 15.000 €") compared with an application's own
    line of one kind (its licences): money of that kind."""
    kinds = {r.get("category") for r in rows}
    if amount.purposes != ("other",) or len(kinds) != 1 or not kinds <= _KINDS:
        return amount
    owned = owned_rows(kb)
    return replace(amount, purposes=tuple(kinds)) if all(id(r) in owned for r in rows) else amount


def _years_text(years: Sequence[int]) -> str:
    if len(years) == 1:
        return str(years[0])
    if list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]} bis {years[-1]}" if len(years) > 2 else f"{years[0]} und {years[-1]}"
    return ", ".join(str(y) for y in years[:-1]) + f" und {years[-1]}"


def _grouped(values: dict[int, int]) -> list[tuple[list[int], int]]:
    """Consecutive years with the same value together: 2028 and 2029 "je 100.000 Euro"."""
    groups: list[tuple[list[int], int]] = []
    for year, value in values.items():
        if groups and groups[-1][1] == value and groups[-1][0][-1] == year - 1:
            groups[-1][0].append(year)
        else:
            groups.append(([year], value))
    return groups


def _money(value: int) -> str:
    return euro(str(value))


def _per_years(values: dict[int, int], by: str = "") -> str:
    parts = []
    for years, value in _grouped(values):
        each = "je " if len(years) > 1 else ""
        parts.append(f"{_years_text(years)} {by}{each}{_money(value)}")
    return ", ".join(parts[:-1]) + (" und " if len(parts) > 1 else "") + parts[-1]


def _for(amount: Amount, plain: str = "dafür") -> str:
    """What the money is for, as the sentences say it: "für Schulungen"; an amount whose words name no kind
    of money is not "für Sonstiges" but ``plain``."""
    return plain if amount.purposes == ("other",) else f"für {amount.purpose_label}"


def _demanded(amount: Amount, years: Sequence[int]) -> str:
    how = "pro Jahr" if amount.per is Per.YEAR else "einmalig"
    span = f"ab {years[0]}" if amount.open_ended else ("für " + _years_text(years))
    purpose = _for(amount, "")
    return f"Der Antrag sieht {purpose + ' ' if purpose else ''}{_money(amount.euros)} {how} {span} vor."


def _cite_rows(rows: Sequence[Record], register: Register) -> dict[str, str]:
    """Every budget row cited on its "Ansatz" line; the marker per row (year:line)."""
    markers = {}
    for row in rows:
        chunk: Chunk = budget_chunk(row)
        markers[chunk.source_id] = register.cite_chunk(chunk, line_of(chunk, "Ansatz"))
    return markers


def sentences(
    comparison: Comparison,
    register: Register,
    uncovered: set[int] | frozenset[int] = frozenset(),
    restated: set[int] | frozenset[int] = frozenset(),
) -> list[str]:
    """The Finanzielle Auswirkungen of one amount: demanded, planned (cited per row), additional; a year in
    ``uncovered`` is not said to be covered (a note sets less aside for the demand's subject), a year in
    ``restated`` gets no additional sum by category (its money is bound; ``_bound_sentences`` says the gap)."""
    amount, years = comparison.amount, comparison.years
    said = [_demanded(amount, years)]
    markers = _cite_rows(comparison.rows, register)
    with_rows = [y for y in years if any(r.get("year") == str(y) for r in comparison.rows)]
    if with_rows:
        parts = []
        for year in with_rows:
            cited = "".join(markers[budget_chunk(r).source_id] for r in comparison.rows if r.get("year") == str(year))
            parts.append(f"{year} {_money(comparison.planned[year])} {cited}")
        lines = ", ".join(comparison.lines)
        where = "Haushaltsstellen" if len(comparison.lines) > 1 else "Haushaltsstelle"
        if any(comparison.state(r) == "planning" for r in comparison.rows):  # a year of the financial plan
            lead = f"Im Haushalt und in der mittelfristigen Finanzplanung sind {_for(amount)} vorgesehen"
        else:
            lead = f"Im Haushalt sind {_for(amount)} veranschlagt"
        said.append(f"{lead}: {', '.join(parts)} ({where} {lines}).")
        said += _pending(comparison, markers)
    said += _context_sentences(comparison, register)
    if comparison.elsewhere:
        return said + _elsewhere_sentences(comparison, register)
    named = {r.get("year") for r in comparison.context}  # said above: planned for something else
    without = [y for y in years if y not in with_rows and str(y) not in named and y <= comparison.last_year]
    if without:
        said.append(f"Für {_years_text(without)} sind in den Haushaltsdaten {_for(amount)} keine Mittel veranschlagt.")
    if beyond := [y for y in years if y > comparison.last_year]:
        said.append(
            f"Für {_years_text(beyond)} liegen noch keine Haushaltsdaten vor; der beantragte Betrag wäre dort "
            "vollständig zusätzlich zu veranschlagen."
        )
    more = {y: v for y, v in comparison.additional.items() if v > 0 and y <= comparison.last_year and y not in restated}
    if more:
        # the gap, not a need: why no more is needed or fundable the Sachstand says, if the sources do
        said.append(
            f"Der im Antrag genannte Betrag liegt damit über den veranschlagten Mitteln: {_per_years(more, 'um ')}."
        )
    covered = [y for y, v in comparison.additional.items() if v <= 0 and y not in uncovered]
    if budgeted := [y for y in covered if y not in comparison.planning]:
        said.append(f"Für {_years_text(budgeted)} ist bereits mindestens der beantragte Betrag veranschlagt.")
    if planned := [y for y in covered if y in comparison.planning]:
        said.append(
            f"Für {_years_text(planned)} sieht die Finanzplanung bereits mindestens den beantragten Betrag vor."
        )
    return said


def _pending(comparison: Comparison, markers: dict[str, str]) -> list[str]:
    """ "Die Ansätze 2027 auf den Haushaltsstellen a, b sind im Entwurf, nicht beschlossen [1][2].", one
    sentence per year and state."""
    groups: dict[tuple[str, str], list[Record]] = {}
    for row in comparison.rows:
        if comparison.state(row) != "adopted":
            groups.setdefault((row.get("year"), comparison.state(row)), []).append(row)
    said = []
    for (year, status), group in groups.items():
        state = STATUS.get(status, status)
        cited = "".join(markers[budget_chunk(r).source_id] for r in group)
        lines = ", ".join(r.get("budget_line") for r in group)
        if len(group) == 1:
            said.append(f"Der Ansatz {year} auf der Haushaltsstelle {lines} ist {state} {cited}.")
        else:
            said.append(f"Die Ansätze {year} auf den Haushaltsstellen {lines} sind {state} {cited}.")
    return said


_NOTE_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+\s*(?:€|Euro)|\d+\s*(?:€|Euro)")
_GENERIC = frozenset(
    analyze(
        "Euro Haushalt Haushaltsjahr Mittel Lizenz Lizenzen Kosten KI Betrieb Stelle Jahr jährlich sonstige Pilot "
        "Test Testbetrieb Erprobung Stadt Verwaltung Stadtverwaltung Kreisverwaltung Gemeindeverwaltung "
        "Landkreis Gemeinde Bezirksamt Landratsamt"  # "Lotte – Textassistent der Stadtverwaltung" is not named so
    )
)


def noted(row: Record, part: str, register: Register, lead: str) -> str:
    """ "<lead> ist vermerkt: „<part of the row's note>“ [n]." cited on the row's "Bemerkung" line."""
    chunk = budget_chunk(row)
    return f"{lead} ist vermerkt: „{part}“ {register.cite_chunk(chunk, line_of(chunk, 'Bemerkung'))}."


def _euro_value(text: str) -> int | None:
    found = _NOTE_AMOUNT.search(text)
    return _int(re.sub(r"\D", "", found.group(0))) if found else None


def earmarked(comparison: Comparison, demand: str, kb: KnowledgeBase) -> list[tuple[Record, str, int | None]]:
    """What a row's note sets aside for an application the demand names ("FalkText im Regelbetrieb …
    72.000 €" in a licence row of 88.000 €): the row, the note's part and its amount. A part must share
    a word of an application's name with the demand ("Beschäftigte" in both names nothing)."""
    names = {t for r in kb.inventory for t in analyze(r.get("name")) if len(t) >= 5} - _GENERIC
    asked = {t for t in analyze(demand) if len(t) >= 5} & names
    found = []
    for row in comparison.rows:
        for part in re.split(r"[;,]\s+", row.get("note") or ""):
            if _NOTE_AMOUNT.search(part) and set(analyze(_NOTE_AMOUNT.sub(" ", part))) & asked:
                found.append((row, part.strip(), _euro_value(part)))
    return found


def statement(comparison: Comparison, demand: str, kb: KnowledgeBase, register: Register) -> list[str]:
    """The Finanzielle Auswirkungen of one amount (``sentences``), measured also against what a row's note
    sets aside for an application the demand names: a licence row that covers 100.000 Euro by category
    holds only 72.000 Euro for FalkText, so the year is not said to be covered. With two such parts in
    one year the notes are quoted, not added up."""
    notes = earmarked(comparison, demand, kb)
    per_year = Counter(row.get("year") for row, _, euros in notes if euros)
    held = _held(comparison)
    uncovered = {_int(year) for year in per_year} | {y for y in held if comparison.additional[y] + held[y] > 0}
    bound_said, restated = _bound_sentences(comparison, held, register, quoted={id(row) for row, _, _ in notes})
    said = sentences(comparison, register, uncovered=uncovered, restated=restated) + bound_said
    for row, part, euros in notes:
        year = row.get("year")
        said.append(noted(row, part, register, f"Zum Ansatz {year} auf der Haushaltsstelle {row.get('budget_line')}"))
        if euros and per_year[year] == 1 and comparison.amount.euros > euros:
            said.append(
                f"Gemessen an dem dort vorgesehenen Betrag wären {year} "
                f"{_money(comparison.amount.euros - euros)} zusätzlich erforderlich."
            )
    return said + _income_sentences(comparison, kb, register)


# A row that brings money in, not out: a grant, a reimbursement ("Zuwendung des Landes … (Einzahlung)").
def _income_sentences(comparison: Comparison, kb: KnowledgeBase, register: Register) -> list[str]:
    """Grants and other income on the amount's subject in its years, named beside it (not netted: whether
    a grant also covers what the demand adds is the clerk's to say)."""
    subject, years = _subject(comparison.amount), {str(y) for y in comparison.years}
    rows = [
        r for r in kb.budget
        if r.get("year") in years and lx.is_income(r.get("title"), r.get("note"))
        and subject & _title_terms(r.get("title"))
        and r not in comparison.rows
    ]  # fmt: skip
    if not rows:
        return []
    return [f"Dem stehen Einnahmen gegenüber: {_listed(rows, register, '(„{title}“)')}."]


def _listed(rows: Sequence[Record], register: Register, title: str) -> str:
    """Rows as "<year> <amount> <title> [n]; …", each cited; ``title`` places the row's title."""
    markers = _cite_rows(rows, register)
    return "; ".join(
        f"{r.get('year')} {_money(_int(r.get('planned_eur')))} {title.format(title=r.get('title'))} "
        + markers[budget_chunk(r).source_id]
        for r in rows
    )


# A row's note that takes its money out of reach of a new demand.
_BOUND = re.compile(r"\bgebunden\b|keine\s+freien\s+Mittel|keine\s+Ausweitung", re.IGNORECASE)


def bound(row: Record) -> bool:
    """Whether the row's note binds its money ("vollständig gebunden für den Rahmenvertrag …")."""
    return bool(_BOUND.search(row.get("note") or ""))


def _binding(row: Record) -> str:
    """The part of a row's note that binds its money ("vollständig gebunden für …"), or ""."""
    return next((p for p in re.split(r";\s+", row.get("note") or "") if _BOUND.search(p)), "")


def _bound_elsewhere(row: Record, subject: set[str]) -> bool:
    """A row bound to something other than the amount's ``subject`` (``_subject``): money "gebunden für die
    Beschaffung von zwölf Tablets für die Führungsfahrzeuge" is the money for a demand on the fire brigade's
    tablets."""
    part = _binding(row)
    return bool(part) and not (subject & set(analyze(part)))


def _held(comparison: Comparison) -> dict[int, int]:
    """Per year, what the comparison's rows hold that their notes bind elsewhere."""
    held: dict[int, int] = {}
    subject = _subject(comparison.amount)
    for row in comparison.rows:
        if _bound_elsewhere(row, subject):
            year = _int(row.get("year"))
            held[year] = held.get(year, 0) + _int(row.get("planned_eur"))
    return held


def _bound_sentences(
    comparison: Comparison, held: dict[int, int], register: Register, quoted: set[int]
) -> tuple[list[str], set[int]]:
    """The notes that bind a row (unless ``quoted`` as earmarked already), and per
    year with bound money what would be additional without it: a new demand cannot draw on money bound to
    an existing contract. Also the years whose gap is said here in figures, so that the category's smaller
    gap is not said beside it."""
    said: list[str] = []
    restated: set[int] = set()
    subject = _subject(comparison.amount)
    for row in comparison.rows:
        if id(row) in quoted:
            continue
        if part := _binding(row):
            lead = f"Zum Ansatz {row.get('year')} auf der Haushaltsstelle {row.get('budget_line')}"
            said.append(noted(row, part.strip(), register, lead))
    for year in sorted(held):
        free = max(comparison.planned[year] - held[year], 0)
        need = comparison.amount.euros - free
        if need <= max(comparison.additional[year], 0):
            continue
        unbound = [
            _int(r.get("planned_eur"))
            for r in comparison.rows
            if r.get("year") == str(year) and not _bound_elsewhere(r, subject)
        ]
        if not free:
            restated.add(year)
            said.append(
                f"Da diese Mittel gebunden sind, stünden {year} für den Antrag keine Mittel zur Verfügung; "
                f"der beantragte Betrag wäre in voller Höhe zusätzlich erforderlich."
            )
        elif unbound == [free]:  # every figure shown is a cited one or the demand's amount less a cited one
            restated.add(year)
            said.append(
                f"Da {_money(held[year])} davon gebunden sind, stünden {year} für den Antrag nur {_money(free)} "
                f"zur Verfügung; zusätzlich erforderlich wären damit {_money(need)}."
            )
        else:
            said.append(f"Die gebundenen Mittel stehen {year} für den Antrag nicht zur Verfügung.")
    return said, restated


def _elsewhere_sentences(comparison: Comparison, register: Register) -> list[str]:
    """The named application's money lies in other years only: where and when it was planned, and that the
    demanded amount would be wholly additional."""
    markers = _cite_rows(comparison.elsewhere, register)
    amount, first = comparison.amount, comparison.years[0]
    said = []
    for line in dict.fromkeys(r.get("budget_line") for r in comparison.elsewhere):
        rows = [r for r in comparison.elsewhere if r.get("budget_line") == line]
        parts = ", ".join(
            f"{r.get('year')} {_money(_int(r.get('planned_eur')))} {markers[budget_chunk(r).source_id]}" for r in rows
        )
        said.append(
            f"Auf der Haushaltsstelle {line} („{rows[0].get('title')}“) sind nur für andere Jahre Mittel "
            f"veranschlagt: {parts}."
        )
    how = f"je {_money(amount.euros)} jährlich" if amount.per is Per.YEAR else _money(amount.euros)
    said.append(
        f"Ab {first} sind dafür keine Mittel veranschlagt; der beantragte Betrag ({how}) wäre vollständig "
        "zusätzlich zu veranschlagen."
    )
    return said


def _context_sentences(comparison: Comparison, register: Register) -> list[str]:
    """Rows of the same kind that do not count against the amount, named as such."""
    said = []
    markers = _cite_rows(comparison.context, register)
    for row in comparison.context:
        marker = markers[budget_chunk(row).source_id]
        amount = f"{_money(_int(row.get('planned_eur')))} für „{row.get('title')}“ ({row.get('year')}) {marker}"
        if comparison.state(row) == "proposed":
            said.append(f"Nicht angerechnet werden {amount}, da sie angemeldet, aber nicht beschlossen sind.")
        elif part := _binding(row):  # bound to something else: the note says what for
            said.append(f"Nicht angerechnet werden {amount}, da diese Mittel gebunden sind.")
            lead = f"Zum Ansatz {row.get('year')} auf der Haushaltsstelle {row.get('budget_line')}"
            said.append(noted(row, part.strip(), register, lead))
        else:
            said.append(f"Nicht angerechnet werden {amount}, da sie für eine bestehende Aufgabe veranschlagt sind.")
    return said


def application_sentences(
    ids: Sequence[str], kb: KnowledgeBase, register: Register, since: int, stated: Mapping[str, str] | None = None
) -> list[str]:
    """For a demand about named applications ("wird abgeschaltet; die Mittel werden gestrichen"): the rows
    of their budget lines from ``since`` on that carry the application's name, with what their notes say
    (a contract's term). ``stated``: the rows an earlier demand's statement gave already (source id ->
    its number); those are referred to, not listed again."""
    said = []
    planning = planning_years(kb)
    for application in (r for r in kb.inventory if r.get("id") in ids and r.get("budget_line")):
        line, name = application.get("budget_line"), application.get("name")
        rows = [r for r in own_rows(application, kb) if r.get("budget_line") == line and _int(r.get("year")) >= since]
        if not rows:
            continue
        earlier = {(stated or {}).get(budget_chunk(r).source_id) for r in rows}
        if None not in earlier:  # every row was listed under an earlier demand
            said.append(f"Die Haushaltsansätze der Anwendung „{name}“ sind unter Nr. {min(earlier, key=str)} genannt.")
            continue
        markers = _cite_rows(rows, register)
        parts = [
            f"{r.get('year')} {_money(_int(r.get('planned_eur')))} "
            f"({_PLANNED.get(state_of(r, planning), 'veranschlagt')}) " + markers[budget_chunk(r).source_id]
            for r in rows
        ]
        said.append(f"Für die Anwendung „{name}“ sind auf der Haushaltsstelle {line} vorgesehen: {'; '.join(parts)}.")
        said += [
            noted(r, r.get("note").strip(), register, f"Zum Ansatz {r.get('year')}") for r in rows if r.get("note")
        ]
        said += line_notes(line, kb, register)
    return said


MAX_LINE_NOTES = 2  # documents that speak of one budget line, each with its sentence and the one after it


_ROW = re.compile(r"^\s*\|")  # a table row


def line_notes(line: str, kb: KnowledgeBase, register: Register) -> list[str]:
    """What documents say of a budget line by its number, with the sentence after it when that names an
    amount ("Entwurf …, 343100.527110: je 9.600 EUR" – "Bedarf ab 2027: 13.800 EUR jährlich -> Mehrbedarf
    4.200 EUR"): a later memo's need beside the draft budget's figure. Not of a draft."""
    said: list[str] = []
    pattern = re.compile(rf"(?<![\d.]){re.escape(line)}(?![\d])")
    for document in kb.documents:
        if len(said) >= MAX_LINE_NOTES:
            break
        if document.draft:
            continue
        for chunk in document_chunks(document):
            parts = sentences_of(chunk.text)
            at = next((i for i, part in enumerate(parts) if pattern.search(part) and names_money(part)), None)
            if at is None:
                continue
            # the next sentence goes on about this line; a table's next row is another line's
            quoted = [parts[at]] + [
                p for p in parts[at + 1 : at + 2] if names_money(p) and not pattern.search(p) and not _ROW.match(p)
            ]
            cited = " und ".join(f"„{q.rstrip('.')}“ {register.cite_chunk(chunk, q)}" for q in quoted)
            said.append(f"Zur Haushaltsstelle {line} ist im Dokument „{document.title}“ vermerkt: {cited}.")
            break
    return said


def planned_sentences(
    demand: Demand,
    kb: KnowledgeBase,
    register: Register,
    since: int,
    lines: Sequence[str] = (),
    named: Sequence[str] = (),
) -> list[str]:
    """For a demand that names no amount: what the budget plans for its purposes from ``since`` on (other
    than on ``lines``, said already), without the rows of applications other than the ``named`` ones (the
    Bauaufsicht's licence is no budget for transcribing council sessions)."""
    purposes = [p for p in demand.purposes if p != "other"]
    asked = {family for term in set(analyze(demand.text)) - _GENERIC for family in related(term)}
    years = sorted({int(r.get("year")) for r in kb.budget if r.get("year").isdigit() and int(r.get("year")) >= since})
    others = {id(r) for a in kb.inventory if a.get("id") not in named for r in own_rows(a, kb)}
    mine = {id(r) for a in kb.inventory if a.get("id") in named for r in own_rows(a, kb)}
    planning = planning_years(kb)
    rows = [
        r for r in rows_for(kb, purposes, years)
        if state_of(r, planning) != "proposed" and r.get("budget_line") not in lines  # a request is not planned
        and (id(r) not in others or r.get("category") == "training")  # a seminar on "Lotte" trains for all
        and not bound(r)  # bound to another purpose: not money for this demand
        and (id(r) in mine or _on_demand(r, asked))  # on what the demand is about, not all devices of the year
        and not lx.NO_AI.search(f"{r.get('title')} {r.get('note')}")  # "allgemeines Fortbildungsbudget (kein KI-Bezug)"
    ]  # fmt: skip
    if not rows:
        return []
    return [f"Für {labels(purposes)} sind im Haushalt veranschlagt: {_listed(rows, register, 'für „{title}“')}."]


def _on_demand(row: Record, asked: set[str]) -> bool:
    """Whether a row's title shares a word (or a word of its family) with the demand: "Übersetzungstablets"
    asks for the budget of translation devices, not for the road sensors that are hardware too."""
    return bool(asked & _title_terms(row.get("title")))


_PLANNED = {
    "adopted": "veranschlagt",
    "draft": "im Haushaltsentwurf veranschlagt",
    "proposed": "angemeldet, nicht beschlossen",
    "planning": "in der Finanzplanung vorgesehen, nicht beschlossen",
}


def row_sentence(row: Record, register: Register, kb: KnowledgeBase) -> str:
    """One budget row as a sentence of a Sachstand, cited on its "Ansatz" line."""
    chunk = budget_chunk(row)
    marker = register.cite_chunk(chunk, line_of(chunk, "Ansatz"))
    state = _PLANNED.get(status(row, kb), "veranschlagt")
    return (
        f"Für {row.get('year')} sind auf der Haushaltsstelle {row.get('budget_line')} „{row.get('title')}“ "
        f"{_money(_int(row.get('planned_eur')))} {state} {marker}."
    )


def table(comparisons: Sequence[Comparison], register: Register) -> Table | None:
    """One line per budget row and demanded purpose, with its source: the figures the sentences sum up."""
    rows = []
    for comparison in comparisons:
        for row in comparison.rows:
            chunk = budget_chunk(row)
            rows.append(
                (
                    row.get("year"),
                    comparison.amount.purpose_label,
                    row.get("budget_line"),
                    row.get("title"),
                    _money(_int(row.get("planned_eur"))),
                    STATUS.get(row.get("status"), row.get("status") or "–"),
                    register.cite_chunk(chunk, line_of(chunk, "Ansatz")),
                )
            )
    return Table(COLUMNS, tuple(rows)) if rows else None
