"""Rules of stop 49: minutes' speakers and extended trials (general fixes, from set 26), and the formats of the
twenty-seventh held-out set (Gemeinde Aschtal): a Word file with tracked changes, a motion whose demands are
bullets with indented parts, a Markdown export with front matter, a faction named on the line above."""

from __future__ import annotations

import io
from datetime import date

from assistant.domain import Inquiry, Question
from assistant.drafting.asked_figures import counted, counts, newest_counts
from assistant.drafting.gaps import ANNOUNCES, ASKED
from assistant.drafting.stale import ExtendedEnds
from assistant.drafting.understand import Understanding
from assistant.formats.read import read_bytes
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.model import KnowledgeBase


def test_a_speaker_s_announcement_is_no_sentence_but_a_report_with_content_is() -> None:
    for said in (
        "Herr Rauschenberger berichtet zu AKTINA Wohngeld.",
        "Frau Demirci, Leiterin des Bürger- und Ordnungsamts, berichtet zum Servicebot 115.",
        "Herr Hecht (Referat 3) berichtet zum VilsBot.",
    ):
        assert ANNOUNCES.search(said), said
    for content in (
        "Die Verwaltung berichtet zum 30.06. über die Ergebnisse.",
        "Herr Rauschenberger berichtet zu AKTINA Wohngeld, dass 1.310 Anträge geprüft wurden.",
        "Vom 02.03. bis 31.08.2026 habe das System 1.310 Anträge geprüft.",
    ):
        assert not ANNOUNCES.search(content), content
    assert not ASKED.search("Herr Rauschenberger berichtet zu AKTINA Wohngeld.")  # it still leads to its report


def test_a_trial_s_register_end_a_later_source_extended_is_overtaken_in_any_quote() -> None:
    ends = ExtendedEnds([(date(2026, 8, 31), ["AKTINA Wohngeld", "Wohngeld"])])
    reply = "Der Pilot hat am 02.03.2026 begonnen und ist bis zum 31.08.2026 befristet."
    assert ends.overtaken(reply, "Kleine Anfrage AKTINA Wohngeld")
    assert not ends.overtaken(reply, "Kleine Anfrage zur KI-Textassistenz")  # another application's trial
    assert not ends.overtaken("Vom 02.03. bis 31.08.2026 habe das System 1.310 Anträge geprüft.", "Wohngeld")
    extended = "Der Magistrat hat beschlossen, den bis zum 31.08.2026 befristeten Pilot zu verlängern."
    assert not ends.overtaken(extended, "Wohngeld")  # the extension itself


def test_a_count_s_sentences_are_those_giving_a_number_of_what_it_counts_as_of_the_latest_source() -> None:
    nouns = counted("Wie viele Beschäftigte und wie viele Führungskräfte haben bisher daran teilgenommen?")
    assert len(nouns) == 2
    may = "Modul C: 18 von 96 Führungskräften"
    october = "Das Modul B hätten 163 Beschäftigte besucht, Modul C 41 von 96 Führungskräften."
    assert counts(may, nouns) and counts(october, nouns)
    assert not counts("Die Schulungen finden während der Arbeitszeit statt (§ 5 DV KI).", nouns)
    said = [(may, date(2026, 6, 1)), (october, date(2026, 10, 6)), ("Bis heute hätten 591 Beschäftigte …", None)]
    assert newest_counts(said, nouns) == [1]


def test_a_question_that_points_back_is_retrieved_with_the_question_before_it(demo_kb: KnowledgeBase) -> None:
    questions = (
        Question("8", "8.", "Zur Qualifizierung:", asks=False),
        Question("8a", "a)", "Welche Schulungen zu KI werden angeboten?", parent="8"),
        Question("8b", "b)", "Wie viele Beschäftigte haben bisher daran teilgenommen?", parent="8"),
        Question("9", "9.", "Wie viele Anträge wurden dabei geprüft?"),
    )
    readings = Understanding(demo_kb, today=date(2026, 12, 1)).read(Inquiry(kind="Anfrage", questions=questions))
    assert readings["8b"].query_before.endswith(
        "Welche Schulungen zu KI werden angeboten? Wie viele Beschäftigte haben bisher daran teilgenommen?"
    )
    assert readings["8a"].query_before == ""  # the first under its parent, and it points at nothing
    assert readings["9"].query_before == ""  # the first asked at the top level ("8" asks nothing)


