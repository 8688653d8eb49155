"""Sentences about a document's standing, from its front matter: a draft, in force since, no longer in force.

"Gibt es eine KI-Strategie?", "Besteht eine Dienstvereinbarung, und seit wann
gilt sie?" are answered by what the knowledge base records about its
documents, not by whatever sentence of them a model picks: a strategy
marked as a draft is reported as a draft, a service agreement in force
with the day it took effect (``valid_from``, quoted from the front matter),
a rule whose validity ended with its dates. A document in force is
preferred over one no longer in force of the same kind.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.domain import Chunk
from assistant.drafting.citing import Register, with_markers
from assistant.drafting.wording import is_fragment
from assistant.kb.keyword import analyze
from assistant.kb.model import Document, KnowledgeBase
from assistant.text import QUOTE_MARKS, sentences_of

# Nouns that name a kind of document; a question naming one is asking about such a document.
_KINDS = frozenset(
    t
    for t in analyze(
        "Strategie Leitlinie Leitlinien Richtlinie Richtlinien Dienstvereinbarung Dienstanweisung Konzept "
        "Schulungskonzept Verfügung Rundverfügung Handreichung Vereinbarung Satzung Grundsätze Leitfaden Erlass "
        "Regelwerk Nutzungsrichtlinie Nutzungsregeln Policy Rahmenkonzept"
    )
    if len(t) >= 5
)
_FEMININE = (
    "ung", "ie", "ion", "heit", "keit", "schaft", "tät", "linie", "ine", "ik", "regel", "regeln", "vorlage", "liste",
    "übersicht", "stellungnahme", "anfrage", "antwort", "sache", "schrift", "satzung", "vereinbarung", "anlage",
)  # fmt: skip
_NEUTER = (
    "konzept", "papier", "programm", "verfahren", "protokoll", "statut", "dokument", "regelwerk", "schreiben",
    "verzeichnis", "gutachten", "merkblatt", "handbuch",
)  # fmt: skip
_MASCULINE = (
    "hinweis", "bericht", "beschluss", "plan", "vermerk", "leitfaden", "erlass", "rahmen", "entwurf", "auszug",
    "antrag", "vertrag", "katalog", "überblick",
)  # fmt: skip


def _the(title: str) -> str:
    """The title with its article: "die „KI-Leitlinie“", "das „Schulungskonzept“", else "das Dokument „…“";
    without a letterhead before a kind of document ("Bezirk Ilmgau · Dienstvereinbarung KI …")."""
    letterhead = _LETTERHEAD.match(title)
    if letterhead and _head_terms(title[letterhead.end() :]) & _KINDS and not _head_terms(letterhead.group(0)) & _KINDS:
        title = title[letterhead.end() :]
    head = re.sub(r"[^\wäöüß-]", " ", title.lower()).split()
    word = head[0].rsplit("-", 1)[-1] if head else ""
    for endings, article in ((_FEMININE, "die"), (_NEUTER, "das"), (_MASCULINE, "der")):
        if word.endswith(endings):
            return f"{article} „{title}“"
    return f"das Dokument „{title}“"


def in_the(title: str, lower: bool = False) -> str:
    """ "In" with the title and its article, as a lead-in names its source: "Im „KI-Bericht 2026 …“", "In der
    „Niederschrift …“", else "Im Dokument „…“"; ``lower``: inside a sentence ("ist im „…“ festgehalten")."""
    article, _, named = _the(title).partition(" ")
    said = "In der " + named if article == "die" else "Im " + named
    return said[:1].lower() + said[1:] if lower else said


