"""Find the structure of an inquiry: kind, sender, date, committee, questions.

The question tree is what matters most: every numbered item must receive an
answer under its own number. The rules, in order:

1. Text after a ``Begründung`` heading is justification, never questions.
2. Top-level items are the longest run of consecutive numbers starting at 1
   (``1.``, ``1)``, ``Frage 1:``), so a date such as ``24. März`` in a letter
   head is not mistaken for item 24. Without such a run, bullets (``•``,
   ``-``) are numbered 1, 2, ... in order.
3. Lettered items (``a)``, ``- a)``) under an item become sub-questions
   ``1a``, ``1b`` when they ask something; when none of them asks (the
   columns of a requested table, the parts of a motion's demand) they stay
   part of their parent's text.
4. A parent with sub-questions is answered itself only if it asks something
   (``Wurde ... festgestellt?`` followed by ``a) Wenn ja, ...``); a heading
   or a lead-in ending in a colon is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.domain import Inquiry, Question
from assistant.errors import InquiryError
from assistant.inquiry import metadata

_TOP = re.compile(r"^(?:Frage\s+)?(\d{1,2})\s*[.):]\s+(\S.*)$", re.IGNORECASE)
_LETTER = re.compile(r"^(?:[-–•*]\s*)?([a-z])\)\s*(\S.*)$")
_BULLET = re.compile(r"^[•*–-]\s+(\S.*)$")
_JUSTIFICATION = re.compile(r"^(?:#+\s*)?Begründung\s*:?\s*$", re.IGNORECASE)
_TERMINAL = (".", "?", "!", ":", ";")
_CLOSING = re.compile(r"^(Mit freundlichen Grüßen|Wir bitten|Begründung)", re.IGNORECASE)


@dataclass
class _Item:
    number: str
    key: str
    line: int
    text: list[str]
    children: list[_Item] = field(default_factory=list)

    def joined(self) -> str:
        return _join(self.text)


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        hyphenated = text.endswith("-") and part[:1].islower()  # "Schulungs-" + "maßnahmen"
        text = text[:-1] + part if hyphenated else f"{text} {part}".strip()
    return re.sub(r"\s+", " ", text).strip()


def clean_lines(text: str) -> list[str]:
    lines = []
    for raw in text.split("\n"):
        line = raw.replace("**", "").replace("\u00a0", " ").replace("\t", " ")
        lines.append(re.sub(r" {2,}", " ", line).strip())
    return lines


def _body_end(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if _JUSTIFICATION.match(line):
            return index
    return len(lines)


def _numbered_run(lines: list[str], end: int) -> list[tuple[int, str, str]]:
    candidates = [(i, m.group(1), m.group(2)) for i, line in enumerate(lines[:end]) if (m := _TOP.match(line))]
    best: list[tuple[int, str, str]] = []
    for start, (_, number, _) in enumerate(candidates):
        if number != "1":
            continue
        run = [candidates[start]]
        for cand in candidates[start + 1 :]:
            if int(cand[1]) == int(run[-1][1]) + 1:
                run.append(cand)
        if len(run) > len(best):
            best = run
    return best


def _bullet_run(lines: list[str], end: int) -> list[tuple[int, str, str]]:
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for i, line in enumerate(lines[:end]):
        match = _BULLET.match(line)
        if match and not _LETTER.match(line):
            current.append((i, match.group(1)))
        elif line and current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    asking = [b for b in blocks if any("?" in text for _, text in b)]
    if not asking:
        return []
    block = max(asking, key=lambda b: sum("?" in text for _, text in b))
    return [(i, str(n), text) for n, (i, text) in enumerate(block, start=1)]


def _collect(lines: list[str], run: list[tuple[int, str, str]], end: int, numbered: bool) -> list[_Item]:
    items: list[_Item] = []
    for pos, (start, number, first) in enumerate(run):
        is_last = pos == len(run) - 1
        stop = run[pos + 1][0] if not is_last else end
        item = _Item(number=f"{number})" if numbered else "•", key=number, line=start, text=[first])
        target: _Item = item
        blank_seen = False
        for line in lines[start + 1 : stop]:
            if not line:
                blank_seen = True
                continue
            letter = _LETTER.match(line)
            if letter:
                target = _Item(
                    number=f"{letter.group(1)})",
                    key=letter.group(1),
                    line=0,
                    text=[letter.group(2)],
                )
                item.children.append(target)
                blank_seen = False
                continue
            if is_last and (blank_seen or _CLOSING.match(line)):
                break
            if is_last and target.joined().endswith(_TERMINAL) and not line[:1].islower():
                break
            target.text.append(line)
        items.append(item)
    return items


def _to_questions(items: list[_Item]) -> list[Question]:
    questions: list[Question] = []
    for item in items:
        children_ask = any("?" in child.joined() for child in item.children)
        if item.children and not children_ask:
            parts = [item.joined()] + [f"{c.number} {c.joined()}" for c in item.children]
            questions.append(Question(id=item.key, number=item.number, text=" ".join(parts)))
            continue
        text = item.joined()
        asks = not item.children or "?" in text
        questions.append(Question(id=item.key, number=item.number, text=text, asks=asks))
        for child in item.children:
            questions.append(
                Question(
                    id=f"{item.key}{child.key}",
                    number=child.number,
                    text=child.joined(),
                    parent=item.key,
                )
            )
    return questions


def find_questions(text: str) -> list[Question]:
    lines = clean_lines(text)
    end = _body_end(lines)
    run, numbered = _numbered_run(lines, end), True
    if not run:
        run, numbered = _bullet_run(lines, end), False
    if not run and end < len(lines):  # a "Begründung" that precedes the questions
        end = len(lines)
        run, numbered = _numbered_run(lines, end), True
    return _to_questions(_collect(lines, run, end, numbered))


def parse_inquiry(text: str, source_name: str = "") -> Inquiry:
    """Parse inquiry text. Raises ``InquiryError`` when no question is found."""
    questions = find_questions(text)
    if not questions:
        raise InquiryError(
            "Keine nummerierten Fragen gefunden",
            path=source_name or None,
            hint="Fragen als '1.', '1)', 'a)' oder Aufzählungspunkte formatieren",
        )
    lines = clean_lines(text)
    end = _body_end(lines)
    first_question_line = next((i for i, line in enumerate(lines) if questions[0].text[:30] in line), end)
    return Inquiry(
        kind=metadata.kind(text),
        questions=tuple(questions),
        sender=metadata.sender(lines),
        date=metadata.date(lines),
        subject=metadata.subject(lines),
        committee=metadata.committee(" ".join(lines)),
        deadline=metadata.deadline(" ".join(lines)),
        preamble="\n".join(line for line in lines[:first_question_line] if line).strip(),
        justification="\n".join(line for line in lines[end + 1 :] if line).strip(),
        source_name=source_name,
    )
