"""An application's own budget rows: the rows a budget line carries for it, told apart from the rows of its
product family on a shared line ("Fidelis Post" beside "Fidelis Widerspruch") and from the rows that name it
only as what they leave out ("… – ohne KITZ-Assist"). Used by the motion finance (``finance.py``) and by the
inventory facts ("Finanziert wird sie aus der Haushaltsstelle …", ``facts.py``)."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.drafting.lexicon import NO_AI
from assistant.drafting.subject import distinctive, own_name, short_name
from assistant.kb.keyword import analyze
from assistant.kb.model import KnowledgeBase, Record

GENERIC_WORDS = frozenset(
    analyze(
        "Euro Haushalt Haushaltsjahr Mittel Lizenz Lizenzen Kosten KI Betrieb Stelle Jahr jährlich sonstige Pilot "
        "Test Testbetrieb Erprobung Stadt Verwaltung Stadtverwaltung Kreisverwaltung Gemeindeverwaltung "
        "Landkreis Gemeinde Bezirksamt Landratsamt"  # "Lotte – Textassistent der Stadtverwaltung" is not named so
    )
)


def own_rows(application: Record, kb: KnowledgeBase) -> list[Record]:
    """An application's budget rows: on its budget line carrying a word of its name that no sibling's
    short name has (a shared line, an IT fee, is not its budget; "Fidelis – KI-Modul Fidelis Post" on the
    line Fidelis Widerspruch shared in 2026 is not Fidelis Widerspruch's), or anywhere carrying its whole
    name ("<name>: Zusatzmodul …") or its short name ("Fidelis Widerspruch – Verlängerung des Pilotbetriebs")."""
    line, name = application.get("budget_line"), application.get("name")
    own = _distinct_words(application, kb)
    return [
        r for r in kb.budget
        if ((line and r.get("budget_line") == line and own & title_terms(r.get("title")))
        or (name and name.lower() in r.get("title").lower())
        or called_in(application, r.get("title"), kb))
        and not _without_ai(application, r, kb)
    ]  # fmt: skip


def _without_ai(application: Record, row: Record, kb: KnowledgeBase) -> bool:
    """Whether a row says it holds no AI money ("… (Bewerbermanagement, Zeiterfassung) – kein KI-Bezug"), not
    only its other part ("darin Belegwerk 8.400 €; übrige Mittel ohne KI-Bezug")."""
    if NO_AI.search(row.get("title")) or left_out(application, row, kb):
        return True
    note = row.get("note") or ""
    return bool(NO_AI.search(note)) and not any(names(word, note) for word in called_names(application, kb))


def left_out(application: Record, row: Record, kb: KnowledgeBase) -> bool:
    """Whether a row's note says it holds none of the application that year: "ohne DokuSort (Fortführung
    nicht veranschlagt)" on the Jobcenter's line "… (einschließlich Pilot DokuSort SGB II)"."""
    note = row.get("note") or ""
    names = called_names(application, kb)
    return any(re.search(rf"\bohne\s+(?:die\s+|das\s+|den\s+)?{re.escape(word)}\b", note) for word in names)


def _distinct_words(application: Record, kb: KnowledgeBase) -> set[str]:
    """The words of an application's name that no other application's short name has ("Widerspruch" of
    "Fidelis Widerspruch – …" beside "Fidelis Post"); all its name words where none is its own alone, or
    where the other has the same short name (two stages of one system: a row names neither stage)."""
    own, mine = name_words(application.get("name")), short_name(own_name(application.get("name"))).lower()
    others = (short_name(own_name(other.get("name"))) for other in kb.inventory)
    family = {w for other in others if other.lower() != mine for w in name_words(other)}  # not "… – Stufe 2"
    # nor the office it runs in ("PostLotse – … im Ausländeramt": "LinguaDesk – … im Ausländeramt" is not its row)
    offices = name_words(" ".join(d.name for d in kb.municipality.departments))
    return (own - family - offices) or (own - family) or own


def own_short_name(name: str) -> str:
    """An application's own short name of at most three words: "HafenPuls" of "HafenPuls – Liegeplatzprognose
    …", "Fidelis Widerspruch" of "Fidelis Widerspruch – KI-Vorprüfung …"."""
    own = short_name(own_name(name)).strip('„“"')
    return own if distinctive(own) and len(own.split()) <= 3 else ""


