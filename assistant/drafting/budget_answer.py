"""The budget's answers: how much money is planned for AI (per year, category or kind, each sub-question its
own sum, a shared line's AI part), and what the register records as the applications' costs."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from assistant.domain import Table
from assistant.drafting import finance, finance_sentences
from assistant.drafting import lexicon as lx
from assistant.drafting import wording as w
from assistant.drafting.citing import Register, with_markers
from assistant.drafting.classify import (
    about_ai_as_such,
    asks_costs,
    asks_why,
    names_budget,
)
from assistant.drafting.data_answer import MAX_QUESTION, DataAnswer
from assistant.drafting.facts import (
    application_facts,
)
from assistant.drafting.injection import defuse
from assistant.drafting.listing import PER_APPLICATION
from assistant.drafting.owned import called_in, left_out, share_of
from assistant.drafting.spent import INCURRED
from assistant.drafting.spent import spent as spent_on
from assistant.drafting.subject import own_name, says, short_name
from assistant.drafting.understand import Reading
from assistant.figures import PART
from assistant.kb.chunk import STATUS, budget_chunk, inventory_chunk
from assistant.kb.model import KnowledgeBase, Record
from assistant.kb.query import Row, applications, budget_lines, kameral

# --- the budget ---------------------------------------------------------------------------------


def _finance(kb: KnowledgeBase) -> str:
    finance = next(
        (d for d in kb.municipality.departments if "finanz" in d.name.lower() or "kämmerei" in d.name.lower()), None
    )
    return f"{finance.name} ({finance.id})" if finance else "die Finanzverwaltung"


def _purpose(reading: Reading, categories: list[str], ai_only: bool = False, all_ai: bool = False) -> str:
    names = [w.CATEGORY_PHRASE[c] for c in categories if c in w.CATEGORY_PHRASE]
    if reading.budget_kind:
        names.append(w.KIND_PHRASE[reading.budget_kind])
    whole = "Für KI-Anwendungen" if ai_only else "Für den Einsatz von KI" if all_ai else "Für KI und Digitalisierung"
    return f"Für {w.enumerate_de(names)}" if names else whole


def _year_sentence(
    year: str,
    rows: list[Row],
    purpose: str,
    markers: str,
    today: date,
    shares: dict[str, int] | None = None,
    cameral: bool = False,
) -> str:
    """The year's sum; of a shared row only the AI part its note gives (``shares``: 8.400 of 98.000 Euro)."""
    shares = shares or {}

    def planned(r: Row) -> Decimal:
        return Decimal(shares[r.source_id]) if r.source_id in shares else Decimal(r.get("planned_eur"))

    adopted = sum((planned(r) for r in rows if r.get("status") != "proposed"), Decimal(0))
    proposed = sum((planned(r) for r in rows if r.get("status") == "proposed"), Decimal(0))
    own = [r for r in rows if r.source_id not in shares]  # a shared row's Ist is not its AI part's
    actual = [Decimal(r.get("actual_eur")) for r in own if r.get("actual_eur")]
    drafted = all(r.get("status") == "draft" for r in rows)
    if adopted:
        verb_phrase = "im Haushaltsentwurf vorgesehen" if drafted else "veranschlagt"
        text = (
            f"{purpose} {w.verb(1, 'sind', 'sind')} im Haushaltsjahr {year} insgesamt {w.euro(str(adopted))} "
            f"{verb_phrase}"
        )
        if not proposed:  # (the table sums a year's rows by one column at a time: state or part of the budget)
            text += _by_kind(rows, planned, cameral)
        if proposed:
            text += f"; zusätzlich sind {w.euro(str(proposed))} angemeldet, aber noch nicht beschlossen"
        elif drafted:  # "… und ist dieser bereits beschlossen?": the draft's state is the data's own answer
            text += f"; der Haushalt {year} ist noch nicht beschlossen"
    else:
        text = (
            f"{purpose} sind für das Haushaltsjahr {year} {w.euro(str(proposed))} angemeldet, aber noch nicht "
            "beschlossen"
        )
    if actual and len(actual) == len(own):  # a sum of the lines with an Ist is no Ist of the year
        spent = sum(actual, Decimal(0))
        when = "ausgegeben wurden" if int(year) < today.year else "bisher ausgegeben sind"
        text += f"; {when} {w.euro(str(spent))}"
        if shared := [r.get("budget_line") for r in rows if r.source_id in shares]:
            text += (
                f" (ohne den KI-Anteil auf der Haushaltsstelle {w.enumerate_de(shared)}, dessen Ist nicht "
                "gesondert ausgewiesen ist)"
            )
    return with_markers(text, markers)


