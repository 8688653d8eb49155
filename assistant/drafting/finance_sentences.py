"""The Finanzielle Auswirkungen of a motion's demand in words: each amount it names, what the budget
plans for it (every row cited on its own "Ansatz" line), what would be additional, the rows that do not
count and why, what a row's note earmarks or binds, and the table of the rows. The figures are
``finance.py``'s comparison; nothing here is computed by the model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from assistant.domain import Chunk, Table
from assistant.drafting import lexicon as lx
from assistant.drafting.budget_change import Move
from assistant.drafting.citing import Register, line_of
from assistant.drafting.demands import Amount, Demand, Per, labels
from assistant.drafting.finance import (
    COLUMNS,
    STATUS,
    Comparison,
    binding,
    blocked,
    bound,
    bound_elsewhere,
    planning_years,
    rows_for,
    state_of,
    status,
    subject_of,
    whole,
)
from assistant.drafting.named import names_money
from assistant.drafting.owned import GENERIC_WORDS, moved_rows, own_rows, share_of, title_terms
from assistant.drafting.relevance import related
from assistant.kb.chunk import budget_chunk, document_chunks, euro
from assistant.kb.keyword import analyze
from assistant.kb.model import KnowledgeBase, Record
from assistant.text import sentences_of, table_rows


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


def _change_demanded(comparison: Comparison) -> str:
    """What a budget motion demands of a line: a new level, a cut, a raise, a Sperrvermerk."""
    change, years = comparison.change, comparison.years
    assert change is not None
    line = f"den Ansatz {_years_text(years)}"
    if change.move is Move.LEVEL:
        return f"Der Antrag sieht vor, {line} auf {_money(change.euros)} festzusetzen."
    if change.move is Move.CUT:
        return f"Der Antrag sieht vor, {line} um {_money(change.euros)} zu kürzen."
    if change.move is Move.BLOCK:
        return f"Der Antrag sieht vor, {line} mit einem Sperrvermerk zu versehen."
    purpose = _for(comparison.amount, "")
    extra = f"zusätzlich {_money(change.euros)} für {_years_text(years)}"
    return f"Der Antrag sieht {purpose + ' ' if purpose else ''}{extra} vor."


def _change_effect(comparison: Comparison) -> list[str]:
    """What the change does to the planned money, per year, computed: the line lowered or raised by how much,
    unchanged in its amount under a Sperrvermerk, the whole sum to be added for money on top."""
    change = comparison.change
    assert change is not None
    if change.move is Move.BLOCK:
        return [
            "Die Höhe des Ansatzes bliebe unverändert; über die Mittel könnte erst nach der Freigabe verfügt werden."
        ]
    if change.move is Move.RAISE and not comparison.rows:
        return [f"Die Mittel wären zusätzlich zu veranschlagen: {_per_years(comparison.additional)}."]
    said = []
    for year in comparison.years:
        delta, planned = comparison.additional[year], comparison.planned[year]
        if change.stated_before is not None and change.stated_before != planned:
            said.append(
                f"Der Antrag geht von einem bisherigen Ansatz {year} von {_money(change.stated_before)} aus; "
                f"veranschlagt sind {_money(planned)}."
            )
        if delta < 0 and planned + delta < 0:  # a cut of money the draft does not hold: nothing to cut
            said.append(
                f"Eine Kürzung um {_money(-delta)} ist {year} nicht möglich: veranschlagt sind "
                f"{_money(planned) if planned else 'keine Mittel'}."
            )
        elif delta < 0:
            said.append(
                f"Der Ansatz {year} würde sich damit um {_money(-delta)} auf {_money(planned + delta)} verringern."
            )
        elif delta > 0:
            said.append(f"Der Ansatz {year} würde sich damit um {_money(delta)} auf {_money(planned + delta)} erhöhen.")
        else:
            said.append(f"Der Ansatz {year} bliebe damit unverändert.")
    return said


def _cite_rows(rows: Sequence[Record], register: Register) -> dict[str, str]:
    """Every budget row cited on its "Ansatz" line; the marker per row (year:line)."""
    markers = {}
    for row in rows:
        chunk: Chunk = budget_chunk(row)
        markers[chunk.source_id] = register.cite_chunk(chunk, line_of(chunk, "Ansatz"))
    return markers


def _cite_note(row: Record, register: Register) -> str:
    """A budget row cited on its note ("Bemerkung: darin DokuSort 18.000 € …"): where the part is stated."""
    chunk: Chunk = budget_chunk(row)
    return register.cite_chunk(chunk, line_of(chunk, "Bemerkung"))


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
    said = [_demanded(amount, years) if comparison.change is None else _change_demanded(comparison)]
    markers = _cite_rows(comparison.rows, register)
    with_rows = [y for y in years if any(r.get("year") == str(y) for r in comparison.rows)]
    if with_rows:
        parts = []
        for year in with_rows:
            in_year = [r for r in comparison.rows if r.get("year") == str(year)]
            cited = "".join(markers[budget_chunk(r).source_id] for r in in_year)
            if comparison.planned[year] != sum(whole(r.get("planned_eur")) for r in in_year):  # a shared row's part
                cited += "".join(_cite_note(r, register) for r in in_year if r.get("note"))
            parts.append(f"{year} {_money(comparison.planned[year])} {cited}")
        lines = ", ".join(comparison.lines)
        where = "Haushaltsstellen" if len(comparison.lines) > 1 else "Haushaltsstelle"
        # a line the motion changes holds what it holds, not money "dafür" (for what the motion adds to it)
        held = _for(amount, "") if comparison.change is not None else _for(amount)
        held = f"{held} " if held else ""
        if any(comparison.state(r) == "planning" for r in comparison.rows):  # a year of the financial plan
            lead = f"Im Haushalt und in der mittelfristigen Finanzplanung sind {held}vorgesehen"
        else:
            lead = f"Im Haushalt sind {held}veranschlagt"
        said.append(f"{lead}: {', '.join(parts)} ({where} {lines}).")
        said += _pending(comparison, markers)
    said += _context_sentences(comparison, register)
    if comparison.elsewhere:
        return said + _elsewhere_sentences(comparison, register)
    named = {r.get("year") for r in comparison.context}  # said above: planned for something else
    without = [y for y in years if y not in with_rows and str(y) not in named and y <= comparison.last_year]
    if without:
        # beside the rows found for it, "dafür": not all the year's licences ("DokuSort: 2027 18.000 Euro");
        # without: the demand's purpose, not its kind of money (staff training is planned, a council's is not)
        what = "dafür" if with_rows else "für das beantragte Vorhaben"
        said.append(f"Für {_years_text(without)} sind in den Haushaltsdaten {what} keine Mittel veranschlagt.")
    if beyond := [y for y in years if y > comparison.last_year]:
        said.append(
            f"Für {_years_text(beyond)} liegen noch keine Haushaltsdaten vor; der beantragte Betrag wäre dort "
            "vollständig zusätzlich zu veranschlagen."
        )
    if comparison.change is not None:
        return said + _change_effect(comparison)
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
    for (year, stage), group in groups.items():
        state = STATUS.get(stage, stage)
        cited = "".join(markers[budget_chunk(r).source_id] for r in group)
        lines = ", ".join(r.get("budget_line") for r in group)
        if len(group) == 1:
            said.append(f"Der Ansatz {year} auf der Haushaltsstelle {lines} ist {state} {cited}.")
        else:
            said.append(f"Die Ansätze {year} auf den Haushaltsstellen {lines} sind {state} {cited}.")
    return said


NOTE_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+\s*(?:€|Euro|EUR)|\d+\s*(?:€|Euro|EUR)")  # in a row's note


def on_row(row: Record) -> str:
    """How a row's note is led in: "Zum Ansatz 2026 auf der Haushaltsstelle 06.03.01-617150"."""
    return f"Zum Ansatz {row.get('year')} auf der Haushaltsstelle {row.get('budget_line')}"


