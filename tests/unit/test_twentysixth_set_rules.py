"""Rules from the twenty-sixth held-out set (Stadt Kesselbrunn, a Sonderstatusstadt in Hessen): an earlier reply
kept as a document, a motion printed over two pages, a council system's page laid out in tables."""

from __future__ import annotations

from pathlib import Path

from assistant.drafting.citing import with_markers
from assistant.formats.html import read_html
from assistant.formats.pdf import strip_furniture
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.model import Problem
from assistant.kb.replies import read_reply, recovered

REPLY = """# Antwort des Magistrats auf die Kleine Anfrage AF-2026/061

Kleine Anfrage der Stadtverordneten Petra Lenz vom 18.05.2026, „KI-Prüfung von Wohngeldanträgen“. Antwort des
Magistrats vom 23.06.2026.

**Frage 1: Seit wann und wie lange wird AKTINA Wohngeld erprobt?**

Antwort: Der Pilot hat am 02.03.2026 begonnen.
Der Magistrat entscheidet nach der Auswertung.

**Frage 2: Was kostet der Pilot?**

Antwort: Die Einrichtung kostet 5.000 €.

Kesselbrunn, 23.06.2026
Der Magistrat der Stadt Kesselbrunn
"""


def test_an_earlier_reply_kept_as_a_document_gives_its_question_answer_pairs(tmp_path: Path) -> None:
    pairs = recovered(REPLY, "answers/2026-06-23.md")
    assert [(p.index, p.question, p.answer) for p in pairs] == [
        (
            1,
            "Seit wann und wie lange wird AKTINA Wohngeld erprobt?",
            "Der Pilot hat am 02.03.2026 begonnen. Der Magistrat entscheidet nach der Auswertung.",
        ),  # "Der Magistrat …" opens an answer's sentence; only the line "Der Magistrat der Stadt …" closes
        (2, "Was kostet der Pilot?", "Die Einrichtung kostet 5.000 €."),
    ]
    assert {p.released for p in pairs} == {"2026-06-23"}
    assert pairs[0].inquiry == "Antwort des Magistrats auf die Kleine Anfrage AF-2026/061"
    (tmp_path / "answers").mkdir()
    (tmp_path / "answers" / "notiz.md").write_text("Eine Notiz ohne Fragen.\n", encoding="utf-8")
    problems: list[Problem] = []
    assert read_reply(tmp_path, tmp_path / "answers" / "notiz.md", "answers/notiz.md", problems) == []
    assert "keine nummerierten Fragen" in problems[0].message


def test_a_list_item_alike_at_the_foot_and_head_of_two_pages_is_no_page_furniture() -> None:
    pages = [
        [
            "Antrag",
            "1) Kessi:",
            "a. Konten für alle.",
            "b. Hierfür werden jährlich 40.000 Euro bereitgestellt.",
            "Seite 1 von 2",
        ],
        ["b. Hierfür werden jährlich 18.000 Euro bereitgestellt.", "3) Der Chatbot wird eingeführt.", "Seite 2 von 2"],
    ]
    cleaned = strip_furniture(pages)
    assert "b. Hierfür werden jährlich 40.000 Euro bereitgestellt." in cleaned[0]
    assert "b. Hierfür werden jährlich 18.000 Euro bereitgestellt." in cleaned[1]
    assert "Seite 2 von 2" not in cleaned[1]


MOTION = """FDP-Fraktion in der Stadtverordnetenversammlung Kesselbrunn
Kesselbrunn, 26.10.2026
Antrag nach § 13 GO StVV
Mehr Tempo mit KI – Verwaltung entlasten, Bürgerservice stärken
Beratungsfolge: Haupt-, Finanz- und Digitalausschuss 24.11.2026 (Vorberatung)
Die Stadtverordnetenversammlung möge beschließen:
1) Kessi für alle Beschäftigten:
a. Der Magistrat stellt bis zum 31.03.2027 allen Beschäftigten ein Konto zur Verfügung.
b. Hierfür werden ab dem Haushaltsjahr 2027 jährlich 40.000 Euro bereitgestellt.
2) Der KI-Chatbot wird bis zum 30.06.2027 eingeführt.
Begründung:
Die Verwaltung ist zu langsam.
"""


