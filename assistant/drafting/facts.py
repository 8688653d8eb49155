"""Sentences about one AI application, from its inventory row: every column of the contract.

"Seit wann ist er in Betrieb?", "Wer ist der Anbieter?", "Wurde eine DSFA
durchgeführt?", "Was hat das gekostet?" are answered from the row itself.
Each sentence cites the row's line for that column, so the quote is the
exact value. A column without a value is reported as a gap, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from assistant.domain import Chunk
from assistant.drafting import wording as w
from assistant.drafting.citing import Register, line_of, with_markers
from assistant.drafting.injection import defuse
from assistant.drafting.later_status import suspended
from assistant.drafting.owned import called_names, moved_rows, own_rows
from assistant.drafting.register_overtaken import (
    allowed_data,
    ended_now,
    in_operation,
    in_production,
    moved_start,
    reassessed,
    reclassified,
    recounted_evaluation,
    recounted_users,
    rehosted,
    without_hosting,
)
from assistant.drafting.stale import extended_trial
from assistant.drafting.standing import in_the
from assistant.kb.chunk import budget_chunk, chunks, extra_label, inventory_chunk
from assistant.kb.model import KnowledgeBase, Record
from assistant.text import german_date

# The label each column has in the rendered inventory record (kb/chunk.py).
LABEL = {
    "name": "KI-Anwendung",
    "vendor": "Anbieter",
    "department": "Zuständig",
    "purpose": "Einsatzzweck",
    "status": "Status",
    "go_live": "Inbetriebnahme",
    "end_date": "Ende",
    "users": "Anzahl Nutzende",
    "personal_data": "Verarbeitung personenbezogener Daten",
    "dpia": "Datenschutz-Folgenabschätzung",
    "legal_basis": "Rechtsgrundlage",
    "ai_act_risk": "Risikoklasse nach KI-Verordnung",
    "human_oversight": "Menschliche Aufsicht",
    "cost_one_time_eur": "Einmalige Kosten",
    "cost_annual_eur": "Laufende Kosten pro Jahr",
    "budget_line": "Haushaltsstelle",
    "evaluation": "Evaluation",
    "discontinued_reason": "Grund der Einstellung",
}
# What a gap is called in a sentence ("Angaben zu ... sind im KI-Verzeichnis nicht erfasst").
GAP = {
    "vendor": "zum Anbieter",
    "department": "zur Zuständigkeit",
    "purpose": "zum Einsatzzweck",
    "go_live": "zum Beginn des Betriebs",
    "end_date": "zum Ende des Betriebs",
    "users": "zur Zahl der Nutzenden",
    "personal_data": "zur Verarbeitung personenbezogener Daten",
    "dpia": "zur Datenschutz-Folgenabschätzung",
    "legal_basis": "zur Rechtsgrundlage",
    "ai_act_risk": "zur Einstufung nach der KI-Verordnung",
    "human_oversight": "zur menschlichen Aufsicht",
    "cost": "zu den Kosten",
    "evaluation": "zu einer Evaluation",
    "discontinued_reason": "zu den Gründen der Einstellung",
}


@dataclass
class Facts:
    """Sentences (with markers) about one or more applications, and what the data lacks."""

    sentences: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # GAP phrases of columns without a value
    warnings: list[str] = field(default_factory=list)
    named: set[str] = field(default_factory=set)  # applications already named in full


class _Row:
    def __init__(
        self,
        record: Record,
        kb: KnowledgeBase,
        register: Register,
        today: date,
        facts: Facts,
        asked: Sequence[str] = (),
    ) -> None:
        self.record, self.kb, self.register, self.today, self.facts = record, kb, register, today, facts
        self.asked = frozenset(asked)  # the columns the answer says
        self.chunk = inventory_chunk(record, kb)

    @property
    def name(self) -> str:
        """The application's full name the first time an answer names it, its short name after that."""
        full = self.get("name")
        if full in self.facts.named:
            return w.later_name(full)
        self.facts.named.add(full)
        return full

    def get(self, column: str) -> str:
        """A cell without sentences that address an AI system (flagged for the knowledge-base editors)."""
        text, cut = defuse(self.record.get(column))
        if cut:
            warning = (
                f"inventory:{self.record.get('id')}, Spalte {column}: enthält eine Anweisung an ein KI-System; "
                "sie wurde nicht übernommen – bitte Wissensbasis prüfen"
            )
            if warning not in self.facts.warnings:
                self.facts.warnings.append(warning)
        return text.strip()

    def cite(self, *columns: str) -> str:
        """One citation per sentence: the line of the first column it states (the row's name is context)."""
        return self.register.cite_chunk(self.chunk, line_of(self.chunk, LABEL[columns[0]])) if columns else ""

    def say(self, facts: Facts, sentence: str, *columns: str) -> None:
        facts.sentences.append(with_markers(sentence[:1].upper() + sentence[1:], self.cite(*columns)))


