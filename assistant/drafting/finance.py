"""Financial implications of a motion's demand, computed in code: every amount the demand names
compared with what budget.csv plans for the same purpose (category) in the same years, on which
budget lines, and what would be additional. The sums and differences are computed here, never by
the model; ``finance_sentences.py`` says them, each budget row cited on its own line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.drafting import budget_change as bc
from assistant.drafting import lexicon as lx
from assistant.drafting.demands import DEVICES, PURPOSES, Amount, purposes_of
from assistant.drafting.named import about_systems
from assistant.drafting.owned import GENERIC_WORDS, name_words, own_rows, own_short_name, share_of, title_terms
from assistant.drafting.subject import departments, own_name
from assistant.kb.keyword import analyze
from assistant.kb.model import KnowledgeBase, Record

STATUS = {
    "adopted": "beschlossen",
    "draft": "im Entwurf, nicht beschlossen",
    "proposed": "angemeldet, nicht beschlossen",
    "planning": "in der Finanzplanung vorgesehen, nicht beschlossen",
}


def planning_years(kb: KnowledgeBase) -> frozenset[int]:
    """The years of the medium-term financial plan: years whose budget rows are all ``proposed``."""
    years = {whole(r.get("year")) for r in kb.budget}
    budgeted = {whole(r.get("year")) for r in kb.budget if (r.get("status") or "adopted") != "proposed"}
    return frozenset(years - budgeted)


def state_of(row: Record, planning: frozenset[int]) -> str:
    """A row's status, with ``proposed`` told apart: beside adopted or draft rows of its year it is a
    department's request the budget does not contain ("angemeldet"); in a year of ``planning_years`` it
    is a figure of the medium-term financial plan ("planning"), which plans for that year."""
    found = row.get("status") or "adopted"
    return "planning" if found == "proposed" and whole(row.get("year")) in planning else found


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
    change: bc.LineChange | None = None  # a budget motion's change of the line ("auf 90.000 € begrenzt")

    def state(self, row: Record) -> str:
        return state_of(row, self.planning)

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.get("budget_line") for r in self.rows))


def whole(value: str) -> int:
    try:
        return round(float(value))
    except ValueError:
        return 0


def rows_for(kb: KnowledgeBase, purposes: Sequence[str], years: Sequence[int]) -> list[Record]:
    wanted = {str(y) for y in years}
    return [r for r in kb.budget if r.get("year") in wanted and r.get("category") in purposes]


_INVESTMENT = re.compile(r"investition|investiv|vermögenshaushalt", re.IGNORECASE)  # kameral: the capital budget


_RUNNING = frozenset({"operations", "other"})  # setting up and running a thing: all of its rows


def named_by_words(demand: str, kb: KnowledgeBase) -> list[Record]:
    """The applications whose own names share words with the demand; of two that share a name, the one
    the demand names more fully ("TerminLotse … in der Ausländerbehörde": that one, not the Bürgerämter's), and
    of two it shares as much with, the one whose name it holds whole.
    The municipality's name is no application's ("Entsorgungsbetriebe Ochtumhaven" and "KIRA – … Ochtumhaven")."""
    asked = name_words(demand) - name_words(kb.municipality.name)
    shared = [(a, asked & name_words(_STATUS_NOTE.sub("", own_name(a.get("name"))))) for a in kb.inventory]
    shared = [(a, words) for a, words in shared if words]
    # "Kessi für alle Beschäftigten": Kessi, whose name it names whole, not "Frag Kessi", which shares as much
    said = set(re.findall(r"\w+", demand.lower()))
    whole = {id(a) for a, _ in shared if _words_of(own_short_name(a.get("name"))) <= said}
    # beside one named by its own name, not one that only shares the name of an office that one is not in
    # ("PostLotse … im Straßenverkehrsamt erneut erproben": not "Ahri – KI-Chatbot des Straßenverkehrsamts")
    homes = {a.get("department") for a, _ in shared if id(a) in whole}
    elsewhere = " ".join(_BRACKETS.sub(" ", d.name) for d in kb.municipality.departments if d.id not in homes)
    offices = name_words(elsewhere) if whole else set()
    return [
        a for a, words in shared
        if not any(words < other for _, other in shared)
        and (id(a) in whole or not any(id(b) in whole and other == words for b, other in shared))
        and (id(a) in whole or not words <= offices)
    ]  # fmt: skip


# A name's closing note on its state: "(Pilot)", "(geplant)", "(Vorhaben aufgegeben)" – no word it is called by.
_STATUS_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def _words_of(name: str) -> set[str]:
    """A short name's words, lower-case; a name without words is never said whole."""
    return set(re.findall(r"\w+", name.lower())) or {""}


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
    subject = subject_of(amount)
    named = [r for r in rows if subject & title_terms(r.get("title"))]
    return named or ([] if amount.purposes == ("other",) else rows)


_BRACKETS = re.compile(r"\([^)]*\)")


def owned_rows(kb: KnowledgeBase) -> set[int]:
    """The budget rows that are some application's own (``own_rows``), by identity."""
    return {id(r) for application in kb.inventory for r in own_rows(application, kb)}


def ai_money(row: Record, owned: set[int]) -> bool:
    """Whether a budget row is AI money: an application's own, or titled so outside its brackets and what it
    leaves out (not "Personalaufwand (2,0 VZÄ, davon 0,5 VZÄ KI-Koordination)", not "… – ohne neue Stelle KI-
    und Prozessmanagement")."""
    if lx.NO_AI.search(f"{row.get('title')} {row.get('note')}"):
        return False  # "Entgelte an das ITDZ – IKT-Basisdienst Standardarbeitsplatz (kein KI-Bezug)"
    title = _LEFT_OUT_PART.sub(" ", _BRACKETS.sub(" ", row.get("title")))
    return id(row) in owned or bool(lx.AI_NAMED.search(title))


# What a title leaves out, to its next dash or bracket: "Personalaufwand Stabsstelle – ohne neue Stelle KI- und
# Prozessmanagement" is no AI money.
_LEFT_OUT_PART = re.compile(r"\b(?:ohne|außer|exklusive|exkl\.)\s+[^–;()]*", re.IGNORECASE)


def on_ai(rows: list[Record], amount: Amount, kb: KnowledgeBase, demand: str = "") -> list[Record]:
    """For money the demand names for AI ("für Fortbildungen zu Künstlicher Intelligenz"; "Hierfür …" after
    "… eine verpflichtende Schulung zu Chancen und Risiken von KI": the ``demand`` says what it is for), of a
    category's rows those that are AI money when the budget also holds the category's general rows for
    digitalisation or the whole staff ("Allgemeine Aus- und Fortbildung")."""
    own_words = amount.part or amount.phrase
    for_ai = lx.AI_NAMED.search(amount.phrase) or (not purposes_of(own_words) and lx.AI_NAMED.search(demand))
    if not for_ai:  # a row that says it is no AI money plans nothing a demand on AI asks for
        return [r for r in rows if not (lx.AI_NAMED.search(demand) and lx.NO_AI.search(_said(r)))]
    owned = owned_rows(kb)
    # without AI rows, the category's general rows – never one that says it is no AI money ("kein KI-Bezug")
    return [r for r in rows if ai_money(r, owned)] or [
        r for r in rows if not lx.NO_AI.search(f"{r.get('title')} {r.get('note')}")
    ]


def _said(row: Record) -> str:
    return f"{row.get('title')} {row.get('note')}"


def _named_rows(amount: Amount, kb: KnowledgeBase, years: Sequence[int]) -> list[Record]:
    """For an amount whose words name no category ("Für die Übertragung in Leichte Sprache und die Prüfung
    der Texte …"), the rows of any category whose title names what it is for; none for one that names a
    category."""
    if amount.purposes != ("other",):
        return []
    subject, wanted = subject_of(amount), {str(y) for y in years}
    least = min(2, len(subject))  # one shared part of a compound ("Sprachbrücke", "Datenübertragung") is chance
    return [
        r for r in kb.budget
        if r.get("year") in wanted and subject and len(subject & title_terms(r.get("title"))) >= least
    ]  # fmt: skip


def _titled_rows(amount: Amount, kb: KnowledgeBase, years: Sequence[int]) -> list[Record]:
    """For an amount of a category with no row in its years, the rows of another category whose title names
    at least two things it is for ("Beschaffung der Kamerasysteme und die Erstbefahrung": the line
    "Kamerasysteme, Einrichtung und Erstbefahrung" that the budget files under other)."""
    subject, wanted = subject_of(amount), {str(y) for y in years}
    return [
        r for r in kb.budget
        if r.get("year") in wanted and len(subject & title_terms(r.get("title"))) >= 2
    ]  # fmt: skip


def subject_of(amount: Amount) -> set[str]:
    """Stems of the nouns of an amount's clause that say what it is for (not "Haushalt", "Software")."""
    return _things(amount.phrase)


# Where something happens is not what the money is for: "in beiden Kundenzentren", "im Bürgerbüro".
_PLACE = re.compile(r"\b(?:in|im|an|am|bei|beim)\s+(?:(?:den|dem|der|beiden|allen|seinen|ihren)\s+)?[\wäöüß-]+")


def _things(text: str) -> set[str]:
    nouns = [w for w in _WHOLE_NOUN.findall(text) if len(w) >= 4 and (_DEVICES.search(w) or not _MONEY_WORDS.search(w))]
    return {stem for w in nouns for stem in analyze(w)[:1]} - GENERIC_WORDS


def _pointed_rows(amount: Amount, kb: KnowledgeBase, pointed: str, years: Sequence[int]) -> list[Record]:
    """For an amount for what another demand asks ("für die Veröffentlichung nach Nr. 1 … 40.000 €") whose
    own words find no row: the rows whose title names what that demand's first sentence is about ("ein
    Verzeichnis aller KI-Anwendungen": "KI-Register im Transparenzportal – Einrichtung des Moduls")."""
    first = next(iter(re.split(r"(?<=[.;:])\s", pointed.strip())), "")
    subject, wanted = _things(first), {str(y) for y in years}
    if amount.purposes != ("other",) or not subject:
        return []
    return [r for r in kb.budget if r.get("year") in wanted and subject & title_terms(r.get("title"))]


def covers(row: Record, amount: Amount, planning: frozenset[int], kb: KnowledgeBase, raised: bool = False) -> bool:
    """Whether a row of the amount's category plans for what the amount is for: never a mere request
    (``state_of`` proposed), never an existing post for posts the demand wants created – but a post the
    budget itself creates in the amount's years (its line has no row before them) is planned for it, and so
    are the existing posts where the demand ``raised`` them to a number ("auf zwei Vollzeitstellen zu
    erhöhen und hierfür insgesamt 130.000 €": the money for both)."""
    if state_of(row, planning) == "proposed":
        return False
    budgeted = bool(_BUDGETED.search(amount.phrase))  # "die dafür veranschlagten Personalmittel (41.000 €)"
    return "personnel" not in amount.purposes or raised or budgeted or _new_line(row, amount.years, kb)


# Money a demand calls budgeted already: the existing posts' money, not money for new ones.
_BUDGETED = re.compile(r"\b(?:dafür\s+)?(?:veranschlagte|vorgesehene|eingeplante)n?\s+(?:Personal)?(?:mittel|Mittel)\b")


# Posts raised to a number, the existing ones among them: "auf zwei Vollzeitstellen zu erhöhen", "aufzustocken".
_RAISED = re.compile(
    r"\bauf\s+(?:\w+\s+){0,3}(?:vollzeit)?stellen\b[^.;]{0,40}?\b(?:zu\s+)?(?:erhöh|aufzustock|aufstock|auszubau|ausbau)",
    re.IGNORECASE,
)
# Money for the council's own members ("für die Mitglieder der Gemeindevertretungen"): not the staff's training.
_COUNCIL = re.compile(
    r"\bmitglieder\w*\s+(?:der|des)\s+(?:gemeindevertretung\w*|[\wäöü-]*(?:rat|rates|rats|räte|tag|tags|"
    r"ausschuss|ausschusses|ausschüsse|gremien|versammlung)\b)|mandatsträger|ratsmitglieder|"
    r"kreistagsmitglieder|kreistagsabgeordnete|gemeindevertreter|\w*verordnete\w*|kommunalpolitiker|"
    r"\b(?:gemeinde|markt|stadt|kreis)?räte\b",
    re.IGNORECASE,
)


# A row that names the council's members only to leave them out: "nur für Beschäftigte – Angebote für
# Stadtverordnete sind nicht enthalten"
_NOT_FOR = re.compile(
    r"\bnur\s+für\s+(?:die\s+)?(?:Beschäftigte|Mitarbeite)|\bnicht\s+(?:enthalten|vorgesehen|berücksichtigt)\b|"
    r"\bausgenommen\b",
    re.IGNORECASE,
)
_STAFF = re.compile(r"\b(?:Beschäftigte\w*|Mitarbeite\w*|Personal\w*|Bedienstete\w*)", re.IGNORECASE)


def _for_council(rows: list[Record], amount: Amount, demand: str = "") -> list[Record]:
    """For money for the council's members ("… Schulung für die Mitglieder des Marktgemeinderats … Im Haushalt
    2027 werden dafür 1.500 Euro bereitgestellt"), only the rows that name them."""
    own = amount.part or amount.phrase  # its own words, or the demand's where they name no group of their own
    if not (_COUNCIL.search(own) or (_COUNCIL.search(demand) and not _STAFF.search(own))):
        return rows
    return [
        r for r in rows if _COUNCIL.search(said := f"{r.get('title')} {r.get('note')}") and not _NOT_FOR.search(said)
    ]


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
    own = demand.split("\n", 1)[0]  # the demand's own words, not those of the demands it points to
    change = amount.change
    lines = bc.named_lines(amount.part, kb, own) or bc.named_lines(own, kb)
    if lines or bc.new_line(amount.part or own):
        return _on_named_lines(amount, kb, years, lines, change, last)
    instead = bool(lx.INSTEAD.search(amount.part or amount.phrase))  # a new thing in place of a named one
    found = [] if instead else application_rows(amount, kb, demand, years, running_apart)
    named = [] if instead else [r for r in _named_rows(amount, kb, years) if r not in found]
    if found:  # beside the rows of the application the demand is about, never another application's own rows
        others = owned_rows(kb) - {id(r) for r in found}
        named = [r for r in named if id(r) not in others]
    found += named
    elsewhere: list[Record] = []
    if not found:
        category = rows_for(kb, amount.purposes, years)
        titled = [r for r in category if subject_of(amount) & title_terms(r.get("title"))]
        elsewhere = [] if titled else budgeted_in_other_years(amount, kb, demand)
        if not elsewhere:
            found = (
                titled
                or on_ai(on_subject(category, amount), amount, kb, demand)
                or _titled_rows(amount, kb, years)
                or _pointed_rows(amount, kb, pointed, years)
            )
    found = [r for r in found if not lx.is_income(r.get("title"), r.get("note"))]  # named beside, never planned
    if named := named_by_words(demand, kb):  # an evaluation of DokuSort: not SitzungsScribe's part of a shared row
        found = [r for r in found if not _for_another(r, named, kb)]
    if lx.AI_NAMED.search(amount.phrase):  # money for "die KI-Sofortübersetzung": never on a row "kein KI-Bezug" …
        what = subject_of(amount) - _things(" ".join(_PLACE.findall(amount.phrase)))
        found = [
            r for r in found
            if not lx.NO_AI.search(f"{r.get('title')} {r.get('note')}") or what & title_terms(r.get("title"))
        ]  # fmt: skip  # … unless it names what else the money is for ("Für Scandienstleistung und KI-Erschließung")
    found = _for_council(found, amount, demand)
    if _INVESTMENT.search(amount.phrase):  # "Investitionen in Hard- und Software": the investive rows only
        found = [r for r in found if r.get("kind") == "investive"]
    planning = planning_years(kb)
    raised = bool(_RAISED.search(demand))
    rows = [r for r in found if covers(r, amount, planning, kb, raised)]
    if change is not None and change.move is bc.Move.RAISE:  # money on top of what is planned: none of it planned
        owned = owned_rows(kb)  # beside it, said as such: the AI money of its kind already there
        found, rows = [r for r in rows_for(kb, amount.purposes, years) if ai_money(r, owned)] or found, []
    # Beside rows free for it, a row whose money is bound to something else plans nothing for the amount
    # (the library's RFID machines beside its learning lab); alone, it is the category's money, bound.
    subject = subject_of(amount)
    free = [r for r in rows if not bound_elsewhere(r, subject)]
    if any(subject & title_terms(r.get("title")) for r in free):
        rows = free
    parts = _parts_for(rows, named_by_words(demand, kb), kb)  # a shared row plans the named application's part
    planned = {year: sum(parts[id(r)] for r in rows if r.get("year") == str(year)) for year in years}
    additional = {year: after(change, amount.euros, planned[year]) for year in years}
    context = tuple(r for r in found if r not in rows)
    # with no line in its years, the kind of the named application's lines in any year (a pilot's licences)
    ever = [r for a in named_by_words(demand, kb) for r in own_rows(a, kb)] if not (rows or instead) else []
    amount = _of_its_line(amount, rows or ever, kb)
    return Comparison(
        amount, years, planned, additional, tuple(rows), context, last, planning, tuple(elsewhere), change
    )


def after(change: bc.LineChange | None, euros: int, planned: int) -> int:
    """What a demand adds to a year's planned money (negative: what it takes away): the amount beyond what is
    planned; a new level less the planned; a cut or a raise itself; nothing for a Sperrvermerk."""
    if change is None or change.move is bc.Move.LEVEL:
        return euros - planned
    return {bc.Move.CUT: -euros, bc.Move.RAISE: euros, bc.Move.BLOCK: 0}[change.move]


def _on_named_lines(
    amount: Amount,
    kb: KnowledgeBase,
    years: Sequence[int],
    lines: Sequence[str],
    change: bc.LineChange | None,
    last: int,
) -> Comparison:
    """An amount for the budget lines its demand names (a Haushaltsantrag's "Produkt …, Sachkonto …"): those
    lines' rows in its years, of their kind of money; none for a line the demand creates."""
    wanted = {str(y) for y in years}
    rows = [r for r in kb.budget if r.get("budget_line") in lines and r.get("year") in wanted]
    # money provided for another purpose than the line's: on top of what the line holds
    apart = change is None and bool(rows) and bool(_PROVIDED.search(amount.phrase)) and not _holds(rows, amount)
    if apart:
        change = bc.LineChange(bc.Move.RAISE, amount.euros)
    planned = {year: sum(whole(r.get("planned_eur")) for r in rows if r.get("year") == str(year)) for year in years}
    additional = {year: after(change, amount.euros, planned[year]) for year in years}
    kinds = sorted({r.get("category") for r in rows})
    if len(kinds) == 1 and (kinds[0] in _KINDS or kinds[0] == "other") and not apart:  # its kind, a mixed one too
        amount = replace(amount, purposes=(kinds[0],))
    return Comparison(
        amount, tuple(years), planned, additional, tuple(rows), (), last, planning_years(kb), change=change
    )


_PROVIDED = re.compile(r"\b(?:bereitgestellt|bereitzustellen|zur\s+Verfügung\s+(?:gestellt|zu\s+stellen))\b", re.I)
_LINE_WORDS = frozenset(analyze("Produkt Sachkonto Konto Haushaltsstelle Kostenstelle Ansatz Ansätze Position"))


def _holds(rows: Sequence[Record], amount: Amount) -> bool:
    """Whether a named line's rows hold money for what the amount is for: "Für die Geschäftsstelle … werden bei
    Produkt 010201, Sachkonto 529100, … 12.000 € bereitgestellt" on a line titled "Externe Beratung KI-Verordnung"
    whose note earmarks its money is money on top of it; an amount whose words name nothing is the line's."""
    subject = _things(amount.part or amount.phrase) - _LINE_WORDS
    said = " ".join(f"{r.get('title')} {r.get('note')}" for r in rows)
    return not subject or bool(subject & set(analyze(said)))


def _parts_for(rows: Sequence[Record], named: Sequence[Record], kb: KnowledgeBase) -> dict[int, int]:
    """What each row plans for the demand: on a row of other money the part its note gives a named application
    ("darin DokuSort 18.000 € …; übrige … ohne KI-Bezug" of 192.000 €), else all of it."""
    parts = {}
    owned = owned_rows(kb)
    for row in rows:
        shares = [s for a in named if (s := share_of(a, row, kb)) is not None]
        # only a row of other money ("übrige … ohne KI-Bezug"); an AI row's note breaks down AI money
        shared = shares and not ai_money(row, owned) and lx.NO_AI.search(row.get("note") or "")
        parts[id(row)] = sum(shares) if shared else whole(row.get("planned_eur"))
    return parts


def _for_another(row: Record, named: Sequence[Record], kb: KnowledgeBase) -> bool:
    """Whether a shared row's only AI money is another application's part and the rest is no AI money ("darin
    SitzungsScribe 1.300 €; … übrige 53.700 € ohne KI-Bezug"): it plans nothing for a demand on ``named``."""
    if not lx.NO_AI.search(f"{row.get('title')} {row.get('note')}"):
        return False
    return any(share_of(a, row, kb) is not None for a in kb.inventory if a not in named)


_KINDS = frozenset(name for name, _ in PURPOSES)


def _of_its_line(amount: Amount, rows: Sequence[Record], kb: KnowledgeBase) -> Amount:
    """An amount whose words name no kind of money ("hierfür … 15.000 €") compared with an application's own
    line of one kind (its licences): money of that kind; one the words call running it keeps their kind
    ("für Betrieb und Ausbau von Theo": the demand's words, whatever the line is filed under)."""
    kinds = {r.get("category") for r in rows}
    if amount.purposes != ("other",) or len(kinds) != 1 or not kinds <= _KINDS:
        return amount
    owned = owned_rows(kb)
    return replace(amount, purposes=tuple(kinds)) if all(id(r) in owned for r in rows) else amount


# A row's note that takes its money out of reach of a new demand.
_BOUND = re.compile(
    r"\bgebunden\b|keine\s+freien\s+Mittel|keine\s+Ausweitung|\b(?:vorgesehen|bestimmt|eingeplant)\s+für\b",
    re.IGNORECASE,
)


# A row's note that says its money may not be spent: "Mittel vom Magistrat am 14.09.2026 gesperrt".
_BLOCKED = re.compile(r"\bgesperrt\b|\bSperre\b|\bSperrvermerk|\bnicht\s+in\s+Anspruch\s+genommen", re.IGNORECASE)


def blocked(row: Record) -> str:
    """The clause of a row's note that blocks its money; "" where none does."""
    return next((part.strip() for part in re.split(r";\s+", row.get("note") or "") if _BLOCKED.search(part)), "")


def bound(row: Record) -> bool:
    """Whether the row's note binds its money ("vollständig gebunden für den Rahmenvertrag …")."""
    return bool(_BOUND.search(row.get("note") or ""))


def binding(row: Record) -> str:
    """The part of a row's note that binds its money ("vollständig gebunden für …"), or ""."""
    return next((p for p in re.split(r";\s+", row.get("note") or "") if _BOUND.search(p)), "")


def bound_elsewhere(row: Record, subject: set[str]) -> bool:
    """A row bound to something other than the amount's ``subject`` (``subject_of``): money "gebunden für die
    Beschaffung von zwölf Tablets für die Führungsfahrzeuge" is the money for a demand on the fire brigade's
    tablets."""
    part = binding(row)
    return bool(part) and not (subject & set(analyze(part)))
