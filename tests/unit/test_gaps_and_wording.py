"""Whole sentences, honest gaps, documents' standing, scoped evidence, relevance and meaning checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.domain import Chunk, Inquiry, Passage, Question
from assistant.drafting.citing import Register
from assistant.drafting.classify import Intent
from assistant.drafting.compose import DraftSentence
from assistant.drafting.evidence import scoped
from assistant.drafting.gaps import Gaps, fits
from assistant.drafting.relevance import Coverage
from assistant.drafting.standing import standing
from assistant.drafting.understand import Understanding
from assistant.drafting.verify import Checked, meaning_mismatch, verify
from assistant.drafting.wording import is_fragment
from assistant.kb.chunk import chunks, source_texts
from assistant.kb.model import KnowledgeBase
from assistant.text import table_rows

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    "text",
    [
        "KI-Anwendung KI-008: Vollständigkeitsprüfung von Wohngeldanträgen [1].",
        "Haushaltsjahr 2026, Haushaltsstelle 11.12.01.542100: Lizenzen und Betrieb [1].",
        "Zuständig: Fachbereich Digitalisierung und IT (FB12).",
        "3. Zulässige Werkzeuge",
        "Beantwortung häufiger Fragen zu Öffnungszeiten",
        "Landkreis Fläming-Havel – Rechtsamt und Vergabestelle – Grabenow, 18.03.2026 – gilt ab 01.04.2026",
    ],
)
def test_labels_and_record_lines_are_fragments(text: str) -> None:
    assert is_fragment(text)


@pytest.mark.parametrize(
    "text",
    [
        "Die Stadt setzt MusterGPT seit März 2025 ein [1].",
        "Als Rechtsgrundlage ist für die Anwendung „X“ angegeben: Art. 6 Abs. 1 lit. e DSGVO [1].",
        "Für Lizenzen sind im Haushaltsjahr 2026 insgesamt 199.000 Euro veranschlagt [1][2].",
        "Im KI-Verzeichnis ist eine Anwendung als eingestellt erfasst.",
        "Hierzu liegen der Verwaltung keine Erkenntnisse vor.",
        "Der Pilot – gestartet im März – läuft bis Dezember – danach wird entschieden.",
    ],
)
def test_sentences_are_not_fragments(text: str) -> None:
    assert not is_fragment(text)


def test_routing_is_a_note_for_the_reviewer_not_letter_text(demo_kb: KnowledgeBase) -> None:
    question = Question("1", "1.", "Wie viele Bauanträge wurden mit KI geprüft?")
    answer = Gaps(demo_kb, TODAY).no_information(question, None)
    assert answer.text == "Hierzu liegen der Verwaltung keine Erkenntnisse vor."
    assert answer.warnings[0].startswith("Keine Angaben in der Wissensbasis") and "(FB61)" in answer.warnings[0]


def test_the_application_owner_holds_the_facts(demo_kb: KnowledgeBase) -> None:
    inquiry = Inquiry("Kleine Anfrage", (Question("1", "1.", "Wie viele Beschwerden gab es?"),),
                      subject="Chatbot „Frag Musterstadt“")  # fmt: skip
    reading = Understanding(demo_kb, today=TODAY).read(inquiry)["1"]
    assert "(FB32)" in Gaps(demo_kb, TODAY).holder(inquiry.questions[0], reading)


def test_a_date_that_has_passed_is_marked_as_passed(demo_kb: KnowledgeBase) -> None:
    chunk = Chunk("documents/x.md#1", "documents/x.md#1", "document", "Sachstand", "Die Strategie soll im 2. "
                  "Quartal 2026 beschlossen werden.")  # fmt: skip
    kept = [Checked(chunk.text, Passage(chunk, 0.9), chunk.text)]
    reading = Understanding(demo_kb, today=TODAY).read_question(Question("1", "1.", "Gibt es eine Strategie?"),
                                                               Inquiry("Anfrage", ()))  # fmt: skip
    sentences, warnings = Gaps(demo_kb, TODAY).notes(kept, reading, Register(), chunk.text)
    assert sentences == ["Der dort genannte Zeitpunkt ist inzwischen verstrichen."]
    assert "liegt vor dem Entwurfsdatum" in warnings[0]


def test_standing_of_documents_comes_from_their_front_matter(demo_kb: KnowledgeBase) -> None:
    register = Register()
    found = standing("Gibt es eine Dienstvereinbarung mit dem Personalrat?", demo_kb, register, TODAY)
    assert len(found) == 1 and "gilt seit dem" in found[0]
    (citation,) = register.citations
    assert citation.quote.startswith("title:") and citation.quote.endswith(("2025-02-15", "2025-02-15\n"))
    assert citation.quote in source_texts(demo_kb)[citation.source_id]
    assert standing("Ist die Nutzung generativer KI freiwillig?", demo_kb, Register(), TODAY) == []


def test_a_draft_is_reported_as_a_draft(tmp_path: Path, demo_kb: KnowledgeBase) -> None:
    import shutil

    from assistant.kb.load import load

    kb_dir = tmp_path / "kb"
    shutil.copytree(demo_kb.root, kb_dir)
    (kb_dir / "documents" / "strategie.md").write_text(
        "---\ntitle: KI-Strategie (Entwurf)\ntype: strategy\nvalid_from: 2026-01-01\nowner: FB12\n---\n\n"
        "## Ziele\nDie Verwaltung soll bis 2027 alle Routinetexte mit KI entwerfen.\n",
        encoding="utf-8",
    )
    kb = load(kb_dir)
    (sentence,) = standing("Hat der Rat eine KI-Strategie beschlossen?", kb, Register(), TODAY)
    assert sentence.startswith(
        "Die „KI-Strategie (Entwurf)“ liegt bisher nur als Entwurf vor und ist nicht beschlossen"
    )


def test_evidence_about_another_application_is_not_evidence(demo_kb: KnowledgeBase) -> None:
    inquiry = Inquiry(
        "Kleine Anfrage", (Question("1", "1.", "Seit wann läuft er?"),), subject="Chatbot „Frag Musterstadt“"
    )
    understanding = Understanding(demo_kb, today=TODAY)
    reading = understanding.read(inquiry)["1"]
    every = [Passage(c, 0.5) for c in chunks(demo_kb)]
    kept = scoped(every, reading, demo_kb, TODAY, understanding.finder)
    inventory = {p.chunk.source_id for p in kept if p.chunk.kind == "inventory"}
    assert inventory == {"inventory:KI-002"}
    assert all(p.chunk.metadata.get("valid_until", "") in ("", "2099-12-31") or p.chunk.kind != "document"
               for p in kept if "rundverfuegung" in p.chunk.source_id)  # fmt: skip


def test_relevance_needs_the_questions_own_subject(demo_kb: KnowledgeBase) -> None:
    coverage = Coverage(chunks(demo_kb))
    chatbot = [Passage(c, 0.5) for c in chunks(demo_kb) if c.source_id == "inventory:KI-002"]
    assert not coverage.covers("Wie viele Beschwerden über den Chatbot sind eingegangen?", chatbot, 0.5)
    assert coverage.covers("Seit wann beantwortet der Chatbot Fragen zu Öffnungszeiten?", chatbot, 0.5)


@pytest.mark.parametrize(
    ("sentence", "quote", "reason"),
    [
        ("Eine DSFA wird durchgeführt, wenn das System personenbezogene Daten verarbeitet.",
         "Personenbezogene Daten: nein. DSFA: nicht erforderlich.", "Bedingung"),
        ("Die KI-Strategie wurde im Juni 2026 beschlossen.",
         "Die KI-Strategie soll im Juni 2026 beschlossen werden.", "Plan"),
        ("Die Nutzung von DeepL ist für nicht vertrauliche Texte gestattet.",
         "Die Regel (aufgehoben zum 01.01.2025): Die Nutzung von DeepL ist für nicht vertrauliche Texte gestattet.",
         "beendet"),
    ],
)  # fmt: skip
def test_meaning_checks_catch_what_words_hide(sentence: str, quote: str, reason: str) -> None:
    assert reason in (meaning_mismatch(sentence, quote) or "")


def test_a_correct_sentence_may_repeat_the_inquirys_subject() -> None:
    passage = Passage(Chunk("inventory:A-1", "inventory:A-1", "inventory", "KI-Verzeichnis: VoxBridge",
                            "KI-Anwendung A-1: VoxBridge.\nInbetriebnahme: 01.03.2024."), 0.8)  # fmt: skip
    sentence = DraftSentence("Der KI-gestützte Übersetzungsdienst VoxBridge ist seit dem 01.03.2024 in Betrieb.", 1)
    result = verify(
        [sentence], [passage], TODAY, "Seit wann ist er in Betrieb?", subject="KI-gestützter Übersetzungsdienst"
    )
    assert result.kept, result.warnings


def test_claim_pairs_precision_floor() -> None:
    """Verification on the labelled claim pairs (eval/claim_pairs.yaml); `make bench` reports the figures."""
    import yaml

    from tests.conftest import ROOT

    pairs = yaml.safe_load((ROOT / "eval" / "claim_pairs.yaml").read_text(encoding="utf-8"))["pairs"]
    kept_supported = kept = 0
    for pair in pairs:
        chunk = Chunk("p#1", "p#1", "document", "Quelle", str(pair["passage"]))
        result = verify([DraftSentence(str(pair["sentence"]), 1)], [Passage(chunk, 1.0)], TODAY, str(pair["question"]))
        kept += bool(result.kept)
        kept_supported += bool(result.kept) and pair["supported"]
    assert len(pairs) >= 200 and kept_supported / kept >= 0.72


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("Wie viele Drohnen setzt die Stadt ein?", ["Drohnen"]),
        ("Hat die Stadt einen Ethikbeirat (z. B. mit externen Fachleuten)?", ["Ethikbeirat"]),
        ("Arbeitet die Stadt mit dem Landkreis Rebenau zusammen?", ["Rebenau"]),  # another body is a focus
        ("Welche Vorhaben plant die Stadt mit der Stadt Hamm?", ["Hamm"]),
        ("Welche Anwendungen werden in der Verwaltung der Stadt Herne genutzt oder pilotiert?", []),
        ("Welche Anwendungen nutzt die Stadt Herne, und welche der Kreis Wesel?", []),
        ("Welche Werkzeuge (z. B. Chatbots, Textanalyse) werden in der Stadtverwaltung Hagen eingesetzt?", []),
        ("Wird auf frei zugängliche KI-Modelle (wie z. B. Chat GPT) zurückgegriffen?", []),
        ("Welche personellen Ressourcen (Stellen, Projektstellen) sind vorgesehen?", []),
        ("Welche Anwendungen wurden wegen Datenschutzbedenken eingestellt?", []),
    ],
)
def test_the_focus_check_abstains_only_on_what_the_knowledge_base_never_names(
    question: str, unknown: list[str], demo_kb: KnowledgeBase
) -> None:
    assert Coverage(chunks(demo_kb)).unknown_focus(question) == unknown


@pytest.mark.parametrize(
    ("demand", "unnamed"),
    [
        ("Die Verwaltung teilt mit, wie viele Widersprüche gegen Hundesteuerbescheide eingelegt wurden.",
         ["Widersprüche", "Hundesteuerbescheide"]),
        ("Die Verwaltung richtet eine KI-Telefonannahme mit Rückrufen ein.", ["Rückrufen"]),  # -nahme: abstract
        ("Die Verwaltung wird beauftragt, für alle Beschäftigten eine Schulung zum Umgang mit KI anzubieten.", []),
        ("Hierfür werden 10.000 EUR bereitgestellt. Dadurch wird der Chatbot verbessert.", []),  # openings, units
    ],
)  # fmt: skip
def test_what_a_demand_names_that_no_source_mentions(demand: str, unnamed: list[str], demo_kb: KnowledgeBase) -> None:
    share, words = Coverage(chunks(demo_kb)).unnamed(demand)
    assert words == unnamed
    assert (share >= 0.6) == bool(unnamed)


def test_a_stand_in_quote_must_fit_one_of_the_questions_intents(demo_kb: KnowledgeBase) -> None:
    question = Question("1", "1.", "Existiert ein vollständiges Verzeichnis der KI-Anwendungen, und seit wann?")
    reading = Understanding(demo_kb).read(Inquiry("Anfrage", (question,)))["1"]
    assert reading.intent == Intent.DATE and Intent.YES_NO in reading.also
    assert fits("Das Verzeichnis wird mindestens vierteljährlich aktualisiert.", reading)  # answers "existiert"
    money = Understanding(demo_kb).read(Inquiry("Anfrage", (Question("1", "1.", "Wie hoch sind die Kosten?"),)))["1"]
    assert not fits("Das Verzeichnis wird mindestens vierteljährlich aktualisiert.", money)


MEMO = """# Vermerk

