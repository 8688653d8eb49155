"""Rules of stop 55, from grading 57 (set 32), built before set 33 was read: a motion's Begründung read in its
narrow column and per demand ("Zu 2.: …"), a claim's figure set beside the figure the sources state now, an
obstacle or counterpart from a section on another application refused, and a document's kind read after a
letterhead ("Bezirk Ilmgau · Dienstvereinbarung KI …")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from assistant.domain import Chunk, Passage, Question
from assistant.drafting import claims, facts
from assistant.drafting.amended import Amendments
from assistant.drafting.asked_figures import _asks_more
from assistant.drafting.budget_answer import _by_kind
from assistant.drafting.budget_change import Move, change_in, new_line, said_lines
from assistant.drafting.citing import Register
from assistant.drafting.demands import purposes_of
from assistant.drafting.obstacles import Obstacles
from assistant.drafting.owned import called_in
from assistant.drafting.paragraph import with_siblings
from assistant.drafting.pipeline import _CONCLUDED
from assistant.drafting.premise import counterparts, premise_of
from assistant.drafting.quoting import Quoter, under_another
from assistant.drafting.relevance import Coverage, related
from assistant.drafting.standing import named_documents, standing
from assistant.drafting.subject import SubjectFinder
from assistant.drafting.understand import points_back
from assistant.drafting.verify import Checked
from assistant.drafting.wording import is_fragment
from assistant.formats.mail import innermost, unquoted
from assistant.formats.pages import unpaged
from assistant.formats.unwrap import unwrap
from assistant.kb.chunk import chunks
from assistant.kb.keyword import analyze
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase, Record
from assistant.kb.query import Row, kameral
from tests.conftest import ROOT
from tests.unit.test_obstacles import _Everything  # the fake retriever: every document passage

TODAY = date(2026, 12, 7)

COLUMN = (
    "Zu 1.: Der Entwurf sieht KI-Schulungen nur für\nBeschäftigte vor. Wer über KI-Haushaltsmittel\n"
    "entscheidet, muss die Technik verstehen.\nZu 2.: IlmGPT wird bislang nur von 180\nBeschäftigten genutzt.\n"
    "Zu 3.: Die Ansätze für den Telefonassistenten\nsind zu hoch."
)


def test_a_narrow_column_s_lines_are_joined_where_they_cannot_end() -> None:
    lines = unwrap(COLUMN).split("\n")
    first = "Zu 1.: Der Entwurf sieht KI-Schulungen nur für Beschäftigte vor. Wer über KI-Haushaltsmittel entscheidet"
    assert f"{first}, muss die Technik verstehen." in lines
    assert "Zu 2.: IlmGPT wird bislang nur von 180 Beschäftigten genutzt." in lines
    letterhead = "An die Stadtverordnetenvorsteherin\nFrau Gisela Haubach\nRathaus, Marktplatz 1"
    assert unwrap(letterhead) == letterhead  # short lines that can end where they end stay as they are


def test_a_begruendung_s_paragraph_labelled_zu_n_argues_for_that_demand() -> None:
    text = unwrap(COLUMN)
    labels = claims.labelled(text)
    assert labels["Zu 2.: IlmGPT wird bislang nur von 180 Beschäftigten genutzt."] == ("2",)
    assert labels["Wer über KI-Haushaltsmittel entscheidet, muss die Technik verstehen."] == ("1",)
    both = claims.labelled("Zu 3: Die Kosten sind zu hoch. Zu 4 und 5: Es gibt bisher kein Angebot für den Rat.")
    assert both == {
        "Zu 3: Die Kosten sind zu hoch.": ("3",),
        "Zu 4 und 5: Es gibt bisher kein Angebot für den Rat.": ("4", "5"),
    }
    assert claims.labelled("Zu 1 bis 3: Das ist teuer.") == {"Zu 1 bis 3: Das ist teuer.": ("1", "2", "3")}
    demands = [
        Question("1", "1", "Der Ansatz für KI-Schulungen wird erhöht."),
        Question("2a", "2a", "Der Ansatz für den zweiten Server erhält einen Sperrvermerk.", parent="2"),
        Question("2b", "2b", "Die Verwaltung berichtet über die Nutzung.", parent="2"),
    ]
    claim = "Zu 2.: IlmGPT wird bislang nur von 180 Beschäftigten genutzt."
    coverage = Coverage([Chunk("c", "c", "document", "t", "Die Verwaltung berichtet über die Nutzung.")])
    assigned = claims.assign([claim], demands, coverage, 0.0, labels=labels)
    assert [c.demand for c in assigned] == ["2a"]  # demand 2's first part of equals, not demand 1


def test_the_applicants_own_voice_and_judgement_are_no_claims() -> None:
    coverage = Coverage(
        [Chunk("c", "c", "document", "t", "Die Verwaltung setzt KI in der Eingliederungshilfe ein. Ausgaben 2027.")]
    )
    text = (
        "Unsere Fraktion unterstützt den sinnvollen Einsatz von KI in der Verwaltung, etwa in der Eingliederungshilfe. "
        "Sie hält aber nicht jede Ausgabe für notwendig und will die Mittel für KI in der Eingliederungshilfe lenken."
    )
    assert claims.claims_of(text, coverage) == []


def _kb(tmp_path: Path, documents: dict[str, tuple[str, str, str]]) -> KnowledgeBase:
    root = tmp_path / "kb"
    (root / "documents").mkdir(parents=True)
    (root / "municipality.yaml").write_text(
        "name: Bezirk Ilmgau\nkind: other\nauthority: Die Bezirkstagspräsidentin\n"
        "departments:\n  - {id: FB1, name: Zentrale Dienste}\n",
        encoding="utf-8",
    )
    (root / "inventory.csv").write_text(
        "id,name,vendor,department,purpose,status,updated\n"
        "A-1,IlmGPT – KI-Textassistenz,Eigenbetrieb,FB1,Texte,production,2026-03-16\n"
        "A-2,RechnungsCheck – Prüfung von Heimrechnungen,offen,FB1,Rechnungen,planned,2026-03-16\n"
        "A-3,Ilmi – Chatbot,Ilmi GmbH,FB1,Auskunft,production,2026-03-16\n"
        "A-4,ScriptaLux – Handschriftenerkennung,Lux AG,FB1,Archiv,production,2026-03-16\n"
        "A-5,Auralis Protokoll – Spracherkennung,Auralis AG,FB1,Niederschriften,test,2026-03-16\n",
        encoding="utf-8",
    )
    (root / "budget.csv").write_text("year,budget_line,title,category,kind,planned_eur,status\n", encoding="utf-8")
    for name, (title, kind, body) in documents.items():
        front = f"---\ntitle: {title}\ntype: {kind}\nowner: FB1\npublic: true\n---\n"
        (root / "documents" / name).write_text(front + body, encoding="utf-8")
    return load(root)


_MINUTES = (
    "Niederschrift Bezirksausschuss 22.09.2026",
    "decision",
    "# Niederschrift\n\n## TOP 5 RechnungsCheck – Markterkundung\n\nDer Zuschlag kann erst nach Inkrafttreten der "
    "Haushaltssatzung 2027 erteilt werden; die Einrichtung dauert rund drei Monate.\n\n"
    "## TOP 6 Vorläufige Haushaltsführung\n\nWährend der vorläufigen Haushaltsführung dürfen neue Vorhaben nicht "
    "begonnen werden.\n",
)
_REPORT = (
    "KI-Sachstandsbericht (Stand 31.10.2026)",
    "report",
    "# Bericht\n\n## 1. IlmGPT\n\nIlmGPT ist seit dem 02.03.2026 im Regelbetrieb. Am 31.10.2026 waren 410 Konten "
    "freigeschaltet. Bis zum 30.06.2027 soll IlmGPT allen 590 Beschäftigten zur Verfügung stehen.\n\n"
    "| Anwendung | Konten |\n|---|---|\n| IlmGPT | 410 Konten |\n",
)


def test_an_obstacle_from_a_section_on_another_application_is_refused(tmp_path: Path) -> None:
    kb = _kb(tmp_path, {"niederschrift.md": _MINUTES})
    read = chunks(kb)
    obstacles = Obstacles(
        kb,
        TODAY,
        _Everything(kb),
        Coverage(read),
        Quoter(kb, read, TODAY),
        SubjectFinder(kb),
        0.2,  # type: ignore[arg-type]
    )
    training = " ".join(
        obstacles.sentences("Der Ansatz für KI-Schulungen wird 2027 auf 30.000 € erhöht.", "", Register())
    )
    assert "Zuschlag" not in training  # TOP 5 binds RechnungsCheck, not a training budget
    assert "neue Vorhaben nicht begonnen werden" in training
    own = " ".join(
        obstacles.sentences("Die Mittel für RechnungsCheck werden 2027 um 24.000 € gekürzt.", "", Register())
    )
    assert "Zuschlag" in own


def test_a_claim_s_figure_is_set_beside_the_figure_the_sources_state_now(tmp_path: Path) -> None:
    kb = _kb(tmp_path, {"bericht.md": _REPORT})
    finder = SubjectFinder(kb)
    passages = _Everything(kb).retrieve("")

    def called(text: str) -> list[str]:
        return [i for i in finder.named_in(text) if finder.calls([i], text)]

    found = claims.figure_counterparts("IlmGPT wird bislang nur von 180 Beschäftigten genutzt.", passages, called)
    assert [c.quote for c in found] == ["Am 31.10.2026 waren 410 Konten freigeschaltet."]  # no target, no table row
    assert claims.figure_counterparts("IlmGPT wird kaum genutzt.", passages, called) == []  # no figure


def test_a_document_s_kind_is_read_after_a_letterhead(tmp_path: Path) -> None:
    agreement = (
        "Bezirk Ilmgau · Dienstvereinbarung KI vom 27.02.2026",
        "other",
        "Dienstvereinbarung über KI.\n\n§ 9 Inkrafttreten\n\nDiese Dienstvereinbarung tritt am 01.03.2026 in Kraft.\n",
    )
    kb = _kb(tmp_path, {"dv.md": agreement})
    question = "Seit wann gilt eine Dienstvereinbarung zum KI-Einsatz mit dem Personalrat?"
    assert [d.title for d in named_documents(question, kb, TODAY)] == [agreement[0]]
    said = standing(question, kb, Register(), TODAY, since=True)
    assert said and said[0].startswith("Die „Dienstvereinbarung KI vom 27.02.2026“ tritt am 01.03.2026 in Kraft")


def test_a_cameral_budget_is_told_in_its_own_parts(tmp_path: Path) -> None:
    kb = _kb(tmp_path, {"haushalt.md": ("Haushalt 2027", "report", "Verwaltungshaushalt 317.900 €, Vermögenshaushalt "
                                        "68.000 €. Der Bezirk wirtschaftet kameral.\n")})  # fmt: skip
    assert kameral(kb)
    double = _kb(tmp_path / "d", {"haushalt.md": ("Haushalt", "report", "Ergebnishaushalt und Finanzhaushalt; der "
                                                  "Vermögenshaushalt von früher.\n")})  # fmt: skip
    assert not kameral(double)
    rows = [
        Row("budget:2026:A", Record("budget.csv", 2, {"kind": "consumptive", "planned_eur": "265800"})),
        Row("budget:2026:B", Record("budget.csv", 3, {"kind": "investive", "planned_eur": "84000"})),
    ]
    said = _by_kind(rows, lambda r: Decimal(r.get("planned_eur")), cameral=True)
    assert said == ", davon 265.800 Euro im Verwaltungshaushalt und 84.000 Euro im Vermögenshaushalt"
    assert "für Investitionen" in _by_kind(rows, lambda r: Decimal(r.get("planned_eur")))


def test_a_copied_labelled_item_is_quoted_with_its_run() -> None:
    line = (
        "§ 8 Anlagen. Anlage 1: IlmGPT (KI-Textassistenz). Anlage 2: Sortiva Teilhabe (Posteingang). "
        "Anlage 3: Ilmi (KI-Chatbot). Weitere Anlagen werden im Einvernehmen ergänzt."
    )
    item = "Anlage 3: Ilmi (KI-Chatbot)."
    text, quote = with_siblings(item, item, f"Kopf\n{line}")
    assert text == quote == "Anlage 1: IlmGPT (KI-Textassistenz). Anlage 2: Sortiva Teilhabe (Posteingang). " + item
    said = "Für Ilmi besteht die Anlage 3."  # the model's own sentence stays as it is
    assert with_siblings(said, item, line) == (said, item)
    assert with_siblings("Weitere Anlagen werden im Einvernehmen ergänzt.", "x", line)[1] == "x"


def test_a_question_whether_something_is_so_gets_the_sentences_on_its_premise() -> None:
    asked = "Trifft es zu, dass das System Vorschläge zu Leistungen erstellt und deshalb im Referat 4 gestoppt wurde?"
    premise = premise_of(asked)
    assert premise == "das System Vorschläge zu Leistungen erstellt und deshalb im Referat 4 gestoppt wurde"
    assert premise_of("b) Ist es richtig, dass die Verwaltung ChatGPT nutzt?") == "die Verwaltung ChatGPT nutzt"
    assert premise_of("Wie viele Vorschläge hat das System erstellt?") is None
    text = (
        "Sortiva Teilhabe gibt keine Vorschläge zu Leistungen ab. Die Erprobung im Referat 4 wurde zum 30.04.2026 "
        "beendet. | Vorschläge | Leistungen | Referat 4 |\nDer Bezirk hat 640 Beschäftigte."
    )
    chunk = Chunk("d#1", "d#1", "document", "Vermerk", text)
    coverage = Coverage([chunk, Chunk("d#2", "d#2", "document", "Bericht", "Der Haushalt 2027 ist ein Entwurf.")])
    found = counterparts([Passage(chunk, 1.0)], lambda quote: claims.share(premise, quote, coverage), 0.3)
    # the sentence that holds the premise's words; not the table row, not one that shares a single word
    assert [c.quote for c in found] == ["Sortiva Teilhabe gibt keine Vorschläge zu Leistungen ab."]


def test_a_heading_on_one_other_application_takes_its_sentences_a_heading_of_several_matters_does_not(
    tmp_path: Path,
) -> None:
    kb = _kb(tmp_path, {"niederschrift.md": _MINUTES})

    def checked(section: str, quote: str) -> Checked:
        chunk = Chunk("n#1", "n#1", "document", "Niederschrift", quote, {"section": section})
        return Checked(quote, Passage(chunk, 1.0), quote)

    money = "Im Entwurf sollen für die Einrichtung 24.000 € vorgesehen werden."
    assert under_another(checked("TOP 5 RechnungsCheck – Markterkundung", money), [], kb, by_heading=True)
    several = "TOP 9 Fortführung des Pilots RechnungsCheck, KI-Verzeichnis und Arbeitsprogramm"
    assert not under_another(checked(several, money), [], kb, by_heading=True)
    assert not under_another(checked("TOP 5 RechnungsCheck", money), ["A-2"], kb, by_heading=True)


def test_whether_an_agreement_was_concluded_is_told_with_its_day_from_its_own_words(tmp_path: Path) -> None:
    agreement = (
        "Dienstvereinbarung KI – Lesefassung",
        "other",
        "Dienstvereinbarung über die Einführung von KI\nzwischen dem Magistrat und dem Personalrat, abgeschlossen am "
        "24.03.2026, in Kraft seit 01.04.2026.\n",
    )
    kb = _kb(tmp_path, {"dv.md": agreement})
    said = standing("Hat der Magistrat eine Dienstvereinbarung abgeschlossen?", kb, Register(), TODAY, since=True)
    assert said and said[0].startswith("Zur „Dienstvereinbarung KI – Lesefassung“ ist festgehalten: „zwischen dem")
    assert _CONCLUDED.search("Hat der Magistrat mit dem Personalrat eine Dienstvereinbarung abgeschlossen?")


# ---- after set 33's first run (grading 58): general rules, each a case of a method ----


def test_a_forward_s_quoted_original_is_the_inquiry_with_its_day() -> None:
    forwarded = (
        "Liebe Frau Backes,\n\nanbei die Kleine Anfrage. Könnten Sie bitte bis zum 04.12.2026 antworten?\n\n"
        "-----Ursprüngliche Nachricht-----\nVon: Dr. Jan Scherer <jan@example.org>\n"
        "Gesendet: Dienstag, 24. November 2026 21:47\nBetreff: Kleine Anfrage\n\n"
        "> Sehr geehrte Frau Direktorin,\n>\n> 1. Seit wann wird die App eingesetzt?\n>    a) Wie viele Gespräche?\n"
    )
    body, notes = innermost(forwarded, forward=True)
    assert notes == 1 and "Datum: 24.11.2026" in body and "Könnten Sie" not in body
    assert "\n1. Seit wann wird die App eingesetzt?\n   a) Wie viele Gespräche?" in body
    assert innermost(forwarded)[1] == 0  # a reply's "Ursprüngliche Nachricht" quotes what it answers
    assert unquoted("Ich stimme zu.\n> Das steht unten.\nGruß") == "Ich stimme zu.\n> Das steht unten.\nGruß"


def test_a_line_ending_on_a_preposition_goes_on_a_table_s_header_row_does_not() -> None:
    text = (
        "Das KI-Register ist seit dem 01.09.2026 unter\nwww.example.org/ki-register veröffentlicht. Es wird gepflegt."
    )
    assert unwrap(text).startswith("Das KI-Register ist seit dem 01.09.2026 unter www.example.org/ki-register")
    table = "Anlage Gegenstand vereinbart am\n1 WerseGPT (Regelbetrieb; Protokolldaten 14 Tage)"
    assert unwrap(table) == table


def test_a_row_laid_out_in_columns_is_no_sentence() -> None:
    assert is_fragment("27.1.01.543140  KI-Einstufungstest VHS (geplant)        -       14.000  Einrichtung 10.000 EUR")
    assert not is_fragment("Der Ansatz für den Einstufungstest beträgt 14.000 Euro.")


def test_a_verbless_line_on_when_a_rule_took_effect_is_quoted_with_a_lead_in(tmp_path: Path) -> None:
    agreement = (
        "Dienstvereinbarung über den Einsatz Künstlicher Intelligenz (DV KI)",
        "other",
        "zwischen der Dienststelle und dem Personalrat.\nAbgeschlossen nach § 84 SPersVG am 26.01.2026; in Kraft seit "
        "01.02.2026.\n",
    )
    kb = _kb(tmp_path, {"dv.md": agreement})
    said = standing("Seit wann gilt eine Dienstvereinbarung zum Einsatz von KI?", kb, Register(), TODAY, since=True)
    assert said and said[0].startswith(
        "Zur „Dienstvereinbarung über den Einsatz Künstlicher Intelligenz (DV KI)“ ist festgehalten: „Abgeschlossen"
    )


def test_how_long_data_are_kept_and_whether_they_may_be_used_asks_more_than_a_figure() -> None:
    assert _asks_more("Wie lange werden Protokolldaten gespeichert, und dürfen sie zur Kontrolle verwendet werden?")
    assert set(analyze("gelöscht")) & related(analyze("gespeichert")[0])  # kept: said as when they are deleted


def test_an_earlier_account_of_an_amended_section_by_the_rule_s_short_name_is_overtaken(tmp_path: Path) -> None:
    rule = (
        "Richtlinie für den Einsatz Künstlicher Intelligenz (KI-Richtlinie) vom 10.06.2025",
        "guideline",
        "## § 4 Frei verfügbare KI-Dienste\n\n(1) Frei verfügbare generative KI-Dienste (z. B. ChatGPT) dürfen "
        "dienstlich genutzt werden, soweit keine personenbezogenen Daten eingegeben werden.\n",
    )
    change = (
        "Erste Änderung der Richtlinie für den Einsatz Künstlicher Intelligenz (KI-Richtlinie)",
        "guideline",
        "Regionalverband – Die Direktorin Erste Änderung der Richtlinie für den Einsatz Künstlicher Intelligenz "
        "(KI-Richtlinie) vom 22.09.2026\n\n1. § 4 wird wie folgt neu gefasst:\n„§ 4 Frei verfügbare KI-Dienste\nDie "
        "dienstliche Nutzung frei verfügbarer generativer KI-Dienste (z. B. ChatGPT) ist untersagt.“\n\nDiese Änderung "
        "tritt am 01.10.2026 in Kraft.\n",
    )
    minutes = (
        "Niederschrift Regionalversammlung 25.06.2026",
        "decision",
        "Die Direktorin antwortet, dass die Nutzung nach § 4 der KI-Richtlinie derzeit noch zulässig ist.\n",
    )
    kb = _kb(tmp_path, {"richtlinie.md": rule, "aenderung.md": change, "niederschrift.md": minutes})
    amendments = Amendments(kb, TODAY)
    said = next(c for c in chunks(kb) if c.source_id.startswith("documents/niederschrift.md"))
    assert amendments.superseded(
        said, "Die Direktorin antwortet, dass die Nutzung nach § 4 der KI-Richtlinie derzeit noch zulässig ist."
    )
    old = next(c for c in chunks(kb) if c.source_id.startswith("documents/richtlinie.md") and "§ 4" in c.text)
    new = amendments.new_wording(old, rule[2].split("\n\n")[1].strip())
    assert new is not None and new[1].startswith("Die dienstliche Nutzung frei verfügbarer generativer KI-Dienste")
    assert amendments.lead(new[0], new[1]).startswith("Nach § 4 KI-Richtlinie (geändert durch: Erste Änderung,")


FAX = (
    "26.NOV.2026 16:41     DIE LINKE RV-FRAKTION     +49 6881 40177     NR.318    S. 1/2\n\n"
    "DIE LINKE.  Fraktion in der Regionalversammlung Primstal\nSchlossplatz 2 - 66822 Primsbrück\n\n"
    "3. Alle Mitglieder erhalten eine Schulung; hierfür werden bei Pro-\n\n\n"
    "DIE LINKE. Fraktion in der Regionalversammlung Primstal    - Seite 1 von 2 -\n"
    "26.NOV.2026 16:42     DIE LINKE RV-FRAKTION     +49 6881 40177     NR.318    S. 2/2\n\n"
    "DIE LINKE.  Fraktion in der Regiona1versammlung Primstal\nSchlossplatz 2 - 66822 Primsbrück\n\n"
    "   dukt 11.1.06, Konto 542200 zusätzlich 4.500 € bereitgestellt.\n\n4. Das Register wird ergänzt.\n"
)


def test_a_fax_s_page_furniture_goes_and_a_demand_cut_by_the_page_break_is_whole_again() -> None:
    text = unpaged(FAX)
    assert "hierfür werden bei Produkt 11.1.06, Konto 542200 zusätzlich 4.500 € bereitgestellt." in text
    assert text.count("Schlossplatz 2") == 1 and "Seite 1 von 2" not in text and "S. 2/2" not in text
    assert text.startswith("26.NOV.2026 16:41")  # the first page's head is the letter's
    plain = "1. Erste Frage?\n2. Zweite Frage?\n"
    assert unpaged(plain) == plain


def test_a_motion_s_money_read_as_its_kind_line_and_move_say() -> None:
    assert said_lines("bei Produkt 11.1.06, Konto 501200 um 38.000 € auf 152.000 € gekürzt") == ["11.1.06.501200"]
    assert new_line("Bei Produkt 11.1.06 wird das neue Konto 529110 „Audit“ mit 15.000 € eingerichtet.")
    blocked = change_in("Bis dahin werden die hierfür vorgesehenen Mittel (2.700 €) gesperrt.")
    assert blocked is not None and blocked.move is Move.BLOCK and blocked.euros == 2700
    assert purposes_of("Vor der Einbeziehung der Erziehungsberatungsstelle werden 2.700 € gesperrt.") == ()
    assert purposes_of("ein unabhängiges Bias- und Diskriminierungsaudit mit 15.000 €") == ("consulting",)
    assert "personnel" in purposes_of("zwei zusätzliche Stellen in der Rechnungsprüfung")


def test_training_in_an_application_is_no_row_of_the_application(tmp_path: Path) -> None:
    kb = _kb(tmp_path, {})
    ilmgpt = kb.inventory[0]
    assert not called_in(ilmgpt, "KI-Schulungen (Basisschulung, Einweisungen IlmGPT; Art. 4 KI-VO)", kb)
    assert called_in(ilmgpt, "IlmGPT – Betrieb (Lizenzen)", kb)
    assert called_in(ilmgpt, "KI-Module (Ilmi; 2026 einschließlich Pilot IlmGPT)", kb)  # a shared row is its too


def test_a_vendor_entry_that_describes_the_provision_is_quoted_not_said_as_a_name(tmp_path: Path) -> None:
    kb = _kb(tmp_path, {})
    described = "Bereitstellung durch den Zweckverband KITS auf Basis von Mistral Small 3.1; Server im Rechenzentrum"
    row = Record("inventory.csv", 2, {**kb.inventory[0].values, "vendor": described})
    said = " ".join(facts.application_facts([row], ("vendor",), kb, Register(), TODAY).sentences)
    assert "ist im KI-Verzeichnis erfasst: „Bereitstellung durch den Zweckverband KITS" in said
    named = Record("inventory.csv", 3, {**kb.inventory[1].values, "vendor": "Sortiva GmbH, Nürnberg"})
    assert "ist Sortiva GmbH, Nürnberg" in " ".join(
        facts.application_facts([named], ("vendor",), kb, Register(), TODAY).sentences
    )


def test_a_pronominal_adverb_after_a_clause_of_the_question_s_own_points_back_within_it() -> None:
    asked = "Wie hoch ist der Stromverbrauch der KI-Server, und welche CO₂-Emissionen entstehen dadurch?"
    assert not points_back(asked.lower(), asked)
    assert points_back("welche kosten sind dadurch entstanden?", "Welche Kosten sind dadurch entstanden?")


def test_a_trial_in_regular_operation_keeps_its_start_and_says_since_when_in_its_status() -> None:
    from assistant.drafting.listing import _running_cell

    said = "Seit dem 01.10.2026 ist Sortiva Teilhabe in den Sachgebieten 3.1 und 3.2 im Regelbetrieb."
    assert _running_cell(said) == "Regelbetrieb seit 01.10.2026 (siehe unten)"
    assert _running_cell("Sortiva Teilhabe ist im Regelbetrieb.") == "Regelbetrieb (siehe unten)"


def test_an_application_a_later_source_has_classed_is_not_said_to_be_unclassed() -> None:
    from assistant.drafting.classify import Intent
    from assistant.drafting.listing import _unsettled
    from assistant.drafting.understand import Reading

    kb = load(ROOT / "eval" / "kbs" / "regionalverband-primstal")
    reading = Reading("8a", Intent.LISTING, filters=(("ai_act_risk", "high"),))
    said = " ".join(_unsettled(reading, kb, Register(), TODAY))
    assert "festgestellt, dass Linguana Live" in said
    assert "Noch nicht nach der KI-Verordnung eingestuft ist „KI-Einstufungstest" in said
    assert "eingestuft sind" not in said  # Linguana Live is not among the unclassed
