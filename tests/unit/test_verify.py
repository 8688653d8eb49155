from __future__ import annotations

from datetime import date

from assistant.domain import Chunk, Passage
from assistant.drafting.compose import DraftSentence
from assistant.drafting.verify import verify
from assistant.text import best_quote, numbers, sentences_of, support

TODAY = date(2026, 11, 21)
LEITLINIE = Passage(
    Chunk(
        "documents/ki-leitlinie.md#3", "documents/ki-leitlinie.md#3", "document", "KI-Leitlinie",
        "3. Zulässige Werkzeuge\nGenerative Textassistenz steht allen Beschäftigten mit MusterGPT zur Verfügung. "
        "Die Nutzung frei zugänglicher KI-Dienste wie ChatGPT mit privaten oder kostenlosen Konten ist für "
        "dienstliche Inhalte nicht gestattet.",
        {"valid_until": ""},
    ),
    0.7,
)  # fmt: skip
BUDGET = Passage(
    Chunk(
        "budget:2026:11.12.01.542100", "budget:2026:11.12.01.542100", "budget", "Haushalt 2026: Lizenzen",
        "Haushaltsjahr 2026, Haushaltsstelle 11.12.01.542100: Lizenzen und Betrieb KI-Anwendungen.\n"
        "Ansatz 2026: 175.000 Euro.",
    ),
    0.6,
)  # fmt: skip
EXPIRED = Passage(
    Chunk(
        "documents/rundverfuegung.md#1", "documents/rundverfuegung.md#1", "document", "Rundverfügung 07/2023",
        "Beschäftigte dürfen ChatGPT für allgemeine Recherchen nutzen.", {"valid_until": "2024-10-31"},
    ),
    0.5,
)  # fmt: skip


def test_numbers_are_normalised() -> None:
    assert "175000" in numbers("Ansatz: 175.000 Euro")
    assert "175000" in numbers("175000 EUR")
    assert "1.5" in numbers("1,5 Mio. Euro")
    assert {"2025-02-15", "2025"} <= numbers("seit dem 15.02.2025")
    assert "15" not in numbers("seit dem 15.02.2025")  # a date's day supports no "15 Beschäftigte"
    assert {"8", "2"} <= numbers("acht Schulungen, zweimal jährlich")
    assert "11.12.01.542100" in numbers("Haushaltsstelle 11.12.01.542100.")


def test_sentences_keep_abbreviations_and_numbered_headings() -> None:
    assert sentences_of("2. Schutz vor Missbrauch\nEs gilt z. B. Art. 6 DSGVO. Danach gilt das.") == [
        "2. Schutz vor Missbrauch",
        "Es gilt z. B. Art. 6 DSGVO.",
        "Danach gilt das.",
    ]


def test_supported_sentence_is_kept_with_verbatim_quote() -> None:
    sentence = DraftSentence(
        "Die Nutzung von ChatGPT mit privaten Konten ist für dienstliche Inhalte nicht gestattet.",
        1,
    )
    result = verify([sentence], [LEITLINIE, BUDGET], TODAY)
    assert result.warnings == () and result.removed == 0
    (kept,) = result.kept
    assert kept.passage is LEITLINIE
    assert kept.quote.startswith("Die Nutzung frei zugänglicher KI-Dienste")
    assert kept.quote in LEITLINIE.chunk.text


def test_invented_number_removes_the_sentence() -> None:
    sentence = DraftSentence("Im Haushalt 2026 sind für Lizenzen 1.000 Euro vorgesehen.", 2)
    result = verify([sentence], [LEITLINIE, BUDGET], TODAY)
    assert result.kept == () and result.removed == 1
    assert "Zahl 1000 nicht in der Quelle belegt" in result.warnings[0]


def test_number_in_source_passes() -> None:
    sentence = DraftSentence("Für Lizenzen und Betrieb von KI-Anwendungen sind 2026 175.000 Euro angesetzt.", 2)
    assert len(verify([sentence], [LEITLINIE, BUDGET], TODAY).kept) == 1