def noted(row: Record, part: str, register: Register, lead: str) -> str:
    """ "<lead> ist vermerkt: „<part of the row's note>“ [n]." cited on the row's "Bemerkung" line."""
    chunk = budget_chunk(row)
    return f"{lead} ist vermerkt: „{part}“ {register.cite_chunk(chunk, line_of(chunk, 'Bemerkung'))}."


def single(part: str) -> bool:
    """Whether a note's part sets aside one amount."""
    return len(NOTE_AMOUNT.findall(part)) == 1


def _euro_value(text: str) -> int | None:
    found = NOTE_AMOUNT.search(text)
    return whole(re.sub(r"\D", "", found.group(0))) if found else None


def earmarked(comparison: Comparison, demand: str, kb: KnowledgeBase) -> list[tuple[Record, str, int | None]]:
    """What a row's note sets aside for an application the demand names ("FalkText im Regelbetrieb …
    72.000 €" in a licence row of 88.000 €): the row, the note's part and its amount. A part must share
    a word of an application's name with the demand ("Beschäftigte" in both names nothing)."""
    names = {t for r in kb.inventory for t in analyze(r.get("name")) if len(t) >= 5} - GENERIC_WORDS
    asked = {t for t in analyze(demand) if len(t) >= 5} & names
    found = []
    for row in comparison.rows:
        for part in re.split(r"[;,]\s+", row.get("note") or ""):
            if NOTE_AMOUNT.search(part) and set(analyze(NOTE_AMOUNT.sub(" ", part))) & asked:
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
    uncovered = {whole(year) for year in per_year} | {y for y in held if comparison.additional[y] + held[y] > 0}
    bound_said, restated = _bound_sentences(comparison, held, register, quoted={id(row) for row, _, _ in notes})
    said = sentences(comparison, register, uncovered=uncovered, restated=restated) + bound_said
    for row, part, euros in notes:
        year = row.get("year")
        said.append(noted(row, part, register, on_row(row)))
        # not for a demand that lowers the line ("von 18.000 € auf 10.000 € gekürzt"), nor for a part that sets
        # aside two amounts ("8.000 € für … und 10.000 € für …"): what the demand would still need is no question there
        change = comparison.amount.change  # a line the motion cuts or sets lower, not money it asks for
        lowers = change is not None and change.move is not Move.RAISE and comparison.additional.get(whole(year), 0) < 0
        if euros and per_year[year] == 1 and comparison.amount.euros > euros and not lowers and single(part):
            said.append(
                f"Gemessen an dem dort vorgesehenen Betrag wären {year} "
                f"{_money(comparison.amount.euros - euros)} zusätzlich erforderlich."
            )
    quoted = {id(row) for row, _, _ in notes}
    for row in comparison.rows:  # "die … veranschlagten 25.000 Euro werden dafür freigegeben": planned, but blocked
        if id(row) not in quoted and (part := blocked(row)):
            said.append(noted(row, part, register, on_row(row)))
    return said + _income_sentences(comparison, kb, register)