# A name after "ohne", "außer": what the row leaves out ("Leistungsentgelte an den KITZ Süd … – ohne KITZ-Assist").
_LEFT_OUT = re.compile(r"\b(?:ohne|außer|exklusive|exkl\.|nicht|kein\w*)\s+(?:[\wäöüß.-]+\s+){0,2}$", re.IGNORECASE)


def names(name: str, title: str) -> bool:
    """Whether a title names ``name`` as whole words, not as what the row leaves out."""
    return any(
        not _LEFT_OUT.search(title[max(0, m.start() - 40) : m.start()])
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", title, re.IGNORECASE)
    )


_TAUGHT = re.compile(
    r"\b(?:Einweisung|Schulung|Workshop|Praxisworkshop|Fortbildung|Lehrgang|Training)(?:en|s)?\s+"
    r"(?:(?:zu[rm]?|für|in|im)\s+(?:die\s+|den\s+|das\s+)?)?[\w.-]+(?:\s+[A-ZÄÖÜ][\w.-]*)?"
)


def called_in(application: Record, title: str, kb: KnowledgeBase) -> bool:
    """Whether a row's title calls the application by its own short name ("Hafen: HafenPuls – Entwicklung"),
    not by another application's longer name that contains it ("KassenAssist Vollstreckung")."""
    word = own_short_name(application.get("name"))
    # training in an application is no row of its own: "KI-Schulungen (…, Einweisungen Linguana Live; Art. 4 KI-VO)"
    # is the training line, not Linguana Live's
    title = _TAUGHT.sub(" ", title)
    if not word or not names(word, title):
        return False
    longer = (short_name(other.get("name")).lower() for other in kb.inventory if other is not application)
    return not any(word.lower() in own and own != word.lower() and own in title.lower() for own in longer)


@lru_cache(maxsize=4096)
def title_terms(title: str) -> frozenset[str]:
    """A budget row title's terms, analysed once (every application's rows are looked up per demand)."""
    return frozenset(analyze(title))


_NOUN = re.compile(r"\b[A-ZÄÖÜ][\wäöüß]*")


def name_words(text: str) -> set[str]:
    """Stems of the nouns and names of a text, whole ("KI-gestützte" and a compound's parts name nothing)."""
    words = (w for w in _NOUN.findall(text) if len(w) >= 5 or (w.isupper() and len(w) >= 3))
    return {stem for w in words for stem in analyze(w)[:1]} - GENERIC_WORDS


def moved_rows(application: Record, kb: KnowledgeBase) -> list[Record]:
    """An application's own rows on another line than its register line, in years after its own rows there
    end, that no other application owns ("Fidelis Widerspruch – Verlängerung des Pilotbetriebs" on a new line
    from 2027; not "DokuSort – …" rows that name a sibling of the same short name, nor "Präsenzschulungen …")."""
    line, own = application.get("budget_line"), own_rows(application, kb)
    last = max((r.get("year") for r in own if r.get("budget_line") == line), default="")
    others = {id(r) for other in kb.inventory if other is not application for r in own_rows(other, kb)}
    return [r for r in own if r.get("budget_line") != line and r.get("year") > last and id(r) not in others]


# An amount in a row's note: "darin Belegwerk 8.400 € (12 × 700 €)", "17.400 € Lotsa Eingang (12 × 1.450 €)".
_AMOUNT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?\s*(?:€|EUR\b|Euro\b)")
_CLAUSES = re.compile(r";|,\s|\s(?:und|sowie)\s")
_BRACKETED = re.compile(r"\([^()]*\)")


