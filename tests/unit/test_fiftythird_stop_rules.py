"""Rules of stop 53, from grading 53 (set 30) and a run with a model whose every sentence fails verification (what
the data and the sources' own sentences answer alone): a narrow inquiry's Betreff that calls one of two siblings by
their shared name, a recorded decision after its label ("Beschluss: Ab dem … kann …") and a report's strong past
verb ("sank") as answers where the model's sentences fail."""

from __future__ import annotations

from datetime import date

from assistant.drafting import wording as w
from assistant.drafting.gaps import _sentence_after_label
from assistant.drafting.understand import Understanding
from assistant.formats.read import read_inquiry
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.load import load
from tests.conftest import ROOT

TODAY = date(2026, 12, 7)


def test_a_report_s_strong_past_verb_makes_a_sentence_and_a_letterhead_s_stand_does_not() -> None:
    assert not w.is_fragment("Die Zeit für die Erstellung eines Protokolls sank im Durchschnitt von 9,5 auf 4 Stunden.")
    assert not w.is_fragment("Die Markterkundung ergab Einrichtungskosten von rund 36.000 €.")
    assert w.has_known_finite_verb("Die Dienstvereinbarung trat am 01.04.2026 in Kraft.")
    assert not w.has_known_finite_verb("Datenschutz bei KI-Anwendungen Stand: 21.08.2026")  # the noun "Stand"
    assert not w.has_known_finite_verb("Der Bot der Stadt")


def test_the_sentence_after_a_short_label_is_quotable_a_letterhead_s_tail_is_not() -> None:
    decided = "Beschluss: Ab dem 01.01.2027 kann HanseScribe Sitzung auch in den Sitzungen der Ortsteilvertretungen "
    decided += "eingesetzt werden."
    assert _sentence_after_label(decided).startswith("Ab dem 01.01.2027 kann HanseScribe")
    oversight = "Menschliche Aufsicht: Die Protokollführung prüft den Entwurf vollständig und zeichnet das Protokoll."
    assert _sentence_after_label(oversight).startswith("Die Protokollführung prüft")
    letterhead = "Bericht: Thannried, 10.12.2026 · Stand der Auswertung: 30.11.2026 · Verfasser: F. Brandl mit der "
    letterhead += "Poststelle."
    assert _sentence_after_label(letterhead) == ""
    assert _sentence_after_label("Die Protokollführung prüft den Entwurf vollständig und zeichnet das Protokoll.") == ""


def test_a_narrow_inquiry_whose_betreff_calls_siblings_by_their_shared_name_is_about_the_one_it_describes() -> None:
    kb = load(ROOT / "eval" / "kbs" / "hansestadt-recknitzmuende")
    read = read_inquiry(ROOT / "eval" / "inquiries" / "holdout-recknitzmuende-hansescribe-otv-wiekhagen.eml")
    inquiry = parse_inquiry(read.text, read.name)
    assert "HanseScribe" in (inquiry.subject or "")  # "… Protokolle in den Sitzungen … (HanseScribe)"
    understanding = Understanding(kb, None, TODAY)
    assert understanding.inquiry_subject(inquiry).applications == ("RKM-KI-02",)  # Sitzung, not Telefon
    readings = understanding.read(inquiry)
    for question_id in ("3", "5", "10"):  # "Wo werden die Tonaufnahmen verarbeitet …?" names nothing itself
        assert readings[question_id].subject.applications == ("RKM-KI-02",), question_id
        assert "HanseScribe Sitzung" in readings[question_id].query, question_id
