"""How a source's sentence is said in a draft: in its own words where the model left something out, with
the lead-in its source needs (an earlier reply's date, minutes, a rule no longer in force), and the day a
source speaks from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from assistant.domain import Chunk, Passage
from assistant.drafting import paragraph
from assistant.drafting.citing import Register
from assistant.drafting.gaps import plain
from assistant.drafting.stale import DATED, calendar_day, iso_day
from assistant.drafting.standing import in_the
from assistant.drafting.verify import Checked, lapsed
from assistant.text import PARAGRAPH_NUMBER, QUOTE_MARKS, numbers, sentences_of

MAX_OWN_WORDS = 320  # characters of a source sentence said in its own words where the model left out its figures


def with_its_figures(checked: Checked) -> Checked:
    """A model's sentence that left out a date or figure of its quote ("Die Anwendung soll in allen Gemeinden
    eingesetzt werden, soweit …" for "Ab dem 01.03.2027 wird die Anwendung in allen … Gemeinden eingesetzt,
    soweit …"): the quote as written, which says more and nothing else."""
    own = PARAGRAPH_NUMBER.sub("", plain(checked.quote).strip(QUOTE_MARKS))  # without "(1)" and quote marks
    if len(own) > MAX_OWN_WORDS or "\n" in own or "|" in own or not numbers(own) - numbers(checked.text):
        return checked
    return replace(checked, text=as_sentence(own))


def sentence_before(text: str, quote: str) -> str:
    """The sentence of ``text`` right before the one that starts ``quote``."""
    found = sentences_of(text)
    start = quote[:40]
    index = next((i for i, sentence in enumerate(found) if sentence.startswith(start)), 0)
    return found[index - 1] if index else ""


def released_on(chunk: Chunk) -> date | None:
    """The day an earlier reply was released, or a document speaks from, by its metadata."""
    key = {"answer": "released", "document": "valid_from"}.get(chunk.kind, "")
    return iso_day(str(chunk.metadata.get(key, ""))) if key else None


def as_sentence(clause: str) -> str:
    """A clause quoted on its own as a sentence: capitalised, with a full stop."""
    clause = clause.strip().rstrip(";,")
    return (clause[:1].upper() + clause[1:]).rstrip(".") + "."


def earlier_reply(chunk: Chunk) -> str:
    """The lead-in of a Sachstand sentence quoted from an earlier reply: it was true then, not necessarily
    now (the source list names the reply with its date)."""
    if chunk.kind != "answer":
        return ""
    released = str(chunk.metadata.get("released", ""))
    if day := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", released):  # its age is what the reader weighs
        return f"In ihrer Antwort vom {day.group(3)}.{day.group(2)}.{day.group(1)} hat die Verwaltung mitgeteilt: "
    return "In einer früheren Antwort hat die Verwaltung mitgeteilt: "


_MINUTES = re.compile(
    r"^Niederschrift über die (?:[\w.]+ )*?Sitzung (des|der) (.+?) (?:am|vom) "
    r"(?:(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag),? )?(\d{2}\.\d{2}\.\d{4})"  # "am Montag, …"
)


def minutes(chunk: Chunk) -> str:
    """The lead-in of a Sachstand sentence from minutes: what was said in a committee, and when."""
    found = _MINUTES.match(chunk.title) if chunk.kind == "document" else None
    if not found:
        return ""
    article, body, day = found.groups()
    return f"Der Niederschrift über die Sitzung {article} {body} am {day} ist zu entnehmen: "


# Minutes whose title names no day: "Niederschrift über die 14. Sitzung des Amtsausschusses des Amtes Hesselwiek".
_UNDATED_MINUTES = re.compile(
    r"^Niederschrift über die (?:[\w.]+ )*?Sitzung (des|der) ((?:(?!\d{2}\.\d{2}\.\d{4}).)+?)\s*$"
)
# The council paper a decision in minutes is on: "TOP 9: KI-Fahrplan … – Vorlage AA/2026/041".
_PAPER = re.compile(
    r"\b(?:Vorlage|Drucksache|Beschlussvorlage)\s+(?:Nr\.\s*)?([A-ZÄÖÜ]{1,5}/\d{4}/\d{1,5}|\d{2,5}/\d{4})\b"
)


def _line_at(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)].strip()