def _by_kind(rows: list[Row], planned: Callable[[Row], Decimal], cameral: bool = False) -> str:
    """How a year's sum splits into running costs and investments, where it holds both: the Ergebnis- and the
    Investitionshaushalt are decided and reported apart ("davon 330.000 Euro für laufende (konsumtive)
    Aufwendungen und 145.000 Euro für Investitionen"); in a ``cameral`` budget its Verwaltungs- and
    Vermögenshaushalt ("davon 265.800 Euro im Verwaltungshaushalt und 84.000 Euro im Vermögenshaushalt")."""
    sums = {kind: sum((planned(r) for r in rows if r.get("kind") == kind), Decimal(0)) for kind in w.KIND_PHRASE}
    if not all(sums.values()):
        return ""
    phrase = (
        {k: f"im {v}" for k, v in w.CAMERAL_PART.items()}
        if cameral
        else {k: f"für {v}" for k, v in w.KIND_PHRASE.items()}
    )
    parts = [f"{w.euro(str(sums[k]))} {phrase[k]}" for k in ("consumptive", "investive")]
    return f", davon {w.enumerate_de(parts)}"


def _in_category(row: Row, category: str, used: set[str]) -> bool:
    """A budget line serves a purpose by its category; by its title ("Lizenzen und Betrieb ...") only where the
    budget files no line under that category (a title's "Dienstleistung" is no consulting line)."""
    if category in used:
        return row.get("category") == category
    return bool(lx.CATEGORY_WORDS[category].search((row.get("title") or "").lower()))


# Money "für KI-Anwendungen, KI-Schulung und KI-Koordinierung": the applications and what else the list names,
# which is all the AI money, not only the kinds of money the other items name.
_APPLICATIONS_AND_MORE = re.compile(r"\bfür\s+(?:die\s+)?KI-Anwendungen\s*(?:,|und\b|sowie\b)", re.IGNORECASE)


def planned_money(
    reading: Reading, kb: KnowledgeBase, register: Register, today: date, question: str = ""
) -> DataAnswer | None:
    has_costs = any(r.get("cost_one_time_eur") or r.get("cost_annual_eur") for r in kb.inventory)
    if not kb.budget and not has_costs:  # the data decides: no money figures at all
        return DataAnswer(
            "no_information",
            [w.NO_FINDINGS],
            warnings=[f"Die Wissensbasis enthält keine Haushaltsdaten; ggf. Angaben bei {_finance(kb)} erfragen"],
        )
    if not kb.budget:
        return None  # the inventory's costs: let retrieval decide
    if not _about_the_budget(reading, kb):
        return None  # "Wie hoch ist die Hundesteuer?": money, but nothing the AI budget is about
    whole = lx.WHOLE_LIFECYCLE.search(question.lower()) or _APPLICATIONS_AND_MORE.search(question)
    categories = [] if whole else list(reading.categories)
    used = {r.get("category") for r in kb.budget}
    rows = [
        row
        for row in budget_lines(kb, year=reading.years or None, kind=reading.budget_kind or None)
        if (not categories or any(_in_category(row, category, used) for category in categories))
        and not lx.is_income(row.get("title") or "", row.get("note") or "")  # income is no spending to add up
    ]
    if not rows:
        known = sorted({r.get("year") for r in kb.budget})
        asked = f" für {w.enumerate_de(list(reading.years))}" if reading.years else ""
        what = _purpose(reading, categories)[4:]
        text = (
            f"Die Haushaltsdaten der Verwaltung weisen{asked} keine Mittel für {what} aus "
            f"(erfasst sind die Jahre {known[0]} bis {known[-1]})."
        )
        return DataAnswer(
            "no_information",
            [text],
            warnings=[f"Keine passenden Haushaltsansätze; ggf. Angaben bei {_finance(kb)} erfragen"],
        )
    # a line the budget itself marks "kein KI-Bezug" is no answer to an inquiry on AI, whatever else it asks;
    # a shared line counts with the part its note gives an application ("darin Belegwerk 8.400 €; übrige …")
    shares = ai_shares(rows, kb)
    ai_related = [r for r in rows if r.source_id in shares or not lx.NO_AI.search(f"{r.get('title')} {r.get('note')}")]
    rows = ai_related or rows
    ai_only = False
    if lx.AI_NAMED.search(question):  # "Welche Mittel sind für KI-Anwendungen …": not the IT levy beside them
        owned = finance.owned_rows(kb)
        ai = [r for r in rows if r.source_id in shares or finance.ai_money(r.record, owned)]
        rows, ai_only = (ai, True) if ai and len(ai) < len(rows) else (rows, False)
    markers = {r.source_id: register.cite_chunk(budget_chunk(r.record), _quote(r.record)) for r in rows}
    owned = finance.owned_rows(kb)  # every row AI money or an AI part: the sum is no "KI und Digitalisierung"
    all_ai = all(r.source_id in shares or finance.ai_money(r.record, owned) for r in rows)
    purpose = _purpose(reading, categories, ai_only, all_ai)
    sentences = []
    for year in sorted({r.get("year") for r in rows}):
        in_year = [r for r in rows if r.get("year") == year]
        cited = "".join(markers[r.source_id] for r in in_year)
        sentences.append(_year_sentence(year, in_year, purpose, cited, today, shares, kameral(kb)))
    table = _budget_table(rows, markers, shares, kameral(kb))
    if asks_posts(reading, question):  # the posts are in the rows' notes ("1,0 Stelle E 12 … besetzt seit …")
        sentences += _post_notes(rows, register)
    mixed = [r for r in _mixed_rows(rows, kb) if r.source_id not in shares]
    sentences += _post_notes(mixed, register)
    warnings = [
        f"Haushaltsstelle {r.get('budget_line')} ({r.get('year')}) ist nur teilweise für KI bestimmt (siehe Vermerk) – "
        "Summe prüfen"
        for r in mixed
    ]
    return DataAnswer("answered", sentences, table, warnings=warnings)