def test_letters_with_a_full_stop_are_sub_demands_and_the_line_after_the_kind_line_is_the_title() -> None:
    motion = parse_inquiry(MOTION)
    assert [q.id for q in motion.questions] == ["1", "1a", "1b", "2"]
    assert motion.subject == "Mehr Tempo mit KI – Verwaltung entlasten, Bürgerservice stärken"
    wrapped = parse_inquiry(MOTION.replace("allen Beschäftigten ein", "allen Beschäftigten ein\nd. h. ein"))
    assert [q.id for q in wrapped.questions] == ["1", "1a", "1b", "2"]  # "d. h." after "a." is no item "d"


PAGE = """<html><body><table><tr><td>Navigation</td><td><table>
<tr><td><b>Betreff:</b></td><td>Verantwortungsvoller KI-Einsatz: Transparenz, Beschäftigte und Datenschutz</td></tr>
<tr><td>Datum:</td><td>29.10.2026</td></tr></table>
<table><tr><td>1</td><td>Haupt-, Finanz- und Digitalausschuss</td><td>24.11.2026</td><td>Vorberatung</td></tr>
<tr><td>2</td><td>Stadtverordnetenversammlung</td><td>10.12.2026</td><td>Entscheidung</td></tr></table>
<table><tr><td><h3>Beschlussvorschlag</h3><p>Die Stadtverordnetenversammlung möge beschließen:</p>
<ol><li>Der Magistrat veröffentlicht das KI-Verzeichnis.</li>
<li>Der Magistrat schließt eine Dienstvereinbarung ab, die<ol type="a"><li>jede Kontrolle ausschließt und</li>
<li>eine Kommission vorsieht.</li></ol></li>
<li>Die Erprobung wird ausgesetzt.</li></ol>
<h3>Begründung</h3><p>Das Verzeichnis ist nicht öffentlich.</p></td></tr></table></td></tr></table></body></html>"""


def test_a_council_system_s_page_laid_out_in_tables_gives_its_demands_not_its_beratungsfolge() -> None:
    motion = parse_inquiry(read_html(PAGE.encode(), "antrag.html"))
    assert [q.id for q in motion.questions] == ["1", "2", "2a", "2b", "3"]
    assert motion.subject == "Verantwortungsvoller KI-Einsatz: Transparenz, Beschäftigte und Datenschutz"


def test_a_source_s_quotation_spanning_sentences_loses_its_unmatched_half() -> None:
    assert with_markers("„§ 7 KI-Verzeichnis – Das Amt führt ein Verzeichnis.", "[1]") == (
        "§ 7 KI-Verzeichnis – Das Amt führt ein Verzeichnis [1]."
    )
    assert with_markers("Das Verzeichnis nennt den Zweck.“", "[2]") == "Das Verzeichnis nennt den Zweck [2]."
    assert with_markers("Sie heißt „Kessi“.", "[3]") == "Sie heißt „Kessi“ [3]."
    assert with_markers("Vermerkt ist: „Nur öffentliche Teile.“", "[4]") == "Vermerkt ist: „Nur öffentliche Teile“ [4]."