# A sentence that opens by naming its source (``in_the``): no further lead-in before it
NAMES_SOURCE = re.compile(r"^(?:In der|Im|Im Dokument) „")
_GENITIVE = {"die": "der", "das": "des", "der": "des"}
_TO = {"die": "Zur", "das": "Zum", "der": "Zum"}  # "Zur „Dienstvereinbarung …“ ist festgehalten: …"
_SECTION = re.compile(r"^[#\s]*§\s*(\d+[a-z]?)\b", re.MULTILINE)
_PARAGRAPH = re.compile(r"^\s*\((\d{1,2}[a-z]?)\)")
_RUN_IN_LABEL = re.compile(r"^\*\*([A-Z]{1,3} ?\d{1,2}(?:\.\d{1,2})?)\s+[–-]\s[^*\n]{2,80}\*\*\s")
# "… in der Stadtverwaltung Aichenbronn (DV KI)", "… Gemeindeverwaltung Aschtal (DA genKI) vom 24.03.2025"
_SHORT_NAME = re.compile(r"\(([^()]{2,24})\)(?:\s+vom\s+\d{1,2}\.\d{1,2}\.\d{4})?\s*$")
# A paragraph lifted in the text itself: "(1) (aufgehoben mit Ablauf des 30.06.2026; bis dahin galt: „…“)".
_LIFTED = re.compile(
    r"^[\s(]*(?:\(\d{1,2}[a-z]?\)\s*)?\(?\s*(?:aufgehoben|außer Kraft getreten|gestrichen|weggefallen)\s+"
    r"(?:mit Ablauf des|zum|am|seit dem)\s+(\d{1,2}\.\d{1,2}\.\d{4})",
    re.IGNORECASE,
)


def _where(chunk: Chunk, quote: str, before: str = "") -> tuple[str, str] | None:
    """The section and paragraph a quote of a numbered rule stands in ("§ 5 Abs. 1"), and how the rule is
    named after it ("DV KI", "der „Dienstanweisung …“"); None for a text without sections. ``before``: the
    document's text before the chunk, where the chunk is a window of a long section ("(2) Die dienstliche …")."""
    at = chunk.text.find(quote)
    if chunk.kind != "document" or at < 0:
        return None
    text, at = (f"{before}\n{chunk.text}", at + len(before) + 1) if before else (chunk.text, at)
    sections = list(_SECTION.finditer(text, 0, at + 1))
    if not sections:  # a principle's run-in label: "**G 1 – Unterstützung, nicht Ersetzung.** KI-Anwendungen …"
        opening = text[text.rfind("\n", 0, at) + 1 : at + 1]
        label = _RUN_IN_LABEL.match(opening)
        return (label.group(1), rule_name(chunk.title)) if label else None
    where = f"§ {sections[-1].group(1)}"
    line = text[text.rfind("\n", 0, at) + 1 : at + len(quote)]
    if paragraph := _PARAGRAPH.match(line):
        where += f" Abs. {paragraph.group(1)}"
    return where, rule_name(chunk.title)


def section_of(chunk: Chunk, quote: str) -> tuple[str, str] | None:
    """The § a quote of a numbered rule stands in and its paragraph ("6", "2" for "§ 6 Abs. 2"; "5a", ""), or None."""
    found = _where(chunk, quote)
    if found is None or not found[0].startswith("§ "):
        return None
    section, _, paragraph = found[0].removeprefix("§ ").partition(" Abs. ")
    return section, paragraph


def short_rule_name(title: str) -> str:
    """A rule's short name from its title ("… (KI-Richtlinie) vom 10.06.2025": "KI-Richtlinie"), else ""."""
    found = _SHORT_NAME.search(title)
    return found.group(1) if found else ""


def rule_name(title: str) -> str:
    """How a rule is named after its § or Nr.: its short name ("DV KI"), else "der „Dienstanweisung …“"."""
    if short := _SHORT_NAME.search(title):
        return short.group(1)
    article, _, named = _the(title).partition(" ")
    if named.startswith("Dokument"):
        return f"des Dokuments {named.removeprefix('Dokument ')}"
    return f"{_GENITIVE[article]} {named}"