def share_of(application: Record, row: Record, kb: KnowledgeBase) -> int | None:
    """The part of a shared row's money its note gives the application ("darin Belegwerk 8.400 €; übrige
    Mittel ohne KI-Bezug": 8.400 € of 98.000 €): the amount of the first clause that calls the application by
    its own short name (or the short name's first word), where the note says the row holds more ("darin",
    "übrige Mittel") or names another application; None where it gives none, or not less than the row holds
    ("Lotsa Eingang: Einrichtung 14.500 € und 7 × 1.450 €" is all of it)."""
    note = _BRACKETED.sub(" ", row.get("note") or "")  # "(12 × 1.450 €)": how it is made up
    word = next((w for w in called_names(application, kb) if names(w, note)), "")
    others = (own_short_name(a.get("name")) for a in kb.inventory if a is not application)
    if not word or not (
        _PART.search(note) or any(o and o != word and names(o, note) for o in others) or _other_parts(note, word)
    ):
        return None
    clause = next(
        (
            c
            for c in _CLAUSES.split(note)
            if _heads(word, c) and _AMOUNT.search(c) and not _COVERS.search(c) and not _ACTUAL.match(c)
        ),
        "",
    )
    found = _its_amount(clause, word)
    if found is None:
        return None
    share = int(found.group(1).replace(".", ""))
    planned = row.get("planned_eur") or ""
    return share if planned.isdigit() and 0 < share < int(planned) else None


# A note's clause on what was spent, not planned: "Ist HOLLI September 2027: 1.640 Konten × 4,00 € = 6.560 €"
_ACTUAL = re.compile(r"^\s*Ist\b")
# A unit price in a product: "1.640 Konten × 4,00 €"
_UNIT_PRICE = re.compile(r"[×x*]\s*$")


def _heads(word: str, clause: str) -> bool:
    """Whether a clause names the application, also as the head of a compound ("HOLLI-Regelbetrieb ab … 54.400 €")."""
    return names(word, clause) or re.search(rf"(?<![\w-]){re.escape(word)}-\w", clause, re.IGNORECASE) is not None


def _other_parts(note: str, word: str) -> bool:
    """Whether a note breaks its row down into two amounts, the application's and another's ("Fachverfahren
    101.000 €; MigraDoc Eingang 38.400 €"); not where the application's part runs over several ("MigraDoc Eingang:
    Einrichtung 38.000 € und Pilotentgelt 2 × 2.800 €")."""
    priced = [c for c in _CLAUSES.split(note) if _AMOUNT.search(c)]
    return len(priced) == 2 and sum(names(word, c) for c in priced) == 1


def _its_amount(clause: str, word: str) -> re.Match[str] | None:
    """The amount a clause gives the application it names: the first after its name ("darin KI 18.000 €:
    Grundpauschale der Plattform KOGGE 15.000 €": 15.000 €), else the last before it ("8.400 € für Belegwerk")."""
    named = next((m for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w])", clause, re.IGNORECASE)), None)
    amounts = [m for m in _AMOUNT.finditer(clause) if not _UNIT_PRICE.search(clause[: m.start()])]
    if named is None or not amounts:
        return amounts[0] if amounts else None
    after = [m for m in amounts if m.start() >= named.end()]
    return after[0] if after else amounts[-1]


_PART = re.compile(r"\b(?:darin|davon|anteilig|Anteil|übrigen?|sonstigen?|restlichen?)\b", re.IGNORECASE)
# Money this row gives up to pay for another line: "Minderaufwand von 3.000 € deckt die Aufwendungen für ALBERT
# Protokoll (11.10.01.443110)" is no part of this row spent on the application, but the other row's cover.
_COVERS = re.compile(r"\b(?:deckt|decken|Deckung|gedeckt|Minderaufwand|Minderausgabe)\b", re.IGNORECASE)


def called_names(application: Record, kb: KnowledgeBase) -> list[str]:
    """What a note may call an application: its own short name, and the short name's first word where no
    other application's name has it, not even in a compound ("Belegwerk" of "Belegwerk KI-Kontierung"; not "Lotse" of
    "Lotse Arbeit" beside "EGH-Lotse") and it is not the town's own
    name ("Jeetzebrück" of "Jeetzebrück meldet" is what every document says)."""
    word = own_short_name(application.get("name"))
    first = word.split()[0] if word else ""
    others = " ".join(a.get("name") for a in kb.inventory if a is not application)
    town = " ".join([kb.municipality.name, *kb.municipality.address])
    # not part of another's name either: "Lotse" of "Lotse Arbeit" is in "EGH-Lotse", which a note calls by it
    alone = len(first) >= 5 and first != word and first.lower() not in others.lower() and first not in town
    return [w for w in (word, first if alone else "") if w]
