"""What a motion's demand names of the administration's own records, for its Sachstand.

A demand is read whole here, not only the topic the Sachstand question is made of: "Bis zur
Beschlussfassung … werden im Sozialamt, im Kreisjugendamt und im Jobcenter keine KI-Systeme
eingeführt … Die geplante Ausweitung des Dolmetschdienstes VoxBridge …" is about the applications
of three departments and about VoxBridge. Each such application is stated from the inventory
(state, since when, how it is overseen where the demand is about decisions, its evaluation), and a
demand for a register of all applications gets the inventory's overview.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from assistant.drafting import lexicon as lx
from assistant.drafting.citing import Register, line_of, with_markers
from assistant.drafting.facts import application_facts
from assistant.drafting.owned import called_names, own_short_name
from assistant.drafting.relevance import Coverage
from assistant.drafting.subject import SubjectFinder, departments, says, short_name
from assistant.drafting.wording import later_name
from assistant.kb.chunk import extra_label, inventory_chunk
from assistant.kb.keyword import analyze
from assistant.kb.model import KnowledgeBase, Record
from assistant.text import sentences_of

MAX_DEMAND = 2000  # characters of a demand read for the tasks it names
MAX_APPLICATIONS = 4  # more than this many, and the Sachstand is an inventory listing, not a statement
_IN_USE = ("production", "pilot", "test", "planned")
_DECISIONS = re.compile(r"\b(?:Entscheidung|entscheid|automatisiert|Bescheid|Leistungsbescheid)\w*", re.IGNORECASE)
_REGISTER = re.compile(r"\b(?:KI-)?(?:Verzeichnis|Register|Transparenzregister|Übersicht)\w*", re.IGNORECASE)
_MADE = re.compile(r"öffentlich|erstell|einricht|anleg|aufbau|aufzubau|vorleg|vorzuleg", re.IGNORECASE)
_SYSTEMS = re.compile(r"System|Anwendung|Verfahren|Software|Werkzeug|Einsatz\s+von\s+KI", re.IGNORECASE)
_MONEY = re.compile(r"\d\s*(?:€|Euro\b|EUR\b)", re.IGNORECASE)


# What a demand wants set up: "Es wird eine unabhängige Ombudsstelle eingerichtet", "… einen KI-Beirat zu berufen".
_MADE_THING = re.compile(
    r"\b(?:eine[nrm]?|ein)\s+(?:(?:KI-)?[a-zäöüß][\wäöüß-]*\s+){0,3}?([A-ZÄÖÜ](?![\wäöüß]*-[a-zäöüß])[\wäöüß-]{3,})\b"
    r"[^.;:]{0,160}?"
    r"\b(?:ein(?:zu)?gerichtet|einzurichten|geschaffen|zu\s+schaffen|aufgebaut|aufzubauen|gegründet|zu\s+gründen|"
    r"berufen|zu\s+berufen|bestellt|zu\s+bestellen)\b"
    # the finite verb first: "richtet … eine Ombudsstelle ein", "schafft eine Stelle", "baut … ein Netzwerk auf"
    r"|\b(?:richtet|richten|schafft|schaffen|gründet|gründen|beruft|berufen|bestellt|bestellen|baut|bauen)\b"
    r"(?:[^.;:]|\.(?=\d)){0,100}?\b(?:eine[nrm]?|ein)\s+(?:(?:KI-)?[a-zäöüß][\wäöüß-]*\s+){0,3}?"
    r"([A-ZÄÖÜ](?![\wäöüß]*-[a-zäöüß])[\wäöüß-]{3,})\b"  # a noun: not "KI-gestützte"
)


def made_unknown(demand: str, unnamed: Sequence[str]) -> str:
    """What the demand wants set up, where no source mentions it (one of the ``unnamed`` nouns): then the
    records of the department it names are beside the point; what exists of its kind (a KI-Arbeitskreis
    for a demanded Ethikbeirat) is in the passages, and where none is, the administration has no findings."""
    found = _MADE_THING.search(demand[:MAX_DEMAND])
    thing = (found.group(1) or found.group(2)) if found else ""
    return thing if thing in unnamed else ""


# "die Zahl der Beschwerden", "die Umschlagszahlen des Stadthafens"
_COUNTED = re.compile(
    r"\b(?:An)?[Zz]ahl\s+der\s+(?:[a-zäöüß][\wäöüß-]*\s+){0,3}?([A-ZÄÖÜ][\wäöüß-]{3,})"
    r"|(?<![\w-])([A-ZÄÖÜ][a-zäöüß]{3,}zahlen)\b"
)


def counted_unknown(demand: str, unnamed: Sequence[str]) -> str:
    """What a demand wants counted ("über die Zahl der Beschwerden … berichten", "legt die Umschlagszahlen
    vor"), where no source mentions it (one of the ``unnamed`` nouns): no source can state the figure."""
    for found in _COUNTED.finditer(demand[:MAX_DEMAND]):
        if (found.group(1) or found.group(2)) in unnamed:
            return found.group(0)
    return ""


def names_money(demand: str) -> bool:
    """The demand names an amount ("… werden 2027 60.000 Euro bereitgestellt")."""
    return bool(_MONEY.search(demand[:2000]))


_ALL = re.compile(r"\balle[rnms]?\s+(?:[\wäöüß-]+\s+){0,5}?(?:KI-)?(?:Anwendungen|Systeme|Verfahren)\b", re.IGNORECASE)
_OUTCOME = ("evaluation", "discontinued_reason")


def about_systems(text: str) -> bool:
    """Whether a text speaks of systems ("KI-Anwendungen im Bauamt"), so a department it names stands
    for the applications in use there; not a skill ("im Umgang mit KI-Anwendungen geschult")."""
    return bool(_SYSTEMS.search(_SKILL.sub(" ", text)))


_SKILL = re.compile(r"\b(?:im\s+)?Umgang\s+mit\s+(?:der\s+|den\s+)?[\w-]+", re.IGNORECASE)


def named_applications(
    demand: str,
    kb: KnowledgeBase,
    finder: SubjectFinder,
    rare: Callable[[str], bool] = lambda _term: False,
    scope: Sequence[str] = (),
    lead: str = "",
) -> list[str]:
    """Ids of the applications the demand names (by name, or where a name word and the meaning agree),
    then those in use in the departments it names. ``scope``: the departments the motion's title names
    ("KI im Bauamt"); ``lead``: the demand a sub-demand completes ("Zur laufenden Erprobung legt die
    Verwaltung dar, a) welche Daten …")."""
    # called by its own name ("DokuSort"), also where two applications share it and its weight is low
    called = [str(r.get("id")) for r in kb.inventory if r.get("id") and _called(r, demand[:2000])]
    found = list(finder.find(demand))
    if len(found) == 1 and not finder.calls(found, demand) and not finder.closest(found[0], demand):
        found = []  # a word shared with its name, not what the demand is about ("… auf der Internetseite …")
    ids = in_scope(list(dict.fromkeys([*found, *finder.agreed(demand), *called])), demand, kb, scope)
    ids = _of_named_department(ids, demand, kb)
    # A department's applications only for a demand about systems in it ("im Sozialamt keine KI-Systeme
    # einführen"), not for one that sets up a post there.
    named_departments = set(departments(demand, kb)) if about_systems(demand) else set()
    ids += [
        str(r.get("id"))
        for r in kb.inventory
        if r.get("department") in named_departments and r.get("status") in _IN_USE and r.get("id")
    ]
    # a sub-demand goes on with the application its lead-in calls by name ("2. Der Pilot PlanPrüf KI wird
    # wieder aufgenommen: a) Die Verwaltung nimmt den Pilot … wieder auf"), not with another one found by its
    # task or running now – unless it wants something in its place ("b) stattdessen … einen eigenen Chatbot")
    of_lead = _called_by(lead[:2000], kb, finder) if lead else []
    if not ids and not lx.INSTEAD.search(demand):
        ids += of_lead
    if not ids:
        ids += _by_task(demand, kb, rare)
    if not ids and not of_lead:
        ids += running_pilot(f"{lead} {demand}", kb, scope)
    return list(dict.fromkeys(ids))[:MAX_APPLICATIONS]


# A definite reference to a trial: "Zur laufenden Erprobung legt die Verwaltung dar", "Ergebnisse des Pilotprojekts".
_RUNNING_PILOT = re.compile(
    r"\b(?:zur|der|die|des|dem|im)\s+(?:(?:laufend|derzeitig|aktuell)e[nmr]?\s+)?"
    r"(?:Erprobung|Pilot(?:projekt|betrieb|versuch)?(?:e?s)?|Testphase)\b",
    re.IGNORECASE,
)


def running_pilot(text: str, kb: KnowledgeBase, scope: Sequence[str] = ()) -> list[str]:
    """The application a definite "die laufende Erprobung" points to: the one in a pilot or test (of the
    departments the motion's title names, where it names some); none where there are several."""
    if not _RUNNING_PILOT.search(text[:MAX_DEMAND]):
        return []
    trials = [
        str(r.get("id"))
        for r in kb.inventory
        if r.get("id") and r.get("status") in ("pilot", "test") and (not scope or r.get("department") in scope)
    ]
    return trials if len(trials) == 1 else []


def _of_named_department(ids: list[str], demand: str, kb: KnowledgeBase) -> list[str]:
    """Of applications a demand names, those of the department it names, if any: "DokuSort … an allen
    Standorten des Jobcenters" is the Jobcenter's DokuSort, not the foreigners' office's of that name."""
    named = set(departments(demand, kb))
    rows = {str(r.get("id")): r for r in kb.inventory if r.get("id")}
    own = [i for i in ids if i in rows and rows[i].get("department") in named]
    return own or ids


def in_scope(ids: list[str], demand: str, kb: KnowledgeBase, scope: Sequence[str]) -> list[str]:
    """In a motion whose title names departments, a demand's applications of other departments only if
    it calls them by their own name or id: in "KI im Bauamt", "fehlende Nachweise anmahnen" is about
    building permits, not the housing benefit office's "DokuSort – KI-Zuordnung von Nachweisen"."""
    if not scope:
        return ids
    rows = {str(r.get("id")): r for r in kb.inventory if r.get("id")}
    return [i for i in ids if i in rows and (rows[i].get("department") in scope or _called(rows[i], demand))]


def _called(row: Record, text: str) -> bool:
    """Whether ``text`` calls the application by its id or by its own name (the part before a dash or
    colon when that is one word: "DokuSort" of "DokuSort – KI-Zuordnung von Nachweisen")."""
    own = short_name(str(row.get("name")))
    names = [str(row.get("id"))] + ([own] if own and " " not in own else [])
    return any(says(name, text) for name in names)


def _called_by(text: str, kb: KnowledgeBase, finder: SubjectFinder) -> list[str]:
    """The applications a text calls by their own short name ("PlanPrüf KI"), or that the finder finds called."""
    found = [str(r.get("id")) for r in kb.inventory if (own := own_short_name(r.get("name"))) and says(own, text)]
    return found + [i for i in finder.find(text) if finder.calls([i], text) and i not in found]


_LONG_NOUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][a-zäöüß]{9,}\b")  # a specific compound: "Stellenausschreibungen"