def dated_minutes(chunk: Chunk, parts: Sequence[Chunk], register: Register) -> str:
    """The lead-in of a sentence from minutes whose title names no day: the day from their opening lines
    ("Sitzungstermin: … 24.09.2026") and the one council paper they name ("Vorlage AA/2026/041"), each cited
    on its line (``parts``: the chunks of the same document)."""
    found = _UNDATED_MINUTES.match(chunk.title) if chunk.kind == "document" else None
    dated = next(((c, m) for c in parts if (m := DATED.search(c.text[:400]))), None)
    if found is None or dated is None:
        return ""
    article, body = found.groups()
    where, day = dated
    marker = register.cite_chunk(where, _line_at(where.text, day.start()))
    shown = f"{day.group(1).zfill(2)}.{day.group(2).zfill(2)}.{day.group(3)}"
    lead = f"Der Niederschrift über die Sitzung {article} {body} am {shown} {marker}"
    mentions = [(c, m) for c in parts for m in _PAPER.finditer(c.text)]
    if len({m.group(1) for _, m in mentions}) == 1:
        c, first = mentions[0]
        lead += f" zur Vorlage {first.group(1)} {register.cite_chunk(c, _line_at(c.text, first.start()))}"
    return lead + " ist zu entnehmen: "


def repealed(passage: Passage, today: date, register: Register | None = None, header: str = "") -> str:
    """The lead-in of a sentence from a document no longer in force: what it laid down is history, not the
    rule today ("Die Regelung „…“ ist mit Ablauf des 30.06.2025 außer Kraft getreten [2]; sie sah vor: …"),
    the day cited on the document's front matter (``header``) where a ``register`` is given."""
    day = lapsed(passage, today)
    if not day:
        return ""
    title = passage.chunk.title
    lines = [x for x in header.split("\n") if x.startswith(("title", "valid_until"))]
    marker = ""
    if register is not None and any(x.startswith("valid_until") for x in lines):
        marker = " " + register.cite(passage.chunk.source_id.split("#", 1)[0], title, "\n".join(lines))
    return f"Die Regelung „{title}“ ist mit Ablauf des {day:%d.%m.%Y} außer Kraft getreten{marker}; sie sah vor: "


def unrepeated(part: Checked, said: str) -> Checked | None:
    """A quote of two sentences without the first where the draft has said it already ("Die DSFA wurde am
    20.10.2025 abgeschlossen. Verarbeitet werden …" after "Die DSFA wurde am 20.10.2025 abgeschlossen [2]."),
    None where it repeats the draft as a whole."""
    if paragraph.repeats(part.text, said):
        return None
    pieces = sentences_of(part.text)
    if len(pieces) < 2 or not paragraph.repeats(pieces[0], said):
        return part
    at = part.quote.find(pieces[1][:40])
    if at <= 0:
        return part
    return replace(part, text=part.text[part.text.index(pieces[1]) :], quote=part.quote[at:])


# A report gives the state of things on its day: "Mitteilungsvorlage … – Sachstand …", "Zwischenbericht".
_REPORT = re.compile(r"\b(?:Sachstand\w*|\w*bericht\w*|Mitteilungsvorlage|Informationsvorlage)\b", re.IGNORECASE)
# … as of a day its title or opening lines give: "Stand: 04.03.2026", "– Stand 30.09.2026", "Stand vom 1.3.2026"
_AS_OF = re.compile(r"\bStand(?::|\s+vom|\s+am)?\s+(\d{1,2})\.(\d{1,2})\.(20\d\d)")
REPORT_AGE = timedelta(days=120)  # a report older than this may have been overtaken by what happened since


def reported(chunk: Chunk, parts: Sequence[Chunk], register: Register, today: date) -> str:
    """The lead-in of a sentence from a report older than ``REPORT_AGE``: the state on its day, not today's
    ("In „Sachstand KI (Ausschuss HDV, 12.03.2026)“ wurde mit Stand vom 04.03.2026 mitgeteilt: Ein Test ist
    ab 2027 vorgesehen"), the day cited on the line that gives it (``parts``: the chunks of the same document)."""
    if chunk.kind != "document" or not _REPORT.search(chunk.title):
        return ""
    if titled := _AS_OF.search(chunk.title):  # "Schulungsstand KI – Stand 30.06.2026": the title says the day
        day = calendar_day(*titled.groups())
        return f"{in_the(chunk.title)} wurde mitgeteilt: " if day is not None and day <= today - REPORT_AGE else ""
    dated = next(((c, m) for c in parts if (m := _AS_OF.search(c.text[:400]))), None)
    if dated is None:
        return ""
    where, found = dated
    day = calendar_day(*found.groups())
    if day is None or day > today - REPORT_AGE:
        return ""
    marker = register.cite_chunk(where, _line_at(where.text, found.start()))
    return f"{in_the(chunk.title)} wurde mit Stand vom {day:%d.%m.%Y} {marker} mitgeteilt: "