def provision(chunk: Chunk, quote: str, before: str = "") -> str:
    """The lead-in of a Sachstand sentence quoted from a numbered rule, as a clerk cites it: "Nach § 5 Abs. 1
    DV KI gilt: …" (with its short name), else "Nach § 3 der „Dienstanweisung …“ gilt: …"; nothing for a
    text without sections or a paragraph lifted in the text itself (``lifted``)."""
    found = _where(chunk, quote, before)
    if found is None or _LIFTED.match(quote):
        return ""
    return f"Nach {found[0]} {found[1]} gilt: "


_CLAUSE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,2})\s+(?=[A-ZÄÖÜ])")


def clause_cited(chunk: Chunk, text: str, quote: str = "", before: str = "") -> str:
    """A sentence that opens with its rule's clause number ("5.2 Die Nutzung … ist unzulässig.") as a clerk
    cites it: "Nach Nr. 5.2 KI-Leitlinie gilt: Die Nutzung …" (with its short name, else "der „…“"); one that
    opens with its paragraph's label ("(2) Die dienstliche Nutzung … ist untersagt.", quoted from ``quote``):
    "Nach § 4 Abs. 2 DA KI gilt: Die dienstliche Nutzung …" (``before``: as ``_where``), without the label where
    the § is unknown."""
    if chunk.kind != "document":
        return text
    if label := _LABEL.match(text):
        rest = text[label.end() :]
        where = _where(chunk, quote or text, before)
        return f"Nach {where[0]} {where[1]} gilt: {rest}" if where and " Abs. " in where[0] else rest
    found = _CLAUSE.match(text)
    if found is None:
        return text
    return f"Nach Nr. {found.group(1)} {rule_name(chunk.title)} gilt: {text[found.end() :]}"


_LABEL = re.compile(r"^\(\d{1,2}[a-z]?\)\s+(?=[A-ZÄÖÜ])")  # a paragraph's label: "(2) Die dienstliche Nutzung …"


def lifted(chunk: Chunk, quote: str) -> str | None:
    """A paragraph the rule's text marks as lifted, said as such without its former wording (which the
    reader must not take for today's rule): "§ 7 Abs. 1 KI-Leitlinie ist mit Ablauf des 30.06.2026 aufgehoben."."""
    day = _LIFTED.match(quote)
    found = _where(chunk, quote)
    if day is None or found is None:
        return None
    return f"{found[0]} {found[1]} ist mit Ablauf des {day.group(1)} aufgehoben."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def draft_line(document: Document) -> tuple[str, str]:
    """The line that marks a document as a draft, and the source id it stands in."""
    for line in document.header.split("\n"):
        if "entwurf" in line.lower() or "draft" in line.lower():
            return line.strip(), document.header_id
    for section in document.sections:
        for line in section.text.split("\n"):
            if re.search(r"entwurf|nicht beschlossen|noch nicht", line, re.IGNORECASE):
                return line.strip(), f"{document.path}#{section.index}"
    return "", ""


def draft_sentence(document: Document, register: Register) -> str:
    quote, source = draft_line(document)
    marker = register.cite(source, document.title, quote) if quote else ""
    return with_markers(
        f"{_cap(_the(document.title))} liegt bisher nur als Entwurf vor und ist nicht beschlossen", marker
    )


def validity_sentence(document: Document, register: Register, today: date, stated: bool = False) -> str | None:
    """ "Die „X“ gilt seit dem 01.09.2025 [n]." from ``valid_from`` in the front matter (quoted as written); for a
    document without one (a .pdf, a .docx) its own sentence on when it takes effect ("Die Dienstvereinbarung
    tritt am 01.05.2026 in Kraft."), where ``stated``: asked since when it applies."""
    if document.draft:
        return None
    if document.valid_from is None or not document.header:
        return stated_validity(document, register) if stated else None
    lines = document.header.split("\n")
    end = next((i for i, x in enumerate(lines) if x.startswith("valid_from")), None)
    if end is None:
        return None
    start = next((i for i, x in enumerate(lines[:end]) if x.startswith("title")), end)
    marker = register.cite(document.header_id, document.title, "\n".join(lines[start : end + 1]))
    since = document.valid_from.strftime("%d.%m.%Y")
    if not document.in_force(today) and document.valid_until is not None:
        until = document.valid_until.strftime("%d.%m.%Y")
        return with_markers(f"{_cap(_the(document.title))} galt vom {since} bis zum {until}", marker)
    if document.valid_from > today:
        return with_markers(f"{_cap(_the(document.title))} gilt ab dem {since}", marker)
    return with_markers(f"{_cap(_the(document.title))} gilt seit dem {since}", marker)