def _dated_rule_kb(tmp_path: Path) -> Path:
    from tests.unit.test_nineteenth_set_rules import _kb

    root = _kb(tmp_path, {})
    (root / "documents" / "dienstanweisung.md").write_text(
        "---\ntitle: Dienstanweisung über den Einsatz von KI (DA KI) vom 18.03.2025\ntype: guideline\n"
        "valid_from: 2025-04-01\n---\n## § 5 Personenbezogene Daten\nIn KI-Systeme dürfen personenbezogene Daten "
        "nur in pseudonymisierter Form eingegeben werden.\n",
        encoding="utf-8",
    )
    (root / "documents" / "erste-aenderung.txt").write_text(
        "Erste Änderung der Dienstanweisung über den Einsatz von KI (DA KI)\nvom 12.05.2026\n"
        "Die Dienstanweisung vom 18.03.2025 wird wie folgt geändert:\n\nArtikel 1\n2. § 5 wird wie folgt neu gefasst:\n"
        "„§ 5 Personenbezogene Daten\n(1) In Kessi dürfen personenbezogene Daten eingegeben werden, soweit dies "
        "erforderlich ist.“\n\nArtikel 2\nDiese Änderung tritt am 01.06.2026 in Kraft.\n",
        encoding="utf-8",
    )
    return root


def test_a_section_newly_worded_by_an_amendment_that_names_its_rule_by_the_day_it_was_issued(tmp_path: Path) -> None:
    from datetime import date

    from assistant.drafting.amended import Amendments
    from assistant.kb.chunk import chunks
    from assistant.kb.load import load

    kb = load(_dated_rule_kb(tmp_path))
    amendments = Amendments(kb, date(2026, 12, 5))
    old = next(c for c in chunks(kb) if c.source_id.startswith("documents/dienstanweisung.md") and "§ 5" in c.text)
    assert amendments.superseded(
        old, "In KI-Systeme dürfen personenbezogene Daten nur in pseudonymisierter Form eingegeben werden."
    )
    new = next(c for c in chunks(kb) if c.source_id.startswith("documents/erste-aenderung") and "Kessi" in c.text)
    quote = next(line for line in new.text.split("\n") if "Kessi" in line)
    assert amendments.lead(new, quote).startswith(
        "Nach § 5 DA KI (geändert durch: Erste Änderung,"  # a rule dated in its title: by its short name
    )


def test_a_unit_called_by_what_it_is_names_its_department_and_its_one_application() -> None:
    from assistant.drafting.subject import departments

    kb = _units_kb()
    assert departments("Mit welchen Ergebnissen setzt die Bauaufsicht AKTINA ein?", kb) == ("A63",)
    assert departments("Wie ist der Stand der Erprobung in der Wohngeldstelle?", kb) == ("A50",)
    assert departments("Welche Stabsstelle koordiniert den KI-Einsatz?", kb) == ()  # every office has Stabsstellen


def _units_kb():  # type: ignore[no-untyped-def]
    from assistant.kb.model import Department, KnowledgeBase, Municipality, Record

    municipality = Municipality(
        name="Stadt Muster",
        kind="Stadt",
        authority="Magistrat",
        departments=(
            Department("A50", "Amt 50 – Amt für Soziales und Wohnen (mit der Wohngeldstelle)"),
            Department("A63", "Amt 63 – Bauaufsichtsamt (untere Bauaufsichtsbehörde)"),
            Department("A12", "Amt 12 – Digitalisierung (mit der Stabsstelle KI)"),
        ),
    )
    rows = (
        Record(
            "inventory.csv",
            2,
            {"id": "K2", "name": "AKTINA Bau – Prüfung von Bauanträgen", "department": "A63", "status": "production"},
        ),
        Record(
            "inventory.csv",
            3,
            {"id": "K3", "name": "AKTINA Wohngeld – Prüfung (Pilot)", "department": "A50", "status": "pilot"},
        ),
    )
    return KnowledgeBase(Path("."), municipality, inventory=rows)


def test_taking_part_in_a_course_is_counted_as_having_visited_it() -> None:
    from assistant.drafting.relevance import _done

    assert _done(("teil", "nomm"), ["besucht"]) and _done(("teil", "nomm"), ["absolviert"])
    assert not _done(("teil", "nomm"), ["gesunken"])


