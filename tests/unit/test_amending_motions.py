"""An Änderungsantrag demands wordings; a rule amended by "… wird durch folgende Absätze ersetzt" is quoted in its
new wording; a reply is drafted as of the day the inquiry was sent; a demand's date it wants replaced is no
deadline, and a month's plan meets a deadline in that month."""

from __future__ import annotations

from datetime import date, timedelta

from assistant.domain import Answer, Inquiry, Question
from assistant.drafting.amended import Amendments
from assistant.drafting.amending import demanded
from assistant.drafting.demands import deadlines, read_demand
from assistant.drafting.statement import _deadline_sentences
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.services import drafting_day
from tests.conftest import ROOT

THANNRIED = ROOT / "eval" / "kbs" / "markt-thannried"

_AMENDMENT = """Von: Georg Ertl <georg.ertl@fw.example>
Betreff: AW: Antrag der CSU-Fraktion

zum Antrag der CSU-Fraktion stellt die Fraktion der Freien Wähler im Marktgemeinderat nach § 23 folgenden

Änderungsantrag:

1. Nummer 1 Buchstabe a, bisher
     „a) Die Leckageortung wird bereits zum 01.04.2027 eingeführt. Statt 40 werden 80 Logger beschafft.“
   erhält folgende Fassung:
     „a) Die Leckageortung wird zum 01.07.2027 mit 40 Loggern eingeführt.“

2. Nummer 2 wird gestrichen.

3. Nach Nummer 6 wird folgende Nummer 7 angefügt:
     „7. Der Vertrag über AQUAVENT KI wird um drei Jahre verlängert.“

Begründung:

Zu 2: Darüber entscheidet die Gemeinschaftsversammlung.

Mit freundlichen Grüßen
Georg Ertl

Am 11.02.2027 schrieb Sitzungsdienst:
> Der Marktgemeinderat möge beschließen:
>
> 1. Zur Trinkwasserversorgung:
>    a) Die Leckageortung wird bereits zum 01.04.2027 eingeführt.
> 2. Rathaus-KI Posteingang wird ab dem 01.03.2027 in den Regelbetrieb
>    übernommen.
"""


def test_an_amending_item_demands_its_new_wording_or_what_it_strikes() -> None:
    motion = parse_inquiry(_AMENDMENT, "aenderungsantrag.eml")
    assert [q.id for q in motion.questions] == ["1", "2", "3"]
    assert motion.question("3").text.endswith("„7. Der Vertrag über AQUAVENT KI wird um drei Jahre verlängert.“")
    wanted = demanded(motion)
    assert wanted.question("1").text == "Die Leckageortung wird zum 01.07.2027 mit 40 Loggern eingeführt."
    assert wanted.question("2").text == "Rathaus-KI Posteingang wird ab dem 01.03.2027 in den Regelbetrieb übernommen."
    assert wanted.question("3").text == "Der Vertrag über AQUAVENT KI wird um drei Jahre verlängert."
    plain = Inquiry(kind="Antrag", questions=(Question("1", "1.", "Die Verwaltung erstellt eine KI-Strategie."),))
    assert demanded(plain) is plain


def test_a_paragraph_replaced_by_new_ones_is_quoted_in_its_new_wording_under_its_own_number() -> None:
    kb = load(THANNRIED)
    amendments = Amendments(kb, date(2027, 2, 8))
    rule = next(c for c in chunks(kb) if c.source_id == "documents/dienstanweisung-ki-vg-markt-2025.md#6")
    old = next(line for line in rule.text.split("\n") if line.startswith("(2)"))
    assert amendments.superseded(rule, old)  # the amendment names "Gemeinsamen Dienstanweisung …", inflected
    found = amendments.new_wording(rule, old)
    assert found is not None and found[1].startswith("„(2) Schreiben und andere Texte")
    assert not Amendments(kb, date(2026, 12, 6)).superseded(rule, old)  # in force from 01.01.2027


def test_a_reply_is_drafted_no_earlier_than_the_inquiry_was_sent() -> None:
    later = Inquiry(kind="Anfrage", questions=(), date="2027-02-08")
    assert drafting_day(date(2026, 12, 6), later) == date(2027, 2, 8)
    assert drafting_day(date(2027, 3, 1), later) == date(2027, 3, 1)
    assert drafting_day(None, Inquiry(kind="Anfrage", questions=(), date="kein Datum")) is None
    tomorrow = date.today() + timedelta(days=1)
    assert drafting_day(None, Inquiry(kind="Anfrage", questions=(), date=tomorrow.isoformat())) == tomorrow


