"""Turn a knowledge base into retrievable chunks with stable source ids.

One inventory row, one budget line, one document section, one earlier
answer: each is one source a citation can point to. Structured rows are
rendered as short German sentences, one fact per line, so that a citation's
quote is a single, checkable line.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.domain import Chunk
from assistant.kb.model import Document, KnowledgeBase, Record
from assistant.text import german_date

SECTION_CHARS = 1500  # longer sections are split (sharing their source id)

STATUS = {
    "planned": "geplant",
    "pilot": "Pilotbetrieb",
    "test": "Test",
    "production": "Regelbetrieb",
    "discontinued": "eingestellt",
}
YES_NO = {"yes": "ja", "no": "nein"}
DPIA = {"done": "durchgeführt", "planned": "geplant", "not_required": "nicht erforderlich"}
RISK = {
    "minimal": "minimales Risiko",
    "limited": "begrenztes Risiko (Transparenzpflichten)",
    "high": "Hochrisiko-KI-System",
    "prohibited": "verbotene Praxis",
    "unknown": "noch nicht eingestuft",
}
BUDGET_CATEGORY = {
    "personnel": "Personal",
    "consulting": "Beratung",
    "licenses": "Lizenzen",
    "hardware": "Hardware",
    "training": "Fortbildung",
    "operations": "Betrieb",
    "other": "Sonstiges",
}
BUDGET_KIND = {
    "consumptive": "Ergebnishaushalt (konsumtiv)",
    "investive": "Investitionshaushalt (investiv)",
}
BUDGET_STATUS = {
    "adopted": "beschlossen",
    "draft": "Entwurf",
    "proposed": "angemeldet, nicht beschlossen",
}


def euro(value: str) -> str:
    """``48000`` -> ``48.000 Euro``; ``1234.5`` -> ``1.234,50 Euro``."""
    amount = float(value)
    if amount.is_integer():
        text = f"{int(amount):,}".replace(",", ".")
    else:
        text = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{text} Euro"


INVENTORY_LINES: tuple[tuple[str, str, object], ...] = (
    ("vendor", "Anbieter", None),
    ("department", "Zuständig", "department"),
    ("purpose", "Einsatzzweck", None),
    ("status", "Status", STATUS),
    ("go_live", "Inbetriebnahme", german_date),
    ("end_date", "Ende", german_date),
    ("users", "Anzahl Nutzende", None),
    ("personal_data", "Verarbeitung personenbezogener Daten", YES_NO),
    ("dpia", "Datenschutz-Folgenabschätzung", DPIA),
    ("legal_basis", "Rechtsgrundlage", None),
    ("ai_act_risk", "Risikoklasse nach KI-Verordnung", RISK),
    ("human_oversight", "Menschliche Aufsicht", None),
    ("cost_one_time_eur", "Einmalige Kosten", euro),
    ("cost_annual_eur", "Laufende Kosten pro Jahr", euro),
    ("budget_line", "Haushaltsstelle", None),
    ("evaluation", "Evaluation", None),
    ("discontinued_reason", "Grund der Einstellung", None),
    ("source", "Quelle", None),
    ("updated", "Stand", german_date),
)
_INVENTORY_KNOWN = {"id", "name"} | {c for c, _, _ in INVENTORY_LINES}
# Extra columns an office keeps under an English name, read as the German label a letter may quote
_EXTRA_LABELS = {"notes": "Bemerkung", "note": "Bemerkung", "remarks": "Bemerkung", "comment": "Bemerkung",
                 "comments": "Bemerkung", "contact": "Ansprechperson", "url": "Internetadresse", "hosting": "Betrieb",
                 "betrieb": "Betrieb", "model": "Sprachmodell"}  # fmt: skip


def extra_label(column: str) -> str:
    """How an extra column of the inventory is labelled in its record's text ("notes": "Bemerkung")."""
    return _EXTRA_LABELS.get(column.lower(), column)


def _render(value: str, how: object, kb: KnowledgeBase) -> str:
    if how == "department":
        return f"{kb.municipality.department_name(value)} ({value})"
    if isinstance(how, dict):
        return str(how.get(value, value))
    if callable(how):
        return str(how(value))
    return value