def test_unsupported_sentence_is_removed() -> None:
    sentence = DraftSentence("Die Stadt plant eine Kooperation mit Start-ups aus dem Silicon Valley.", 1)
    result = verify([sentence], [LEITLINIE, BUDGET], TODAY)
    assert result.kept == () and "nicht durch die Quellen belegt" in result.warnings[0]


def test_wrong_source_number_is_corrected() -> None:
    sentence = DraftSentence("Generative Textassistenz steht allen Beschäftigten mit MusterGPT zur Verfügung.", 2)
    result = verify([sentence], [LEITLINIE, BUDGET], TODAY)
    assert result.kept[0].passage is LEITLINIE
    assert "Quellenverweis korrigiert" in result.warnings[0]


def test_out_of_range_source_and_duplicates() -> None:
    sentence = DraftSentence("Generative Textassistenz steht allen Beschäftigten mit MusterGPT zur Verfügung.", 9)
    result = verify([sentence, sentence], [LEITLINIE], TODAY)
    assert len(result.kept) == 1


def test_source_no_longer_in_force_is_flagged() -> None:
    sentence = DraftSentence("Beschäftigte dürfen ChatGPT für allgemeine Recherchen nutzen.", 1)
    result = verify([sentence], [EXPIRED], TODAY)
    assert result.kept and "seit 31.10.2024 nicht mehr in Kraft" in result.warnings[0]


def test_support_and_best_quote() -> None:
    assert support("", "x") == 0.0
    assert support("Lizenzen Betrieb", BUDGET.chunk.text) == 1.0
    assert best_quote("Ansatz 2026", BUDGET.chunk.text) == "Ansatz 2026: 175.000 Euro."


def test_restating_the_question_is_not_an_answer() -> None:
    question = "Ist die Nutzung von ChatGPT durch die Beschäftigten erlaubt?"
    sentence = DraftSentence("Ja, die Nutzung von ChatGPT durch die Beschäftigten ist erlaubt.", 1)
    result = verify([sentence], [LEITLINIE], TODAY, question)
    assert result.kept == () and "Verneinung" in result.warnings[0]


def test_restating_yes_answer_is_kept_when_the_source_says_so() -> None:
    question = "Steht allen Beschäftigten eine Textassistenz zur Verfügung?"
    sentence = DraftSentence("Ja, allen Beschäftigten steht die Textassistenz MusterGPT zur Verfügung.", 1)
    assert verify([sentence], [LEITLINIE], TODAY, question).kept


def test_restating_without_support_is_removed() -> None:
    question = "Gibt es Kooperationen mit Start-ups?"
    sentence = DraftSentence("Ja, es gibt Kooperationen mit Start-ups.", 1)
    result = verify([sentence], [LEITLINIE], TODAY, question)
    assert result.kept == () and "Satz wiederholt die Frage, ohne Beleg" in result.warnings[0]
    named = DraftSentence("Das Bezirksamt nutzt die Plattform LLMoin für Textentwürfe.", 1)
    flagged = verify([named], [LEITLINIE], TODAY, "Nutzt das Bezirksamt LLMoin?")
    assert flagged.kept == () and "Begriffe der Frage, die in keiner Quelle stehen (LLMoin)" in flagged.warnings[0]
    source = Passage(Chunk("d#1", "d#1", "document", "Bericht", "Die Verwaltung kooperiert mit Start-ups.", {}), 0.5)
    assert verify([sentence], [source], TODAY, question).kept  # with a source that says so, it stands


def test_flipped_negation_is_rejected() -> None:
    sentence = DraftSentence(
        "Die Nutzung frei zugänglicher KI-Dienste wie ChatGPT ist für dienstliche Inhalte gestattet.", 1
    )
    result = verify([sentence], [LEITLINIE], TODAY)
    assert result.kept == () and "Verneinung" in result.warnings[0]