# "Diese Dienstanweisung gilt …": a sentence pointing at the document it stands in.
_THIS_DOCUMENT = re.compile(r"^(Dieser|Diese|Dieses)\s+([A-ZÄÖÜ][\wäöüß-]+)\b")
_ARTICLE = {"Dieser": "Der", "Diese": "Die", "Dieses": "Das"}


def named_document(sentence: str, title: str) -> str:
    """A sentence that points at its own document by a demonstrative ("Diese Dienstanweisung gilt …") said
    with the document's name ("Die „Dienstanweisung über den Einsatz … – Neufassung“ gilt …") where the title
    opens with that noun ("KI-Leitlinie …" for "Diese Leitlinie"): beside other sources, "diese" points at nothing."""
    if (itself := _THIS_IS.match(sentence)) and title and _in_title(itself.group(1), title):
        return f"„{title}“ {sentence[len('Dies ') :]}"  # "Dies ist der erste halbjährliche Sachstandsbericht …"
    found = _THIS_DOCUMENT.match(sentence)
    if not found or not title or not title.split()[0].lower().endswith(found.group(2).lower()):  # "KI-Leitlinie …"
        return sentence
    return f"{_ARTICLE[found.group(1)]} „{title}“{sentence[found.end() :]}"


# "Dies ist der erste halbjährliche Sachstandsbericht nach § 10 …": the document saying what it is, its noun within
# a few words
_THIS_IS = re.compile(r"^Dies ist (?:der|die|das|ein|eine)\s+(?:[a-zäöüß][\wäöüß-]*\s+){0,3}([A-ZÄÖÜ][\wäöüß-]+)")


def _in_title(noun: str, title: str) -> bool:
    """Whether the title names the noun, alone or as the head of a compound ("Bericht" in "Sachstandsbericht")."""
    return len(noun) > 3 and any(word.lower().endswith(noun.lower()) for word in re.findall(r"[\wäöüßÄÖÜ-]+", title))


# The lead-in of minutes at a sentence's start ("Der Niederschrift über die Sitzung … am 24.09.2026 [1] zur
# Vorlage AA/2026/041 [2] ist zu entnehmen: "); what they report stays marked by its Konjunktiv. (An earlier
# reply's lead-in stays: without it, what the reply said then would read as what holds now.)
_LEAD = re.compile(r"^Der Niederschrift über die Sitzung [^:]{1,240}? ist zu entnehmen: (?=\S)")


def said_once(sentences: Sequence[str]) -> list[str]:
    """The sentences with the lead-in of minutes said before in the answer left out where it comes again
    (the model's sentence and a part completed from the same minutes each brought it)."""
    seen: set[str] = set()
    out: list[str] = []
    for sentence in sentences:
        lead = _LEAD.match(sentence)
        if lead and lead.group(0) in seen:
            rest = sentence[lead.end() :]
            sentence = rest[:1].upper() + rest[1:]
        elif lead:
            seen.add(lead.group(0))
        out.append(sentence)
    return out


# A pronoun as the object of a sentence: "Die KI-Lenkungsgruppe hat es am 10.05.2027 … eingestuft" ("es gegeben":
# no object)
_OBJECT_PRONOUN = re.compile(r"\b(?:hat|haben|hatte|hatten)\s+(?:es|ihn)\b(?!\s*\()(?!.*\bgegeben\b)")
MAX_RUN_IN_WORDS = 4


def named_pronoun(text: str, quote: str, source: str) -> str:
    """A sentence whose object is a pronoun with what it stands for in brackets, where the paragraph of its quote
    opens with a run-in heading that names it ("MigraDoc Bescheid. … Die KI-Lenkungsgruppe hat es (MigraDoc
    Bescheid) am 10.05.2027 … eingestuft"): alone in the draft, "es" points at nothing."""
    found = _OBJECT_PRONOUN.search(text)
    at = source.find(quote[:60]) if found else -1
    if found is None or at < 0:
        return text
    start = source.rfind("\n", 0, at) + 1
    first = next(iter(sentences_of(source[start:at])), "")
    heading = first.rstrip(".: ").strip()
    if not heading or not heading[:1].isupper() or len(heading.split()) > MAX_RUN_IN_WORDS or re.search(r"\d", heading):
        return text
    if not first.rstrip().endswith((".", ":")):
        return text
    return f"{text[: found.end()]} ({heading}){text[found.end() :]}"