def _budget_table(rows: list[Row], markers: dict[str, str], shares: dict[str, int], cameral: bool = False) -> Table:
    """The rows as a table; where a shared row counts with its AI part, a column "davon KI" gives what each
    row counts with, so that the column adds up to the sums the sentences give."""
    state = {"adopted": "beschlossen", "draft": "Entwurf", "proposed": "angemeldet"}
    counted = (PART,) if shares else ()
    columns = ("Jahr", "Haushaltsstelle", "Zweck", "Ansatz", *counted, "Ist", "Stand", "Haushalt", "Quelle")
    part = dict(w.CAMERAL_PART) if cameral else {"consumptive": "Ergebnishaushalt", "investive": "Investitionen"}
    table_rows = tuple(
        (
            r.get("year"),
            r.get("budget_line"),
            defuse(r.get("title"))[0],
            w.euro(r.get("planned_eur")),
            *((w.euro(str(shares.get(r.source_id, r.get("planned_eur")))),) if shares else ()),
            w.euro(r.get("actual_eur")) if r.get("actual_eur") else "",
            state.get(r.get("status"), r.get("status")),
            part.get(r.get("kind"), ""),
            markers[r.source_id],
        )
        for r in rows
    )
    return Table(columns, table_rows)


def ai_shares(rows: list[Row], kb: KnowledgeBase) -> dict[str, int]:
    """Of shared rows, the AI part their notes give the applications ("Lizenzen Finanzverfahren": "darin
    Belegwerk 8.400 €; übrige Mittel ohne KI-Bezug"), summed where a note gives two applications parts. A row
    titled as AI money ("KI-Lizenzen und Cloud-Dienste": "FalkText 48.000 €, DeepL Pro 9.600 €, sonstige 4.400 €")
    is AI money as a whole, however its note breaks it down."""
    shares: dict[str, int] = {}
    for r in rows:
        if finance.ai_money(r.record, set()):
            continue
        if _without_its_application(r, kb):  # "einschließlich Pilot DokuSort": 2028 "ohne DokuSort"
            shares[r.source_id] = 0
            continue
        parts = [s for a in kb.inventory if (s := share_of(a, r.record, kb)) is not None]
        if not parts and (whole := _AI_PART.search(r.get("note") or "")):  # "darin KI 31.000 € (wie 2027)"
            parts = [int(whole.group(1).replace(".", ""))]
        if parts and sum(parts) < int(r.get("planned_eur") or 0):
            shares[r.source_id] = sum(parts)
    return shares


