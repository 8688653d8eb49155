"""Honest gaps and what the draft must say about its own sources.

- "No information" is worded for the letter ("Hierzu liegen der Verwaltung
  keine Erkenntnisse vor."); who holds the facts (the application's owner,
  the document's owner, else the department whose remit fits) is a note
  for the reviewer, never letter text.
- A model sentence that is a label or a record line ("KI-Anwendung X:
  Name.") never reaches the draft; the best quote of the top passage stands
  in for a removed answer only when it answers the question's intent.
- A draft document (Entwurf) is reported as a draft, a planned date that has
  passed is marked as passed, and a question that asks "seit wann" gets the
  validity date of the documents it cites from their front matter.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date

from assistant import text as text_
from assistant.domain import Answer, Passage, Question
from assistant.drafting import lexicon as lx
from assistant.drafting import wording as w
from assistant.drafting.citing import Register
from assistant.drafting.classify import Intent
from assistant.drafting.departments import responsible
from assistant.drafting.facts import GAP
from assistant.drafting.standing import draft_sentence, in_the, validity_sentence
from assistant.drafting.understand import Reading
from assistant.drafting.verify import Checked
from assistant.kb.model import KnowledgeBase
from assistant.text import best_quote, numbers, quote_candidates, sentences_of, stems, table_rows

DATED_PASSAGES = 5  # passages searched for a dated sentence
DATED_SHARE = 0.5  # of the question's weighted words a dated sentence must hold

# A sentence that only announces what follows it ("Die KI-Richtlinie vom 09.03.2026 wird wie folgt geändert."): alone in
# a draft it says nothing
_ANNOUNCES = re.compile(r"\bwie\s+folgt(?:\s+[\wäöüß]+){0,2}\s*[.:]?\s*$", re.IGNORECASE)


def _unannounced(checked: Checked) -> Checked:
    """A verified sentence pair without its sentence that only announces what follows ("Die KI-Richtlinie … wird
    wie folgt geändert. Eine konsolidierte Fassung wird nicht herausgegeben; …": the second alone)."""
    parts = sentences_of(checked.text)
    if len(parts) < 2 or not any(_ANNOUNCES.search(part) for part in parts):
        return checked
    return replace(checked, text=" ".join(part for part in parts if not _ANNOUNCES.search(part)))


_META = re.compile(r"\b(die|der|in der|laut|gemäß) (quelle|quellen)\b|\bquelle (nr\.?\s*)?\d", re.IGNORECASE)
_LABEL = re.compile(r"^\*\*[^*]{1,40}\*\*\s*:\s*")
_EMPHASIS = re.compile(r"\*\*|__")
_LEANS_BACK = re.compile(
    r"^(?:Sie|Er|Es|Ihm|Ihnen|Diese[rsmn]?|Dies|Dabei|Damit|Dazu|Hierzu|Hierfür|Deren|Dessen|Ebenso|Bis\s+dahin|Danach"
    r"|Daraufhin|Dafür"
    r"|(?:Für|Bei|Von|Mit|Nach|In|Aus|Zu|Über|Unter|Neben|Auf) diese[rsmn]?)\b"  # "Für diese Systeme gilt …"
)


def leans_back(sentence: str) -> bool:
    """Whether a sentence opens by pointing at something said before it ("Dies ist …", "Für diese Systeme …")."""
    return bool(_LEANS_BACK.match(_ENUMERATOR.sub("", sentence)))


_ENUMERATOR = re.compile(r"^\s*(\(\d+\)|\d+[.)]|[a-z]\)|§\s*\d+\w*|[-*•–])\s+")
_UNIT_WORDS = re.compile(
    r"\b(Amt|Ämter|Abteilung|Fachbereich|Fachdienst|Dezernat|Referat|Stabsstelle|Sachgebiet|Dienststelle|Stelle|"
    r"Team|Leitung|Beauftragte\w*|Koordinierungsstelle|Personalrat|Bürgermeister\w*|Landrat|Landrätin)\b"
)
_FUTURE = re.compile(
    r"\b(soll|sollen|wird|werden|geplant|vorgesehen|voraussichtlich|angestrebt|beabsichtigt|"
    r"künftig|zukünftig)\b",
    re.IGNORECASE,
)
_HALF = re.compile(
    r"\b(Anfang|Mitte|Ende|Frühjahr|Sommer|Herbst)\s+"
    r"(20\d\d)\b"
)
_MONTH_YEAR = re.compile(r"\b(" + "|".join(w.MONTHS) + r")\s+(20\d\d)\b")
_YEAR_ONLY = re.compile(r"\b(?:im Jahr|bis|in|für|ab)\s+(20\d\d)\b")


def period_end(sentence: str) -> date | None:
    """The last day of the latest period a sentence names (quarter, month, part of a year, year)."""
    ends: list[date] = []
    sentence = re.sub(r"\bseit\s+(dem\s+)?\S+(\s+20\d\d)?", " ", sentence)  # "seit Juni 2025" began, it is no deadline
    ends += w.period_ends(sentence)  # quarters and half-years
    for month_name, year in _MONTH_YEAR.findall(sentence):
        month = w.MONTHS.index(month_name) + 1
        ends.append(date(int(year) + (month == 12), month % 12 + 1, 1))
    for part, year in _HALF.findall(sentence):
        month = {"Anfang": 3, "Frühjahr": 5, "Mitte": 7, "Sommer": 8}.get(part.split()[0], 12)
        ends.append(date(int(year) + (month == 12), month % 12 + 1, 1))
    if not ends:
        ends += [date(int(year) + 1, 1, 1) for year in _YEAR_ONLY.findall(sentence)]
    return max(ends) if ends else None


COST_GAP = GAP["cost"]
MATCHED = 40  # characters of a verified sentence looked for in the answer's text
_AMOUNT = lx.EURO


class Gaps:
    def __init__(self, kb: KnowledgeBase, today: date) -> None:
        self._kb = kb
        self._today = today
        self._documents = {d.path: d for d in kb.documents}

    # --- abstaining -----------------------------------------------------------------------------

    def judgement(self, question: Question, started: float) -> Answer:
        return Answer(question.id, "needs_input", w.JUDGEMENT, model="", seconds=time.perf_counter() - started)

    def holder(self, question: Question, reading: Reading | None) -> str:
        """Who holds the facts: the application's owner, else the department whose remit fits best."""
        if reading is not None and reading.subject.applications and not reading.subject.everything:
            owners = {r.get("department") for r in self._kb.inventory if r.get("id") in reading.subject.applications}
            if len(owners) == 1:
                owner = owners.pop()
                return f"{self._kb.municipality.department_name(owner)} ({owner})"
        department = responsible(question.text, self._kb)
        if department is not None:
            return f"{department.name} ({department.id})"
        return self._kb.municipality.contact_unit or "der zuständigen Organisationseinheit"

    def no_information(
        self,
        question: Question,
        reading: Reading | None,
        *,
        reason: str = "",
        extra: Iterable[str] = (),
        passages: Sequence[Passage] = (),
    ) -> Answer:
        note = (
            f"Keine Angaben in der Wissensbasis – fehlende Angaben ggf. bei {self.holder(question, reading)} erfragen"
        )
        warnings = [note, *extra]
        if passages:
            warnings.append(
                "Geprüfte Quellen ohne passende Aussage: "
                + ", ".join(dict.fromkeys(p.chunk.source_id for p in passages[:3]))
            )
        return Answer(question.id, "no_information", reason or w.NO_FINDINGS, warnings=tuple(warnings), model="")

    @staticmethod
    def data_gaps(gaps: Sequence[str], said: Sequence[str] = ()) -> list[str]:
        """The record's columns without a value, said as such; not the costs when the answer already names an
        amount (the reason for ending Copilot names 49.900 € a year: "keine Kosten erfasst" would read false)."""
        if any(_AMOUNT.search(sentence) for sentence in said):
            gaps = [gap for gap in gaps if gap != COST_GAP]
        if not gaps:
            return []
        return [f"Angaben {w.enumerate_de(list(dict.fromkeys(gaps)))} sind im KI-Verzeichnis nicht erfasst."]

    # --- what may stand in the draft ------------------------------------------------------------

    @staticmethod
    def whole(kept: Sequence[Checked]) -> list[Checked]:
        """The verified sentences that are sentences, not labels or record lines, and that speak about the
        matter, not about the sources ("Die Quelle Nr. 1 enthält ...") nor only of what a member asked
        ("Stadtverordnete Lenz fragt, wie die Antragstellenden von der KI-Prüfung erfahren")."""
        told = [_unannounced(c) for c in kept]  # "… wird wie folgt geändert." said alone says nothing
        return [
            c
            for c in told
            if not any(w.is_fragment(part) for part in sentences_of(c.text))
            and not _META.search(c.text)
            and not all(says_nothing(part) for part in sentences_of(c.text))
            and not _ANNOUNCES.search(c.text)
        ]

    def extract(
        self, question: Question, reading: Reading, passages: Sequence[Passage], share: Callable[[str], float]
    ) -> tuple[Checked, float] | None:
        """Of the best passages' sentences closest to the question, the one that covers most of it (``share``),
        if it is a whole sentence of the kind asked for."""
        found: list[tuple[Checked, float]] = []
        labelled: list[tuple[Checked, float]] = []  # only where no whole sentence fits
        for passage in passages[:3]:
            quote = _closest(question.text, _body(passage), share)
            text = plain(quote)  # "(2) Entscheidungen ...", "Der Landrat gibt bekannt: Die …" without number or speaker
            into = found
            if any(w.is_fragment(part) for part in sentences_of(text)) and (tail := _sentence_after_label(quote)):
                quote, text, into = tail, tail, labelled  # "Beschluss: Ab dem 01.01.2027 kann …"
            if any(w.is_fragment(part) for part in sentences_of(text)) or not fits(text, reading):
                labelled += self._table_row(passage, share)  # "sinnentstellende Fehler | 2 | 2,5 %" of a report
                continue
            into.append((Checked(text=text, passage=passage, quote=quote), share(quote)))
        return max(found or labelled, key=lambda item: item[1], default=None)

    @staticmethod
    def _table_row(passage: Passage, share: Callable[[str], float]) -> list[tuple[Checked, float]]:
        """A document table closest to the question, said with its column heads and its source ("In
        „Evaluationsbericht“ ist festgehalten: „inhaltlich korrekt (Sequenzen – 70, Anteil – 87,5 %); …“"): the
        whole table where it is short, a clerk gives its rows together; none where the passage holds no table."""
        if passage.chunk.kind != "document" or not (rows := table_rows(body := _body(passage))):
            return []
        said = {quote: f"{label}: {cells}." for quote, (label, cells) in rows.items()}
        best = max(said, key=lambda q: share(said[q]))
        table = _table_of(body, best, rows)
        if len(table) < 2 or len(table) > MAX_TABLE_ROWS:
            row = Checked(text=row_statement(passage, *rows[best]), passage=passage, quote=best)
            return [(row, share(said[best]))]
        return [(_whole_table(passage, body, table, rows), share(" ".join(said[q] for q in table)))]

    def extract_dated(
        self,
        passages: Sequence[Passage],
        share: Callable[[str], float],
        least: float = DATED_SHARE,
        dated: Callable[[str], bool] | None = None,
    ) -> Checked | None:
        """Of a question asking since when, where the draft names no date ("Seit wann gilt eine Dienstvereinbarung
        …?" answered with its scope): the best passages' sentence with a date that covers most of the question
        (at least ``least``), a labelled one's sentence after its label; None where none does. ``dated``: what
        counts as a date ("Bis wann …?": a day something is to be done by)."""
        dated = dated or has_date
        best: tuple[Checked, float] | None = None
        for passage in passages[:DATED_PASSAGES]:
            for quote in quote_candidates(_body(passage)):
                if len(quote) < 30 or not dated(quote):
                    continue
                text = plain(quote)
                if any(w.is_fragment(part) for part in sentences_of(text)):
                    if not (tail := _sentence_after_label(quote)) or not dated(tail):
                        continue
                    quote = text = tail
                covered = share(quote)
                if covered >= least and (best is None or covered > best[1]):
                    best = (Checked(text=text, passage=passage, quote=quote), covered)
        return best[0] if best else None

    def extract_several(
        self, question: Question, reading: Reading, passages: Sequence[Passage], share: Callable[[str], float],
        least: float, limit: int = 3, lead_speaks: bool = True,
    ) -> list[Checked]:  # fmt: skip
        """A Sachstand from the sources' own sentences: per passage (one per source, best first) the sentence
        or pair closest to the question among those that cover at least ``least`` of it, if it is a whole
        sentence that does not lean on the one before ("Sie verankert …") (the best-ranked passage needs not,
        if ``lead_speaks``: "Arbeitsgruppe … Sondersitzungen" shares few words with "berichtet dem Ausschuss …
        mit einem KI-Bericht")."""
        words = stems(question.text)
        found: list[Checked] = []
        seen: set[str] = set()
        window = list(passages[: 2 * limit])
        texts = [p for p in window if p.chunk.kind in ("document", "answer")]
        lead: Passage | None = (texts or window)[0] if window else None
        for index, passage in enumerate(window):
            if passage.chunk.source_id in seen or len(found) == limit:
                continue
            candidates = {
                c: plain(c) for c in quote_candidates(_body(passage))
                if len(c) >= 40 and not _LEANS_BACK.match(_ENUMERATOR.sub("", c)) and "|" not in c  # no table rows
                and not c.endswith(":")  # "… beschließt die folgenden Grundsätze:" announces, says nothing
                and not c.endswith((",", ";")) and not _ENUMERATOR.sub("", c)[:1].islower()  # an item of a list
                and not all(_no_matter(part) for part in sentences_of(c))  # "X fragt, ob …": no Sachstand
                and not any(_ANNOUNCES.search(part) for part in sentences_of(c))  # "… wird wie folgt geändert."
            }  # fmt: skip
            if passage.chunk.kind == "document":  # a memo's numbered paragraph "2.6 Bericht: Dem Ausschuss wird …"
                candidates.update({tail: plain(tail) for c in list(candidates) if (tail := _label_tail(c))})
            whole = [c for c, text in candidates.items() if not any(w.is_fragment(part) for part in sentences_of(text))]
            rows = table_rows(_body(passage))  # a comparison's row, with its column heads, is a statement too
            if passage.chunk.kind == "document":  # a document's list item "- **Label**: text"
                rows.update({c: parts for c in candidates if c not in whole and (parts := _labelled(c))})
            candidates.update({quote: f"{label}: {cells}." for quote, (label, cells) in rows.items()})
            whole += list(rows)
            notes = notes_of(passage, [c for c in candidates if c not in whole])
            candidates.update({c: plain(c) for c in notes})
            whole += list(notes)
            items = _items(_body(passage)) if passage.chunk.kind == "document" else {}
            candidates.update({item: f"{lead} {plain(item).rstrip(' ,;.')}." for item, lead in items.items()})
            whole += [item for item in items if item not in whole]
            # The best-ranked text (a document or an earlier reply; records have their own say) speaks for
            # itself – through its last passage: a section cut into several chunks is one source, and a later
            # chunk of it may hold the covering sentence.
            first = (
                lead_speaks
                and lead is not None
                and passage.chunk.source_id == lead.chunk.source_id
                and not any(p.chunk.source_id == passage.chunk.source_id for p in window[index + 1 :])
            )
            covering = [c for c in whole if share(candidates[c]) >= least]  # not a title line closer by few words
            if not (covering or (first and whole)):
                continue
            quote = max(covering or whole, key=lambda c: len(words & stems(candidates[c])) / (1 + 0.004 * len(c)))
            if quote in rows:
                text = row_statement(passage, *rows[quote])
            elif quote in notes:  # "Förderantrag nach dem Förderprogramm … vom 30.10.2026." in a memo's section
                text = notes[quote]
            elif quote in items:  # "In „Rundschreiben“ heißt es: „Verträge enthalten mindestens: … das Verbot, …“"
                text = f"{in_the(passage.chunk.title)} heißt es: „{items[quote]} … {plain(quote).rstrip(' ,;.')}“."
            else:
                text = _proposed(passage, candidates[quote])
            found.append(Checked(text=text, passage=passage, quote=quote))
            seen.add(passage.chunk.source_id)
        return found

    # --- notes on the sources -------------------------------------------------------------------

    def notes(
        self, kept: Sequence[Checked], reading: Reading, register: Register, text: str
    ) -> tuple[list[str], list[str]]:
        """Sentences the draft must add about its sources, and warnings for the reviewer."""
        sentences: list[str] = []
        warnings: list[str] = []
        cited = [
            self._documents[c.passage.chunk.source_id.split("#")[0]]
            for c in kept
            if c.passage.chunk.source_id.split("#")[0] in self._documents
        ]
        for document in dict.fromkeys(cited):
            if document.draft and "entwurf" not in text.lower():
                sentences.append(draft_sentence(document, register))
                warnings.append(
                    f"Quelle „{document.title}“ ist ein Entwurf (nicht beschlossen) – nicht als geltende "
                    "Regelung darstellen"
                )
        for checked in kept:
            end = period_end(checked.text)
            said = checked.text[:MATCHED].rstrip(".") in text  # not one a later check left out of the answer
            if end is not None and end <= self._today and _FUTURE.search(checked.text) and said:
                sentences.append("Der dort genannte Zeitpunkt ist inzwischen verstrichen.")
                warnings.append(
                    f"Termin in „{checked.text[:60]}…“ liegt vor dem Entwurfsdatum – aktuellen Stand ergänzen"
                )
                break
        if reading.asks(Intent.DATE) and not has_date(text):
            # a rule "gilt seit …"; a report, a DSFA or a memo does not "gelten"
            rules = (d for d in dict.fromkeys(cited) if d.type in ("guideline", "service_agreement"))
            found = (validity_sentence(d, register, self._today) for d in rules)
            sentences += [s for s in found if s and s not in text]
        return sentences, warnings


_DATE_IN_TEXT = re.compile(
    r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|\b(" + "|".join(w.MONTHS) + r")\s+20\d\d\b|\b(seit|ab|im Jahr|bis|Ende|Anfang|"
    r"Mitte)\s+20\d\d\b|\bQuartal\s+20\d\d\b|\b\d+\s+(Tag|Tage|Tagen|Wochen?|Monat\w*|Jahr\w*)\b"
)


def _body(passage: Passage) -> str:
    """A passage's text without its section heading line, a record's without its heading ("KI-Anwendung
    TEL-KI-08: ProtoKI – …", "Haushaltsjahr 2029, Haushaltsstelle …: KI-Koordination …"): a heading is no
    sentence to quote."""
    lines = passage.chunk.text.split("\n")
    if passage.chunk.kind in ("inventory", "budget") and len(lines) > 1:
        return "\n".join(lines[1:])
    heading = passage.chunk.metadata.get("section", "")
    body = "\n".join(line for line in lines if not heading or line != heading)
    return body or passage.chunk.text


_LABELLED = re.compile(
    r"^(?:\*\*([^*:]{1,40}):\*\*|(?:\*\*([^*]{1,40})\*\*|([A-ZÄÖÜ][\w -]{1,40}?))\s*:)\s+(\S.*)$", re.DOTALL
)


# "2.6 Bericht und Auswertung: Dem Ausschuss wird … vorgelegt." – a numbered paragraph's label before a sentence.
_PARAGRAPH_LABEL = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?([^:]{1,80}):\s+(?=[A-ZÄÖÜ])")


def _label_tail(quote: str) -> str:
    """The sentence after a paragraph's label (quotable alone; the label is no sentence), or ""."""
    found = _PARAGRAPH_LABEL.match(quote)
    if found is None or w.has_finite_verb(found.group(1)):
        return ""
    tail = quote[found.end() :]
    whole = len(tail) >= 40 and tail.rstrip().endswith((".", "!", "?")) and w.has_finite_verb(tail)
    return tail if whole else ""


def _sentence_after_label(quote: str) -> str:
    """The sentence after a short label of a record or minutes ("Beschluss: Ab dem … kann …"), or "" – not
    the text after a letterhead's "Stand:" or "Verfasser:", which has no common finite verb."""
    tail = _label_tail(quote)
    label = quote[: len(quote) - len(tail)]
    if not tail or len(label.split()) > 4 or re.search(r"\d", label) or " · " in tail:
        return ""
    return tail if w.has_known_finite_verb(tail) and not w.is_fragment(tail) else ""


def unbulleted(text: str, quote: str) -> tuple[str, str]:
    """A list item's sentence without its mark, and without a short label before a whole sentence ("• Kinderschutz
    und Personalauswahl: Das Jugendamt setzt keine KI ein; …" -> "Das Jugendamt setzt keine KI ein; …"); the quote
    loses what the text loses where it starts alike (it stays a part of the source)."""
    mark = text_.BULLET.match(text)
    if mark is None:
        return text, quote
    rest = text[mark.end() :]
    tail = _sentence_after_label(rest) or rest
    cut = text[: len(text) - len(tail)]
    return tail, quote[len(cut) :] if quote.startswith(cut) else quote


def _labelled(quote: str) -> tuple[str, str] | None:
    """A labelled list item without a verb ("- **Berichterstattung**: Jährlicher KI-Bericht … ab 2028.") as
    its label and its text, to be quoted as what the document holds on that label."""
    found = _LABELLED.match(_ENUMERATOR.sub("", quote)) if _ENUMERATOR.match(quote) else None
    if found is None:
        return None
    return (found.group(1) or found.group(2) or found.group(3)).strip(), _EMPHASIS.sub("", found.group(4)).rstrip(" .;")


# A reported question from minutes ("Ratsmitglied X fragt, ob Beschäftigte ChatGPT nutzen dürften").
# What a member asked, or that someone reported on something, in minutes: no Sachstand ("Kreisrat F. fragt nach
# einer Beteiligung der Gemeinden", "Herr K. berichtet über das Ergebnis der Ausschreibung").
ASKED = re.compile(
    r"\b(?:fragt|fragte|fragen|erkundigt\s+sich|erkundigte\s+sich)\b,?\s+(?:ob|wie|wann|warum|wer|wo|welche\w*|nach)\b"
    r"|\b(?:Herr|Frau)\s+(?:Dr\.\s+)?[A-ZÄÖÜ][\wäöüß-]+,?\s+(?:berichtet|berichtete|informiert|informierte|referiert|"
    r"referierte)\s+(?:[^.,;:]{0,40}\s)?über\b"
)

# Who reports on what in minutes, and nothing of it: "Herr Rauschenberger berichtet zu AKTINA Wohngeld." It
# opens the report that follows (and tells whose it is: ``quoting.on_another``); said alone, it says nothing.
ANNOUNCES = re.compile(
    r"^(?:(?:Der|Die)\s+)?[A-ZÄÖÜ][\wäöüß.-]*(?:\s+(?:Dr\.\s+)?[A-ZÄÖÜ][\wäöüß-]+)?(?:\s*\([^()]{1,60}\))?(?:,\s[^,.;:]{1,80},)?\s+"
    r"(?:berichtet|berichtete|informiert|informierte|referiert|referierte)\s+(?:zu|zum|zur)\s+[^.,;:]{1,60}\.?$"
)


# A sentence of minutes that records the procedure and says nothing of the matter: "Der Leiter der Stabsstelle …,
# Herr Schmitt, erläutert die Vorlage.", "Frau Dr. Lauer stellt den Bericht vor."
PROCEDURAL = re.compile(
    r"\b(?:erläutert|erläuterte|präsentiert|präsentierte|stellt|stellte)\s+(?:die|den|das)\s+(?:\w+\s+)?"
    r"(?:Vorlage|Beschlussvorlage|Mitteilungsvorlage|Bericht|Sachstandsbericht|Sachstand|Präsentation)"
    r"(?:\s+[A-Z]{1,5}/\d{4}/\d{1,5})?(?:\s+vor)?\s*\.?\s*$"
    r"|\bAbstimmungsergebnis\b|\b\d+\s+(?:Ja|Nein)-Stimmen\b"  # the vote, not what was decided
    # what a paper leaves out ("Der Chatbot …, der seit Februar 2026 im Einsatz ist, ist nicht Gegenstand dieses
    # Berichts."): of the paper, not of the matter
    r"|\bnicht\s+Gegenstand\s+(?:dieses|dieser|des|der)\s+(?:\w+\s+)?(?:Berichts|Vermerks|Vorlage|Dokuments|Papiers|"
    r"Auswertung|Zwischenberichts|Sachstandsberichts)\b"
)


def _no_matter(sentence: str) -> bool:
    """A sentence of minutes that asks or records the procedure: no Sachstand."""
    return bool(ASKED.search(sentence) or PROCEDURAL.search(sentence))


def says_nothing(sentence: str) -> bool:
    """A sentence of minutes that asks, records the procedure or announces a speaker: said on its own or beside
    a quote, it says nothing of the matter (an announcement may still open the paragraph a Sachstand quotes)."""
    return _no_matter(sentence) or bool(ANNOUNCES.search(sentence))


_PROPOSAL = re.compile(r"\b(?:Empfehlung|Vorschlag|Beschlussvorschlag|Lösungsvorschlag)", re.IGNORECASE)


_REPORTED = re.compile(
    r"\b(?:hat|haben|hatte|hatten|wurde|wurden|empfahl|empfahlen|empfiehlt|empfehlen|beschloss|beschlossen|"
    r"entschied|schlägt|schlug)\b"
)


def _proposed(passage: Passage, text: str) -> str:
    """A sentence of a document's recommendation ("5. Empfehlung: KIRA wird … umgestellt") as what the
    document recommends, not as what has been decided."""
    if passage.chunk.kind != "document" or not _PROPOSAL.search(passage.chunk.metadata.get("section", "")):
        return text
    if _REPORTED.search(text):
        return text  # what was recommended or decided, told as such: "Der Vorstand hat … beschlossen."
    return f"{in_the(passage.chunk.title)} wird empfohlen: {text}"


_ITEM = re.compile(r"^\s*(?:[-*•–]|\d+[.)]|[a-z]\))\s+([a-zäöüß].{30,}?[,;]?)\s*$")
_LEAD_IN = re.compile(r"^(?!\s*(?:[-*•–]|\d+[.)]|[a-z]\))\s).{10,300}:\s*$")


def _items(body: str) -> dict[str, str]:
    """The items of a list under a lead-in line ("Verträge enthalten mindestens:" / "- das Verbot, …,")
    that continue it in lower case: the item (quoted verbatim) and its lead-in."""
    found: dict[str, str] = {}
    lead = bare = ""
    for line in body.splitlines():
        if _LEAD_IN.match(line):
            lead = line.strip()
        elif _ITEM.match(line):
            lead = lead or bare  # "Ausgeschlossen sind" / "1. der Erlass …,": a lead-in without its colon
            if lead:
                found[line.strip()] = lead
        elif line.strip():
            lead = ""  # a paragraph ends the list
            bare = line.strip() if _BARE_LEAD.match(line) else ""
    return found


# A short line with no end of its own that the list items under it complete ("Ausgeschlossen sind").
_BARE_LEAD = re.compile(r"^(?!\s*(?:[-*•–#]|\d+[.)]|[a-z]\))\s)(?=.*[a-zäöüß])[^.!?:|]{8,80}$")


# A memo's note-style line: no verb, but a day or a figure ("Förderantrag … (KIKom) vom 30.10.2026.").
_NOTE_FIGURE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}|\d\s?(?:%|€|Euro)")


def notes_of(passage: Passage, fragments: Sequence[str]) -> dict[str, str]:
    """A document section's note-style lines, each quoted as what the section records ("In „Vergabevermerk“
    ist zu „Förderung“ festgehalten: „…“"), so the draft does not pass a note off as its own sentence."""
    section = re.sub(r"^[\d.]+\s*", "", passage.chunk.metadata.get("section", "")).strip(" #")
    if passage.chunk.kind != "document" or not section:
        return {}
    return {
        c: f"{_recorded(passage.chunk.title, section)}: „{plain(c).rstrip('.')}.“"
        for c in fragments
        if plain(c)[:1].isupper() and len(c.split()) >= 5 and (_NOTE_FIGURE.search(c) if ":" not in c else _counted(c))
    }


def _counted(line: str) -> bool:
    """A list line "Label: figures" whose label is a short name ("Aufbaumodul „KI führen“: 64 von 142 …")."""
    label, _, value = line.partition(":")
    return len(label.split()) <= 6 and bool(re.search(r"\d", value)) and "|" not in line


MAX_TABLE_ROWS = 8  # a document table this short is said whole


def _table_of(body: str, row: str, rows: dict[str, tuple[str, str]]) -> list[str]:
    """The rows of the table ``row`` stands in: the run of consecutive table lines around it, in order."""
    run: list[str] = []
    for line in body.split("\n"):
        if not line.strip():  # an HTML or Word table as the reader lays it out: a blank line between its rows
            continue
        if line.strip() in rows:
            run.append(line.strip())
        elif row in run:
            break
        elif line.strip() and " | " not in line:
            run = []
    return run if row in run else [row]


def table_statement(passage: Passage) -> Checked | None:
    """The first table of a document's passage said whole with its source, where it is short (``_table_row``);
    None where the passage holds none."""
    if passage.chunk.kind != "document" or not (rows := table_rows(body := _body(passage))):
        return None
    table = _table_of(body, next(iter(rows)), rows)
    return _whole_table(passage, body, table, rows) if 2 <= len(table) <= MAX_TABLE_ROWS else None


def _whole_table(passage: Passage, body: str, table: list[str], rows: dict[str, tuple[str, str]]) -> Checked:
    """A short table as what its source records: its rows with their column heads, quoted from first to last."""
    listed = "; ".join(f"{rows[q][0]} ({rows[q][1].replace('; ', ', ')})" for q in table)
    start, last = body.find(table[0]), table[-1]
    quote = body[start : body.find(last, start) + len(last)]
    text = f"{in_the(passage.chunk.title)} ist festgehalten: „{listed}“."  # the table's record, in its words
    return Checked(text=text, passage=passage, quote=quote)


def row_statement(passage: Passage, label: str, cells: str) -> str:
    """A table row as a sentence of the draft that names its source and its columns. Content of several
    sentences in a note style of their own ("Einbau in den Sommerferien 2027, Betrieb ab …") is quoted as
    written, so the draft does not pass it off as its own sentences."""
    parts = sentences_of(cells)
    # several sentences in note style, or several columns ("A – 612; B – 1.034; C – 1.412"), read as a record
    if (len(parts) > 1 and any(w.is_fragment(part) for part in parts)) or cells.count(" – ") >= 3:
        return f"{_recorded(passage.chunk.title, label)}: „{cells.rstrip('.')}.“"
    return f"{_recorded(passage.chunk.title, label)}: {cells.rstrip('.')}."


def _recorded(title: str, label: str) -> str:
    """The lead-in of what a source records under a label: "In „Vergabevermerk“ ist zu „Förderung“
    festgehalten"; a label that only repeats the title (a document without sections) is not said twice."""
    if label.strip().lower() in title.lower():
        return f"{in_the(title)} ist festgehalten"
    return f"{in_the(title)} ist zu „{label}“ festgehalten"


def plain(quote: str) -> str:
    """A quote as a sentence of the draft: "- **Kompetenz**: Bis …" -> "Bis …", "**Modul 3.** Die …" -> "Die …",
    "• Schulung: Stand … haben 2.018 … abgeschlossen." -> "Stand …" (a list item's label, where a whole sentence
    follows it), and of minutes what was reported, not who reported it ("Herr Tauscher (Amtsleiter) berichtet: …")."""
    text = _ENUMERATOR.sub("", quote)
    if _BULLET.match(quote) and (rest := _BARE_LABEL.sub("", text)) != text and not w.is_fragment(rest):
        text = rest
    return _SPEAKER.sub("", _EMPHASIS.sub("", _RUN_IN.sub("", _LABEL.sub("", text))))


_BULLET = re.compile(r"^\s*[-*•–]\s+")
_BARE_LABEL = re.compile(r"^[A-ZÄÖÜ][\wäöüß()-]*(?:\s+[\wäöüß()-]+){0,3}:\s+(?=[A-ZÄÖÜ0-9])")


_SPEAKER = re.compile(
    r"^(?:(?:Der|Die)\s+)?(?:Herr|Frau|Kreisrat|Kreisrätin|Stadtrat|Stadträtin|Ratsmitglied|Ratsherr|Ratsfrau|"
    r"Bürgermeister\w*|Oberbürgermeister\w*|Landrat|Landrätin|Beigeordnete\w*|Dezernent\w*)"
    r"(?:(?:\s[^:]{1,200}?)?\s(?:berichtet|erläutert|teilt mit|führt aus|stellt dar|informiert|ergänzt|erklärt|"
    r"gibt bekannt|antwortet)|\s[A-ZÄÖÜ][\wäöüß-]+(?:\s\([^()]{1,60}\))?)\s*:\s+"  # "Beigeordneter Brinkhoff: …"
    r"(?=[A-ZÄÖÜ„\d])"
)


_RUN_IN = re.compile(r"^\*\*[^*]{1,160}?[.!:]\*\*\s+(?=\S)")


def has_date(text: str) -> bool:
    return bool(_DATE_IN_TEXT.search(text))


# A day or year something is to be done by: "Bis zum 30.06.2027 sollen alle … Zugang erhalten", "spätestens Ende 2027"
_BY_DAY = re.compile(
    r"\b(?:bis|spätestens)\s+(?:zum\s+|spätestens\s+|ende\s+|mitte\s+|anfang\s+)*"
    r"(?:\d{1,2}\.\s*\d{1,2}\.\s*20\d\d|(?:[a-zäöü]+\s+)?20\d\d)\b",
    re.IGNORECASE,
)
UNTIL_WHEN = re.compile(r"\bbis\s+wann\b", re.IGNORECASE)  # "Bis wann sollen alle Beschäftigten Zugang erhalten?"


def has_deadline(text: str) -> bool:
    return bool(_BY_DAY.search(text))


def fits(sentence: str, reading: Reading) -> bool:
    """Whether a sentence can answer one of the question's intents at all (a date for "seit wann", ...)."""
    return any(_fits(sentence, intent) for intent in (reading.intent, *reading.also))


def _fits(sentence: str, intent: Intent) -> bool:
    if intent == Intent.DATE:
        return has_date(sentence)
    if intent == Intent.AMOUNT:
        return "Euro" in sentence or "€" in sentence
    if intent == Intent.COUNT:
        return bool(numbers(sentence))
    if intent == Intent.UNIT:
        return bool(_UNIT_WORDS.search(sentence))
    return True


LITTLE = 0.25  # the closest sentence by words covers this little of the question: it names the subject, no more
CLEARLY_MORE = 0.1  # … and another sentence covering this much more of it is taken
ENOUGH = 0.4  # … where it covers at least this much


def _closest(question: str, body: str, share: Callable[[str], float]) -> str:
    """The passage's sentence closest to the question by its words (``best_quote``), unless another sentence covers
    clearly more of it with the words of their families ("Servern eines … Cloudanbieters" – "läuft im Rechenzentrum
    der ITLA") where the closest by words covers little more than the subject's name: it is then often only the
    shortest sentence that names it."""
    quote = best_quote(question, body, min_chars=40)
    singles = [  # sentences, not a table's rows (``_table_row`` says those with their column heads)
        s for line in body.split("\n") if " | " not in line for s in sentences_of(line) if len(s) >= 40 and s[-1] != "?"
    ]
    if not singles:
        return quote
    covered = share(quote)
    better = max(singles, key=share)
    more = share(better)
    return better if covered < LITTLE and more >= ENOUGH and more > covered + CLEARLY_MORE else quote
