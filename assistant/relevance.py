"""Does the evidence speak to what the question asks? A lexical check beside the dense gate.

Dense similarity says a passage is *near* a question; it does not say the
passage holds the question's own subject. "Wie viele Beschwerden über den
Chatbot gingen ein?" is near every passage about the chatbot. So the
question's content words (compound parts included, German stems) are
weighted by how rare they are in the knowledge base – a word the knowledge
base never uses weighs most – and the share of that weight found in the
evidence must reach a threshold (``drafting.min_coverage``). Words every
inquiry uses (interrogatives, the administration, "KI") carry no weight.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from assistant.domain import Chunk, Passage
from assistant.kb.keyword import analyze

_COMMON = frozenset(
    analyze(
        "welche welcher welches wie viele viel hoch wann seit wer wo warum weshalb ob inwieweit inwiefern bitte "
        "verwaltung stadtverwaltung kreisverwaltung gemeindeverwaltung bezirksamt landesregierung ministerium "
        "stadt kreis landkreis gemeinde kommune rat kreistag ausschuss fraktion ki künstliche intelligenz "
        "künstlicher anwendung anwendungen einsatz eingesetzt einsetzen nutzung genutzt nutzen derzeit aktuell "
        "bisher bereits geplant gibt sind wird werden wurde wurden hat haben sowie jeweils konkret konkrete "
        "insbesondere beispielsweise bzw ggf welchem welchen stellen sicher sichergestellt erfolgt darstellen "
        "nennen erläutern beschreiben angeben frage fragen antwort dabei hierzu hierbei dafür dazu dies diese "
        "dieser dieses er sie es ihn ihm ihr deren dessen system systeme "
        # nouns that frame a question rather than name its subject
        "Bedingung Bedingungen Voraussetzung Voraussetzungen Regelung Regelungen Maßnahme Maßnahmen Form Art Weise "
        "Umfang Stand Ergebnis Ergebnisse Erfahrung Erfahrungen Grund Gründe Ziel Ziele Rahmen Möglichkeit "
        "Möglichkeiten Aspekt Aspekte Kriterium Kriterien Vorgabe Vorgaben Schritt Schritte Thema Themen Punkt "
        "Bereich Bereiche Frage Stelle Stellen Zeitpunkt Höhe Anzahl Zahl Jahr Jahre Beschäftigte Mitarbeitende"
    )
)


_TOPICAL = re.compile(r"(?<=[\s(„\"/-])[A-ZÄÖÜ][\w-]*|[A-ZÄÖÜ]{2,}[\w-]*|\b[a-zäöüß][\w-]*(?=\s+[A-ZÄÖÜ])")


def _occurs(term: str, found: set[str]) -> bool:
    """The term, or a word sharing its stem beyond what the stemmer strips ("Protokollierung" ~ "Protokoll")."""
    if term in found:
        return True
    if len(term) < 6:
        return False
    stem = term[: max(6, len(term) - 3)]
    return any(word.startswith(stem) or (len(word) >= 6 and term.startswith(word)) for word in found)


class Coverage:
    """Inverse document frequencies of the knowledge base's terms, for weighting question words."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self._documents = max(len(chunks), 1)
        self._spread: Counter[str] = Counter()
        for chunk in chunks:
            self._spread.update(set(analyze(f"{chunk.title}\n{chunk.text}")))

    def weight(self, term: str) -> float:
        return math.log(1 + self._documents / (1 + self._spread.get(term, 0)))

    def terms(self, question: str) -> set[str]:
        """What the question is about: its nouns and names, and the adjectives in front of them
        ("verwaltungsgerichtlichen Verfahren"); not its predicate ("erlaubt", "geplant"), which the
        evidence may well deny."""
        topical = " ".join(m.group(0) for m in _TOPICAL.finditer(question))
        return {t for t in analyze(topical) if t not in _COMMON and not t.isdigit() and len(t) > 2}

    def share(self, question: str, evidence: Iterable[str], ignore: Iterable[str] = ()) -> float:
        """The weighted share of the question's content words that occur in the evidence."""
        terms = self.terms(question) - set(analyze(" ".join(ignore)))
        if not terms:
            return 1.0
        found: set[str] = set()
        for text in evidence:
            found |= set(analyze(text))
        total = sum(self.weight(t) for t in terms)
        return sum(self.weight(t) for t in terms if _occurs(t, found)) / total

    def covers(self, question: str, passages: Sequence[Passage], threshold: float, ignore: Iterable[str] = ()) -> bool:
        evidence = [f"{p.chunk.title}\n{p.chunk.text}" for p in passages]
        return self.share(question, evidence, ignore) >= threshold
