"""A motion (Antrag) is not answered but commented on: per demand a Stellungnahme der Verwaltung
with the sections Sachstand, Finanzielle Auswirkungen, Umsetzung and Empfehlung.

- **Sachstand** is what the knowledge base says, in its own cited sentences (``sachstand.py``),
  retrieved for a question made from the demand – "Was hat die Verwaltung zum Thema „eine
  KI-Strategie …“ bereits beschlossen, geplant oder umgesetzt?" – asked of an inquiry without the
  motion's Begründung, which argues and is never a source of facts.
- **Finanzielle Auswirkungen** are computed in code (``finance.py``): every amount the demand
  names against the budget rows of the same purpose and years, each row cited.
- **Umsetzung** compares the demand's deadlines with today and with the dates of the Sachstand,
  and names the departments of the applications the Sachstand cites.
- **Empfehlung** is never drafted: a placeholder the leadership fills in; an answer with the
  placeholder left cannot be approved (``PLACEHOLDER``, ``recommendation_open``).

The sections stand in the answer's text as paragraphs that start with their label, so a clerk
edits one text and the letter sets the labels in bold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache

from assistant.domain import Answer, AnswerStatus, Chunk, Citation, Inquiry, Question
from assistant.drafting import budget_change as bc
from assistant.drafting import finance, finance_sentences
from assistant.drafting import lexicon as lx
from assistant.drafting import wording as w
from assistant.drafting.citing import Register, line_of
from assistant.drafting.decided import already_decided
from assistant.drafting.demands import Demand, asked, purposes_of, read_demand
from assistant.drafting.facts import application_facts
from assistant.drafting.gaps import period_end
from assistant.drafting.named import state_columns
from assistant.drafting.owned import called_in, own_short_name
from assistant.kb.chunk import inventory_chunk
from assistant.kb.model import KnowledgeBase, Record
from assistant.text import sentences_of

SACHSTAND, FINANZEN, UMSETZUNG, EMPFEHLUNG = "Sachstand", "Finanzielle Auswirkungen", "Umsetzung", "Empfehlung"
SECTIONS = (SACHSTAND, FINANZEN, UMSETZUNG, EMPFEHLUNG)
PLACEHOLDER = "[Von der Verwaltungsleitung einzutragen: Zustimmung, Ablehnung oder Änderung]"
OPEN_RECOMMENDATION = "Empfehlung offen: Zustimmung, Ablehnung oder Änderung trägt die Verwaltungsleitung ein"
_MARKERS = re.compile(r"\[\d+\]")
_COMMISSION = re.compile(
    r"^(?:der\s+rat\s+beschließt\s*:?\s*)?(?:die\s+verwaltung|der\s+(?:ober)?bürgermeister(?:in)?|die\s+(?:ober)?bürgermeisterin|"
    r"der\s+landrat|die\s+landrätin|die\s+kreisverwaltung|die\s+gemeindeverwaltung|die\s+stadtverwaltung|"
    r"der\s+magistrat|der\s+gemeindevorstand|der\s+kreisausschuss|der\s+senat)\s+"
    r"(?:wird|werden)\s+(?:(?:weiter|ferner|außerdem|zudem|darüber\s+hinaus)\s+)?"
    r"(?:aufgefordert|beauftragt|gebeten|ersucht)\s*,?\s*",
    re.IGNORECASE,
)
_UNTIL = re.compile(
    r"\s+(?:spätestens\s+)?(?:bis|zum)\s+(?:zum\s+|spätestens\s+)*(?:ende\s+)?"
    r"(?:\d{1,2}\.\s*\d{1,2}\.\s*|(?:\d{1,2}\.\s*)?[\wäöü.]+\s+)20\d\d(?:/(?:20)?\d\d)?\b",
    re.I,
)
_TO_VERB = re.compile(
    r",?\s+(?:zu\s+\w+|\w+zu(?:richten|legen|führen|stellen|setzen|nehmen|geben|arbeiten|bauen|sehen|halten|bringen|prüfen))$"
)
_PROVIDE = re.compile(
    r"^(.+?)\s+(?:sind|ist|werden|wird)\s+.*?\b(?:\w+zu(?:stellen|richten|sehen|planen|führen|nehmen)|zu\s+\w+en)$",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    r"^es\s+(?:wird|werden)\s+(.+?)\s+(?:eingerichtet|gebildet|erstellt|eingeführt|geschaffen|eingesetzt|"
    r"aufgebaut|veröffentlicht|bereitgestellt|beschlossen|vorgelegt)(.*)$",
    re.IGNORECASE,
)


def is_motion(inquiry: Inquiry) -> bool:
    kind = inquiry.kind.lower()
    return "antrag" in kind and "anfrage" not in kind


def item_label(inquiry: Inquiry) -> str:
    """How an inquiry's items are named to staff: a motion's demands by number ("Nr. 2a"), questions as such."""
    return "Nr." if is_motion(inquiry) else "Frage"


def motion_year(inquiry: Inquiry, today: date) -> int:
    found = re.search(r"(20\d\d)", inquiry.date or "")
    return int(found.group(1)) if found else today.year


def first_open_year(inquiry: Inquiry, today: date) -> int:
    """The first budget year a motion's money without a year can go into: from October on, the next year's
    (the year's own budget is being spent, the next one is in deliberation)."""
    found = re.search(r"(20\d\d)-(\d\d)", inquiry.date or "")
    year, month = (int(found.group(1)), int(found.group(2))) if found else (today.year, today.month)
    return year + 1 if month >= 10 else year


# The council speaking for itself ("Der Kreistag bekennt sich zu …", "Der Rat begrüßt …") asks the
# administration for nothing: what the demand wants is in the sentence after it.
_DECLARATION = re.compile(
    r"^(?:der|die|das)\s+(?:kreistag|rat|stadtrat|gemeinderat|stadtverordnetenversammlung|gemeindevertretung|"
    r"bezirksvertretung|kreisausschuss\s+und\s+kreistag)\s+(?:bekennt\s+sich|begrüßt|stellt\s+fest|unterstützt|"
    r"betont|erklärt|bekräftigt|würdigt|sieht)\b",
    re.IGNORECASE,
)


def _first_sentence(text: str) -> str:
    """The demand's first sentence that asks something of the administration."""
    found = sentences_of(text) or [text]
    asks = [s for s in found[:3] if not _DECLARATION.match(s)]
    return (asks or found)[0].rstrip(".!? ")


MAX_TOPIC = 300  # characters of a demand's first sentence read for its topic (the patterns stay linear)


def sachstand_question(text: str) -> str:
    """The question the Sachstand answers: what exists of what the demand wants – the demand's first
    sentence without the commission ("Die Verwaltung wird beauftragt, …"), its deadline and its verb.
    Another demand it points to ("das unter Nr. 1 genannte System") is not spelled out: its words made
    the subject an application that merely shares one ("… im Winterdienst") and lost the report asked for."""
    first = _first_sentence(text)[:MAX_TOPIC].rstrip(" ,;")
    if question := asked(first):  # "berichtet dem Ausschuss für Haushalt, Personal …, welche Ausgaben …"
        return _asked(question)
    wanted = first[commission.end() :] if (commission := _COMMISSION.match(first)) else first
    wanted = _TO_VERB.sub("", re.sub(_UNTIL, "", " " + wanted)).strip(" ,;")
    if passive := _PASSIVE.match(wanted):
        wanted = passive.group(1) + passive.group(2)
    elif provide := _PROVIDE.match(wanted):
        wanted = provide.group(1)
    return _asked(wanted if len(wanted.split()) >= 2 else first)


SACHSTAND_FRAME = "Was hat die Verwaltung zum Thema bereits beschlossen, geplant oder umgesetzt?"


def _asked(thing: str) -> str:
    return f"Was hat die Verwaltung zum Thema „{thing.strip(' ,')}“ bereits beschlossen, geplant oder umgesetzt?"


def sachstand_inquiry(inquiry: Inquiry) -> Inquiry:
    """The motion as an inquiry whose questions ask for the Sachstand of each demand; without the
    Begründung and preamble (arguments of the applicants, never facts about the administration) and
    without its title as a subject (a motion titled on a chatbot also demands a telephone service)."""
    asked = tuple(replace(q, text=sachstand_question(q.text)) if q.asks else q for q in inquiry.questions)
    return replace(inquiry, kind="Anfrage", questions=asked, justification="", preamble="", subject="")


def demand_of(question: Question, inquiry: Inquiry, today: date) -> Demand:
    parent = inquiry.question(question.parent).text if question.parent else ""
    return read_demand(question.id, question.text, parent, first_open_year(inquiry, today))


MAX_REFERRED = 20  # demands a range of numbers may point to
# "für die unter Nr. 1 und Nr. 2 genannten Maßnahmen", "nach Nr. 1 und 4", "Ziffern 2 bis 3"
# Not a number of another document: "nach Nr. 2 des Beschlusses vom 19.03.2026", "Nr. 7 der KI-Leitlinie".
_REFERENCE = re.compile(
    r"\b(?:Nr\.|Nummern?|Ziffer(?:n)?|Ziff\.)\s*(\d+[a-z]?(?:\s*(?:,|und|sowie|bis|–|-)\s*(?:Nr\.\s*)?\d+[a-z]?)*)"
    r"(?![\w-]|\s+(?:des|der|eines|einer)\s)"
)


def referring(text: str, question: Question, inquiry: Inquiry) -> str:
    """The texts of the other demands a demand's text points to by number ("für die unter Nr. 1 und Nr. 2
    genannten Maßnahmen … 150.000 €"): what the money is for is named there (a demand "3" stands for its
    sub-demands 3a, 3b; a range "Ziffern 1 bis 3" for at most ``MAX_REFERRED`` demands)."""
    wanted: list[str] = []
    for match in _REFERENCE.finditer(text):
        numbers = re.findall(r"\d+[a-z]?", match.group(1))
        if re.search(r"bis|–|-", match.group(1)) and len(numbers) == 2 and all(n.isdigit() for n in numbers):
            first, last = int(numbers[0]), int(numbers[1])
            numbers = [str(n) for n in range(first, min(last, first + MAX_REFERRED - 1) + 1)]
        wanted += [n for n in numbers if n not in wanted]
    own = {question.id, question.parent}
    return "\n".join(
        q.text for q in inquiry.questions
        if q.id not in own and any(q.id == n or (n.isdigit() and re.fullmatch(rf"{n}[a-z]", q.id)) for n in wanted)
    )  # fmt: skip


# "Für das Projekt werden … 150.000 € bereitgestellt": what the motion named before.
_ANAPHOR = re.compile(
    r"\b(?:das|dieses|des|dieses|dem|diesem)\s+(?:Projekt|Vorhaben|System|Verfahren)(?:e?s)?\b"
    r"|\b(?:die|diese|der|dieser)\s+Anwendung\b",
    re.IGNORECASE,
)


def antecedent(text: str, question: Question, inquiry: Inquiry, kb: KnowledgeBase) -> str:
    """For a demand that names no application but "das Projekt", "das System": the nearest demand before
    it that names one by its words (``finance.named_by_words``)."""
    if not _ANAPHOR.search(text) or finance.named_by_words(text, kb):
        return ""
    ids = [q.id for q in inquiry.questions]
    before = inquiry.questions[: ids.index(question.id)] if question.id in ids else []
    return next((q.text for q in reversed(before) if finance.named_by_words(q.text, kb)), "")


_FOR_IT = re.compile(r"\b(?:dafür|hierfür|dazu|hierzu)\b", re.IGNORECASE)


def _lead(text: str, question: Question, inquiry: Inquiry, kb: KnowledgeBase) -> str:
    """For a sub-demand that names no application: its lead-in, where that names one ("2. Das KI-Labor wird
    verstetigt: … b) Für seinen Betrieb werden … 30.000 € bereitgestellt")."""
    if not question.parent or finance.named_by_words(text, kb) or lx.INSTEAD.search(text):
        return ""
    lead = inquiry.question(question.parent).text
    if finance.named_by_words(lead, kb):
        return lead
    # "1. Zur Trinkwasserversorgung: a) Die KI-gestützte Leckageortung … b) Im Haushalt 2027 werden dafür …":
    # "dafür" is for what the sub-demand before it names
    if not _FOR_IT.search(text):
        return ""
    siblings = [q for q in inquiry.questions if q.parent == question.parent]
    before = siblings[: siblings.index(question)] if question in siblings else []
    return next((q.text for q in reversed(before) if finance.named_by_words(q.text, kb)), "")


def called_lead(text: str, question: Question, inquiry: Inquiry, kb: KnowledgeBase) -> str:
    """For a sub-demand that calls no application by its short name: the short names its lead-in calls ("1. Lotsa
    Wohngeld … b) auf die Anträge auf Grundsicherung ausweiten und hierfür … 25.000 Euro": Lotsa Wohngeld's money,
    not that of "Lotsa Eingang – … Posteingang in der Grundsicherung", which shares a word with it)."""
    if not question.parent or any(called_in(a, text, kb) for a in kb.inventory) or lx.INSTEAD.search(text):
        return ""
    lead = inquiry.question(question.parent).text
    return "\n".join(own_short_name(a.get("name")) for a in kb.inventory if called_in(a, lead, kb))


def titled(text: str, inquiry: Inquiry, kb: KnowledgeBase) -> str:
    """For a demand that names no application: the motion's title, where it names exactly one ("Die digitale
    Kreisauskunft „Kranich“ ausbauen": "Für die Erweiterung … 60.000 €" is Kranich's money)."""
    title = inquiry.subject or ""
    if not title or finance.named_by_words(text, kb):
        return ""
    return title if len(finance.named_by_words(title, kb)) == 1 else ""


def compared(demand: Demand, question: Question, inquiry: Inquiry, kb: KnowledgeBase) -> list[finance.Comparison]:
    """Each amount of a demand against the budget. An amount "für die Maßnahmen nach Nr. 3" is for what
    the demands it points to name, and of their kind of money where its own words name none; one "für das
    Projekt" for what the demand before it named."""
    others = (
        referring(demand.text, question, inquiry)
        or antecedent(demand.text, question, inquiry, kb)
        or _lead(demand.text, question, inquiry, kb)
        or titled(demand.text, inquiry, kb)
    )
    found, carried = [], others
    running_apart = any("operations" in amount.purposes for amount in demand.amounts)
    words = _with_lead_line(demand.text, question, inquiry)
    if not others and (lead := called_lead(demand.text, question, inquiry, kb)):
        # the line the lead-in names is the one meant (a budget motion's "Konto …"), else the names alone
        said = f"{words}\n{lead}" if bc.said_lines(words) else lead
        return [finance.compare(a, kb, said, lead, running_apart) for a in demand.amounts]
    for amount in demand.amounts:
        # "Für die Veröffentlichung nach Nr. 1 … 40.000 € und ab 2028 jährlich 8.000 €, für die Fortbildung nach
        # Nr. 3 … 120.000 €": an amount is for the demands its own part points to, or the part before it
        if own := referring(amount.part, question, inquiry):
            carried = own
        pointed = purposes_of(carried)
        if amount.purposes == ("other",) and len(pointed) == 1:
            amount = replace(amount, purposes=pointed)
        found.append(finance.compare(amount, kb, f"{words}\n{carried}", carried, running_apart))
    return found


def _with_lead_line(text: str, question: Question, inquiry: Inquiry) -> str:
    """A sub-demand's words, after its lead-in's where only the lead-in names the budget line ("4. KIRA (Produkt
    11106, Konto 5314000 – Entgelte an den KITZ): a) Der auf KIRA entfallende Anteil … wird … gekürzt")."""
    if not question.parent or bc.said_lines(text):
        return text
    lead = inquiry.question(question.parent).text
    return f"{lead} {text}" if bc.said_lines(lead) else text


_OPEN_DEADLINE = "Ob sie eingehalten werden kann, geht aus dem Sachstand nicht hervor – bitte ergänzen"


def _deadline_sentences(demand: Demand, sachstand: Answer, today: date) -> tuple[list[str], list[str]]:
    """The Umsetzung's sentences on the demand's deadlines, and notes for the reviewer. A deadline still
    to come is "noch nicht verstrichen" ("noch nicht erreicht" also reads as "not met"); that it cannot be
    kept as things stand is said only where the Sachstand's schedule reaches beyond it (with that schedule's
    last day), otherwise the reviewer is asked."""
    said, notes = [], []
    for deadline in demand.deadlines:
        phrase = re.sub(r"^(?:bis\s+)?(?:zum\s+|zur\s+|spätestens\s+)*", "", deadline.phrase, flags=re.I)
        if deadline.day < today:
            said.append(f"Die im Antrag genannte Frist ({phrase}) ist bereits verstrichen.")
            continue
        said.append(f"Die im Antrag genannte Frist ({phrase}) ist noch nicht verstrichen.")
        for sentence in sentences_of(sachstand.text):
            end = planned_end(_MARKERS.sub("", sentence))
            markers = "".join(dict.fromkeys(_MARKERS.findall(sentence)))
            last_day = date.fromordinal(end.toordinal() - 1) if end is not None else None
            # "Inbetriebnahme: Juli 2027" for "zum 01.07.2027": a month's plan says nothing of the day in it
            in_month = last_day is not None and not _EXACT.search(sentence) and last_day.month == deadline.day.month
            if last_day is not None and markers and last_day > deadline.day and not in_month:
                last = last_day.strftime("%d.%m.%Y")
                until = f" bis zum {last} und damit" if last in sentence else ""  # "Ende 2027": no day of its own
                said.append(
                    f"Der im Sachstand genannte Zeitplan reicht{until} über diese Frist hinaus {markers}; "
                    "ohne seine Änderung ist sie nicht einzuhalten."
                )
                break
        else:
            notes.append(f"Frist {phrase}: {_OPEN_DEADLINE}")
    return said, notes


# A sentence about what is still to come ("… werden dem Ausschuss am 10.03.2027 vorgestellt", "… ist für 2028
# angekündigt"): its exact dates are a schedule, as its periods are.
_PLANNED = re.compile(
    r"\b(?:soll|sollen|wird|werden|geplant|vorgesehen|voraussichtlich|angekündigt|erst|frühestens)\b", re.IGNORECASE
)
_EXACT = re.compile(r"(?<!seit dem )(?<!seit )\b(\d{1,2})\.(\d{1,2})\.(20\d\d)\b", re.IGNORECASE)


def planned_end(sentence: str) -> date | None:
    """The day after the latest period or, in a sentence about what is to come, the latest date it names."""
    ends = [end] if (end := period_end(sentence)) is not None else []
    if _PLANNED.search(sentence):
        for day, month, year in _EXACT.findall(sentence):
            try:
                ends.append(date.fromordinal(date(int(year), int(month), int(day)).toordinal() + 1))
            except ValueError:
                continue  # "31.02.2027" is no day
    return max(ends) if ends else None


def _applications(sachstand: Answer, aside: Collection[str] = ()) -> list[str]:
    """The inventory ids the Sachstand cites, in order; not those it cites only ``aside`` (beside a claim of
    the motion's Begründung: "weiterhin wird mit TalentMatch gearbeitet" does not make TalentMatch's money
    and office the demand's)."""
    cited = (c.source_id.split(":", 1)[1] for c in sachstand.citations if c.source_id.startswith("inventory:"))
    return [i for i in dict.fromkeys(cited) if i not in aside]


def _departments(sachstand: Answer, kb: KnowledgeBase, register: Register, aside: Collection[str] = ()) -> list[str]:
    """The departments of the applications the Sachstand cites, each cited on its inventory line; none
    for an overview of the whole register."""
    rows = {r.get("id"): r for r in kb.inventory}
    found: dict[str, Record] = {}  # department name -> the first application of it the Sachstand cites
    for ident in _applications(sachstand, aside):
        if ident in rows and rows[ident].get("department"):
            found.setdefault(kb.municipality.department_name(rows[ident].get("department")), rows[ident])
    if not found or len(found) > MAX_DEPARTMENTS:
        return []
    named = {}
    for name, row in found.items():
        chunk = inventory_chunk(row, kb)
        named[name] = register.cite_chunk(chunk, line_of(chunk, "Zuständig"))
    if len(named) == 1:
        return [f"Zuständig ist laut KI-Verzeichnis: {name} {marker}." for name, marker in named.items()]
    return ["Zuständig sind laut KI-Verzeichnis: " + "; ".join(f"{n} {m}" for n, m in named.items()) + "."]


MAX_DEPARTMENTS = 3


_OUTCOME_COLUMNS = ("evaluation", "discontinued_reason")


def record_sentences(chunk: Chunk, kb: KnowledgeBase, register: Register, today: date, state: bool = True) -> list[str]:
    """A record a Sachstand found (an AI application, a budget row) in sentences, each cited on its line;
    ``state=False``: of an application only its evaluation and why it ended (its state is said already)."""
    ident = chunk.source_id.split(":", 1)[-1]
    if chunk.kind == "inventory":
        rows = [r for r in kb.inventory if r.get("id") == ident]
        if not rows:
            return []
        columns = (*state_columns(rows[0]), *_OUTCOME_COLUMNS) if state else _OUTCOME_COLUMNS
        return application_facts(rows, columns, kb, register, today).sentences
    rows = [r for r in kb.budget if f"{r.get('year')}:{r.get('budget_line')}" == ident]
    return [finance_sentences.row_sentence(rows[0], register, kb)] if rows else []


def _continuing(citations: tuple[Citation, ...]) -> Register:
    register = Register()
    for citation in citations:
        register.cite(citation.source_id, citation.title, citation.quote)
    return register


def _stated(question: Question, inquiry: Inquiry, earlier: Mapping[str, Answer]) -> dict[str, str]:
    """The budget rows the statements on the demands before this one cite: source id -> the first's number."""
    order = [q.id for q in inquiry.questions]
    before = order[: order.index(question.id)] if question.id in order else []
    found: dict[str, str] = {}
    for qid in before:
        for citation in earlier[qid].citations if qid in earlier else ():
            if citation.source_id.startswith("budget:"):
                found.setdefault(citation.source_id, qid)
    return found


def compose(
    question: Question,
    inquiry: Inquiry,
    sachstand: Answer,
    kb: KnowledgeBase,
    today: date,
    earlier: Mapping[str, Answer] | None = None,
    obstacles: Callable[[str, str, Register], list[str]] | None = None,
    aside: Collection[str] = (),
) -> Answer:
    """The Stellungnahme to one demand from its drafted Sachstand; ``earlier``: the statements drafted so
    far, whose budget rows this one refers to instead of listing them again; ``obstacles``: the sources'
    binding sentences that stand in the demand's way (``obstacles.py``), for its text, the Sachstand and
    the register; ``aside``: the applications the Sachstand cites only beside a claim of the motion."""
    demand = demand_of(question, inquiry, today)
    register = _continuing(sachstand.citations)
    comparisons = compared(demand, question, inquiry, kb)
    money = [s for c in comparisons for s in finance_sentences.statement(c, demand.text, kb, register)]
    warnings = list(sachstand.warnings)
    if comparisons:
        warnings.append("Beträge des Antrags mit den Haushaltsdaten derselben Art verglichen – Zuordnung prüfen")
    else:
        since = motion_year(inquiry, today)
        named = _applications(sachstand, aside)
        ids = named if len(named) <= MAX_DEPARTMENTS else []  # an overview of the register: no application's money
        lines = [r.get("budget_line") for r in kb.inventory if r.get("id") in ids]
        # A demand about money ("die … vorgesehenen Mittel zu streichen") gets the rows again.
        stated = {} if lx.MONEY.search(demand.text.lower()) else _stated(question, inquiry, earlier or {})
        money = finance_sentences.application_sentences(ids, kb, register, since, stated)
        if sachstand.status != "no_information":  # rows of a category alone are not about an unknown subject
            money += finance_sentences.planned_sentences(demand, kb, register, since, lines, named)
        money.insert(0, _no_amount(question, inquiry, today))
    deadlines, notes = _deadline_sentences(demand, sachstand, today)
    warnings += notes
    said = " ".join([sachstand.text, *(a.text for a in (earlier or {}).values())])  # an obstacle is said once
    hurdles = obstacles(demand.text, said, register) if obstacles is not None else []
    settled = already_decided(demand.text, sachstand.text, [d.day for d in demand.deadlines])
    decided = [settled] if settled else []
    if decided:
        warnings.append(
            "Forderung nach dem Sachstand bereits beschlossen – prüfen, ob der Antrag insoweit erledigt ist"
        )
    implementation = decided + deadlines + hurdles + _departments(sachstand, kb, register, aside)
    if not implementation:
        implementation = ["Der Antrag nennt keine Frist."]
    found = sachstand.text
    if sachstand.status == "no_information" and register.citations != sachstand.citations:
        found = "Über die unten genannten Haushaltsansätze hinaus liegen der Verwaltung hierzu keine Erkenntnisse vor."
    sections = [
        (SACHSTAND, found),
        (FINANZEN, " ".join(money)),
        (UMSETZUNG, " ".join(implementation)),
        (EMPFEHLUNG, PLACEHOLDER),
    ]
    text = "\n\n".join(f"{label}: {body}" for label, body in sections)
    warnings.append(OPEN_RECOMMENDATION)
    status: AnswerStatus = sachstand.status
    if status in ("no_information", "needs_input"):
        status = "partial" if comparisons else "no_information"
    table = finance_sentences.table(comparisons, register) or sachstand.table
    return Answer(question.id, status, text, register.citations, tuple(warnings), table, model=sachstand.model)


def _no_amount(question: Question, inquiry: Inquiry, today: date) -> str:
    """What a demand naming no money says of the motion's money: where the motion names it – the demands
    whose amounts point to this one by number ("Für die Veröffentlichung nach Nr. 1 … 40.000 €"), else the
    one demand of the motion that names money at all."""
    costed = [q for q in _costed(inquiry, today) if q.id != question.id]
    own = {question.id, question.parent or question.id}
    if pointing := [q for q in costed if own & _referred(q.text)]:
        # (worded so that no sentence ends on "Nr. 4.", which reads as an abbreviation before the next one)
        return f"Unter {w.enumerate_de([f'Nr. {q.id}' for q in pointing])} beziffert der Antrag die Kosten hierfür."
    if len(costed) == 1:
        return f"Der Antrag beziffert hierzu keine Kosten (Beträge nennt er unter Nr. {costed[0].id})."
    return "Der Antrag beziffert keine Kosten."


@lru_cache(maxsize=4)
def _costed(inquiry: Inquiry, today: date) -> tuple[Question, ...]:
    """The demands of a motion that name money (read once per motion, not once per demand)."""
    return tuple(q for q in inquiry.answerable() if demand_of(q, inquiry, today).amounts)


def _referred(text: str) -> set[str]:
    """The demand numbers a text points to ("nach Nr. 1 und Nr. 3": 1 and 3); not those whose savings cover it
    ("Die Mehraufwendungen … werden aus den Einsparungen nach Nr. 1 bis 4 gedeckt": no costs of Nr. 4)."""
    return {
        n
        for match in _REFERENCE.finditer(text)
        if not _COVERED_BY.search(text[max(0, match.start() - 40) : match.start()])
        for n in re.findall(r"\d+[a-z]?", match.group(1))
    }


_COVERED_BY = re.compile(r"\b(?:Einsparung\w*|Minderaufwend\w*|Entlastung\w*|Deckung\w*)\s+(?:\w+\s+){0,2}$", re.I)


def sections(text: str) -> dict[str, str]:
    """The labelled paragraphs of a Stellungnahme ("Sachstand: …"); other text under ""."""
    found: dict[str, str] = {}
    current = ""
    for paragraph in re.split(r"\n\s*\n", text):
        label, _, rest = paragraph.partition(":")
        if label.strip() in SECTIONS and rest:
            current = label.strip()
            found[current] = rest.strip()
        else:
            found[current] = f"{found.get(current, '')}\n\n{paragraph}".strip()
    return found


def recommendation_open(text: str) -> bool:
    """The Empfehlung is still the placeholder (the leadership has not decided)."""
    return PLACEHOLDER in text
