"""Rules found on set 19 (Kreisstadt Theelingen): the title a file declares, bodies that are no department,
words that name no kind of money, AI money by what a demand is for, and sentences of minutes that record
only the procedure (decision record 0032)."""

from __future__ import annotations

import io
from pathlib import Path

from assistant.drafting import finance
from assistant.drafting import lexicon as lx
from assistant.drafting.demands import Amount, Per, purposes_of
from assistant.drafting.gaps import PROCEDURAL
from assistant.drafting.relevance import focus
from assistant.drafting.subject import SubjectFinder, departments
from assistant.formats.titles import declared_title
from assistant.kb.load import load
from tests.conftest import ROOT

THEELINGEN = ROOT / "eval" / "kbs" / "stadt-theelingen"


def _kb(tmp_path: Path, documents: dict[str, bytes]) -> Path:
    root = tmp_path / "kb"
    (root / "documents").mkdir(parents=True)
    (root / "municipality.yaml").write_text(
        "name: Stadt Musterstadt\nkind: Stadt\nauthority: Der Bürgermeister\n", encoding="utf-8"
    )
    for name, data in documents.items():
        (root / "documents" / name).write_bytes(data)
    return root


def test_a_page_s_title_element_names_it_more_fully_than_a_generic_heading(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Niederschrift über die 19. Sitzung des Stadtrates am 24.09.2026 – Auszug | "
        "Bürgerinfo</title></head><body><h1>Niederschrift – Auszug</h1><p>Der Stadtrat beschließt.</p></body></html>"
    )
    other = "<html><head><title>Startseite | Stadt</title></head><body><h1>KI-Leitlinie</h1><p>Text.</p></body></html>"
    kb = load(_kb(tmp_path, {"niederschrift.html": page.encode(), "leitlinie.html": other.encode()}))
    titles = {d.path: d.title for d in kb.documents}
    assert titles["documents/niederschrift.html"] == (
        "Niederschrift über die 19. Sitzung des Stadtrates am 24.09.2026 – Auszug"  # the site's name cut
    )
    assert titles["documents/leitlinie.html"] == "KI-Leitlinie"  # a title that says something else: the heading