# "Die Dienstvereinbarung tritt am 01.05.2026 in Kraft.", "… in Kraft ab 01.11.2026"
_IN_FORCE = re.compile(
    r"\btr(?:itt|eten)\s+(?:am|zum|mit\s+Wirkung\s+vom)\s+\d{1,2}\.\d{1,2}\.\d{4}\s+in\s+Kraft"
    r"|\b(?:in\s+Kraft|gilt|gelten)\s+(?:ab|seit)\s+(?:dem\s+)?\d{1,2}\.\d{1,2}\.\d{4}",
    re.IGNORECASE,
)


_THIS = re.compile(r"^Diese[rs]?\s+[\wäöüß-]+\s+")


def stated_validity(document: Document, register: Register) -> str | None:
    """A document's own sentence on the day it takes effect, cited, naming the document where it says "Diese …"."""
    for section in document.sections:
        for sentence in sentences_of(section.text):
            # a line without a verb ("Abgeschlossen … am 26.01.2026; in Kraft seit 01.02.2026.", a title line's
            # continuation "zwischen …, in Kraft seit 01.04.2026.") is quoted as such, with a lead-in
            verbless = is_fragment(_cap(sentence))
            if _IN_FORCE.search(sentence) and len(sentence) <= 300 and (sentence.endswith(".") or not verbless):
                marker = register.cite(f"{document.path}#{section.index}", document.title, sentence)
                said = _THIS.sub(f"{_cap(_the(document.title))} ", sentence, count=1)  # "Diese Leitlinie tritt …"
                if said[:1].islower() or verbless:
                    article, _, named = _the(document.title).partition(" ")
                    said = f"{_TO.get(article, 'Zum')} {named} ist festgehalten: „{said.rstrip('.')}“"
                return with_markers(said, marker)
    return None


# A letterhead before a title: "Bezirk Ilmgau · Dienstvereinbarung KI vom 27.02.2026", "Stadt X – Richtlinie …"
_LETTERHEAD = re.compile(r"^[^·|–—:]{2,60}?\s[·|–—]\s+")


def _head_terms(title: str, municipality: str = "") -> set[str]:
    """The kind a title names first, as a whole word ("KI-Leitlinie der Stadt …" is a Leitlinie, "Entwurf:
    KI-Strategie …" a Strategie; a "Schulungskonzept" is no "Konzept zur Einführung von KI"), after the
    municipality's name as a letterhead ("Bezirk Ilmgau · Dienstvereinbarung KI …")."""
    letterhead = _LETTERHEAD.match(title)
    if letterhead and municipality and municipality.lower() in letterhead.group(0).lower():
        title = title[letterhead.end() :]
    words = [w for w in re.findall(r"[\wäöüß-]+", title) if w.lower() not in ("entwurf", "der", "die", "das")]
    if not words:
        return set()
    head = analyze(words[0].rsplit("-", 1)[-1])
    return set(head[:1])


def named_documents(question: str, kb: KnowledgeBase, today: date) -> list[Document]:
    """The documents whose kind the question names ("eine Dienstvereinbarung"), in force first."""
    asked = set(analyze(question)) & _KINDS
    if not asked:
        return []
    town = kb.municipality.name
    found = [d for d in kb.documents if d.type != "report" and asked & _head_terms(d.title, town)]
    in_force = [d for d in found if d.in_force(today)]
    best: dict[str, Document] = {}
    for document in sorted(in_force or found, key=lambda d: (d.draft, -(d.valid_from or date.min).toordinal())):
        kind = next(iter(sorted(asked & _head_terms(document.title, town))))
        best.setdefault(kind, document)
    return list(best.values())