def _status(row: _Row, facts: Facts) -> None:
    status = row.get("status")
    if _ended_later(row, facts) or _gone_into_production(row, facts):
        return
    if status == "discontinued":
        end = row.get("end_date")
        text = f"{w.named(row.name)} wurde {w.on(end)} eingestellt" if end else f"{w.named(row.name)} wurde eingestellt"
        row.say(facts, text, "status", *(["end_date"] if end else []))
    elif status == "planned":
        row.say(facts, f"{w.named(row.name)} ist geplant und noch nicht im Einsatz", "status")
    else:
        start = row.get("go_live")
        since = f" {w.since(start)}" if start and w.passed(start, row.today) else ""
        row.say(facts, f"{w.named(row.name)} befindet sich{since} {w.STATUS_STATE.get(status, status)}", "status")
        end = row.get("end_date")
        if status in ("pilot", "test") and end and "end_date" not in row.asked and not _extended(row):  # or ``_end``
            verb = "war" if w.passed(end, row.today) else "ist"
            row.say(facts, f"Die Erprobung {verb} {w.until(end)} vorgesehen", "end_date")
        if row.get("discontinued_reason"):  # why it was changed (the contract's column): what the status now means
            _HELD(row, facts)
        elif status in ("pilot", "test") and (changed := _changes(row.get("notes"))):
            # "… mit BA-Beschluss Nr. 233/2026 vom 25.08.2026 verlängert bis 28.02.2027 und seit 01.10.2026 auch …"
            lead = f"Zum Verlauf {w.of_named(row.name)} ist im KI-Verzeichnis vermerkt"
            cited = row.register.cite_chunk(row.chunk, line_of(row.chunk, extra_label("notes")))
            facts.sentences.append(with_markers(f"{lead}: „{changed}“", cited))


# A trial's recorded change in the register's notes: extended, widened, postponed, suspended.
_CHANGED = re.compile(r"\b(?:verlängert|ausgeweitet|erweitert|ausgedehnt|verschoben|ausgesetzt|umgestellt)\b")


def _changes(notes: str) -> str:
    """The clauses of a record's notes that say how a trial was changed, as they stand."""
    return "; ".join(part.strip() for part in notes.split(";") if _CHANGED.search(part))


def _gone_into_production(row: _Row, facts: Facts) -> bool:
    """Whether a later source has the trial or plan in regular operation, or the plan in a trial (``in_operation``):
    then its sentence, quoted as what it records, stands for the register's status and start, and the reviewer is
    told."""
    found = in_operation(row.record, called_names(row.record, row.kb), dated_sources(row.kb), row.today)
    if found is None:
        return False
    _quote_later(row, facts, "Zum Betrieb {of}", *found)
    state = w.STATUS_STATE.get(row.get("status"), row.get("status"))
    _warn(facts, f"Der im KI-Verzeichnis erfasste Status ({state}) ist überholt: siehe „{found[0].title}“")
    return True