def test_quote_may_span_two_adjacent_sentences() -> None:
    sentence = DraftSentence(
        "MusterGPT steht allen Beschäftigten zur Verfügung, frei zugängliche Dienste wie ChatGPT sind nicht gestattet.",
        1,
    )
    (kept,) = verify([sentence], [LEITLINIE], TODAY).kept
    assert kept.quote.startswith("Generative Textassistenz") and kept.quote.endswith("nicht gestattet.")
    assert kept.quote in LEITLINIE.chunk.text


def test_term_from_no_source_is_flagged_for_review() -> None:
    sentence = DraftSentence("In der Verwaltung Herne steht allen Beschäftigten MusterGPT zur Verfügung.", 1)
    result = verify([sentence], [LEITLINIE], TODAY)
    assert result.kept  # kept, but the reviewer is told
    assert result.warnings == ("„Herne“ steht in keiner Quelle – bitte prüfen: „" + sentence.text + "“",)


EARLIER_REPLY = Passage(
    Chunk(
        "answers/2025-06-02.yaml#2",
        "answers/2025-06-02.yaml#2",
        "answer",
        "Frühere Antwort",
        "Frage: Dürfen Beschäftigte ChatGPT dienstlich nutzen?\n"
        "Antwort: Nein. Die Nutzung von ChatGPT ist nicht gestattet.",
    ),
    0.7,
)
STRATEGY = Passage(
    Chunk(
        "documents/strategie.md#2",
        "documents/strategie.md#2",
        "document",
        "Strategie",
        "Eine KI-Strategie wird von der KI-Koordinierungsstelle mit Unterstützung "
        "der Hochschule Musterstadt erarbeitet.",
    ),
    0.6,
)


def test_a_question_is_never_the_quote() -> None:
    assert best_quote("Dürfen Beschäftigte ChatGPT nutzen?", EARLIER_REPLY.chunk.text) == (
        "Die Nutzung von ChatGPT ist nicht gestattet."
    )


def test_too_short_sentence_is_removed() -> None:
    result = verify([DraftSentence("Chatbot „Frag Musterstadt“.", 1)], [LEITLINIE], TODAY)
    assert result.kept == () and "zu kurz" in result.warnings[0]


def test_question_predicate_glued_to_source_subject_is_removed() -> None:
    question = (
        "Welche konkreten Maßnahmen sind geplant, um Mitarbeitende auf den KI-Einsatz vorzubereiten und weiterzubilden?"
    )
    sentence = DraftSentence(
        "Die KI-Koordinierungsstelle und die Hochschule Musterstadt sind geplant, um Mitarbeitende auf den "
        "KI-Einsatz vorzubereiten und weiterzubilden.",
        1,
    )
    result = verify([sentence], [STRATEGY], TODAY, question)
    assert result.kept == () and "wiederholt die Frage" in result.warnings[0]


def test_a_thing_only_the_question_names_cannot_be_asserted() -> None:
    question = (
        "In welchem Umfang nutzt das Bezirksamt zentrale KI-Angebote der Freien und Hansestadt Hamburg (z. B. LLMoin)?"
    )
    invented = DraftSentence("Das Bezirksamt nutzt die LLMoin, eine KI-Anwendung zur Textassistenz.", 1)
    checked = verify([invented], [LEITLINIE], TODAY, question)
    assert checked.kept == ()
    assert "Begriffe der Frage, die in keiner Quelle stehen (LLMoin)" in checked.warnings[0]


def test_hyphenated_names_count_as_known_when_every_part_is_in_a_source() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.verify import foreign_terms

    passage = Passage(
        Chunk("c", "documents/s.md#2", "document", "KI-Strategie", "Die KI-Koordinierungsstelle erarbeitet sie."),
        0.9,
    )
    assert (
        foreign_terms("Die Stadt lässt die KI-Strategie von der KI-Koordinierungsstelle erarbeiten.", [passage]) == []
    )
    assert foreign_terms("Die Stadt nutzt den Herne-Chatbot seit 2024.", [passage]) == ["Herne-Chatbot"]
