"""An earlier reply's statement that later sources have overtaken.

An earlier reply says what was true on its day: "die Zustimmung des Personalrats wird beantragt",
"die Außenstelle Gröbenstein soll zum 01.01.2027 folgen". Quoted today, under "In ihrer Antwort vom …",
it still reads as the state of things when a later source reports the outcome ("Der Personalrat hat am
27.10.2026 zugestimmt") or gives up its day ("der ursprünglich vorgesehene Termin 01.01.2027 war nicht
zu halten"). Such a clause is left out; the rest of the reply's sentence stays ("Der Ausschuss wurde am
24.09.2026 informiert"). The later source is where a clerk finds the current state; it is not added here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from assistant.drafting import wording as w
from assistant.drafting.paragraph import moved
from assistant.kb.keyword import analyze
from assistant.text import numbers, sentences_of

# Something under way or intended on the reply's day.
_PENDING = re.compile(
    r"\b(?:wird|werden)\s+(?:[\wäöüß.]+\s+){0,8}?(?:beantragt|geprüft|erarbeitet|vorbereitet|abgestimmt|"
    r"eingeholt|erstellt|durchgeführt|entschieden|verhandelt|ausgeschrieben|beraten|abgeschlossen|vorgelegt|"
    r"eingeführt|umgesetzt|gestartet|fertiggestellt|gestellt|eingereicht|veröffentlicht|eingerichtet|beschafft|"
    r"erweitert|überarbeitet|angepasst|beteiligt|informiert|unterrichtet|befasst|angehört|eingebunden|"
    r"bereitgestellt|freigegeben|beauftragt)\b"
    # "noch nicht bereitgestellt", "noch nicht abschließend geprüft": any participle
    r"|\bnoch\s+nicht\s+(?:[a-zäöüß]+\s+){0,2}?(?:[a-zäöüß]*ge[a-zäöüß]{3,}(?:t|en)|[a-zäöüß]{3,}iert|"
    r"(?:be|er|ver|ent|zer)[a-zäöüß]{3,}t|vorliegend)\b|\b(?:steht|stehen)\s+noch\s+aus\b"
    r"|\b(?:laufen|werden)\s+(?:derzeit\s+)?Gespräche\b|\bläuft\s+(?:derzeit\s+)?(?:eine|die|ein)\s+[A-ZÄÖÜ]|\b(?:ist|befindet\s+sich)\s+in\s+(?:Vorbereitung|Abstimmung)\b"
    r"|\bliegt\s+noch\s+nicht\s+vor\b|\b(?:ist|sind)\s+derzeit\s+nicht\s+vorgesehen\b|"
    r"\b(?:ist|sind)\s+zum\s+\d{1,2}\.\d{1,2}\.\d{4}\s+vorgesehen\b|\b(?:soll|sollen)\s+(?:[\wäöüß.]+\s+){0,6}?(?:folgen|starten|beginnen|"
    r"angebunden\s+werden|eingeführt\s+werden|erprobt\s+werden|eingesetzt\s+werden|abgeschlossen\s+werden|vorliegen)\b",
    re.IGNORECASE,
)
# Under negotiation: "Die Anlage 3 zur Dienstvereinbarung KI … wird mit dem Personalrat verhandelt" (a report's state
# then, overtaken by a later list that has it "vereinbart 14.10.2027")
_BARGAINED = re.compile(r"\b(?:wird|werden)\s+(?:[\wäöüß.()-]+\s+){0,8}?verhandelt\b", re.IGNORECASE)
# A later source reporting it done.
_DONE = re.compile(
    r"\b(?:zugestimmt|abgeschlossen|erteilt|beschlossen|entschieden|unterzeichnet|genehmigt|verabschiedet|"
    r"vorgelegt|abgelehnt|beendet|gestartet|begonnen|erfolgt|bewilligt|gewährt|zugesagt|eingereicht|vereinbart|"
    r"mitgeteilt|veröffentlicht|zurückgestellt|bereitgestellt|freigegeben|eingerichtet|informiert|unterrichtet|"
    r"angebunden|geliefert|besetzt|"
    r"in\s+Kraft\s+getreten)\b|\bZustimmung\s+(?:des|der)\b"
    # a dated instrument: "nach der Kooperationsvereinbarung vom 03.09.2026", "mit Bescheid vom 15.10.2026"
    r"|(?:vereinbarung|vertrag|bescheid|beschluss|zuschlag|genehmigung|abschätzung|gutachten|stellungnahme)\w*\s+"
    r"(?:[\wäöüß-]+\s+){0,4}?vom\b"  # "Datenschutz-Folgenabschätzung des … Datenschutzbeauftragten vom 10.09.2026"
    r"|\b(?:online|in\s+Kraft|in\s+Betrieb|im\s+Regelbetrieb)\s+seit\b",
    re.IGNORECASE,
)
# … or giving up a day it named.
_GIVEN_UP = re.compile(
    r"\bnicht\s+zu\s+halten\b|\bursprünglich\s+(?:vorgesehen|geplant|bis\b|zum\b)|\bverschoben\b|\bnicht\s+eingehalten\b",
    re.IGNORECASE,
)
_NOW = re.compile(r"\b(?:derzeit|zurzeit|noch)\b|\bin\s+Verhandlung\b", re.IGNORECASE)
# An instrument under negotiation: "verhandelt mit dem Personalrat über eine Dienstvereinbarung",
# "Nach § 7 der Dienstvereinbarung KI (in Verhandlung) soll …". A later source giving it in force or dated
# ("DV KI vom 24.04.2026", "in Kraft seit 01.05.2026") overtakes every clause that speaks of it as pending.
_NEGOTIATED = re.compile(
    r"\bverhandel[nt]\b|\bverhandelt\s+wird\b|\bin\s+(?:Verhandlung|Abstimmung)\b|\bim\s+Entwurf\b|\(Entwurf\)", re.I
)
_INSTRUMENT = re.compile(
    r"(?<![\w-])[\wäöüß-]*(?:[vV]ereinbarung|[rR]ichtlinie|[lL]eitlinie|[dD]ienstanweisung|[sS]atzung|[vV]ertrag)(?![\wäöüß])"
)
# A plan's month: "nach Abschluss der Pilotphase im April 2027 entschieden", "wird bis Ende März abgeschlossen".
_MONTH = re.compile(
    r"\b(?:im|bis|ab)\s+(?:Ende\s+|Anfang\s+|Mitte\s+)?(?:" + "|".join(w.MONTHS) + r")(?:\s+\d{4})?\b",
    re.IGNORECASE,
)
# A rule that recurs: "legt den Bericht jährlich im März vor" is no plan a later report could overtake.
_RECURRING = re.compile(
    r"\b(?:jährlich|halbjährlich|vierteljährlich|monatlich|jeweils|regelmäßig|jedes\s+Jahr)\b", re.I
)


def _planned_month(clause: str) -> bool:
    """Whether a clause plans by a month: with its year, or without it where the clause states no recurring rule."""
    found = _MONTH.search(clause)
    return found is not None and (bool(re.search(r"\d{4}$", found.group(0))) or not _RECURRING.search(clause))


_NOUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\wäöüß-]{4,}")
# Nouns that say nothing about what a clause is about.
_PLAIN = frozenset(
    analyze(
        "Verwaltung Landratsamt Stadtverwaltung Gemeinde Stadt Kreis Landkreis Antwort Anfrage Jahr Jahres Monat "
        "Herbst Frühjahr Sommer Winter Ende Anfang Mitte Stand Zeitpunkt Termin Datum Bericht"
    )
)
MAX_SOURCES = 20_000  # sentences of the knowledge base kept for the check


# One word for a trial, however a source calls it ("Pilot", "Pilotphase", "Erprobung").
_TRIAL = {stem: "erprob" for stem in analyze("Pilot Pilotphase Pilotbetrieb Pilotierung Erprobung Testphase")}
_VERB = re.compile(r"(?<![\w-])[a-zäöüß]{6,}")


def _nouns(text: str) -> set[str]:
    return {_TRIAL.get(stem, stem) for noun in _NOUN.findall(text) for stem in analyze(noun)[:1]} - _PLAIN


def _done_words(text: str) -> set[str]:
    """What a sentence reporting something done is about: its nouns and its verbs ("… beschlossen,
    ElterngeldCheck … in den Regelbetrieb zu überführen" speaks of the "Überführung")."""
    verbs = {stem for verb in _VERB.findall(text) for stem in analyze(verb)[:1]}
    return _nouns(text) | verbs | {v[:-1] for v in verbs if v.endswith("t")}  # "besetzt" reports the "Besetzung"


def _days(text: str) -> set[date]:
    found: set[date] = set()
    for value in numbers(text):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                found.add(date.fromisoformat(value))
            except ValueError:
                continue
    return found


class Overtaken:
    """The knowledge base's sentences that report something done on a day or give up a day, to check an
    earlier reply's clauses against (``overtaken``)."""

    def __init__(self, texts: Iterable[str | tuple[str, str]], today: date) -> None:
        """``texts``: the sources' texts, or (text, what it is about) where its sentences do not name it (a
        register row's notes: "Start verschoben: ursprünglich zum 01.01.2027 vorgesehen" of its application)."""
        self._today = today
        self._done: list[tuple[set[str], set[date]]] = []
        self._given_up: list[tuple[set[str], set[date]]] = []
        for item in texts:
            text, about = (item, "") if isinstance(item, str) else item
            for sentence in sentences_of(text):
                if len(self._done) + len(self._given_up) >= MAX_SOURCES:
                    return
                for clause in re.split(r";\s+", sentence):
                    self._add(clause, sentence, _nouns(about) if about else set())

    def _add(self, clause: str, sentence: str, about: set[str]) -> None:
        days = _days(clause)
        if not days:
            return
        if _DONE.search(clause) and not _PENDING.search(clause):  # "wird bis 31.12.2026 abgeschlossen" is a plan
            self._done.append((_done_words(clause) | about, days))
        if _GIVEN_UP.search(clause):  # "…; der ursprünglich vorgesehene Termin 01.01.2027 war nicht zu halten"
            old = moved(clause)  # "vom 01.03. auf den 03.05.": only the first (an impossible day: none)
            self._given_up.append((_nouns(sentence) | about, _days(" ".join(old)) if old else days))

    def overtaken(self, clause: str, released: date, plans_only: bool = False) -> bool:
        """Whether a later source reports done what ``clause`` (of a reply of ``released``) says is pending,
        on a day after the reply, or gives up the day it names. ``plans_only`` (a document, whose "werden …
        geprüft" may be a standing rule): only a clause pending by a day or "derzeit" / "noch"."""
        if plans_only and not (
            _days(clause) or _NOW.search(clause) or _planned_month(clause) or _BARGAINED.search(clause)
        ):
            return False
        nouns = _nouns(clause)
        if not nouns:
            return False
        if self._concluded(clause, released):
            return True
        named = _days(clause)
        if not _GIVEN_UP.search(clause) and any(nouns & stems and named & days for stems, days in self._given_up):
            return True  # a day a later source gave up (not the clause that says so itself)
        if not _PENDING.search(clause) or _RECURRING.search(clause):  # "wird jährlich erstellt": a standing rule
            return False
        least = 1 if len(nouns) <= 2 else 2  # "Zustimmung des Personalrats": one; a longer clause: two of its nouns
        later = any(
            len(nouns & stems) >= least and any(released < day <= self._today for day in days)
            for stems, days in self._done
        )
        return later

    def _concluded(self, clause: str, released: date) -> bool:
        """Whether the clause speaks of an instrument as under negotiation that a source after ``released``
        gives as concluded: in force, signed, or dated ("Dienstvereinbarung KI vom 24.04.2026")."""
        if not _NEGOTIATED.search(clause):
            return False
        instruments = {stem for found in _INSTRUMENT.findall(clause) for stem in analyze(found)[:1]}
        return bool(instruments) and any(
            instruments & stems and any(released < day <= self._today for day in days) for stems, days in self._done
        )

    def current(self, sentence: str, released: date, plans_only: bool = False) -> list[str]:
        """The clauses of an earlier reply's sentence that no later source has overtaken, as written."""
        clauses = [c for c in re.split(r"(?<=;)\s+", sentence) if c.strip()]
        kept = [c for c in clauses if not self.overtaken(c, released, plans_only)]
        return [sentence] if len(kept) == len(clauses) else [c.rstrip(";").rstrip() for c in kept]


def under_negotiation(clause: str) -> bool:
    """Whether a clause says something is being negotiated ("… wird mit dem Personalrat verhandelt")."""
    return bool(_BARGAINED.search(clause))