def _tracked_docx() -> bytes:
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    document.add_paragraph("Anfrage der Fraktion")
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph = document.add_paragraph("1. Welche Regeln gelten für personenbezogene Daten in ")
    paragraph._p.append(parse_xml(f'<w:ins {ns} w:id="1" w:author="A"><w:r><w:t>ALBERT</w:t></w:r></w:ins>'))
    paragraph._p.append(
        parse_xml(f'<w:del {ns} w:id="2" w:author="A"><w:r><w:delText> und ChatGPT</w:delText></w:r></w:del>')
    )
    paragraph.add_run("?")
    gone = document.add_paragraph()
    gone._p.append(
        parse_xml(f'<w:del {ns} w:id="3" w:author="A"><w:r><w:delText>2. Gestrichene Frage?</w:delText></w:r></w:del>')
    )
    added = document.add_paragraph()
    added._p.append(
        parse_xml(f'<w:ins {ns} w:id="4" w:author="A"><w:r><w:t>2. Wann beginnt der Einsatz?</w:t></w:r></w:ins>')
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_file_reads_with_its_tracked_changes_accepted() -> None:
    text = read_bytes(_tracked_docx(), "anfrage.docx", ".docx").text
    assert "personenbezogene Daten in ALBERT?" in text
    assert "ChatGPT" not in text and "Gestrichene" not in text
    assert [q.text for q in parse_inquiry(text).questions] == [
        "Welche Regeln gelten für personenbezogene Daten in ALBERT?",
        "Wann beginnt der Einsatz?",
    ]


MOTION = """CDU-Fraktion im Gemeinderat Aschtal

ANTRAG

Der Gemeinderat möge beschließen:

- ALBERT Protokoll wird zum 01.01.2027 in den Regelbetrieb übernommen.

- Der KI-Telefonassistent für das Bürgerbüro wird vorgezogen:
    – Die Ausschreibung erfolgt noch im Dezember 2026.
    – Im Haushalt 2027 werden dafür 12.000 Euro bereitgestellt.

- Die Verwaltung prüft bis zum 31.03.2027, ob die Vergabe der Kitaplätze beschleunigt werden kann.

Begründung:

- Die Anrufe nehmen zu.
"""


def test_a_motion_s_bullets_are_its_demands_and_indented_bullets_under_a_lead_in_their_parts() -> None:
    inquiry = parse_inquiry(MOTION)
    assert inquiry.kind == "Antrag"
    assert [q.id for q in inquiry.questions] == ["1", "2", "2a", "2b", "3"]
    assert inquiry.question("2b").text == "Im Haushalt 2027 werden dafür 12.000 Euro bereitgestellt."
    assert "Anrufe" in inquiry.justification


def test_front_matter_gives_the_letter_head_and_a_faction_s_name_may_stand_on_the_line_above() -> None:
    marked = (
        '---\ntitle: "KI: transparent und kompetent"\nantragsteller: "Fraktion GRÜNE im Gemeinderat"\n'
        "datum: 2026-11-09\ngremium: Verwaltungsausschuss\n---\n\n# Antrag\n\nDer Gemeinderat möge beschließen:\n\n"
        "1. Die Verwaltung veröffentlicht das KI-Verzeichnis.\n2. Die Verwaltung bietet Schulungen an.\n"
    )
    inquiry = parse_inquiry(marked)
    assert (inquiry.sender, inquiry.date, inquiry.subject, inquiry.committee) == (
        "Fraktion GRÜNE im Gemeinderat",
        "2026-11-09",
        "KI: transparent und kompetent",
        "Verwaltungsausschuss",
    )
    assert "antragsteller" not in inquiry.preamble
    assert parse_inquiry(marked.replace("2026-11-09", "2026-02-31")).date is None  # no such day: none, no error
    letter = "Freie Wähler Aschtal\nFraktion im Gemeinderat der Gemeinde Aschtal\n\nAnfrage\n\n1. Wer?\n2. Wann?\n"
    assert parse_inquiry(letter).sender == "Freie Wähler Aschtal – Fraktion im Gemeinderat der Gemeinde Aschtal"


def test_a_line_ending_on_a_semicolon_goes_on_where_the_next_starts_in_lower_case() -> None:
    from assistant.formats.unwrap import unwrap

    text = (
        "Erkennungsqualität über alle 11 Sitzungen: Die Wortfehlerrate der Verschriftung lag bei 6,1 %;\n"
        "bei Redebeiträgen in ausgeprägter Mundart stieg sie auf 11,8 %. Die Zuordnung der Redebeiträge war\n"
        "in 14 % fehlerhaft.\n"
        "- Der erste Punkt einer Liste ist lang genug, um umbrochen zu sein, und endet hier;\n"
        "- der zweite Punkt.\n"
    )
    lines = unwrap(text).split("\n")
    assert lines[0].endswith(
        "6,1 %; bei Redebeiträgen in ausgeprägter Mundart stieg sie auf 11,8 %. Die Zuordnung "
        "der Redebeiträge war in 14 % fehlerhaft."
    )
    assert lines[1].startswith("- Der erste") and lines[2] == "- der zweite Punkt."


def test_the_lead_in_of_minutes_is_said_once_an_earlier_reply_s_each_time() -> None:
    from assistant.drafting.leads import said_once

    lead = "Der Niederschrift über die Sitzung des Amtsausschusses am 24.09.2026 [1] ist zu entnehmen: "
    reply = "In ihrer Antwort vom 26.06.2025 hat die Verwaltung mitgeteilt: "
    said = said_once(
        [lead + "Der Pilot laufe [2].", reply + "A [3].", lead + "die Gemeinden müssten [4].", reply + "B."]
    )
    assert said == [lead + "Der Pilot laufe [2].", reply + "A [3].", "Die Gemeinden müssten [4].", reply + "B."]


def test_people_with_an_account_are_counted_by_the_accounts_too() -> None:
    nouns = counted("Wie viele Beschäftigte haben derzeit ein Konto, und wie hat sich die Zahl entwickelt?")
    assert counts("Die KI-Textassistenz Kessi habe am 30.09.2026 655 Nutzerkonten gehabt.", nouns)
    assert not counts("Im September 2026 seien 27.800 Anfragen gestellt worden.", nouns)
    assert not counts("655 Nutzerkonten", counted("Wie viele Beschäftigte haben Modul A besucht?"))


def test_a_later_source_that_counts_an_application_s_users_anew_overtakes_the_register_s_count() -> None:
    from assistant.domain import Chunk
    from assistant.drafting.register_overtaken import recounted_users
    from assistant.kb.model import Record

    record = Record("inventory.csv", 2, {"id": "KI-1", "name": "ALBERT", "users": "38", "updated": "2026-06-30"})
    minutes = Chunk(
        "documents/niederschrift.html#1",
        "documents/niederschrift.html#1",
        "document",
        "Niederschrift über die Sitzung des Gemeinderats am 13.10.2026",
        "Die KI-Textassistenz ALBERT habe am 30.09.2026 52 Nutzerkonten gehabt (30.06.2026: 38).",
    )
    today = date(2026, 12, 1)
    assert recounted_users(record, ["ALBERT"], [(minutes, None)], today) == minutes.title
    assert recounted_users(record, ["BAUKLAR"], [(minutes, None)], today) == ""  # another application
    earlier = Record("inventory.csv", 2, {"id": "KI-1", "name": "ALBERT", "users": "38", "updated": "2026-10-20"})
    assert recounted_users(earlier, ["ALBERT"], [(minutes, None)], today) == ""  # the register is newer


def test_money_a_row_gives_up_to_cover_another_line_is_no_ai_part_of_it() -> None:
    from pathlib import Path

    from assistant.drafting.owned import share_of
    from assistant.kb.load import load

    kb = load(Path(__file__).resolve().parents[2] / "eval" / "kbs" / "gemeinde-aschtal")
    cover = next(r for r in kb.budget if r.get("budget_line") == "11.10.01.427100" and r.get("year") == "2026")
    assert "deckt die Aufwendungen für ALBERT Protokoll" in cover.get("note")
    assert all(share_of(a, cover, kb) is None for a in kb.inventory)
    levy = next(r for r in kb.budget if r.get("budget_line") == "61.10.01.437200" and r.get("year") == "2026")
    assert [share_of(a, levy, kb) for a in kb.inventory if a.get("name").startswith("BAUKLAR")] == [4176]
