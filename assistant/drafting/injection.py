"""Defence against instructions hidden in untrusted text.

Inquiries come from outside the administration and knowledge-base text is
edited by many hands; both are material for an answer, never instructions
to the model. Three layers:

1. the prompt delimits untrusted text (``<quelle>``, ``<frage>``) and says
   that instructions inside are not to be followed; text that would close
   a delimiter or open a chat turn is defused here;
2. sentences that address an AI system ("Ignoriere alle vorherigen
   Anweisungen", "You are now ...") are cut out before the model sees the
   text, and the answer's warnings say so;
3. whatever the model writes must still be supported by a cited source
   (``verify``), so an obeyed instruction cannot reach the draft.
"""

from __future__ import annotations

import re

from assistant.text import sentences_of

_PATTERNS = [
    # German
    r"\b(ignorier|vergiss|missacht|überschreib)\w*\b.{0,60}\b(anweisung|vorgabe|regel|instruktion|prompt|befehl)",
    r"\b(neue|geänderte|folgende|geheime)\s+(anweisung|instruktion|aufgabe)\w*\s*(für|an)?\s*(die|das)?\s*"
    r"(ki|modell|sprachmodell|assistent)",
    r"\b(du bist|sie sind) (jetzt|ab sofort|nun)\b",
    r"\b(antworte|antworten sie|schreibe|schreiben sie|gib|geben sie)\b.{0,40}"
    r"\b(ab sofort|stattdessen|nur noch|immer)\b",
    r"\b(an|für)\s+(die\s+|das\s+|den\s+)?(ki|sprachmodell|modell|assistenten|ki-systeme?|chatbot)\b[^:.]{0,20}:",
    r"\bsystem\s*-?\s*(prompt|anweisung|nachricht)",
    # English
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instruction|prompt|rule|guideline|direction)s?\b",
    r"\byou are now\b|\bact as\b|\bfrom now on\b|\bpretend to be\b",
    r"\b(respond|answer|reply|write|output)\b.{0,30}\b(only|instead|in english|with)\b.{0,30}"
    r"\b(following|word|text|json|english)",
    r"\bnew instructions?\b|\bsystem message\b|\bdeveloper mode\b|\bjailbreak\b",
    # chat-template and delimiter tokens
    r"<\|[a-z_]+\|>|\[/?inst\]|</?(system|assistant|user)>|</?(quelle|frage|bezug)\b",
]
_SUSPICIOUS = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_DELIMITER = re.compile(r"</?(quelle|frage|bezug)\b[^>]*>|<\|[a-z_]+\|>", re.IGNORECASE)


def suspicious(text: str) -> bool:
    """Does the text address an AI system with instructions?"""
    return bool(_SUSPICIOUS.search(text))


def defuse(text: str) -> tuple[str, bool]:
    """The text without sentences that instruct an AI system, and whether any was cut.

    Line structure is kept so headings and table rows stay readable.
    """
    if not suspicious(text):
        return text, False
    lines = []
    for line in _DELIMITER.sub("\n", text).split("\n"):
        kept = [s for s in sentences_of(line) if not suspicious(s)]
        if kept or not line.strip():
            lines.append(" ".join(kept))
    return "\n".join(lines).strip(), True
