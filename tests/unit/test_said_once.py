"""A Sachstand says each thing once and stays on its subject: a year ends a sentence, a quote of two sentences
said apart before is not said again, and an earlier reply's sentence on another application is no neighbour."""

from __future__ import annotations

from datetime import date

from assistant.domain import Passage
from assistant.drafting.citing import Register
from assistant.drafting.paragraph import distinct
from assistant.drafting.quoting import Quoter
from assistant.drafting.verify import Checked
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.text import sentences_of
from tests.conftest import ROOT

ASCHTAL = ROOT / "eval" / "kbs" / "gemeinde-aschtal"
TODAY = date(2026, 12, 1)


def test_a_year_ends_a_sentence_an_ordinal_does_not() -> None:
    text = "Darüber entscheidet der Ausschuss im Frühjahr 2026. Das Baurechtsamt nutzt BAUKLAR. Am 2. Mai tagt er."
    assert sentences_of(text) == [
        "Darüber entscheidet der Ausschuss im Frühjahr 2026.",
        "Das Baurechtsamt nutzt BAUKLAR.",
        "Am 2. Mai tagt er.",
    ]


def test_a_quote_of_two_sentences_said_apart_before_is_not_said_again() -> None:
    lead = "Der Niederschrift über die Sitzung des Gemeinderats am 13.10.2026 ist zu entnehmen: "
    first = "Das Baurechtsamt habe mit BAUKLAR bis zum 30.09.2026 268 Bauanträge geprüft"
    second = "Der Anteil der Bauanträge mit Nachforderung sei von 62 % auf 41 % gesunken"
    said = [f"{lead}{first} [4].", f"{second} [5].", f"{lead}{first}. {second} [11]."]
    assert distinct(said) == said[:2]
    other = f"{lead}{first}. Die Verbandsversammlung habe am 24.09.2026 beschlossen, BAUKLAR auszuweiten [12]."
    # half of it is new: it takes the place of the sentence it says whole, which is not said twice
    assert distinct([*said[:2], other]) == [other, said[1]]


def test_an_earlier_reply_s_sentence_on_another_application_is_no_neighbour_of_a_quote() -> None:
    kb = load(ASCHTAL)
    read = chunks(kb)
    quoter = Quoter(kb, read, TODAY)
    chunk = next(c for c in read if c.kind == "answer" and "12.900 € gekostet" in c.text)
    quote = next(s for s in sentences_of(chunk.text) if "12.900 € gekostet" in s)
    checked = Checked(text=quote, passage=Passage(chunk, 1.0), quote=quote)
    straßenblick = [r.get("id") for r in kb.inventory if r.get("name").startswith("StraßenBlick")]
    said = quoter.with_paragraph(checked, Register(), "", straßenblick)
    assert not any("ALBERT ist für die Gemeinde kostenfrei" in s for s in said)  # ALBERT's alone
    assert any("Folgelizenz von StraßenBlick KI 9.600 €" in s for s in said)  # names both
    everything = quoter.with_paragraph(checked, Register(), "")  # an answer on no application: all of it
    assert any("ALBERT ist für die Gemeinde kostenfrei" in s for s in everything)


def test_the_longest_name_is_the_one_a_text_calls() -> None:
    kb = load(ASCHTAL)
    quoter = Quoter(kb, chunks(kb), TODAY)
    ids = {r.get("name").split(" –")[0]: r.get("id") for r in kb.inventory}
    assert quoter.named("ALBERT Protokoll wird verlängert.") == {ids["ALBERT Protokoll"]}
    assert quoter.named("ALBERT hat 52 Konten.") == {ids["ALBERT"]}