# A shared row's note that gives its AI part as a whole, naming no application: "darin KI 31.000 € (wie 2027)"
_AI_PART = re.compile(
    r"\b(?:darin|davon)\s+(?:für\s+)?KI(?:-Anteil)?:?\s+(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:€|Euro\b|EUR\b)"
)


def _without_its_application(row: Row, kb: KnowledgeBase) -> bool:
    """Whether a shared row's note says that in its year it holds none of an application its title names
    ("Jobcenter – Fachverfahren … (einschließlich Pilot DokuSort SGB II)": "ohne DokuSort (Fortführung nicht
    veranschlagt)")."""
    title = row.get("title") or ""
    return any(called_in(a, title, kb) and left_out(a, row.record, kb) for a in kb.inventory)


# "Welcher Anteil der Umlage … entfällt auf KI?", "Wie viel davon ist für KI bestimmt?"
AI_SHARE_ASKED = re.compile(r"\b(?:Anteil\w*|anteilig|davon)\b[^?]{0,200}?\b(?:auf|für)\s+(?:die\s+)?KI\b")
_ROW_WORDS = 2  # words of a row's title a question must name to name the row


def row_share(kb: KnowledgeBase, register: Register, question: str) -> DataAnswer | None:
    """The AI part of the one shared budget line a question names by its title's words ("Umlage an das
    ITZ-AE"), per year, quoted from the rows' notes; None where the question names no such line."""
    from assistant.kb.keyword import analyze

    asked = {t for t in analyze(question) if len(t) >= 3} - set(analyze("Anteil KI entfällt Haushalt"))
    every = budget_lines(kb)
    named: dict[str, int] = {}  # budget line -> how many of the question's words its title has
    for row in every:
        line = row.get("budget_line") or ""
        named[line] = max(named.get(line, 0), len(asked & set(analyze(row.get("title") or ""))))
    most = max(named.values(), default=0)
    best = [line for line, count in named.items() if count == most]
    if most < _ROW_WORDS or len(best) != 1:
        return None
    rows = sorted((r for r in every if r.get("budget_line") == best[0]), key=lambda r: r.get("year") or "")
    shares = ai_shares(rows, kb)
    if not shares:
        return None
    sentences = []
    for r in (r for r in rows if r.source_id in shares):
        draft = " (Entwurf)" if r.get("status") in ("draft", "proposed") else ""
        lead = (
            f"Zum Ansatz {r.get('year')}{draft} von {w.euro(r.get('planned_eur'))} auf der Haushaltsstelle "
            f"{r.get('budget_line')} („{r.get('title')}“)"
        )
        sentences.append(finance_sentences.noted(r.record, (r.get("note") or "").strip(), register, lead))
    return DataAnswer("answered", sentences)


def _mixed_rows(rows: list[Row], kb: KnowledgeBase) -> list[Row]:
    """Rows whose title is about something else and whose note sets an amount aside for an application
    ("Mobilitätskonzept … – Gutachten und Online-Beteiligung": "Gutachten Planungsbüro 47.540 € und
    Beteiligungslotse Mobilität (…, einmalig 9.800 €)"): only that part is AI money, which the note says."""
    names = [short_name(own_name(a.get("name"))) for a in kb.inventory]
    names = [n for n in names if len(n) >= 4]
    found = []
    for r in rows:
        note, title = r.get("note") or "", r.get("title") or ""
        named = [n for n in names if says(n, note) and not says(n, title)]
        if named and finance_sentences.NOTE_AMOUNT.search(note) and not lx.AI_NAMED.search(title):
            found.append(r)
    return found


def _post_notes(rows: list[Row], register: Register) -> list[str]:
    """Each distinct note of the rows, once, for the years it stands in ("Zu den Ansätzen 2029 und 2030 …")."""
    notes: dict[str, list[Row]] = {}
    for r in rows:
        if note := (r.get("note") or "").strip():
            notes.setdefault(note, []).append(r)
    said = []
    for note, same in notes.items():
        which = "m Ansatz" if len(same) == 1 else " den Ansätzen"
        years = w.enumerate_de([x.get("year") for x in same])
        lead = f"Zu{which} {years} auf der Haushaltsstelle {same[0].get('budget_line')}"
        said.append(finance_sentences.noted(same[0].record, note, register, lead))
    return said