# A row that brings money in, not out: a grant, a reimbursement ("Zuwendung des Landes … (Einzahlung)").
def _income_sentences(comparison: Comparison, kb: KnowledgeBase, register: Register) -> list[str]:
    """Grants and other income on the amount's subject in its years, named beside it (not netted: whether
    a grant also covers what the demand adds is the clerk's to say)."""
    subject, years = subject_of(comparison.amount), {str(y) for y in comparison.years}
    rows = [
        r for r in kb.budget
        if r.get("year") in years and lx.is_income(r.get("title"), r.get("note"))
        and subject & title_terms(r.get("title"))
        and r not in comparison.rows
    ]  # fmt: skip
    if not rows:
        return []
    return [f"Dem stehen Einnahmen gegenüber: {_listed(rows, register, '(„{title}“)')}."]


def _listed(rows: Sequence[Record], register: Register, title: str) -> str:
    """Rows as "<year> <amount> <title> [n]; …", each cited; ``title`` places the row's title."""
    markers = _cite_rows(rows, register)
    return "; ".join(
        f"{r.get('year')} {_money(whole(r.get('planned_eur')))} {title.format(title=r.get('title'))} "
        + markers[budget_chunk(r).source_id]
        for r in rows
    )


def _held(comparison: Comparison) -> dict[int, int]:
    """Per year, what the comparison's rows hold that their notes bind elsewhere."""
    held: dict[int, int] = {}
    subject = subject_of(comparison.amount)
    for row in comparison.rows:
        if bound_elsewhere(row, subject):
            year = whole(row.get("year"))
            held[year] = held.get(year, 0) + whole(row.get("planned_eur"))
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
    subject = subject_of(comparison.amount)
    for row in comparison.rows:
        if id(row) in quoted:
            continue
        if part := binding(row):
            lead = on_row(row)
            said.append(noted(row, part.strip(), register, lead))
    if comparison.change is not None:  # a change of the line itself: its binding said, no demand drawn on it
        return said, restated
    for year in sorted(held):
        free = max(comparison.planned[year] - held[year], 0)
        need = comparison.amount.euros - free
        if need <= max(comparison.additional[year], 0):
            continue
        unbound = [
            whole(r.get("planned_eur"))
            for r in comparison.rows
            if r.get("year") == str(year) and not bound_elsewhere(r, subject)
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
            f"{r.get('year')} {_money(whole(r.get('planned_eur')))} {markers[budget_chunk(r).source_id]}" for r in rows
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
        amount = f"{_money(whole(row.get('planned_eur')))} für „{row.get('title')}“ ({row.get('year')}) {marker}"
        if comparison.state(row) == "proposed":
            said.append(f"Nicht angerechnet werden {amount}, da sie angemeldet, aber nicht beschlossen sind.")
        elif part := binding(row):  # bound to something else: the note says what for
            said.append(f"Nicht angerechnet werden {amount}, da diese Mittel gebunden sind.")
            lead = on_row(row)
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
        said += _line_sentences(application, kb, register, since, stated or {}, planning)
    return said


# A row's note that only repeats its 0 €: "nicht veranschlagt".
_SAYS_NOTHING = re.compile(r"(?:nicht|noch nicht|kein\w*)\s+(?:veranschlagt|Ansatz|eingeplant)\.?", re.IGNORECASE)


def _line_sentences(
    application: Record,
    kb: KnowledgeBase,
    register: Register,
    since: int,
    stated: Mapping[str, str],
    planning: frozenset[int],
) -> list[str]:
    """``application_sentences`` of one application: its line, then a line of its own it moved to in a
    later year ("Fidelis Widerspruch": 11205.543130 shared with Fidelis Post in 2026, 11205.543131 from 2027)."""
    said: list[str] = []
    name = application.get("name")
    its, moved = application.get("budget_line"), moved_rows(application, kb)
    own = [r for r in own_rows(application, kb) if r.get("budget_line") == its] + moved
    own = [r for r in own if whole(r.get("year")) >= since]
    for line in dict.fromkeys([its, *(r.get("budget_line") for r in moved)]):
        rows = [r for r in own if r.get("budget_line") == line]
        if not rows:
            continue
        earlier = {stated.get(budget_chunk(r).source_id) for r in rows}
        if None not in earlier:  # every row was listed under an earlier demand
            said.append(f"Die Haushaltsansätze der Anwendung „{name}“ sind unter Nr. {min(earlier, key=str)} genannt.")
            continue
        markers = _cite_rows(rows, register)
        parts = [_its_part(application, r, kb, planning) + markers[budget_chunk(r).source_id] for r in rows]
        said.append(f"Für die Anwendung „{name}“ sind auf der Haushaltsstelle {line} vorgesehen: {'; '.join(parts)}.")
        said += [
            noted(r, r.get("note").strip(), register, f"Zum Ansatz {r.get('year')}")
            for r in rows
            if r.get("note") and not _SAYS_NOTHING.fullmatch(r.get("note").strip())
        ]
        said += line_notes(line, kb, register)
    return said


def _its_part(application: Record, row: Record, kb: KnowledgeBase, planning: frozenset[int]) -> str:
    """What a row plans for an application: its money, or on a shared row the part its note gives the
    application ("2026 8.400 Euro (Anteil an 98.000 Euro, veranschlagt)" for "darin Belegwerk 8.400 €")."""
    planned, state = whole(row.get("planned_eur")), _PLANNED.get(state_of(row, planning), "veranschlagt")
    if not planned:  # a row of 0 €: "nicht veranschlagt – Entscheidung im Mai 2027"
        return f"{row.get('year')} nichts veranschlagt "
    if (share := share_of(application, row, kb)) is not None:
        return f"{row.get('year')} {_money(share)} (Anteil an {_money(planned)}, {state}) "
    return f"{row.get('year')} {_money(planned)} ({state}) "


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
            rows = table_rows(chunk.text)  # a table's row is said with its column heads, not its bars
            cited = " und ".join(
                f"{_row_said(*rows[q.strip()], line)} {register.cite_chunk(chunk, q)}"
                if q.strip() in rows
                else f"„{q.rstrip('.')}“ {register.cite_chunk(chunk, q)}"
                for q in quoted
            )
            said.append(f"Zur Haushaltsstelle {line} ist im Dokument „{document.title}“ vermerkt: {cited}.")
            break
    return said


def _row_said(label: str, cells: str, line: str) -> str:
    """A table's row on a budget line, with its column heads: its first cell too where that is not the line
    ("WoGeKompass (Landeszuweisung 50 %): Haushaltsstelle – 050201.543140; …")."""
    return cells if re.sub(r"\W", "", label) == re.sub(r"\W", "", line) else f"{label}: {cells}"


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
    asked = {family for term in set(analyze(demand.text)) - GENERIC_WORDS for family in related(term)}
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
    markers = _cite_rows(rows, register)
    listed = "; ".join(  # each row with its state: a draft's or the financial plan's figure is not adopted
        f"{r.get('year')} {_money(whole(r.get('planned_eur')))} für „{r.get('title')}“ "
        f"({_PLANNED.get(status(r, kb), 'veranschlagt')}) {markers[budget_chunk(r).source_id]}"
        for r in rows
    )
    found = [p for p in purposes if any(r.get("category") == p for r in rows)] or purposes  # the rows' kinds only
    return [f"Für {labels(found)} sind im Haushalt vorgesehen: {listed}."]


def _on_demand(row: Record, asked: set[str]) -> bool:
    """Whether a row's title shares a word (or a word of its family) with the demand: "Übersetzungstablets"
    asks for the budget of translation devices, not for the road sensors that are hardware too."""
    return bool(asked & title_terms(row.get("title")))


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
        f"{_money(whole(row.get('planned_eur')))} {state} {marker}."
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
                    _money(whole(row.get("planned_eur"))),
                    STATUS.get(row.get("status"), row.get("status") or "–"),
                    register.cite_chunk(chunk, line_of(chunk, "Ansatz")),
                )
            )
    return Table(COLUMNS, tuple(rows)) if rows else None