def _ended_later(row: _Row, facts: Facts) -> bool:
    """Whether a later source ends the application the register has running or in a trial (``ended_now``): then
    that end, cited on the later source, stands for the register's status, and the reviewer is told."""
    called, dated = called_names(row.record, row.kb), dated_sources(row.kb)
    gone = ended_now(row.record, called, dated, row.today)
    found = gone or suspended(row.record, called, dated, row.today)  # paused ("seit dem … ausgesetzt"), not ended
    if found is None:
        return False
    chunk, said, day = found
    what = "Die Erprobung" if row.get("status") in ("pilot", "test") else "Der Betrieb"
    text = f"{what} {w.of_named(row.name)} wurde zum {day:%d.%m.%Y} beendet"
    if row.get("status") == "planned":  # a plan given up was never in operation: nothing of it "ended"
        text = f"Die geplante Einführung {w.of_named(row.name)} wurde am {day:%d.%m.%Y} aufgegeben"
    if gone is None:
        text = f"Die Nutzung {w.of_named(row.name)} ist seit dem {day:%d.%m.%Y} ausgesetzt"
    if not any(text in sentence for sentence in facts.sentences):
        facts.sentences.append(with_markers(text, row.register.cite_chunk(chunk, said.strip())))
    state = w.STATUS_STATE.get(row.get("status"), row.get("status"))
    _warn(facts, f"Der im KI-Verzeichnis erfasste Status ({state}) ist überholt: siehe „{chunk.title}“")
    return True


def _go_live(row: _Row, facts: Facts) -> None:
    start, status = row.get("go_live"), row.get("status")
    if _ended_later(row, facts) or _gone_into_production(row, facts):  # a later source ended it, or has it running
        return
    if not start:
        facts.gaps.append(GAP["go_live"])
        return
    if status == "planned" or (not w.passed(start, row.today) and status != "production"):
        if moved := moved_start(row.record, called_names(row.record, row.kb), dated_sources(row.kb), row.today):
            _moved(row, facts, start, *moved)
            return
        row.say(facts, f"Die Inbetriebnahme {w.of_named(row.name)} ist {w.for_time(start)} vorgesehen", "go_live")
    elif status == "discontinued":
        end = row.get("end_date")
        period = f"{w.from_(start)} {w.until(end)}" if end else w.since(start)  # not "seit … bis"
        row.say(
            facts,
            f"{w.named(row.name)} war {period} im Einsatz und ist inzwischen eingestellt",
            "go_live",
            "status",
            *(["end_date"] if end else []),
        )
    else:
        state = w.STATUS_STATE.get(status, "im Einsatz")
        row.say(facts, f"{w.named(row.name)} ist {w.since(start)} {state}", "go_live", "status")


def _quote_later(row: _Row, facts: Facts, lead: str, chunk: Chunk, sentence: str) -> None:
    """A later source's sentence that overtakes a register field, quoted as what that source records ("Zur
    Inbetriebnahme der Anwendung „…“ ist in „Niederschrift …“ festgehalten: „…“"), once."""
    core = sentence.strip().rstrip(".")
    if any(f"festgehalten: „{core}" in said for said in facts.sentences):  # status and go-live asked: said once
        return
    said = f"{lead.format(of=w.of_named(row.name))} ist {in_the(chunk.title, lower=True)} festgehalten: „{core}.“"
    facts.sentences.append(with_markers(said, row.register.cite_chunk(chunk, sentence.strip())))


def _moved(row: _Row, facts: Facts, start: str, chunk: Chunk, sentence: str) -> None:
    """A register's go-live a later source moves: that source's sentence, quoted as what it records, and the
    reviewer told that the register's month is overtaken."""
    _quote_later(row, facts, "Zur Inbetriebnahme {of}", chunk, sentence)
    _warn(
        facts,
        f"Die im KI-Verzeichnis erfasste Inbetriebnahme ({w.for_time(start)}) ist überholt: siehe „{chunk.title}“",
    )


def _end(row: _Row, facts: Facts) -> None:
    end = row.get("end_date")
    if not end:
        if row.get("status") == "discontinued":
            facts.gaps.append(GAP["end_date"])
        else:
            row.say(facts, f"{w.cap(w.for_named(row.name))} ist im KI-Verzeichnis kein Enddatum vorgesehen", "status")
        return
    if _extended(row):  # a later source extended the trial: the register's end is no longer the end
        return
    # a pilot's or test's end date ends the trial, not the operation (a council may continue it)
    what = "Die Erprobung" if row.get("status") in ("pilot", "test") else "Der Betrieb"
    if w.passed(end, row.today):
        row.say(facts, f"{what} {w.of_named(row.name)} endete {w.on(end)}", "end_date")
    else:
        row.say(facts, f"{what} {w.of_named(row.name)} ist {w.until(end)} vorgesehen", "end_date")


_DATED: dict[int, tuple[KnowledgeBase, list[tuple[Chunk, date | None]]]] = {}  # per knowledge base


