"""A Sachstand quotes the paragraph a source gives on the subject, not only its one closest sentence.

The sentence that shares most words with a demand is often not the one that answers it: "Die Teilnahme
ist kostenfrei" is closer to "eine kostenfreie KI-Sprechstunde" than "Seit dem 13.01.2026 lädt die
Stadtbibliothek … zum KI-Treff ein", and the verdict of an examination ("Ein Fernzugang wird daher nicht
angeboten.") shares almost none. A clerk quotes the paragraph: a short one whole (an earlier reply's
answer, a memo's paragraph, a rule's Absatz), of a long one its opening, the chosen sentence and the next.
Every sentence keeps its own quote; what a reader must not take for today's text (a lifted paragraph, a
rule out of force, a recommendation) and what is not a plain sentence (a table row, a list item) stays
the one sentence it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.drafting import wording as w
from assistant.drafting.gaps import plain, says_nothing
from assistant.drafting.verify import Checked
from assistant.text import numbers, sentences_of

MAX_SENTENCES = 4  # a paragraph of at most this many sentences and ``MAX_CHARS`` is quoted whole
MAX_CHARS = 800
MIN_CHARS = 25  # "Ja." / "Nein." say nothing without the question they answer
_ANSWER_LABEL = "Antwort: "


def _line_of(text: str, quote: str) -> str:
    line = next((line for line in text.split("\n") if quote in line), "")
    return line[len(_ANSWER_LABEL) :] if line.startswith(_ANSWER_LABEL) else line


def _window(parts: list[str], first: int, last: int, line: str) -> list[int]:
    """All of a short paragraph; of a long one its opening sentence (which names what it is about), the
    quoted sentences and the one after them (which often holds the outcome: "… wird daher nicht …"), and
    the whole run of labelled items a quoted one is of ("Anlage 1: …. Anlage 2: …. Anlage 3: …")."""
    if len(parts) <= MAX_SENTENCES and len(line) <= MAX_CHARS:
        return list(range(len(parts)))
    first, last = label_run(parts, first, last)
    return sorted({0, *range(first, min(last + 2, len(parts)))})


# An item of a run of labelled items: "Anlage 3: Ilmi (KI-Chatbot …).", "Modul 2 – Datenschutz …", "Stufe 1: …"
_LABELLED = re.compile(
    r"^(Anlage|Modul|Stufe|Phase|Baustein|Teil|Los|Maßnahme|Handlungsfeld|Säule|Schritt)\s+\d{1,2}[a-z]?\s*[:–-]\s"
)
MAX_RUN = 12  # labelled items quoted together at most


def label_run(parts: list[str], first: int, last: int) -> tuple[int, int]:
    """The first and last index of the run of items with the label the quoted ``first`` … ``last`` parts open
    with ("Anlage 3: Ilmi …" among "Anlage 1: …", "Anlage 2: …"): what the item is one of; as they are where the
    first quoted part is no labelled item."""
    label = _LABELLED.match(parts[first]) if 0 <= first < len(parts) else None
    if label is None:
        return first, last

    def same(index: int) -> bool:
        found = _LABELLED.match(parts[index])
        return found is not None and found.group(1) == label.group(1)

    while first > 0 and same(first - 1) and last - first < MAX_RUN:
        first -= 1
    while last + 1 < len(parts) and same(last + 1) and last - first < MAX_RUN:
        last += 1
    return first, last


def with_siblings(text: str, quote: str, source: str) -> tuple[str, str]:
    """A sentence the model copied from one labelled item ("Anlage 3: Ilmi …") with the run of items it is one
    of, and its quote with them (a verbatim slice of the ``source`` line); else both as they are."""
    if _LABELLED.match(text) is None or plain(quote) != text:
        return text, quote
    line = next((line for line in source.split("\n") if quote in line), "")
    parts = sentences_of(line)
    inside = [i for i, part in enumerate(parts) if part in quote]
    if not inside:
        return text, quote
    first, last = label_run(parts, inside[0], inside[-1])
    if (first, last) == (inside[0], inside[-1]):
        return text, quote
    start, end = line.find(parts[first]), line.find(parts[last]) + len(parts[last])
    whole = line[start:end]
    return plain(whole), whole


def around(checked: Checked, as_written: bool) -> list[Checked]:
    """``checked`` with the sentences of its paragraph that belong to it, in the paragraph's order;
    ``as_written``: its text is the quote as written (not a row, an item or a lead-in of its own)."""
    chunk = checked.passage.chunk
    if not as_written or chunk.kind not in ("document", "answer"):
        return [checked]
    line = _line_of(chunk.text, checked.quote)
    parts = sentences_of(line)
    inside = [i for i, part in enumerate(parts) if part in checked.quote]
    if not inside:
        return [checked]
    found: list[Checked] = []
    for index in _window(parts, inside[0], inside[-1], line):
        part = parts[index]
        if inside[0] <= index <= inside[-1]:
            if index == inside[0]:
                found.append(checked)
            continue
        if len(part) < MIN_CHARS or part.endswith((":", "?")) or w.is_fragment(part) or says_nothing(part):
            continue  # … a member's question in minutes ("Kreisrat B. fragt, ob …"), the procedure: no Sachstand
        found.append(Checked(text=plain(part), passage=checked.passage, quote=part))
    return found


_MARKERS = re.compile(r"\s*\[\d+\]")
# The lead-ins a Sachstand puts before a quoted sentence: an earlier reply, the Begründung, a provision.
_LEAD_IN = re.compile(
    r"^(?:In (?:ihrer|einer früheren) Antwort[^:]{0,40} mitgeteilt:|"
    r"(?:Zur Begründung des Antrags|Zu den Ausführungen im Antrag) ist festzuhalten:|"
    r"Nach [^:]{1,240}? gilt:|"  # "Nach § 7 Abs. 1 der „Dienstanweisung … vom 28.07.2026“ gilt:"
    # "Der Niederschrift über die Sitzung … ist zu entnehmen:", "Im KI-Verzeichnis ist … vermerkt:"
    r"(?:Der|Dem|Im|In|Zur) [^:]{1,240}? (?:ist zu entnehmen|vermerkt|festgehalten|mitgeteilt):)\s*"
)
MIN_REPEAT = 30  # a shorter sentence ("Die Teilnahme ist freiwillig.") may well be said of two things


def unmarked(text: str) -> str:
    """A draft's text without its citation markers ("… eingeführt [2]." -> "… eingeführt.")."""
    return _MARKERS.sub("", text)