def _by_task(demand: str, kb: KnowledgeBase, rare: Callable[[str], bool]) -> list[str]:
    """The application whose purpose, and no other's, names a ``rare`` word of the demand: "sämtliche
    Stellenausschreibungen mit KI-Unterstützung erstellen" is the task of the Stellentext-Assistent."""
    purposes = {str(r.get("id")): set(analyze(r.get("purpose"))) for r in kb.inventory if r.get("id")}
    found: list[str] = []
    for noun in _LONG_NOUN.findall(demand[:MAX_DEMAND]):
        stem = analyze(noun)[:1]
        if not stem or not rare(stem[0]):
            continue
        doing = [i for i, words in purposes.items() if stem[0] in words]
        if len(doing) == 1:
            found.append(doing[0])
    return found


def application_sentences(
    ids: Sequence[str], demand: str, kb: KnowledgeBase, register: Register, today: date, asked: Sequence[str] = ()
) -> list[str]:
    """Each application in cited sentences: its state (unless a sentence cited on its record has said it),
    how a person oversees it when the demand is about decisions, the columns the demand asks about
    (``asked``: which data, on what legal basis), its evaluation and why it ended."""
    oversight = ("human_oversight",) if _DECISIONS.search(demand) else ()
    more = tuple(c for c in asked if c not in _ELSEWHERE)
    if "personal_data" in more:  # which data it processes, and on what basis (Art. 6 DSGVO) or why none
        more += ("legal_basis",)
    stated = {c.source_id.split(":", 1)[1] for c in register.citations if c.source_id.startswith("inventory:")}
    sentences: list[str] = []
    for row in (r for i in ids for r in kb.inventory if r.get("id") == i):
        state = state_columns(row)
        if row.get("id") in stated:  # its status said once ("seit … im Regelbetrieb"); a plan's start and vendor stay
            state = tuple(c for c in state if c != "status")
        columns = tuple(dict.fromkeys((*state, *oversight, *more, *_OUTCOME)))
        sentences += application_facts([row], columns, kb, register, today).sentences
    return sentences