def _extended(row: _Row) -> bool:
    """Whether a source later than the register row extends the application's trial beyond the row's end
    (``stale.extended_trial``); the reviewer is told which."""
    if row.get("status") not in ("pilot", "test"):
        return False
    title = extended_by(row.record, row.kb, row.today)
    if title and (warning := overtaken_end(row.record, title)) not in row.facts.warnings:
        row.facts.warnings.append(warning)
    return bool(title)


def dated_sources(kb: KnowledgeBase) -> list[tuple[Chunk, date | None]]:
    """The knowledge base's documents and replies, the day each names speaking for it (``stale.source_day``)."""
    kept = _DATED.get(id(kb))
    if kept is None or kept[0] is not kb:
        dated: list[tuple[Chunk, date | None]] = [(c, None) for c in chunks(kb) if c.kind in ("document", "answer")]
        _DATED.clear()  # one knowledge base at a time: an office drafts against its own
        kept = _DATED[id(kb)] = (kb, dated)
    return kept[1]


def extended_by(record: Record, kb: KnowledgeBase, today: date) -> str:
    """The title of a source later than the register row that extends the application's trial beyond the
    row's end (``stale.extended_trial``); empty where none does."""
    return extended_trial(record, called_names(record, kb), dated_sources(kb), today)


def recounted_by(record: Record, kb: KnowledgeBase, today: date) -> str:
    """The title of a source later than the register row that counts the application's users anew
    (``register_overtaken.recounted_users``); empty where none does."""
    return recounted_users(record, called_names(record, kb), dated_sources(kb), today)


def data_allowed_by(record: Record, kb: KnowledgeBase, today: date) -> str:
    """The title of a source later than the register row that allows personal data in the application the
    row registers without (``register_overtaken.allowed_data``); empty where none does."""
    return allowed_data(record, called_names(record, kb), dated_sources(kb), today)


def overtaken_end(record: Record, title: str) -> str:
    """The reviewer's note that the register's end of a trial is overtaken by the source ``title``."""
    end = german_date(record.get("end_date"))
    return f"Das im KI-Verzeichnis erfasste Ende der Erprobung ({end}) ist überholt: siehe „{title}“"


def _users(row: _Row, facts: Facts) -> None:
    users = row.get("users")
    if not users:
        facts.gaps.append(GAP["users"])
        return
    if title := recounted_by(row.record, row.kb, row.today):  # "52 Nutzerkonten am 30.09.2026" of a later report
        note = f"Die im KI-Verzeichnis erfasste Zahl der Nutzenden ({users}) ist überholt: siehe „{title}“"
        if note not in facts.warnings:
            facts.warnings.append(note)
        return
    count = w.plural(int(users) if users.isdigit() else 2, "einer Person", f"{users} Beschäftigten")
    row.say(facts, f"{w.named(row.name)} wird von {count} genutzt", "users")


def _personal_data(row: _Row, facts: Facts) -> None:
    value = row.get("personal_data")
    if value == "yes":
        row.say(facts, f"{w.named(row.name)} verarbeitet personenbezogene Daten", "personal_data")
    elif value == "no" and (title := data_allowed_by(row.record, row.kb, row.today)):
        note = f"Die im KI-Verzeichnis erfasste Angabe „keine personenbezogenen Daten“ ist überholt: siehe „{title}“"
        if note not in facts.warnings:
            facts.warnings.append(note)
    elif value == "no":
        row.say(facts, f"{w.named(row.name)} verarbeitet keine personenbezogenen Daten", "personal_data")
    else:
        facts.gaps.append(GAP["personal_data"])


# "DSFA vom 22.04.2026" in a record's source or notes: the day its assessment was completed
_DPIA_DAY = re.compile(
    r"\b(?:DSFA|Datenschutz-Folgenabschätzung)\s+(?:vom|am|abgeschlossen am)\s+(\d{1,2}\.\d{1,2}\.\d{4})"
)
DPIA_NOTED = ("source", "legal_basis", "evaluation")  # the columns that may name the day


def dpia_day(get: Callable[[str], str]) -> str:
    """The day a record's DPIA was completed, where its source or notes say it ("DSFA vom 22.04.2026");
    ``get``: the record's cell by column."""
    found = _DPIA_DAY.search(" ".join(str(get(c) or "") for c in DPIA_NOTED))
    return found.group(1) if found and get("dpia") == "done" else ""