def test_a_post_s_extent_is_a_post_the_sources_know() -> None:
    from assistant.domain import Chunk
    from assistant.drafting.relevance import Coverage

    coverage = Coverage([Chunk("d#1", "documents/d.md", "document", "Stellenplan", "Die Stelle ist besetzt.", {})])
    assert coverage.unnamed("Es wird eine unbefristete Vollzeitstelle geschaffen.")[1] == []
    assert coverage.unnamed("Es wird ein Ethikbeirat geschaffen.")[1] == ["Ethikbeirat"]


def test_a_member_s_reported_question_is_no_answer_sentence() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.gaps import Gaps
    from assistant.drafting.verify import Checked

    chunk = Chunk("m#1", "documents/m.html", "document", "Niederschrift", "x", {})
    asked = Checked(
        "Stadtverordnete Lenz fragt, wie die Antragstellenden von der KI-Prüfung erfahren.", Passage(chunk, 1.0), "q"
    )
    said = Checked("Die Antragstellenden erhalten ein Merkblatt.", Passage(chunk, 1.0), "q")
    assert Gaps.whole([asked, said]) == [said]


def test_a_planned_row_whose_money_is_blocked_is_quoted_beside_the_comparison(tmp_path: Path) -> None:
    from datetime import date

    from assistant.formats.read import read_inquiry
    from assistant.testing.fakes import FakeChatModel, copying_responder
    from assistant.usecases.drafting import draft_inquiry
    from tests.conftest import ROOT, fake_services

    read = read_inquiry(ROOT / "eval" / "inquiries" / "motion-kesselbrunn-ki-tempo.pdf")
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=date(2026, 11, 25))
    kb = ROOT / "eval" / "kbs" / "stadt-kesselbrunn"
    answers = {a.question_id: a for a in draft_inquiry(services, parse_inquiry(read.text, read.name), kb).answers}
    money = answers["3"].text.split("Finanzielle Auswirkungen:", 1)[1].split("Umsetzung:", 1)[0]
    assert "„Mittel vom Magistrat am 14.09.2026 gesperrt (Vorhaben aufgegeben)“" in money
    assert "Sachstand: Hierzu liegen" not in answers["5"].text  # the post of the KI-Koordination exists


def test_costs_incurred_by_ended_projects_quote_what_their_budget_rows_say_was_spent(tmp_path: Path) -> None:
    from datetime import date

    from assistant.formats.read import read_inquiry
    from assistant.testing.fakes import FakeChatModel, copying_responder
    from assistant.usecases.drafting import draft_inquiry
    from tests.conftest import ROOT, fake_services

    read = read_inquiry(ROOT / "eval" / "inquiries" / "holdout-kesselbrunn-grosse-anfrage-ki.eml")
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=date(2026, 11, 25))
    kb = ROOT / "eval" / "kbs" / "stadt-kesselbrunn"
    inquiry = parse_inquiry(read.text, read.name)
    answers = {a.question_id: a for a in draft_inquiry(services, inquiry, kb).answers}
    assert (
        "„Pilot am 30.04.2026 beendet, verausgabt 6.800 € (Einrichtung 2.400 € und 4 × 1.100 €)“" in answers["2b"].text
    )
    assert "nichts verausgabt" in answers["2b"].text
    assert "AKTINA Wohngeld" in answers["1"].text + " ".join(" ".join(r) for r in answers["1"].table.rows)  # extended


def test_a_compound_s_first_part_does_not_hold_the_compound_word_by_word() -> None:
    from assistant.domain import Chunk
    from assistant.drafting.relevance import Coverage

    coverage = Coverage([Chunk("d#1", "documents/d.md", "document", "DSFA", "Das System prüft Wohngeld.", {})])
    said = "Die Anwendung AKTINA Wohngeld ist als KI-System mit minimalem Risiko eingestuft."
    assert coverage.share_by_word("Entscheidet das System über Wohngeldansprüche", said) < 0.5
    assert coverage.share_by_word("Entscheidet das System über Wohngeldansprüche", "… über Wohngeldansprüche …") == 1.0