# A record's notes in clauses: "Nur öffentliche Sitzungsteile; die Tonaufzeichnung wird … gelöscht (§ 23a GeschO)."
# and "… gelöscht (§ 23a GeschO). 650 € monatlich": a sentence opening on a figure, which the sentence split keeps
_CLAUSE = re.compile(r";\s+|(?:(?<=\))|(?<=[a-zäöüß]{5}))\.\s+(?=\d)")
NOTED_SHARE = 0.5  # share of a note's clause (its words, weighted by rarity) the demand must hold
_NOTED_WORDS = 2  # and at least this many of them: one shared word is a topic, not the demand's matter


def noted(
    ids: Sequence[str], kb: KnowledgeBase, register: Register, speaks: Callable[[str, str], bool], said: str = ""
) -> list[str]:
    """For each application of ``ids``, the clauses of its record's notes that ``speaks(clause, names)`` holds
    of (``names``: what the record calls the application), as the register has them, cited on its notes;
    none ``said`` holds already."""
    sentences = []
    for row in (r for i in ids for r in kb.inventory if r.get("id") == i and r.get("notes")):
        names = " ".join(called_names(row, kb)) or row.get("name")
        clauses = [c.strip(" .") for s in sentences_of(row.get("notes")) for c in _CLAUSE.split(s) if c.strip(" .")]
        held = [c for c in clauses if c not in said and speaks(c, names)]
        if held:
            chunk = inventory_chunk(row, kb)
            marker = register.cite_chunk(chunk, line_of(chunk, extra_label("notes")))
            lead = f"Im KI-Verzeichnis ist zur Anwendung „{later_name(row.get('name'))}“ vermerkt"
            sentences.append(with_markers(f"{lead}: „{'; '.join(held)}“", marker))
    return sentences


