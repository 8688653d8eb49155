"""What an application's trial or operation has shown: the sources' measured results.

"Welche Ergebnisse hat der Pilot bisher erbracht?" shares no word with the report's "Die Dauer bis zur
Feststellung der Vollständigkeit sank von 14,2 auf 6,5 Arbeitstage" or with its table of key figures, so neither
the model's closest sentence nor the question's best-covering one is a result. Of a question that asks an
application's results (the inventory's ``evaluation`` column), this stage finds the documents' sentences that
report a measured change of that application, and the key-figure tables of sections about it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.domain import Passage
from assistant.drafting.gaps import table_statement
from assistant.drafting.quoting import names_only_others
from assistant.drafting.subject import own_name, says, short_name
from assistant.drafting.verify import Checked
from assistant.kb.model import KnowledgeBase
from assistant.text import sentences_of

MAX_RESULTS = 3  # a clerk gives the main figures, the report the rest

# a measured change or rate: "sank von 14,2 Arbeitstagen (2025) auf 6,5 Arbeitstage", "92,3 % korrekt",
# "in einer Stichprobe von 300 Anträgen"
_MEASURED = re.compile(
    r"\bvon\s+(?:rund\s+|etwa\s+|durchschnittlich\s+)?\d[^.;]{0,80}?\bauf\s+(?:rund\s+|etwa\s+)?\d"
    r"|\d[\d.,]*\s*(?:%|Prozent\b)"
    r"|\b(?:sank|sanken|stieg|stiegen|gesunken|gestiegen|verkürzt\w*|verringert\w*|reduziert\w*|halbiert\w*|"
    r"eingespart\w*|verdoppelt\w*|zurückgegangen)\b[^.;]*\d"
    r"|\bStichprobe\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


def measured(sentence: str) -> bool:
    """Whether a sentence reports a measured result (a change from one figure to another, a rate, a sample)."""
    return bool(_DIGIT.search(sentence) and _MEASURED.search(sentence))


def results(about: Sequence[str], passages: Sequence[Passage], kb: KnowledgeBase) -> list[Checked]:
    """The documents' measured results of the applications ``about``: sentences that name one of them (or stand
    in a section whose heading does) and report a measured result, and the key-figure table of such a section;
    at most ``MAX_RESULTS``, in the passages' order, none on other applications."""
    names = [n for r in kb.inventory if r.get("id") in about for n in _called(r.get("name"))]
    if not names:
        return []
    found: list[Checked] = []
    seen: set[str] = set()
    for passage in passages:
        if passage.chunk.kind != "document":
            continue
        section = passage.chunk.metadata.get("section", "")
        in_its_section = any(says(n, section) for n in names) and not names_only_others(section, about, kb)
        table = table_statement(passage) if in_its_section else None  # key figures, not a paper's header table
        if table is not None and table.quote not in seen and any(map(measured, table.quote.split("\n"))):
            seen.add(table.quote)
            found.append(table)
        for sentence in sentences_of(passage.chunk.text):
            if sentence in seen or "|" in sentence or not measured(sentence):
                continue
            if not (in_its_section or any(says(n, sentence) for n in names)) or names_only_others(sentence, about, kb):
                continue
            seen.add(sentence)
            found.append(Checked(text=sentence, passage=passage, quote=sentence))  # its bullet goes where it is said
    return found[:MAX_RESULTS]


_ASIDE = re.compile(r"\s*\(([^)]*)\)")  # "Wohngeld-Assistent (WoGA)"


def _called(name: str) -> set[str]:
    """What a report calls an application: its short name, without an aside, and the abbreviation in it."""
    short = short_name(own_name(name))
    plain = _ASIDE.sub("", short).strip()
    abbreviations = [a.strip() for a in _ASIDE.findall(short) if " " not in a.strip()]
    return {n for n in (short, plain, *abbreviations) if len(n) >= 3}