def test_a_word_heading_under_a_letterhead_or_the_document_properties_title_the_document(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Kreisstadt Musterstadt")
    document.add_heading("Dienstvereinbarung über den Einsatz von KI", level=1)
    document.add_heading("§ 1 Geltungsbereich", level=2)
    document.add_paragraph("Diese Dienstvereinbarung gilt für alle Beschäftigten.")
    numbered = docx.Document()
    numbered.core_properties.title = "Vermerk zur Einstufung nach der KI-Verordnung"
    numbered.add_heading("1. Gegenstand", level=1)
    numbered.add_paragraph("Der Vermerk stuft die Anwendungen ein.")
    files = {}
    for name, doc in (("dv.docx", document), ("vermerk.docx", numbered)):
        out = io.BytesIO()
        doc.save(out)
        files[name] = out.getvalue()
    titles = {d.path: d.title for d in load(_kb(tmp_path, files)).documents}
    assert titles["documents/dv.docx"] == "Dienstvereinbarung über den Einsatz von KI"
    assert titles["documents/vermerk.docx"] == "Vermerk zur Einstufung nach der KI-Verordnung"  # not "1. Gegenstand"


def test_what_office_software_leaves_in_the_properties_is_no_title() -> None:
    for junk in ("Microsoft Word - vorlage.docx", "Dokument1", "Untitled", "bericht.pdf"):
        page = f"<html><head><title>{junk}</title></head><body><p>Text</p></body></html>".encode()
        assert declared_title(page, "html") == ""
    assert declared_title(b"%PDF-1.4 broken", "pdf") == ""  # a damaged file has no title, and no traceback


def test_a_council_or_staff_body_names_no_department() -> None:
    kb = load(THEELINGEN)
    assert departments("ein KI-Beirat aus Mitgliedern des Stadtrates und des Personalrats", kb) == ()
    assert departments("KI-Systeme bei der Personalauswahl", kb) == ("A10-P",)  # choosing staff is its work


def test_words_about_staff_decisions_or_a_system_going_live_name_no_kind_of_money() -> None:
    assert purposes_of("KI-Systeme bei der Personalauswahl und bei Personalentscheidungen nicht einsetzen") == ()
    assert purposes_of("ein Beirat mit der Datenschutzbeauftragten") == ()
    assert purposes_of("Bis dahin geht keine neue KI-Anwendung in Betrieb.") == ()
    assert purposes_of("für Personalkosten und den Betrieb") == ("personnel", "operations")
    assert purposes_of("eine KI-Beauftragte benennen") == ("personnel",)


def test_a_budget_row_that_says_it_holds_no_ai_money_is_none() -> None:
    assert lx.NO_AI.search("Software-Lizenzen allgemein (kein KI-spezifischer Ansatz)")
    assert lx.NO_AI.search("Abschlussbericht und Druck; keine KI-Kosten")
    assert not lx.NO_AI.search("KI-Kosten für den Chatbot")


def test_money_hierfuer_after_a_demand_on_ai_training_is_ai_money_not_the_general_training_budget() -> None:
    kb = load(THEELINGEN)
    demand = (
        "Alle Beschäftigten erhalten bis zum 30.06.2027 eine verpflichtende Schulung zu Chancen und Risiken von KI. "
        "Hierfür werden ab 2027 jährlich 20.000 € bereitgestellt."
    )
    amount = Amount(20000, Per.YEAR, (2027,), ("training",), "Hierfür werden ab 2027 jährlich 20.000 €", True)
    assert finance.compare(amount, kb, demand).lines == ("111040.542110",)  # not "Fortbildung allgemein"


def test_a_specific_ai_noun_is_what_a_demand_is_about() -> None:
    framed = "Was hat die Verwaltung zum Thema „Die KI-Verkehrssensoren in der Innenstadt werden abgeschaltet“?"
    assert focus(framed) == ["KI-Verkehrssensoren"]  # not "Innenstadt", which the sources call otherwise
    assert focus("Welche KI-Anwendungen nutzt die Stadt?") == []  # the class: the inventory


def test_a_web_address_of_the_town_names_no_application() -> None:
    finder = SubjectFinder(load(THEELINGEN))
    assert finder.find("ein öffentliches KI-Register auf theelingen.de") == ()  # not "Theo – … auf theelingen.de"
    assert finder.find("der Chatbot Theo") == ("THL-KI-02",)


def test_a_sentence_of_minutes_that_records_only_the_procedure_is_no_sachstand() -> None:
    assert PROCEDURAL.search("Der Leiter der Stabsstelle Digitalisierung und IT, Herr Schmitt, erläutert die Vorlage.")
    assert PROCEDURAL.search("Frau Dr. Lauer stellt den Bericht vor.")
    assert not PROCEDURAL.search("Die Verwaltung erläutert die Vorlage und die Kosten von 10.000 Euro.")


def _amended_kb(tmp_path: Path, effective: str) -> Path:
    root = _kb(tmp_path, {})
    (root / "documents" / "dienstanweisung.md").write_text(
        "---\ntitle: Dienstanweisung Nr. 4/2025 – Einsatz von KI\ntype: guideline\nvalid_from: 2025-10-01\n---\n"
        "## § 3 Verantwortung\nErgebnisse von KI-Anwendungen sind Entwürfe.\n\n"
        "## § 6 Schulung und Zugang\nBeschäftigte erhalten ein Nutzerkonto, sobald sie das E-Learning abgeschlossen "
        "haben.\n",
        encoding="utf-8",
    )
    (root / "documents" / "erste-aenderung.txt").write_text(
        "Erste Änderung der Dienstanweisung Nr. 4/2025\n\nMusterstadt, den 20.07.2026\n\n"
        "Artikel 1\n§ 6 erhält folgende Fassung:\n"
        '"§ 6 Schulung und Zugang\nBeschäftigte erhalten ein Nutzerkonto, sobald sie das E-Learning und die '
        'Präsenzschulung abgeschlossen haben."\n\n'
        f"Artikel 2\nDiese Änderung tritt am {effective} in Kraft.\n",
        encoding="utf-8",
    )
    return root


def test_an_amended_section_is_quoted_in_its_new_wording_with_the_amendment_named(tmp_path: Path) -> None:
    from datetime import date

    from assistant.drafting.amended import Amendments, unquoted
    from assistant.drafting.citing import Register
    from assistant.kb.chunk import chunks

    kb = load(_amended_kb(tmp_path, "01.08.2026"))
    amendments = Amendments(kb, date(2026, 12, 5))
    by_path = {c.source_id.split("#")[0]: c for c in chunks(kb) if c.kind == "document" and "§ 6" in c.text}
    old = by_path["documents/dienstanweisung.md"]
    assert amendments.superseded(
        old, "Beschäftigte erhalten ein Nutzerkonto, sobald sie das E-Learning abgeschlossen haben."
    )
    new = by_path["documents/erste-aenderung.txt"]
    quote = next(line for line in new.text.split("\n") if "Präsenzschulung" in line)
    register = Register()
    lead = amendments.lead(new, quote, register)
    assert lead == (
        "Nach § 6 der „Dienstanweisung Nr. 4/2025 – Einsatz von KI“ (geändert durch: Erste Änderung vom 20.07.2026 "
        "[1], in Kraft seit dem 01.08.2026 [2]) gilt: "
    )
    assert unquoted(quote).endswith("Präsenzschulung abgeschlossen haben.")  # no quotation mark left
    rule = next(c for c in chunks(kb) if "§ 3" in c.text)
    assert not amendments.superseded(rule, "Ergebnisse von KI-Anwendungen sind Entwürfe.")


def test_an_amendment_not_yet_in_force_changes_nothing(tmp_path: Path) -> None:
    from datetime import date

    from assistant.drafting.amended import Amendments
    from assistant.kb.chunk import chunks

    kb = load(_amended_kb(tmp_path, "01.01.2027"))
    old = next(c for c in chunks(kb) if c.source_id.startswith("documents/dienstanweisung.md") and "§ 6" in c.text)
    quote = "Beschäftigte erhalten ein Nutzerkonto, sobald sie das E-Learning abgeschlossen haben."
    assert not Amendments(kb, date(2026, 12, 5)).superseded(old, quote)


def test_a_plan_ruled_out_that_a_later_source_makes_is_not_quoted_as_the_state() -> None:
    from datetime import date

    from assistant.drafting.leads import released_on
    from assistant.drafting.stale import Unplanned
    from assistant.kb.chunk import chunks

    kb = load(THEELINGEN)
    dated = [(c, released_on(c)) for c in chunks(kb) if c.kind in ("document", "answer")]
    unplanned = Unplanned(dated, date(2026, 12, 5), ignore=kb.municipality.name)
    # the March report, overtaken by the council's decision of 24.09.2026 ("… wird eine Stelle … aufgenommen")
    assert unplanned.unplanned("Eine eigene Stelle ist derzeit nicht vorgesehen.", date(2026, 3, 12))
    assert not unplanned.unplanned("Eine eigene Stelle ist derzeit nicht vorgesehen.", date(2026, 10, 1))
    assert not unplanned.unplanned("Eine Gesichtserkennung ist nicht vorgesehen.", date(2026, 3, 12))
    assert not unplanned.unplanned("Eine eigene Stelle wird geschaffen.", date(2026, 3, 12))  # rules nothing out


def test_figures_an_evaluation_gives_are_asked_by_kennzahlen_and_effekte() -> None:
    from assistant.drafting.relevance import Coverage
    from assistant.kb.chunk import chunks

    coverage = Coverage(chunks(load(THEELINGEN)))
    assert coverage.unknown_focus("Welche Kennzahlen liegen zur Nutzung des Chatbots Theo vor?") == []
    assert coverage.unknown_focus("Welche messbaren Effekte hat TheelAssist nach der Evaluation?") == []
    assert lx.COLUMNS["evaluation"].search("welche kennzahlen liegen zur nutzung vor")


def test_a_plan_by_the_end_of_a_month_is_overtaken_once_a_later_source_reports_it_done() -> None:
    from datetime import date

    from assistant.drafting.overtaken import Overtaken
    from assistant.kb.chunk import chunks

    overtaken = Overtaken((c.text for c in chunks(load(THEELINGEN))), date(2026, 12, 5))
    march = (
        "Der Personalrat hat am 10.03.2026 zugestimmt; die Datenschutz-Folgenabschätzung wird bis Ende März "
        "abgeschlossen."
    )
    assert overtaken.current(march, date(2026, 3, 12), plans_only=True) == [
        "Der Personalrat hat am 10.03.2026 zugestimmt"
    ]


def test_a_first_report_in_a_month_is_the_demand_s_deadline() -> None:
    from assistant.drafting.demands import deadlines

    found = deadlines("Die Verwaltung berichtet dem Stadtrat halbjährlich, erstmals im Februar 2027, über den Stand.")
    assert [(d.day.isoformat(), d.phrase) for d in found] == [("2027-02-28", "erstmals im Februar 2027")]


def test_money_planned_for_a_demand_without_an_amount_is_said_with_its_state() -> None:
    from assistant.drafting import finance_sentences
    from assistant.drafting.citing import Register
    from assistant.drafting.demands import read_demand

    kb = load(THEELINGEN)
    demand = read_demand("1b", "Die für weitere KI-Verkehrssensoren vorgesehenen Mittel werden gestrichen.", "", 2026)
    said = finance_sentences.planned_sentences(demand, kb, Register(), 2027)
    assert (
        said
        and "12.400 Euro für „KI-Verkehrssensoren – Beschaffung (investiv)“ (im Haushaltsentwurf veranschlagt)"
        in (said[0])
    )
    assert said[0].startswith("Für Hardware sind im Haushalt vorgesehen:")  # a draft is not "veranschlagt"


def test_a_budget_row_whose_note_earmarks_part_of_it_for_an_application_is_flagged_with_its_note() -> None:
    from assistant.drafting.budget_answer import _mixed_rows
    from assistant.kb.query import budget_lines

    kb = load(THEELINGEN)
    mixed = _mixed_rows(list(budget_lines(kb, year=["2025"])), kb)
    assert [r.get("budget_line") for r in mixed] == ["541010.542910"]  # "… Beteiligungslotse Mobilität, 9.800 €"


def test_a_numbered_section_under_the_letterhead_is_no_title(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Kreisstadt Musterstadt")
    document.add_heading("§ 1 Geltungsbereich", level=2)
    document.add_paragraph("Diese Regelung gilt für alle Beschäftigten.")
    out = io.BytesIO()
    document.save(out)
    titles = {d.path: d.title for d in load(_kb(tmp_path, {"regel.docx": out.getvalue()})).documents}
    assert titles["documents/regel.docx"] == "regel"  # the file name, not "§ 1 Geltungsbereich"


def test_a_rule_recurring_each_year_in_a_month_is_no_plan_a_later_report_overtakes() -> None:
    from datetime import date

    from assistant.drafting.overtaken import Overtaken

    later = ["Der KI-Bericht wurde am 12.03.2026 dem Hauptausschuss vorgelegt."]
    overtaken = Overtaken(later, date(2026, 12, 5))
    rule = "Der KI-Bericht wird dem Hauptausschuss jährlich im März vorgelegt."
    assert overtaken.current(rule, date(2025, 10, 1), plans_only=True) == [rule]
    plan = "Der KI-Bericht wird dem Hauptausschuss im März vorgelegt."
    assert overtaken.current(plan, date(2025, 10, 1), plans_only=True) == []


def test_an_old_wording_a_model_quotes_is_replaced_by_the_amendment_s_new_one(tmp_path: Path) -> None:
    from datetime import date

    from assistant.drafting.amended import Amendments
    from assistant.kb.chunk import chunks

    kb = load(_amended_kb(tmp_path, "01.08.2026"))
    amendments = Amendments(kb, date(2026, 12, 5))
    old = next(c for c in chunks(kb) if c.source_id.startswith("documents/dienstanweisung.md") and "§ 6" in c.text)
    found = amendments.new_wording(
        old, "Beschäftigte erhalten ein Nutzerkonto, sobald sie das E-Learning abgeschlossen haben."
    )
    assert found is not None and found[0].source_id.startswith("documents/erste-aenderung.txt")
    assert "Präsenzschulung abgeschlossen haben" in found[1]
    assert amendments.new_wording(old, "Ergebnisse von KI-Anwendungen sind Entwürfe.") is None  # § 3: unchanged