def speaks_of(demand: str, coverage: Coverage) -> Callable[[str, str], bool]:
    """Whether a note's clause speaks of what a demand asks ("Tonaufzeichnungen … werden unmittelbar nach der
    Genehmigung der Niederschrift gelöscht": "die Tonaufzeichnung wird nach Genehmigung der Niederschrift
    gelöscht (§ 23a GeschO)"): most of the clause's words are the demand's, two of them at least, not
    counting the application's names, which every clause of its record is about."""

    def speaks(clause: str, names: str) -> bool:
        held = coverage.held(coverage.terms(clause) - set(analyze(names)), demand)
        whole = [t for t in held if len(t) >= 4 and not any(t != o and t in o for o in held)]
        return len(whole) >= _NOTED_WORDS and coverage.share(clause, [demand], ignore=[names]) >= NOTED_SHARE

    return speaks


# Said in their own sections of a Stellungnahme (costs under Finanzielle Auswirkungen, the department under
# Umsetzung) or already by the application's name.
_ELSEWHERE = frozenset({"cost", "department", "name", "budget_line"})


def state_columns(row: Record) -> tuple[str, ...]:
    """The columns that say where an application stands: the status (which says since when), and of a
    planned one the planned start and the vendor, which is where the procurement stands ("noch offen,
    Vergabe für Februar 2027 vorgesehen")."""
    return ("status", "go_live", "vendor") if row.get("status") == "planned" else ("status",)


def asks_overview(demand: str) -> bool:
    """A demand to publish or set up a register or an overview of the applications ("ein öffentliches
    Verzeichnis aller eingesetzten KI-Anwendungen"), not one that names money ("für die Aufbereitung des
    Verzeichnisses … 15.000 Euro")."""
    text = demand[:2000]
    if names_money(text):  # the overview stands on its table, which the amounts' comparison takes
        return False
    return bool(_REGISTER.search(text) and _MADE.search(text)) or bool(_ALL.search(text))
