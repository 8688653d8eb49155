"""A budget motion's change of a line in the draft budget (Haushaltsantrag).

"Der Ansatz 2027 wird auf 90.000 € begrenzt" sets the line to a new level; "… von 180.000 € um 60.000 € auf
120.000 € gekürzt" too (the level is what counts: the draft may no longer hold 180.000 €); "durch eine
Kürzung des Ansatzes … um 15.000 € gedeckt" cuts it by an amount, "um 5.000 € erhöht" raises it; "erhält einen
qualifizierten Sperrvermerk" leaves its amount and blocks it until a body releases it. What the change does
to the line is computed against the budget data (``finance.compare``); the line is the one the demand names
("Produkt 01.11.07 …, Sachkonto 542900", "Haushaltsstelle 8150.9350") where the knowledge base has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from assistant.kb.model import KnowledgeBase


class Move(Enum):
    LEVEL = "level"  # the line is set to the amount
    CUT = "cut"  # … lowered by it
    RAISE = "raise"  # … raised by it
    BLOCK = "block"  # … kept and blocked (Sperrvermerk)


@dataclass(frozen=True)
class LineChange:
    move: Move
    euros: int  # the new level, the cut or the raise; the line's amount for a block
    stated_before: int | None = None  # "von 180.000 € … auf …": what the motion takes the line to hold


_EURO = r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?\s*(?:€|Euro\b|EUR\b)"
_LOWER = r"(?:gekürzt|reduziert|abgesenkt|gesenkt|verringert|vermindert)"
_HIGHER = r"(?:erhöht|angehoben|aufgestockt)"
_PER_YEAR_WORDS = r"(?:(?:je|pro|im)\s+Jahr|jährlich|jeweils)\s+"  # "auf 18.000 € je Jahr erhöht"
_LEVEL = re.compile(
    rf"\bauf\s+{_EURO}\s+(?:{_PER_YEAR_WORDS})?(?:begrenzt|festgesetzt|gedeckelt|{_LOWER}|{_HIGHER})", re.IGNORECASE
)
# "von 180.000 € …", "von bisher 8.400 € auf …": what the motion takes the line to hold
_FROM = re.compile(
    rf"\bvon\s+(?:bisher\s+|derzeit\s+|zuvor\s+)?{_EURO}\s+(?:um\s+{_EURO}\s+)?auf\s+{_EURO}", re.IGNORECASE
)
_WITHIN = r"(?:(?!\.\s)[^;]){0,200}?"  # within the sentence ("Produkt 01.11.07, Sachkonto …" has full stops)
_EACH = r"(?:je|jeweils)\s+"  # "wird 2027 und 2028 um je 40.000 € erhöht"
_CUT = re.compile(
    # "um 50 Prozent, also um 59.280 EUR, gekürzt": the amount before the verb, a comma between
    rf"\bum\s+(?:{_EACH})?{_EURO},?\s+{_LOWER}|\b(?:Kürzung|Absenkung|Verringerung)\b{_WITHIN}\bum\s+{_EURO}",
    re.I,
)
_RAISE = re.compile(
    rf"\bum\s+(?:{_EACH})?{_EURO}\s+{_HIGHER}|\b(?:Erhöhung|Aufstockung)\b{_WITHIN}\bum\s+{_EURO}"
    rf"|\bzusätzlich(?:e[nrs]?)?\s+(?:[\wäöüß-]+\s+){{0,2}}?{_EURO}"  # "dafür 2027 zusätzlich 20.000 €"
    # "die Mehrkosten dürfen im Jahr 2027 höchstens 6.000 € betragen": money on top of what is planned
    rf"|\bMehr(?:kosten|aufwand|aufwendungen|bedarf)\b{_WITHIN}{_EURO}"
    # "werden jeweils 15.000 € zusätzlich … veranschlagt": the word after the amount
    rf"|{_EURO}\s+zusätzlich\b",
    re.IGNORECASE,
)
# "erhält einen qualifizierten Sperrvermerk", "mit einem Sperrvermerk versehen", "werden die … Mittel (2.700 €)
# gesperrt" – not "ohne Sperrvermerk"
_BLOCK = re.compile(
    r"\b(?:erhält|erhalten|mit)\s+(?:einen|einem|den|dem)?\s*(?:qualifizierten\s+)?Sperrvermerk"
    rf"|\b(?:wird|werden)\b{_WITHIN}\bgesperrt\b",
    re.IGNORECASE,
)


def _euros(found: re.Match[str], *groups: int) -> int:
    value = next(found.group(g) for g in groups if found.group(g))
    return int(value.replace(".", ""))


def change_in(text: str) -> LineChange | None:
    """The change a demand's clause makes to a budget line, if it makes one."""
    if level := _LEVEL.search(text):
        before = _FROM.search(text)
        return LineChange(Move.LEVEL, _euros(level, 1), _euros(before, 1) if before else None)
    if cut := _CUT.search(text):
        return LineChange(Move.CUT, _euros(cut, 1, 2))
    if raised := _RAISE.search(text):
        return LineChange(Move.RAISE, _euros(raised, 1, 2, 3, 4, 5))
    if _BLOCK.search(text) and (amount := re.search(_EURO, text)):
        return LineChange(Move.BLOCK, _euros(amount, 1))
    return None