def _dpia(row: _Row, facts: Facts) -> None:
    if found := reassessed(row.record, called_names(row.record, row.kb), dated_sources(row.kb), row.today):
        _quote_later(row, facts, "Zur Datenschutz-Folgenabschätzung {of}", *found)
        state = {"not_required": "nicht erforderlich", "planned": "geplant"}.get(row.get("dpia"), "keine Angabe")
        _warn(facts, f"Die im KI-Verzeichnis erfasste Angabe zur DSFA ({state}) ist überholt: siehe „{found[0].title}“")
        return
    value, target = row.get("dpia"), w.for_named(row.name)
    if value == "done" and (day := dpia_day(row.get)):  # cited by the line that names the day
        noted = next(c for c in DPIA_NOTED if day in str(row.get(c) or ""))
        quote = line_of(row.chunk, LABEL.get(noted, "Quelle"))
        done = f"{w.cap(target)} wurde eine Datenschutz-Folgenabschätzung durchgeführt (vom {day})"
        facts.sentences.append(with_markers(done, row.register.cite_chunk(row.chunk, quote)))
        return
    text = {
        "done": f"{w.cap(target)} wurde eine Datenschutz-Folgenabschätzung durchgeführt",
        "planned": f"{w.cap(target)} ist eine Datenschutz-Folgenabschätzung geplant",
        "not_required": f"Eine Datenschutz-Folgenabschätzung ist {target} nach den Angaben im KI-Verzeichnis "
        "nicht erforderlich",
    }.get(value)
    if text is None:
        facts.gaps.append(GAP["dpia"])
        return
    row.say(facts, text, "dpia")


def _warn(facts: Facts, note: str) -> None:
    """Tell the reviewer once that a register field is overtaken, and where the newer word stands."""
    if note not in facts.warnings:
        facts.warnings.append(note)


def _risk(row: _Row, facts: Facts) -> None:
    value = row.get("ai_act_risk")
    if found := reclassified(row.record, called_names(row.record, row.kb), dated_sources(row.kb), row.today):
        _quote_later(row, facts, "Zur Einstufung {of} nach der KI-Verordnung", *found)
        _warn(
            facts,
            f"Die im KI-Verzeichnis erfasste Einstufung nach der KI-Verordnung ist überholt: siehe „{found[0].title}“",
        )
        return
    if value in w.RISK_CLASS:
        row.say(
            facts, f"{w.named(row.name)} ist nach der KI-Verordnung {w.RISK_CLASS[value]} eingestuft", "ai_act_risk"
        )
    elif value == "unknown":
        row.say(
            facts,
            f"Eine Einstufung {w.of_named(row.name)} nach der KI-Verordnung ist noch nicht erfolgt",
            "ai_act_risk",
        )
    else:
        facts.gaps.append(GAP["ai_act_risk"])


def _free_text(lead: str, column: str) -> Callable[[_Row, Facts], None]:
    def render(row: _Row, facts: Facts) -> None:
        value = row.get(column)
        if not value:
            facts.gaps.append(GAP[column])
            return
        name = row.name  # once: the full name the first time, then the short one
        lead_in = lead.format(target=w.for_named(name), of=w.of_named(name))
        row.say(facts, f"{lead_in}: {w.record(value)}", column)

    return render


_EVALUATED = _free_text("Zur Auswertung {of} ist festgehalten", "evaluation")


def _evaluation(row: _Row, facts: Facts) -> None:
    """The register's evaluation, unless a later source counts what it counts anew
    (``register_overtaken.recounted_evaluation``): then the reviewer is told where the newer count stands."""
    title = recounted_evaluation(row.record, called_names(row.record, row.kb), dated_sources(row.kb), row.today)
    if not title:
        _EVALUATED(row, facts)
        return
    note = f"Die im KI-Verzeichnis erfasste Auswertung ist überholt: siehe „{title}“"
    if note not in facts.warnings:
        facts.warnings.append(note)


_ENDED = _free_text("Als Grund für die Einstellung {of} ist festgehalten", "discontinued_reason")
_HELD = _free_text("Zum Stand {of} ist festgehalten", "discontinued_reason")