Der Vertrag läuft bis zum 31.03.2028.

| Kriterium | Variante A: Cloud | Variante B: Rechenzentrum des Verbands |
|---|---|---|
| Stromverbrauch | vom Anbieter nicht ausgewiesen | rund 4.200 kWh jährlich, 100 % Ökostrom |
| laufende Kosten je Jahr | 48.500 € | 52.800 € |

Die Stadtverwaltung beschließt die folgenden Maßnahmen für einen sparsamen Betrieb ihrer Anwendungen:

- **Berichterstattung**: Jährlicher Bericht über den Stromverbrauch an den Ausschuss, erstmals 2028."""


def _memo_passage() -> Passage:
    return Passage(
        Chunk("documents/vermerk.md#1", "documents/vermerk.md", "document", "Vermerk Betriebsmodell", MEMO), 1
    )


def _sachstand(
    demo_kb: KnowledgeBase, demand: str, passage: Passage | None = None, acts: bool = False
) -> list[Checked]:
    """What the Sachstand of ``demand`` quotes from one passage (the memo by default)."""
    passage = passage or _memo_passage()
    question = Question("1", "1.", demand)
    reading = Understanding(demo_kb, today=TODAY).read_question(question, Inquiry("Antrag", ()))
    coverage = Coverage([passage.chunk])
    return Gaps(demo_kb, TODAY).extract_several(
        question, reading, [passage], lambda quote: coverage.share(demand, [quote], acts=acts), 0.2
    )


def test_a_table_row_is_quoted_whole_with_its_column_heads(demo_kb: KnowledgeBase) -> None:
    assert table_rows(MEMO)["| laufende Kosten je Jahr | 48.500 € | 52.800 € |"] == (
        "laufende Kosten je Jahr",
        "Variante A: Cloud – 48.500 €; Variante B: Rechenzentrum des Verbands – 52.800 €",
    )
    (kept,) = _sachstand(demo_kb, "Eine Bilanz des Stromverbrauchs mit Ökostrom aller Anwendungen wird vorgelegt.")
    assert kept.quote == "| Stromverbrauch | vom Anbieter nicht ausgewiesen | rund 4.200 kWh jährlich, 100 % Ökostrom |"
    assert kept.text == (
        "Im „Vermerk Betriebsmodell“ ist zu „Stromverbrauch“ festgehalten: Variante A: Cloud – vom Anbieter nicht "
        "ausgewiesen; Variante B: Rechenzentrum des Verbands – rund 4.200 kWh jährlich, 100 % Ökostrom."
    )


def test_a_labelled_list_item_without_a_verb_is_quoted_under_its_label(demo_kb: KnowledgeBase) -> None:
    (kept,) = _sachstand(demo_kb, "Der Ausschuss erhält jährlich einen Bericht zur Berichterstattung.")
    assert kept.text == (
        "Im „Vermerk Betriebsmodell“ ist zu „Berichterstattung“ festgehalten: Jährlicher Bericht über den "
        "Stromverbrauch an den Ausschuss, erstmals 2028."
    )


def test_a_sentence_that_announces_a_list_is_no_statement(demo_kb: KnowledgeBase) -> None:
    kept = _sachstand(demo_kb, "Die Stadtverwaltung beschließt Maßnahmen für einen sparsamen Betrieb.")
    assert all(not c.text.endswith(":") for c in kept)


def test_an_item_of_a_list_that_continues_its_lead_in_is_quoted_with_it(demo_kb: KnowledgeBase) -> None:
    text = (
        "Verträge über KI-Leistungen enthalten mindestens:\n"
        "- das Verbot, Eingaben und Dokumente der Stadt zum Training von Modellen zu verwenden,\n"
        "- eine Regelung zur Löschung aller Eingaben nach Vertragsende;\n"
        "Die Stabsstelle prüft jeden Vertrag über KI-Leistungen vor dem Zuschlag auf diese Klauseln."
    )
    passage = Passage(Chunk("documents/r.md#2", "documents/r.md", "document", "Rundschreiben", text), 1)
    (kept,) = _sachstand(demo_kb, "Verträge über KI-Leistungen verbieten das Training mit Daten der Stadt.", passage)
    assert kept.quote == "- das Verbot, Eingaben und Dokumente der Stadt zum Training von Modellen zu verwenden,"
    assert kept.text == (
        "Im „Rundschreiben“ heißt es: „Verträge über KI-Leistungen enthalten mindestens: … das Verbot, Eingaben und "
        "Dokumente der Stadt zum Training von Modellen zu verwenden“."
    )  # never the item alone ("das Verbot, … zu verwenden, [3].")
    (kept,) = _sachstand(demo_kb, "Die Stabsstelle prüft jeden Vertrag vor dem Zuschlag.", passage)
    assert kept.text == "Die Stabsstelle prüft jeden Vertrag über KI-Leistungen vor dem Zuschlag auf diese Klauseln."


def test_a_list_item_whose_bold_label_holds_the_colon_is_quoted_under_its_label(demo_kb: KnowledgeBase) -> None:
    text = "Untersuchte Varianten\n- **Variante B:** Umstieg auf den Sprachdienst des Verbands ab dem 01.01.2028."
    passage = Passage(Chunk("documents/v.md#2", "documents/v.md", "document", "Vermerk", text), 1)
    (kept,) = _sachstand(demo_kb, "Der Sprachdienst des Verbands wird genutzt.", passage)
    assert (
        kept.text
        == "Im „Vermerk“ ist zu „Variante B“ festgehalten: Umstieg auf den Sprachdienst des Verbands ab dem 01.01.2028."
    )


def test_a_demand_s_verbs_count_in_any_form_for_its_sachstand() -> None:
    passage = _memo_passage()
    coverage = Coverage([passage.chunk])
    demand = "Der Oberbürgermeister wird beauftragt, den Vertrag zu kündigen und den Dienst umzustellen."
    recommended = "Der Dienst wird zum Vertragsende umgestellt; der Vertrag ist rechtzeitig zu kündigen."
    told = "Der Vertrag läuft bis zum 31.03.2028; er kann gekündigt werden. Die Stadt stellt den Dienst um."
    unrelated = "Der Vertrag und der Dienst sind im Haushalt veranschlagt."
    assert coverage.share(demand, [recommended], acts=True) > coverage.share(demand, [recommended])
    assert coverage.share(demand, [told], acts=True) == coverage.share(demand, [recommended], acts=True)
    assert coverage.share(demand, [unrelated], acts=True) < coverage.share(demand, [unrelated])


def test_a_document_s_recommendation_is_quoted_as_recommended_not_as_decided(demo_kb: KnowledgeBase) -> None:
    text = "5. Empfehlung\n1. Der Dienst wird zum Vertragsende auf den Sprachdienst des Verbands umgestellt."
    chunk = Chunk("documents/v.md#6", "documents/v.md", "document", "Vermerk", text, {"section": "5. Empfehlung"})
    demand = "Der Dienst wird auf den Sprachdienst des Verbands umgestellt."
    (kept,) = _sachstand(demo_kb, demand, Passage(chunk, 1), acts=True)
    assert kept.text == (
        "Im „Vermerk“ wird empfohlen: Der Dienst wird zum Vertragsende auf den Sprachdienst des Verbands umgestellt."
    )


def test_a_decision_told_under_a_recommendation_heading_is_quoted_as_told(demo_kb: KnowledgeBase) -> None:
    text = "5. Empfehlung und Entscheidung\nDer Vorstand hat die Umstellung des Dienstes zum 01.03.2025 beschlossen."
    chunk = Chunk("documents/v.md#6", "documents/v.md", "document", "Vermerk", text, {"section": "5. Empfehlung"})
    (kept,) = _sachstand(demo_kb, "Der Dienst wird umgestellt.", Passage(chunk, 1), acts=True)
    assert kept.text == "Der Vorstand hat die Umstellung des Dienstes zum 01.03.2025 beschlossen."


def test_a_question_reported_in_minutes_is_no_sachstand_but_its_answer_may_be(demo_kb: KnowledgeBase) -> None:
    text = ("Niederschrift\nRatsmitglied Dr. Weber fragt, ob Beschäftigte den Textdienst dienstlich nutzen dürfen. "
            "Die Bürgermeisterin antwortet, dass der Textdienst seit März dienstlich zugelassen ist.")  # fmt: skip
    passage = Passage(Chunk("documents/n.md#2", "documents/n.md", "document", "Niederschrift", text), 1)
    demand = "Die dienstliche Nutzung des Textdienstes durch Beschäftigte wird geregelt."
    (kept,) = _sachstand(demo_kb, demand, passage, acts=True)
    assert "antwortet" in kept.text


def test_a_sentence_that_puts_another_kind_of_rule_in_place_of_its_quote_s_is_not_supported() -> None:
    # "Gibt es eine Dienstvereinbarung …, und gilt sie auch für die Beschäftigten des Marktes?": the scope of the
    # Dienstanweisung is not the Dienstvereinbarung's
    quote = "(1) Diese Dienstanweisung gilt für alle Beschäftigten der VG und für alle Beschäftigten des Marktes."
    assert meaning_mismatch("Diese Dienstvereinbarung gilt auch für die Beschäftigten des Marktes.", quote)
    assert meaning_mismatch("Die Dienstanweisung gilt für alle Beschäftigten des Marktes.", quote) is None
    both = "Die KI-Richtlinie und die Dienstvereinbarung KI gelten seit 2026."
    assert meaning_mismatch("Die Dienstvereinbarung KI gilt seit 2026.", both) is None


def test_what_a_paper_leaves_out_says_nothing_of_the_matter() -> None:
    from assistant.drafting.gaps import says_nothing

    scope = (
        "Der Chatbot Rathaus-KI Auskunft, der seit Februar 2026 im Einsatz ist, ist nicht Gegenstand dieses Berichts."
    )
    assert says_nothing(scope)
    assert not says_nothing("Die Schulung der Beschäftigten ist Gegenstand des Schulungsplans 2027.")