# "Die Mittel für … werden gestrichen: die Einrichtung (…: 36.000 € im Jahr 2027) und …": each amount named is cut
# "… künftig aus Mitteln der Ausgleichsabgabe finanziert; die Ansätze im Kernhaushalt entfallen": struck as well
_STRUCK = re.compile(
    rf"\b(?:wird|werden)\b{_WITHIN}\bgestrichen\b|\b(?:Ansatz|Ansätze|Mittel)\b{_WITHIN}\bentf(?:ällt|allen)\b", re.I
)


def struck_in(clause: str, euros: int) -> LineChange | None:
    """A clause that strikes the lines it names: the amount named is cut from its line."""
    return LineChange(Move.CUT, euros) if _STRUCK.search(clause) else None


def level_in(clause: str) -> int | None:
    """The new level a clause sets a line to ("von 180.000 € um 60.000 € auf 120.000 € gekürzt": 120.000),
    the one amount of the clause the motion demands."""
    found = _LEVEL.search(clause)
    return _euros(found, 1) if found else None


# "Produkt 01.11.07 IT-Steuerung …, Sachkonto 542900", "Produkt 11.1.06, Konto 501200", "Haushaltsstelle 8150.9350",
# "HHSt. 0200.5621"
_PRODUCT_ACCOUNT = re.compile(r"\bProdukt\s+(\d[\d.]*\d)\b[^.;:]{0,120}?\b(?:Sach)?[Kk]onto\s+(\d{4,8})\b")
_LINE = re.compile(r"\b(?:Haushaltsstelle|HHSt\.?|Budgetposition|Position)\s+(\d[\d.\s-]*\d)\b")
_NEW = re.compile(r"\(neu\)|\bneue[nrs]?\s+(?:Haushaltsstelle|Sachkonto|Konto|Produkt)\b", re.IGNORECASE)


def said_lines(text: str, context: str = "") -> list[str]:
    """The budget lines a text names, written as the budget data writes them; an account named without its
    product ("Sachkonto 783100: 2.400 €") under the last product the ``context`` names ("bei Produkt 55.1.01
    (Sachkonto 543110: 10.500 €; Sachkonto 783100: 2.400 €)")."""
    said = [f"{product}.{account}" for product, account in _PRODUCT_ACCOUNT.findall(text)]
    if not said and (products := _PRODUCT.findall(context)):
        said = [f"{products[-1]}.{account}" for account in _ACCOUNT.findall(text)]
    return said + [line.strip() for line in _LINE.findall(text)]


_PRODUCT = re.compile(r"\bProdukt\s+(\d[\d.]*\d)\b")
_ACCOUNT = re.compile(r"\b(?:Sach)?[Kk]onto\s+(\d{4,8})\b")


def named_lines(text: str, kb: KnowledgeBase, context: str = "") -> tuple[str, ...]:
    """The lines of the budget data the text names ("HHSt. 0200.5621 2027": the line, not the year after it);
    none for a line it creates ("Sachkonto 542100 (neu)"); ``context``: the demand the text is part of."""
    known = sorted({r.get("budget_line") for r in kb.budget if r.get("budget_line")}, key=len, reverse=True)
    found = [
        next((k for k in known if said == k or said.startswith(k + " ") or _joined(said) == _joined(k)), None)
        for said in said_lines(text, context)
    ]
    # a line written as the budget data writes it, without a label ("bei TH1.11103.527100 zusätzlich …")
    found += [k for k in known if "." in k and len(k) >= 6 and _written(k, text)]
    return tuple(dict.fromkeys(line for line in found if line))


def _joined(line: str) -> str:
    """A line's number with its parts joined alike: "11.1.08/542100" and "Produkt 11.1.08, Sachkonto 542100"."""
    return re.sub(r"[./\s-]+", ".", line.strip())


def _written(line: str, text: str) -> bool:
    return re.search(rf"(?<![\w.,]){re.escape(line)}(?![\w,]|\.\d)", text) is not None


def new_line(text: str) -> bool:
    """Whether the text creates a line of its own ("Produkt 01.02.01 …, Sachkonto 542100 (neu)")."""
    return bool(said_lines(text)) and bool(_NEW.search(text))