def test_a_part_the_register_leaves_open_is_completed_from_the_sources(tmp_path: Path) -> None:
    from datetime import date

    from assistant.formats.read import read_inquiry
    from assistant.testing.fakes import FakeChatModel, copying_responder
    from assistant.usecases.drafting import draft_inquiry
    from tests.conftest import ROOT, fake_services

    read = read_inquiry(ROOT / "eval" / "inquiries" / "holdout-kesselbrunn-aktina-wohngeld.txt")
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=date(2026, 11, 25))
    kb = ROOT / "eval" / "kbs" / "stadt-kesselbrunn"
    answers = {a.question_id: a for a in draft_inquiry(services, parse_inquiry(read.text, read.name), kb).answers}
    text = answers["IV"].text  # "Entscheidet das System über Wohngeldansprüche, und wie … eingestuft?"
    assert "minimalem Risiko" in text  # the register's class
    assert (
        "entscheidet nicht über den Anspruch" in text
    )  # the DSFA's sentence, though no source says "Wohngeldansprüche"


def test_a_sentence_in_a_paragraph_that_opens_on_a_sibling_is_about_the_sibling() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.quoting import on_another
    from assistant.drafting.verify import Checked

    kb = _units_kb()
    text = (
        "Herr Gundlach berichtet zu AKTINA Bau. Seit dem Start am 01.09.2025 habe die Bauaufsicht 1.540 Bauanträge "
        "geprüft.\nHerr Rauschenberger berichtet zu AKTINA Wohngeld. Seit dem 02.03.2026 habe das System 1.310 Anträge "
        "geprüft."
    )
    chunk = Chunk("m#1", "documents/m.html", "document", "Niederschrift", text, {})

    def checked(quote: str) -> Checked:
        return Checked(quote, Passage(chunk, 1.0), quote)

    bau = checked("Seit dem Start am 01.09.2025 habe die Bauaufsicht 1.540 Bauanträge geprüft.")
    assert on_another(bau, ["K3"], kb) and not on_another(bau, ["K2"], kb)
    assert not on_another(checked("Seit dem 02.03.2026 habe das System 1.310 Anträge geprüft."), ["K3"], kb)


def test_a_name_s_closing_note_on_its_state_is_no_word_it_is_called_by() -> None:
    from assistant.drafting.finance import named_by_words
    from assistant.kb.load import load
    from tests.conftest import ROOT

    kb = load(ROOT / "eval" / "kbs" / "stadt-kesselbrunn")
    demand = (
        "Vor der Vergabe der KI-gestützten Vorprüfung von Sondernutzungsanträgen (SonA) legt der Magistrat eine "
        "Wirtschaftlichkeitsbetrachtung vor. Für eine externe datenschutzrechtliche Begleitung des Vorhabens werden im "
        "Haushalt 2027 einmalig 6.000 Euro bereitgestellt."
    )
    assert [a.get("id") for a in named_by_words(demand, kb)] == ["KSB-KI-07"]  # not „Frag Kessi“ (Vorhaben aufgegeben)


def test_a_folder_or_an_unknown_file_in_answers_is_reported_with_what_to_do(tmp_path: Path) -> None:
    from assistant.kb.load import validate
    from tests.unit.test_nineteenth_set_rules import _kb

    root = _kb(tmp_path, {})
    (root / "answers").mkdir(exist_ok=True)
    (root / "answers" / "2025").mkdir()
    (root / "answers" / "antwort.odt").write_bytes(b"x")
    _, problems = validate(root)
    messages = {p.file: p.message for p in problems}
    assert "ist ein Verzeichnis" in messages["answers/2025"]
    assert (
        "unbekanntes Dateiformat '.odt'" in messages["answers/antwort.odt"]
        and ".docx" in messages["answers/antwort.odt"]
    )