def _why_ended(row: _Row, facts: Facts) -> None:
    """Why an application ended; of one not ended (a planned one put on hold) what holds it."""
    (_ENDED if row.get("status") in ("discontinued", "") else _HELD)(row, facts)


# A vendor entry that describes who provides it rather than naming a firm: "Bereitstellung durch den Zweckverband …;
# Modell …", "Eigenbetrieb auf Basis von Llama 3.3" – quoted as the register's words, not said as "Anbieter … ist …"
_DESCRIBED = re.compile(r";|\b(?:Bereitstellung|Eigenbetrieb|Betrieb|auf\s+Basis|Basis|Modell)\b")
MAX_VENDOR_WORDS = 8


def _vendor(row: _Row, facts: Facts) -> None:
    vendor = row.get("vendor")
    if vendor and (moved := rehosted(row.record, called_names(row.record, row.kb), dated_sources(row.kb), row.today)):
        # where it runs is overtaken: the firm from the register, the place from the later source
        firm = without_hosting(vendor)
        # a firm the register's hosting names too ("Microsoft Azure OpenAI Service" / "Microsoft Azure, …") went with it
        old_host = _marks(firm) & _marks(row.get("hosting") or "")
        if firm and not old_host:
            row.say(facts, f"Anbieter {w.of_named(row.name)} ist {firm}", "vendor")
        _quote_later(row, facts, "Zum Betrieb {of}", *moved)
        _warn(facts, f"Der im KI-Verzeichnis erfasste Betriebsort ist überholt: siehe „{moved[0].title}“")
        return
    if not vendor:
        facts.gaps.append(GAP["vendor"])
    elif vendor.strip().lower() == "eigenentwicklung":
        row.say(facts, f"{w.named(row.name)} ist eine Eigenentwicklung der Verwaltung", "vendor")
    elif _DESCRIBED.search(vendor) or len(vendor.split()) > MAX_VENDOR_WORDS:  # "Eigenbetrieb auf Basis …; …"
        row.say(
            facts, f"Zum Anbieter {w.of_named(row.name)} ist im KI-Verzeichnis erfasst: „{vendor.strip()}“", "vendor"
        )
    else:
        row.say(facts, f"Anbieter {w.of_named(row.name)} ist {vendor.strip()}", "vendor")


def _marks(text: str) -> set[str]:
    """A text's capitalised words of four letters or more ("Microsoft", "Azure")."""
    return set(re.findall(r"(?<![\w-])[A-ZÄÖÜ][\wäöüß-]{3,}", text))


def _department(row: _Row, facts: Facts) -> None:
    department = row.get("department")
    name = row.kb.municipality.department_name(department)
    # (not its internal code "(D1-PZ)" beside its name: no word of a letter)
    row.say(facts, f"{w.named(row.name)} ist der Organisationseinheit „{name}“ zugeordnet", "department")


def _cost(row: _Row, facts: Facts) -> None:
    once, annual = row.get("cost_one_time_eur"), row.get("cost_annual_eur")
    parts, columns = [], []
    if once:
        parts.append(f"einmalige Kosten von {w.euro(once)}")
        columns.append("cost_one_time_eur")
    if annual:
        parts.append(f"laufende Kosten von {w.euro(annual)} pro Jahr")
        columns.append("cost_annual_eur")
    if not parts:
        facts.gaps.append(GAP["cost"])
    elif trial := _trial_costs(row):  # the register's figures are a trial's a later source has in regular operation
        row.say(
            facts,
            f"Im KI-Verzeichnis sind {w.for_named(row.name)} {w.enumerate_de(parts)} erfasst; diese Angaben stammen "
            f"aus der Zeit {trial} (Stand des Verzeichnisses: {german_date(row.get('updated'))})",
            *columns,
            "updated",
        )
        _warn(facts, f"{row.get('id')}: Kosten im KI-Verzeichnis aus der Zeit {trial} – aktuelle Kosten prüfen")
    else:
        row.say(facts, f"Im KI-Verzeichnis sind {w.for_named(row.name)} {w.enumerate_de(parts)} erfasst", *columns)
    _budget_line(row, facts)