# "Welche verwaltungsinternen Regelungen gelten …?": every rule, whatever its kind
_WHICH_RULES = re.compile(r"\bwelche\s+(?:[\wäöüß-]+\s+){0,2}(?:Regelungen|Regeln|Vorgaben|Vorschriften)\b", re.I)
MAX_RULES = 6


def all_rules(question: str, kb: KnowledgeBase, today: date) -> list[Document]:
    """For a question after the rules in general: the rules and service agreements, those in force first
    (newest first), then those no longer in force."""
    if not _WHICH_RULES.search(question):
        return []
    rules = [d for d in kb.documents if d.type in _RULES and not d.draft and d.valid_from is not None]
    rules.sort(key=lambda d: (not d.in_force(today), -(d.valid_from or date.min).toordinal()))
    return rules[:MAX_RULES]


def standing(question: str, kb: KnowledgeBase, register: Register, today: date, since: bool = False) -> list[str]:
    """For each kind of document the question names (or every rule, asked after the rules in general):
    whether it is a draft, or since when it applies; ``since``: asked since when, also from the document's own
    sentence on it where its metadata give no day."""
    sentences = []
    for document in named_documents(question, kb, today) or all_rules(question, kb, today):
        sentence = (
            draft_sentence(document, register)
            if document.draft
            else validity_sentence(document, register, today, stated=since)
        )
        if sentence:
            sentences.append(sentence)
    return sentences


_RULES = ("guideline", "service_agreement")
_BROAD = frozenset(analyze("KI Künstliche Intelligenz Verwaltung Stadt Gemeinde Kreis Landkreis Einsatz Beschäftigte"))


def related_rules(question: str, kb: KnowledgeBase, today: date) -> list[Document]:
    """Rules in force on the subject of a question that names a kind of rule, whatever kind they are:
    a demand for "eine Dienstanweisung zur Nutzung von KI-Diensten" finds the "Hinweis … zur Nutzung
    generativer KI-Dienste" (at least two shared words of the subject, best first, at most two)."""
    words = set(analyze(question))
    if not words & _KINDS:
        return []
    topic = {w for w in words - _BROAD if not w.isdigit()}
    scored = []
    for document in kb.documents:
        if document.type in _RULES and not document.draft and document.in_force(today):
            shared = topic & set(analyze(document.title))
            if len(shared) >= 2 and shared - _KINDS:  # not only by kind ("Dienstanweisung zur Aktenführung")
                scored.append((len(shared), document))
    scored.sort(key=lambda item: -item[0])
    return [document for _, document in scored[:2]]


def rules_on(question: str, kb: KnowledgeBase, register: Register, today: date) -> list[str]:
    """Since when the rules on the question's subject apply (``related_rules``), other than those
    ``standing`` names by their kind."""
    named = named_documents(question, kb, today)
    found = (validity_sentence(d, register, today) for d in related_rules(question, kb, today) if d not in named)
    return [s for s in found if s]


_ITEM = re.compile(r"[a-z]\)\s+\S|[-–•*]\s+\S|\d{1,2}\.\s+[A-ZÄÖÜa-zäöü]")
MAX_ITEMS = 12  # list items a lead-in takes along


def listed(chunk: Chunk, text: str, quote: str) -> tuple[str, str]:
    """A sentence that a list completes ("7.4 Über Erprobung und Einführung entscheidet" + "a) die
    Amtsleitung bei …,", "b) …") with its items, and its quote with them; else both as they are. The quote
    ends its line without a full stop, and item lines follow it in the same chunk."""
    at = chunk.text.find(quote)
    line_end = chunk.text.find("\n", at + len(quote)) if at >= 0 else -1
    closed = quote.rstrip().rstrip(QUOTE_MARKS)[-1:] in ".!?;"  # "… zur Verfügung.“" ends its sentence
    if line_end < 0 or chunk.text[at + len(quote) : line_end].strip() or closed:
        return text, quote
    end, items = line_end, []
    for line in chunk.text[line_end + 1 :].split("\n")[:MAX_ITEMS]:
        if not _ITEM.match(line.strip()):
            break
        items.append(line.strip())
        end += len(line) + 1
    if not items:
        return text, quote
    joined = " ".join(items)
    return f"{text.rstrip(' :')}{':' if text.rstrip().endswith(':') else ''} {joined}", chunk.text[at:end]