def inventory_chunk(record: Record, kb: KnowledgeBase) -> Chunk:
    ident = record.get("id")
    lines = [f"KI-Anwendung {ident}: {record.get('name')}."]
    for column, label, how in INVENTORY_LINES:
        value = record.get(column)
        if value:
            lines.append(f"{label}: {_render(value, how, kb)}.")
    for column, value in record.values.items():
        if column not in _INVENTORY_KNOWN and value:
            lines.append(f"{extra_label(column)}: {value}.")
    return Chunk(
        chunk_id=f"inventory:{ident}",
        source_id=f"inventory:{ident}",
        kind="inventory",
        title=f"KI-Verzeichnis: {record.get('name')}",
        text="\n".join(line.replace("..", ".") for line in lines),
        metadata={
            "status": record.get("status"),
            "department": record.get("department"),
            "year": record.get("go_live")[:4],
        },
    )


def budget_chunk(record: Record) -> Chunk:
    year, budget_line = record.get("year"), record.get("budget_line")
    lines = [f"Haushaltsjahr {year}, Haushaltsstelle {budget_line}: {record.get('title')}."]
    if record.get("category"):
        lines.append(f"Art: {BUDGET_CATEGORY.get(record.get('category'), record.get('category'))}.")
    if record.get("kind"):
        lines.append(f"Haushalt: {BUDGET_KIND.get(record.get('kind'), record.get('kind'))}.")
    lines.append(f"Ansatz {year}: {euro(record.get('planned_eur'))}.")
    if record.get("actual_eur"):
        lines.append(f"Ist {year}: {euro(record.get('actual_eur'))}.")
    if record.get("status"):
        lines.append(f"Stand des Ansatzes: {BUDGET_STATUS.get(record.get('status'), record.get('status'))}.")
    for column, label in (("note", "Bemerkung"), ("source", "Quelle")):
        if record.get(column):
            lines.append(f"{label}: {record.get(column)}.")
    return Chunk(
        chunk_id=f"budget:{year}:{budget_line}",
        source_id=f"budget:{year}:{budget_line}",
        kind="budget",
        title=f"Haushalt {year}: {record.get('title')}",
        text="\n".join(line.replace("..", ".") for line in lines),
        metadata={"year": year, "category": record.get("category")},
    )


def _split(text: str) -> list[str]:
    if len(text) <= SECTION_CHARS:
        return [text]
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=SECTION_CHARS, chunk_overlap=150, separators=["\n\n", "\n", ". ", " "]
    )
    return [str(part) for part in splitter.split_text(text)]


def document_chunks(document: Document) -> Iterable[Chunk]:
    meta = {
        "type": document.type,
        "valid_from": document.valid_from.isoformat() if document.valid_from else "",
        "valid_until": document.valid_until.isoformat() if document.valid_until else "",
        "owner": document.owner,
        "draft": "yes" if document.draft else "",
    }
    for section in document.sections:
        source_id = f"{document.path}#{section.index}"
        text = f"{section.heading}\n{section.text}" if section.heading else section.text
        parts = _split(text)
        for number, part in enumerate(parts, start=1):
            chunk_id = source_id if len(parts) == 1 else f"{source_id}/{number}"
            yield Chunk(
                chunk_id,
                source_id,
                "document",
                document.title,
                part,
                dict(meta, section=section.heading),
            )


def source_texts(kb: KnowledgeBase, built: list[Chunk] | None = None) -> dict[str, str]:
    """The full text behind every source id (parts of a split section joined): what a citation quotes.
    ``built``: the knowledge base's chunks when the caller has them already."""
    texts: dict[str, str] = {d.header_id: d.header for d in kb.documents if d.header}
    for chunk in chunks(kb) if built is None else built:
        texts[chunk.source_id] = f"{texts[chunk.source_id]}\n{chunk.text}" if chunk.source_id in texts else chunk.text
    return texts


def chunks(kb: KnowledgeBase) -> list[Chunk]:
    """Every chunk of the knowledge base, in a stable order."""
    found = [inventory_chunk(r, kb) for r in kb.inventory]
    found += [budget_chunk(r) for r in kb.budget]
    for document in kb.documents:
        found.extend(document_chunks(document))
    for answer in kb.answers:
        source_id = f"{answer.file}#{answer.index}"
        text = f"Frage: {answer.question}\nAntwort: {answer.answer}"
        title = f"Frühere Antwort vom {answer.released}: {answer.inquiry}"
        found.append(Chunk(source_id, source_id, "answer", title, text, {"released": answer.released}))
    return found