def without_leads(sentences: Sequence[str]) -> str:
    """What the sentences say, without their markers and lead-ins: a lead-in's title and day ("Nach § 7 der
    „Dienstanweisung … vom 28.07.2026“ gilt:") answer no part of a question."""
    return " ".join(_LEAD_IN.sub("", unmarked(sentence)) for sentence in sentences)


def _core(sentence: str) -> str:
    return _LEAD_IN.sub("", unmarked(sentence)).strip().rstrip(".").lower()


def repeats(sentence: str, said: str) -> bool:
    """Whether every sentence of ``sentence`` (one quoted sentence, or a pair) is said in ``said`` already."""
    told = _core(said)
    return all(_core(part) in told for part in sentences_of(unmarked(sentence)))


def distinct(sentences: list[str]) -> list[str]:
    """The sentences without one whose words an earlier one has said already – from another source, under
    another lead-in or inside a longer sentence ("… eingestellt [2]." after "… eingestellt; Grund: … [1].");
    an earlier one a later one says whole gives way to it, in its place."""
    kept: list[str] = []
    cores: list[str] = []
    for sentence in sentences:
        core = _core(sentence)
        if len(core) >= MIN_REPEAT and any(core in earlier for earlier in cores):
            continue
        # a quote of two sentences that two earlier ones said apart ("… 268 Bauanträge …. Der Anteil …")
        pieces = [_core(part) for part in sentences_of(_LEAD_IN.sub("", unmarked(sentence)))]
        told = " ".join(cores)
        if len(pieces) > 1 and all(len(p) >= MIN_REPEAT and p in told for p in pieces):
            continue
        # an earlier sentence this one says whole, and more ("… tritt am 01.11.2026 in Kraft. Gleichzeitig …")
        inside = next((i for i, earlier in enumerate(cores) if len(earlier) >= MIN_REPEAT and earlier in core), None)
        if inside is not None:
            kept[inside], cores[inside] = sentence, core
            continue
        kept.append(sentence)
        cores.append(core)
    return kept


_DAY = r"\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\.\s*(?:" + "|".join(w.MONTHS) + r")\s+\d{4}"
_MOVED = re.compile(rf"\bvo[mn]\s+({_DAY})\s+auf\s+(?:den\s+)?({_DAY})")


def moved(text: str) -> dict[str, str]:
    """The days ``text`` says were moved ("Start vom 01.04.2027 auf den 01.09.2027 verschoben"): old -> new."""
    found: dict[str, str] = {}
    for old, new in _MOVED.findall(text):
        before, after = _days(old), _days(new)
        if before and after:
            found[min(before)] = min(after)
    return found


def superseded(sentence: str, current: str) -> bool:
    """Whether an earlier reply's sentence gives a day that the current sources say was moved, and not the
    new one ("Der Start ist zum 01.04.2027 vorgesehen" beside "vom 01.04.2027 auf den 01.09.2027 verschoben")."""
    days, shifts = _days(sentence), moved(current)
    return any(day in shifts and shifts[day] not in days for day in days)


def _days(text: str) -> set[str]:
    return {n for n in numbers(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", n)}