def _trial_costs(row: _Row) -> str:
    """ "der Erprobung" where the register still has the row in a trial (or planned) and a later source has it in
    regular operation: what it recorded then cost the trial, not what runs now; "" otherwise."""
    if row.get("status") not in ("pilot", "test", "planned") or not row.get("updated"):
        return ""
    found = in_production(row.record, called_names(row.record, row.kb), dated_sources(row.kb), row.today)
    return ("der Planung" if row.get("status") == "planned" else "der Erprobung") if found else ""


def _budget_line(row: _Row, facts: Facts) -> None:
    line = row.get("budget_line")
    if not line:
        return
    lines = [r for r in row.kb.budget if r.get("budget_line") == line]
    if not lines:
        row.say(
            facts,
            f"Die Mittel sind der Haushaltsstelle {line} zugeordnet; diese ist in den Haushaltsdaten "
            "der Verwaltung nicht enthalten",
            "budget_line",
        )
        facts.warnings.append(f"{row.get('id')}: Haushaltsstelle {line} fehlt in budget.csv – bitte Zuordnung prüfen")
        return
    own = own_rows(row.record, row.kb)  # not a sibling's row on a line they shared ("Fidelis – … Fidelis Post")
    latest = max([r for r in own if r.get("budget_line") == line] or lines, key=lambda r: r.get("year"))
    facts.sentences.append(
        with_markers(
            f"Finanziert wird sie aus der Haushaltsstelle {line} („{latest.get('title').strip()}“)",
            row.cite("budget_line") + _cite_row(row, latest),
        )
    )
    moved = sorted(moved_rows(row.record, row.kb), key=_year)
    if moved:  # its own line from a later year on ("Fidelis Widerspruch – Verlängerung des Pilotbetriebs")
        first = moved[0]
        facts.sentences.append(
            with_markers(
                f"Ab {first.get('year')} ist sie auf der Haushaltsstelle {first.get('budget_line')} "
                f"(„{first.get('title').strip()}“) veranschlagt",
                _cite_row(row, first),
            )
        )


def _year(record: Record) -> str:
    return record.get("year")


def _cite_row(row: _Row, record: Record) -> str:
    chunk = budget_chunk(record)
    return row.register.cite_chunk(chunk, chunk.text.split("\n")[0])


def _name(row: _Row, facts: Facts) -> None:
    row.say(facts, f"Die Anwendung trägt im KI-Verzeichnis die Bezeichnung „{row.get('name')}“", "name")


RENDER: dict[str, Callable[[_Row, Facts], None]] = {
    "name": _name,
    "vendor": _vendor,
    "department": _department,
    "purpose": _free_text("{target} ist als Einsatzzweck angegeben", "purpose"),
    "status": _status,
    "go_live": _go_live,
    "end_date": _end,
    "users": _users,
    "personal_data": _personal_data,
    "dpia": _dpia,
    "legal_basis": _free_text("Als Rechtsgrundlage ist {target} angegeben", "legal_basis"),
    "ai_act_risk": _risk,
    "human_oversight": _free_text("Zur menschlichen Aufsicht ist {target} festgelegt", "human_oversight"),
    "cost": _cost,
    "evaluation": _evaluation,
    "discontinued_reason": _why_ended,
}


def _said_with_go_live(row: _Row, columns: Sequence[str]) -> bool:
    """A discontinued application's status is part of its go-live sentence ("… war vom … bis zum … im
    Einsatz und ist inzwischen eingestellt"); said alone, too, it was said twice."""
    return "go_live" in columns and row.get("status") == "discontinued" and bool(row.get("go_live"))


def application_facts(
    records: Sequence[Record], columns: Sequence[str], kb: KnowledgeBase, register: Register, today: date
) -> Facts:
    """One sentence per asked column and application, in the order asked."""
    facts = Facts()
    for record in records:
        row = _Row(record, kb, register, today, facts, columns)
        before = len(facts.gaps)
        if record.get("status") == "discontinued" and not {"status", "go_live", "end_date"} & set(columns):
            columns = ["status", *(["discontinued_reason"] if "discontinued_reason" not in columns else []), *columns]
        for column in columns:
            if column == "status" and _said_with_go_live(row, columns):
                continue
            if column in RENDER:
                RENDER[column](row, facts)
        if len(records) > 1 and len(facts.gaps) > before:  # name the application a gap belongs to
            facts.gaps[before:] = [f"{gap} {w.of_named(row.name)}" for gap in facts.gaps[before:]]
    return facts