_DESIGNATION = re.compile(r"(?<![\d/])(\d{1,3}/\d{4})(?![\d/])")  # "Dienstanweisung Nr. 4/2024", "Rundverfügung 7/2024"


def lapsed_rules(kb: KnowledgeBase, today: date) -> frozenset[str]:
    """The numbers ("4/2024") of the rules whose validity has ended, from their titles."""
    return frozenset(
        found.group(1)
        for document in kb.documents
        if not document.in_force(today)
        for found in _DESIGNATION.finditer(document.title)
    )


def on_lapsed_rule(sentence: str, lapsed: frozenset[str]) -> bool:
    """Whether a sentence names a rule no longer in force by its number ("Nach der Dienstanweisung Nr. 4/2024
    dürfen Beschäftigte ChatGPT … nutzen"): in an earlier reply, a permission that no longer holds."""
    return any(found.group(1) in lapsed for found in _DESIGNATION.finditer(sentence))


# A provision cited by its rule's name: "nach § 5 der Dienstanweisung KI", "gemäß § 3 Abs. 2 der KI-Richtlinie".
# Its name is the noun and a capitalised word after it, where there is one ("Dienstanweisung KI"): not every
# "Dienstanweisung" of the knowledge base is that one.
_CITED_RULE = re.compile(
    r"(?:§|\bNr\.|\bNummer|\bZiffer|\bZiff\.|\bAbschnitt)\s*\d+[a-z]?(?:\s+Abs\.\s*\d+)?\s+(?:der|des)\s+"
    r"([A-ZÄÖÜ][\wäöüß-]{4,})(?:\s+([A-ZÄÖÜ][\wäöüß-]*))?"
)


class ReplacedRules:
    """The rules of a knowledge base that a later version replaced: a report's "In VilsAssist dürfen nach § 5
    der Dienstanweisung KI keine personenbezogenen Daten eingegeben werden" (March) speaks of the version of
    2025, which lapsed on 31.08.2026; the Neufassung in force since 01.09.2026 says otherwise in its own § 5."""

    def __init__(self, kb: KnowledgeBase, today: date) -> None:
        self._today = today
        self._rules = [(d.title.lower(), d.valid_from, d.valid_until) for d in kb.documents]

    def replaced(self, clause: str, spoken: date | None) -> bool:
        """Whether the clause (of a source speaking from ``spoken``) cites a provision of a rule whose version
        of that day has lapsed, and whose later version is in force (or of no known first day)."""
        if spoken is None:
            return False
        for found in _CITED_RULE.finditer(clause):
            words = [w.lower() for w in found.groups() if w]
            versions = [(s, e) for title, s, e in self._rules if all(_word_in(w, title) for w in words)]
            # the version in force on the day said, lapsed since
            old = any(start and end is not None and start <= spoken <= end < self._today for start, end in versions)
            # the later version: in force, from after the day said, or of no day its metadata gives (a
            # Neufassung as .docx that says "gültig ab 01.09.2026" in its text)
            new = any(
                (start is None or spoken < start <= self._today) and (end is None or end >= self._today)
                for start, end in versions
            )
            if old and new:
                return True
        return False


def _word_in(word: str, title: str) -> bool:
    """Whether a title holds the word, also inflected ("dienstanweisung" in "Dienstanweisung über …", "ki" in
    "(DA KI)", not in "Kita")."""
    return re.search(rf"(?<!\w){re.escape(word)}(?:e?s|e?n)?(?!\w)", title) is not None