def _about_the_budget(reading: Reading, kb: KnowledgeBase) -> bool:
    """Whether the question's own subject words occur in the budget data (titles, notes, categories)."""
    from assistant.kb.keyword import analyze

    money = set(analyze("Haushaltsmittel Haushalt Haushaltsjahr Betrag Summe Ausgaben Ansatz Entwurf Mittel Kosten"))
    topic = [t for t in reading.topic if t not in money]
    if not topic or about_ai_as_such(reading.query):
        return True  # money for AI as such: the AI budget is what it asks for

    words = set(analyze(" ".join(budget_chunk(r).text for r in kb.budget)))
    words |= set(analyze(" ".join(w.CATEGORY_PHRASE.values()) + " Investitionen Schulungen Personal"))
    return any(t in words for t in topic)


def costs_of_applications(reading: Reading, kb: KnowledgeBase, question: str) -> bool:
    """ "Welche Kosten sind durch den Einsatz von KI entstanden?" asks what the applications cost,
    not what the budget plans (no year, category or budget word)."""
    has_costs = any(r.get("cost_one_time_eur") or r.get("cost_annual_eur") for r in kb.inventory)
    asks_budget = names_budget(question) or reading.years or reading.categories or reading.budget_kind
    return has_costs and asks_costs(question) and not asks_budget


def inventory_costs(
    reading: Reading, kb: KnowledgeBase, register: Register, today: date, question: str = ""
) -> DataAnswer:
    """The applications' recorded costs (of the statuses and departments asked: "welche Kosten sind für
    diese eingestellten Vorhaben angefallen?"): a sentence each for a few, else a table and the sums."""
    asked = applications(kb, status=reading.statuses or None, department=reading.departments or None)
    rows = [r.record for r in asked if r.get("cost_one_time_eur") or r.get("cost_annual_eur")]
    if len(rows) <= PER_APPLICATION:  # "Aus welchen Gründen, und welche Kosten …" of ended ones: why, too
        why = asks_why(question) and any(r.get("status") == "discontinued" for r in rows)
        facts = application_facts(rows, ["cost", "discontinued_reason"] if why else ["cost"], kb, register, today)
        spent = spent_on(rows, kb, register, today) if INCURRED.search(question) else []
        return DataAnswer("answered", facts.sentences + spent, warnings=facts.warnings, supplement=True)
    once = sum((Decimal(r.get("cost_one_time_eur") or 0) for r in rows), Decimal(0))
    annual = sum((Decimal(r.get("cost_annual_eur") or 0) for r in rows), Decimal(0))
    chunks = [inventory_chunk(r, kb) for r in rows]
    markers = [register.cite_chunk(c, c.text.split("\n")[0]) for c in chunks]
    text = with_markers(
        f"Im KI-Verzeichnis sind für {len(rows)} Anwendungen einmalige Kosten von insgesamt {w.euro(str(once))} "
        f"und laufende Kosten von insgesamt {w.euro(str(annual))} pro Jahr erfasst; die Übersicht nennt sie einzeln",
        "".join(markers),
    )
    table_rows = tuple(
        (
            r.get("name"),
            STATUS.get(r.get("status"), r.get("status")),
            w.euro(r.get("cost_one_time_eur")) if r.get("cost_one_time_eur") else "",
            w.euro(r.get("cost_annual_eur")) if r.get("cost_annual_eur") else "",
            marker,
        )
        for r, marker in zip(rows, markers, strict=True)
    )
    columns = ("Anwendung", "Status", "Einmalige Kosten", "Laufende Kosten pro Jahr", "Quelle")
    return DataAnswer("answered", [text], Table(columns, table_rows), supplement=True)


def _quote(record: Record) -> str:
    lines = budget_chunk(record).text.split("\n")
    return next(line for line in lines if line.startswith("Ansatz"))


POSTS = re.compile(
    r"\b(?:Stellen|Planstellen|Personalstellen|Projektstellen|Funktionsstellen|Vollzeitstellen)\b[^?]{0,100}?"
    r"\b(?:vorhanden|geplant|geschaffen|besetzt|eingerichtet|vorgesehen|veranschlagt)"
)


def asks_posts(reading: Reading, question: str) -> bool:
    return reading.categories == ("personnel",) and bool(POSTS.search(question[:MAX_QUESTION]))
