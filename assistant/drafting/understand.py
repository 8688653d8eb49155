"""Understand every question of an inquiry in its context, before anything is retrieved.

For each question a ``Reading``: what it asks (intent, further aspects, columns and filters, from
``classify.py``, the one place that classifies questions) and its **subject** – the AI
applications it is about (``subject.py`` finds them in text). The subject is resolved in context:
a question that names no application of its own ("Seit wann ist er in Betrieb?") inherits one
from its parent question, the question before it, or the inquiry's Betreff and preamble; a
listing over the inventory is about all of them. Applications are matched against the knowledge
base's own inventory, so an application the question names must exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assistant.backends.embeddings import Embedder
from assistant.domain import Inquiry, Question
from assistant.drafting import lexicon as lx
from assistant.drafting.classify import (
    Intent,
    columns,
    general,
    intents,
    normalise,
    over_inventory,
    statuses,
    value_filters,
    with_columns,
    years,
)
from assistant.drafting.owned import own_short_name
from assistant.drafting.subject import SubjectFinder, asked_units, departments, says, topic_terms
from assistant.kb.model import KnowledgeBase

EACH_AT_MOST = 6  # "jeweils" over the applications of a status: answered per application up to this many

# A question about an AI system, not about a department's work as such.
_AI_SYSTEM = re.compile(r"\b\w*(?:anwendung|software|system|programm|assistent|chatbot)", re.IGNORECASE)
# A question that points back at the one before it ("Wie viele Beschäftigte haben bisher daran teilgenommen?"
# after "Welche Schulungen zu KI werden angeboten?"): retrieved with that question's words.
_POINTS_BACK = re.compile(
    r"\b(?:daran|davon|dazu|dabei|darin|darauf|darüber|dafür|damit|dadurch|hierzu|hiervon|hierfür|hierbei)\b",
    re.IGNORECASE,
)
# A question about something that ended: of a unit's applications, the one it ended is meant.
_ENDED = re.compile(r"\b(?:beendet|eingestellt|abgeschaltet|abgebrochen|eingestampft)\b", re.IGNORECASE)
# "eingestellt" of money or people: budgeted ("im Haushalt eingestellt") or hired ("Personal eingestellt")
_PUT_IN = re.compile(r"\b(?:Haushalt\w*|Mittel|Euro|Stellen?|Personal|Beschäftigte\w*|Mitarbeite\w*|Fachkr[aä]ft\w*)\b")


def asks_ended(text: str) -> bool:
    """Whether a question asks about something that ended ("Warum wurde … beendet?"), not about money put into
    the budget or staff taken on ("Welche Mittel sind im Haushalt 2027 eingestellt?")."""
    found = _ENDED.search(text)
    return found is not None and not (found.group(0).lower() == "eingestellt" and _PUT_IN.search(text))


_TRIAL = re.compile(r"\b(?:Erprobung|Pilot\w*|Testbetrieb\w*|Testphase)\b", re.IGNORECASE)


_PRONOMINAL = re.compile(r"(?:da|hier)(?:r)?(?:für|zu|bei|von|mit|über|an|auf|durch|aus|in)")
_CLAUSE_BREAK = re.compile(r",\s|\sund\s")


def points_back(low: str, written: str = "") -> bool:
    """Whether a question (lower case; ``written``: as written) points back to something named before it ("Was
    kostet dieses System?"); not with an expletive ("Gibt es …") nor with "diese Erprobung" where the question
    itself named the Erprobung before ("Warum wurde die Erprobung … beendet, und was hat diese Erprobung
    gekostet?"), nor with "dadurch" after a clause of its own ("Wie hoch ist der Stromverbrauch …, und welche
    Emissionen entstehen dadurch?")."""
    text = lx.EXPLETIVE.sub(" ", low)
    for found in lx.ANAPHOR.finditer(text):
        cut = _CLAUSE_BREAK.search(written) if _PRONOMINAL.fullmatch(found.group(0)) else None
        if cut is not None and topic_terms(written[: cut.start()]):
            continue
        after = re.match(r"\s+([a-zäöüß-]{4,})", text[found.end() :])
        if (
            found.group(0).startswith("dies")
            and after
            and re.search(rf"\b{re.escape(after.group(1))}\b", text[: found.start()])
        ):
            continue
        return True
    return False


@dataclass(frozen=True)
class Subject:
    """The applications a question is about: some inventory ids, all of them, or none."""

    applications: tuple[str, ...] = ()
    everything: bool = False
    origin: str = ""  # "question", "parent", "previous", "inquiry" or "" (none)

    @property
    def one(self) -> str | None:
        return self.applications[0] if len(self.applications) == 1 and not self.everything else None


@dataclass(frozen=True)
class Reading:
    """What one question asks, resolved in its inquiry's context."""

    question_id: str
    intent: Intent
    also: tuple[Intent, ...] = ()
    columns: tuple[str, ...] = ()  # inventory columns the answer needs, most specific first
    subject: Subject = Subject()
    statuses: tuple[str, ...] = ()  # status filter for listings and counts; () = any status
    filters: tuple[tuple[str, str], ...] = ()  # (column, value) filters, e.g. ("dpia", "done")
    departments: tuple[str, ...] = ()  # department ids the question restricts to
    years: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # budget categories
    budget_kind: str = ""  # "investive" | "consumptive" | ""
    funding: bool = False  # asks about funding (Fördermittel), which budget lines do not show
    query: str = ""  # retrieval text: the question with what it refers to
    # where its own words find nothing: with the question before, which a "daran"/"dazu" points at
    query_before: str = ""
    topic: tuple[str, ...] = field(default=(), compare=False)  # the question's own subject words

    @property
    def column(self) -> str | None:
        return self.columns[0] if self.columns else None

    def asks(self, intent: Intent) -> bool:
        return self.intent == intent or intent in self.also


@dataclass
class _Context:
    inquiry_subject: Subject
    earlier: dict[str, Reading]
    previous: Reading | None = None
    previous_parent: str | None = None  # the parent of the previous question
    previous_section: str | None = None  # the section heading the previous question stands under
    chained: bool = True  # an inquiry's questions; a motion's demands say what they are about themselves
    named: bool = False  # the inquiry's Betreff or preamble names its one application by name
    asked: dict[str, Question] = field(default_factory=dict)  # parent id ("" at the top) -> its last question read


class Understanding:
    """Reads every question of an inquiry against one knowledge base."""

    def __init__(self, kb: KnowledgeBase, embedder: Embedder | None = None, today: date | None = None) -> None:
        self._kb = kb
        self._finder = SubjectFinder(kb, embedder)
        self._today = today or date.today()
        self._sections: dict[str, Subject] = {}  # section heading -> the application it names

    @property
    def finder(self) -> SubjectFinder:
        return self._finder

    def names(self, reading: Reading) -> list[str]:
        """The inventory names of the applications a reading is about (for retrieval and verification)."""
        if reading.subject.everything:
            return []
        wanted = set(reading.subject.applications)
        return [r.get("name") for r in self._kb.inventory if r.get("id") in wanted]

    def inquiry_subject(self, inquiry: Inquiry) -> Subject:
        """The one application an inquiry as a whole is about (a Kleine Anfrage on the translation
        service), if there is one: named in the Betreff (by name, kind or purpose, or by meaning), or
        named outright in the preamble. A Betreff about applications in the plural or about AI as
        such makes the inquiry a general one."""
        betreff = inquiry.subject or ""
        if betreff:
            named = self._finder.find(betreff)
            if not named and general(normalise(betreff)):
                return Subject()
            # "KI-Protokolle in den Sitzungen … (HanseScribe)": of siblings sharing the name, the Sitzung one
            found = self._finder.of_siblings(named or self._finder.find(betreff, broad=True), betreff)
            if found:
                return Subject(found, origin="inquiry") if len(found) == 1 else Subject()
        preamble = inquiry.preamble[-600:]
        broad = not lx.APPLICATION_PLURAL.search(normalise(preamble))
        found = self._finder.of_siblings(self._finder.find(preamble, broad=broad), preamble)
        return Subject(found, origin="inquiry") if len(found) == 1 else Subject()

    def _context(self, inquiry: Inquiry, chained: bool = True) -> _Context:
        whole = self.inquiry_subject(inquiry)
        said = self._finder.named_in(f"{inquiry.subject or ''}\n{inquiry.preamble[-600:]}")
        return _Context(whole, {}, chained=chained, named=bool(set(whole.applications) & said))

    def read(self, inquiry: Inquiry, chained: bool = True) -> dict[str, Reading]:
        """Each question read in its context; ``chained=False`` (a motion's demands): a question never takes
        the application of the one before it – a demand says what it is about, or its lead-in does."""
        context = self._context(inquiry, chained)
        for question in inquiry.questions:
            reading = self.read_question(question, inquiry, context)
            context.earlier[question.id] = reading
            if question.asks:
                context.asked[question.parent or ""] = question
            if question.asks and chained:
                context.previous, context.previous_parent = reading, question.parent
                context.previous_section = question.section
        return context.earlier

    def _subject(self, question: Question, text: str, intent: Intent, context: _Context) -> Subject:
        """The applications a question is about, resolved in its context.

        Named in the question -> those; a listing, count or sum over applications in the plural ->
        all of them; otherwise the nearest one it refers to: its parent question, the question
        before it (when it points back with a pronoun or has no subject of its own), or the one
        the whole inquiry is about (a Kleine Anfrage on one application).
        """
        named = self._finder.of_siblings(self._finder.find(text), text)  # "HanseScribe … Protokolle": the Sitzung one
        low = normalise(text)
        whole = context.inquiry_subject.applications
        if named and whole and set(named) - set(whole) and not self._finder.calls(named, text):
            return Subject(whole, origin="inquiry")  # the Betreff's application, not one sharing a purpose word
        if named:
            return Subject(named, origin="question")
        own_topic = topic_terms(question.text)
        # of an inquiry about one application, "Wo werden die Daten verarbeitet, und … zum Training der KI
        # verwendet?" asks about that one: only applications in the plural mean them all
        narrow = context.named and not lx.APPLICATION_PLURAL.search(low)
        if over_inventory(intent, low, own_topic) and not narrow:
            return Subject(everything=True, origin="question")
        refers_back = points_back(low, text)
        if placed := self._placed(question, text, refers_back, context):
            return placed  # "Ist bei der Kommunalwahl KI eingesetzt worden?": the one used there
        if general(low) and not refers_back and not question.parent and not narrow:
            return Subject()  # "Welche Kosten sind durch den Einsatz von KI entstanden?": AI as such
        if own := self._only_one_in(text):
            return own  # "… der KI-gestützten Winterdienstplanung beim Bauhof": the one the Bauhof runs
        if asks_ended(text) and (ended := self._one_ended(text)):
            return ended  # "Warum wurde die KI-gestützte Verkehrszählung beendet?": the one ended of that name
        for candidate in self._inherited(question, context, local=refers_back or not own_topic):
            if candidate.applications or candidate.everything:
                return candidate
        return Subject()

    def _placed(self, question: Question, text: str, refers_back: bool, context: _Context) -> Subject | None:
        """The one application used where an inquiry's question asks about AI: "KI-Software für die
        Poststelle", "KI bei unseren Freiwilligen Feuerwehren" (``SubjectFinder.in_setting``)."""
        if not context.chained or refers_back or question.parent:
            return None
        if not (general(normalise(text)) or lx.AI_NAMED.search(text) or _AI_SYSTEM.search(text)):
            return None
        found = self._finder.in_setting(text)
        return Subject(found, origin="question") if found else None

    def _only_one_in(self, text: str) -> Subject | None:
        """The application of the one department a question names, when that department runs just one and
        the question asks about AI there ("die KI-gestützte Winterdienstplanung beim Bauhof"; not "wie lange
        … auf einen Termin im Bürgerbüro warten"), or has just one on trial and the question asks about a trial,
        or just one of those whose name the question shares a word of."""
        units = asked_units(text, self._kb)
        rows = [r for r in self._kb.inventory if len(units) == 1 and r.get("department") in units]
        if lx.AI_NAMED.search(text) or _AI_SYSTEM.search(text):
            run = tuple(r.get("id") for r in rows)
        elif _TRIAL.search(text):  # "Wie ist der Stand der Erprobung in der Wohngeldstelle": the one on trial there
            run = tuple(r.get("id") for r in rows if r.get("status") in ("pilot", "test"))
        else:  # "setzt die Bauaufsicht AKTINA ein": of two called "AKTINA", the one the unit runs
            run = tuple(r.get("id") for r in rows if (word := _first_word(r.get("name"))) and says(word, text))
        if len(run) > 1 and asks_ended(text):  # "… wurde die Erprobung der KI-Mitschrift im Bürgertelefon
            run = tuple(r.get("id") for r in rows if r.get("id") in run and r.get("status") == "discontinued")
        return Subject(run, origin="question") if len(run) == 1 else None

    def _one_ended(self, text: str) -> Subject | None:
        """Of the applications that ended, the one a question about something ended shares a word with."""
        ended = [r.get("id") for r in self._kb.inventory if r.get("status") == "discontinued"]
        found = self._finder.sharing(text, ended)
        return Subject((found[0],), origin="question") if len(found) == 1 else None

    def _inherited(self, question: Question, context: _Context, *, local: bool) -> list[Subject]:
        """Where a subject can come from, nearest first: the section heading's application, a follow-up's
        question, the previous question (only when ``local``), the inquiry's. A sub-question's parent decides
        ("a) im Jahr 2025" is about what its parent asks) – unless the parent is a heading without a subject,
        then the sub-question before it does."""
        if question.parent and question.parent in context.earlier:
            found = context.earlier[question.parent].subject
            sibling = context.previous if context.previous_parent == question.parent else None
            # under a heading without a subject ("9. Zu den Kosten: a) … b) …") the sub-questions go on with
            # the application the one before named, and "diese Vorhaben" are the ones it listed – not with one
            # the question before named only beside applications in the plural ("Welche Mittel wurden für
            # KI-Anwendungen ausgegeben, und wie viel entfiel davon auf den Test TalentMatch?")
            beside = sibling is not None and bool(lx.APPLICATION_PLURAL.search(sibling.query.lower()))
            carried = sibling is not None and (
                (sibling.subject.applications and not beside) or (local and sibling.subject.everything)
            )
            if sibling is not None and carried and not (found.applications or found.everything):
                return [Subject(sibling.subject.applications, sibling.subject.everything, "previous")]
            return [Subject(found.applications, found.everything, "parent")]
        chain: list[Subject] = []
        if (section := self._section_subject(question.section)).applications:
            chain.append(section)  # "II. Zum Pilotvorhaben „OrthoScout Bau“": its questions are about that one
        if question.follows and question.follows in context.earlier:
            found = context.earlier[question.follows].subject
            chain.append(Subject(found.applications, found.everything, "previous"))
        same_section = context.previous_section == question.section  # "IV. Personal und Beteiligung" starts anew
        if (
            local
            and question.asks
            and same_section
            and context.previous is not None
            and context.previous.subject.applications
        ):  # a heading ("3. Zu den Kosten:") does not go on with it
            chain.append(Subject(context.previous.subject.applications, False, "previous"))
        chain.append(context.inquiry_subject)
        return chain

    def _section_subject(self, section: str | None) -> Subject:
        """The one application a section heading names ("II. Zum Pilotvorhaben „OrthoScout Bau“ …"), else none."""
        if not section:
            return Subject()
        if section not in self._sections:
            found = self._finder.find(section)  # by name, not by a purpose word ("Generative KI am Arbeitsplatz")
            if not found:  # "I. Zur Anwendung im Fachdienst Kataster und Vermessung": the one that unit runs
                units = departments(section, self._kb)
                found = tuple(r.get("id") for r in self._kb.inventory if units and r.get("department") in units)
            self._sections[section] = Subject(found, origin="section") if len(found) == 1 else Subject()
        return self._sections[section]

    def read_question(self, question: Question, inquiry: Inquiry, context: _Context | None = None) -> Reading:
        context = context or self._context(inquiry)
        parent = inquiry.question(question.parent).text if question.parent else ""
        text = question.text
        intent, also = intents(text)
        if parent and (intent == Intent.YES_NO or len(text) < 40):
            intent, also = intents(f"{parent} {text}")  # "a) im Jahr 2025?" completes its parent
        found_columns = columns(text) or (columns(parent) if parent and len(text) < 60 else ())
        subject = self._subject(question, text, intent, context)
        wanted = statuses(text) or (statuses(parent) if parent else ())
        if subject.everything and found_columns and wanted and intent in (Intent.DESCRIPTION, Intent.ATTRIBUTE):
            # "Was gab jeweils den Ausschlag, auf eine Einführung zu verzichten?": each of those applications
            each = tuple(r.get("id") for r in self._kb.inventory if r.get("status") in wanted)
            subject = Subject(each, origin="question") if 0 < len(each) <= EACH_AT_MOST else subject
        specific = bool(subject.applications) and not subject.everything
        intent, also = with_columns(intent, also, found_columns, specific, normalise(text))
        low = normalise(f"{parent} {text}")
        query = self._query(question, inquiry, subject, parent)
        return Reading(
            question_id=question.id,
            intent=intent,
            also=also,
            columns=found_columns,
            subject=subject,
            statuses=wanted,
            filters=value_filters(normalise(text)),
            departments=asked_units(text, self._kb),
            years=years(text, self._today) or (years(parent, self._today) if parent else ()),
            categories=tuple(c for c, p in lx.CATEGORY_WORDS.items() if p.search(normalise(text))),
            budget_kind=next((k for k, p in lx.KIND_WORDS.items() if p.search(normalise(text))), ""),
            funding=bool(lx.FUNDING.search(low)),
            query=query,
            query_before=_query_before(question, query, context.asked.get(question.parent or "")),
            topic=topic_terms(text),
        )

    def _query(self, question: Question, inquiry: Inquiry, subject: Subject, parent: str) -> str:
        parts = [parent]
        if question.follows and not parent:
            parts.append(inquiry.question(question.follows).text)
        if subject.applications and not subject.everything and subject.origin != "question":
            names = {r.get("id"): r.get("name") for r in self._kb.inventory}
            parts += [names.get(i, "") for i in subject.applications]
        parts.append(question.text)
        return " ".join(p for p in parts if p).strip()


def _query_before(question: Question, query: str, before: Question | None) -> str:
    """The retrieval text with the question asked ``before`` it on its level, for a question that points back
    at it ("Wie viele … haben bisher daran teilgenommen?"); empty for any other."""
    if question.follows or before is None or not _POINTS_BACK.search(question.text):
        return ""
    return query.replace(question.text, f"{before.text} {question.text}")


def _first_word(name: str) -> str:
    """The first word of an application's own short name, when it can name it ("AKTINA" of "AKTINA Bau – …")."""
    words = own_short_name(name).split()
    return words[0] if words and len(words[0]) >= 4 and words[0][:1].isupper() else ""