def test_a_date_the_demand_wants_replaced_is_no_deadline_and_a_month_s_plan_meets_a_day_in_it() -> None:
    text = "Die Leckageortung wird bereits zum 01.04.2027 statt erst zum 01.07.2027 eingeführt."
    assert [d.day for d in deadlines(text)] == [date(2027, 4, 1)]
    demand = read_demand("1", "Die Leckageortung wird zum 01.07.2027 eingeführt.")
    planned = Answer("1", "answered", "Die Inbetriebnahme ist für Juli 2027 vorgesehen [1].")
    said, _ = _deadline_sentences(demand, planned, date(2027, 2, 16))
    assert not any("über diese Frist hinaus" in s for s in said)
    later = Answer("1", "answered", "Die Inbetriebnahme ist für August 2027 vorgesehen [1].")
    said, _ = _deadline_sentences(demand, later, date(2027, 2, 16))
    assert any("über diese Frist hinaus" in s for s in said)


def test_dafuer_in_a_sub_demand_is_for_what_the_sub_demand_before_it_names() -> None:
    from assistant.drafting.statement import _lead

    kb = load(THANNRIED)
    questions = (
        Question("1", "1.", "Zur Trinkwasserversorgung:", asks=False),
        Question("1a", "a)", "Die KI-gestützte Leckageortung wird bereits zum 01.04.2027 eingeführt.", parent="1"),
        Question("1b", "b)", "Im Haushalt 2027 werden dafür einmalig 36.000 Euro bereitgestellt.", parent="1"),
        Question("1c", "c)", "Im Haushalt 2027 werden 5.000 Euro für Schulungen bereitgestellt.", parent="1"),
    )
    motion = Inquiry(kind="Antrag", questions=questions)
    assert "Leckageortung" in _lead(questions[2].text, questions[2], motion, kb)
    assert _lead(questions[3].text, questions[3], motion, kb) == ""  # no "dafür": its own words say what for


def test_a_new_wording_that_runs_on_into_the_amendment_s_next_chunk_is_still_found() -> None:
    kb = load(THANNRIED)
    amendments = Amendments(kb, date(2027, 2, 8))
    rule = next(c for c in chunks(kb) if c.source_id == "documents/dienstanweisung-ki-vg-markt-2025.md#8")
    old = next(line for line in rule.text.split("\n") if line.startswith("(2)"))  # "(2) Wer … nutzt, muss …"
    found = amendments.new_wording(rule, old)
    assert found is not None and found[1].startswith("(3) Wer eine KI-Anwendung nutzt")
    assert found[0].chunk_id != next(c for c in chunks(kb) if "§ 7 wird wie folgt neu gefasst" in c.text).chunk_id


def test_a_demand_the_sachstand_quotes_as_decided_says_so_under_umsetzung() -> None:
    from assistant.drafting.decided import already_decided

    demand = "Der Vertrag über die Belüftungssteuerung der Kläranlage (AQUAVENT KI) wird um drei Jahre verlängert."
    minutes = (
        "Der Niederschrift über die Sitzung des Marktgemeinderats am 17.11.2026 ist zu entnehmen: Der Vertrag über "
        "die KI-gestützte Belüftungssteuerung AQUAVENT KI wird um drei Jahre bis zum 31.05.2030 verlängert [4]."
    )
    assert already_decided(demand, minutes) == "Nach dem Sachstand ist dies bereits beschlossen oder umgesetzt [4]."
    refused = minutes.replace("wird um drei Jahre", "wird nicht um drei Jahre")
    assert already_decided(demand, refused) == ""
    lobby = (
        "Die Verwaltung setzt sich im Verband dafür ein, dass BAUKLAR auch im Kenntnisgabeverfahren eingesetzt wird."
    )
    reported = (
        "Die Verbandsversammlung habe am 24.09.2026 beschlossen, BAUKLAR auch im Kenntnisgabeverfahren einzusetzen [7]."
    )
    assert already_decided(lobby, reported).endswith("[7].")
    later = "Der Ausschuss hat beschlossen: Das KI-Verzeichnis wird bis zum 31.03.2027 im Internet veröffentlicht [2]."
    asked = "Das KI-Verzeichnis wird bis zum 31.12.2026 im Internet veröffentlicht."
    assert already_decided(asked, later, [date(2026, 12, 31)]) == ""  # decided, but later than demanded
