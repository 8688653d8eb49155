"""What a motion's Sachstand and Finanzen read from the records a demand names (``named.py``,
``standing.related_rules``, ``finance.earmarks`` / ``application_sentences``), on the evaluation
knowledge bases: the applications of the departments a demand names, the rules in force on its
subject whatever their kind, the part of a budget row a note sets aside for what it names."""

from __future__ import annotations

from datetime import date
from functools import cache

from assistant.domain import Inquiry, Question
from assistant.drafting import finance, finance_sentences
from assistant.drafting.citing import Register
from assistant.drafting.demands import amounts
from assistant.drafting.facts import application_facts
from assistant.drafting.named import application_sentences, asks_overview, named_applications
from assistant.drafting.relevance import Coverage
from assistant.drafting.standing import related_rules, rules_on
from assistant.drafting.statement import item_label
from assistant.drafting.subject import SubjectFinder, departments
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase
from tests.conftest import DEMO_KB, ROOT

TODAY = date(2026, 12, 1)
KBS = ROOT / "eval" / "kbs"
MORATORIUM = (
    "Bis zur Beschlussfassung des Kreistags über eine KI-Strategie werden im Sozialamt, im Kreisjugendamt und im "
    "Jobcenter keine KI-Systeme eingeführt oder erweitert, die Entscheidungen über Sozialleistungen vorbereiten "
    "oder treffen. Die geplante Ausweitung des Dolmetschdienstes VoxBridge auf das Sozialamt bedarf eines "
    "vorherigen Beschlusses des Kreistags."
)


@cache
def kb(name: str) -> KnowledgeBase:
    return load(KBS / name)


def test_a_department_is_named_by_its_leading_noun_when_that_is_its_own() -> None:
    oberwaldau = kb("landkreis-oberwaldau")
    assert departments("im Sozialamt, im Kreisjugendamt und im Jobcenter", oberwaldau) == ("A50", "A51", "JC")
    musterstadt = load(DEMO_KB)  # eight "Fachbereich …": the word names none of them
    assert departments("Welcher Fachbereich ist zuständig?", musterstadt) == ()
    assert departments("Welche Behörde ist zuständig?", musterstadt) == ()  # "Behördlicher Datenschutzbeauftragter"


def test_a_demand_names_applications_by_name_and_by_their_departments() -> None:
    oberwaldau = kb("landkreis-oberwaldau")
    ids = named_applications(MORATORIUM, oberwaldau, SubjectFinder(oberwaldau))
    assert ids[0] == "AI-2023-02" and "AI-2024-01" in ids  # VoxBridge by name, SmartInbox as the Sozialamt's
    text = " ".join(application_sentences(ids, MORATORIUM, oberwaldau, Register(), TODAY))
    assert "keine automatische Bescheiderstellung" in text  # about decisions: how a person oversees it
    assert text.count("befindet sich seit dem 01.03.2024 im Regelbetrieb") == 1  # the status once, not twice


def test_a_demand_names_an_application_by_the_task_only_its_purpose_names() -> None:
    flaeming = kb("landkreis-flaeming-havel")
    rare = Coverage(chunks(flaeming)).rare
    postings = "ab dem 01.01.2027 sämtliche Stellenausschreibungen der Kreisverwaltung mit KI-Hilfe zu erstellen"
    assert named_applications(postings, flaeming, SubjectFinder(flaeming), rare) == ["FH-02"]
    assert named_applications(postings, flaeming, SubjectFinder(flaeming)) == []  # without rarity: no word is rare
    common = "die Kreisverwaltung berichtet jährlich über die Verwaltung"  # words of many passages name no task
    assert named_applications(common, flaeming, SubjectFinder(flaeming), rare) == []


def test_a_planned_application_says_where_its_procurement_stands_and_what_holds_it() -> None:
    falkenried = kb("holdout-falkenried")
    text = " ".join(application_sentences(["FKR-08"], "", falkenried, Register(), TODAY))
    assert "Vergabe für Februar 2027 vorgesehen" in text and "September 2027" in text
    held = [r for r in falkenried.inventory if r.get("id") == "FKR-09"]
    reason = application_facts(held, ("discontinued_reason",), falkenried, Register(), TODAY).sentences
    assert reason and reason[0].startswith("Zum Stand") and "Einstellung" not in reason[0]


def test_a_demand_for_a_kind_of_rule_finds_the_rule_in_force_on_its_subject_whatever_its_kind() -> None:
    haselbrueck = kb("gemeinde-haselbrueck")
    demand = "bis zum 31.03.2027 eine verbindliche Dienstanweisung zur Nutzung von KI-Diensten wie ChatGPT zu erlassen"
    assert [d.title for d in related_rules(demand, haselbrueck, TODAY)] == [
        "Hinweis des Hauptamts zur Nutzung generativer KI-Dienste"
    ]
    said = rules_on(demand, haselbrueck, Register(), TODAY)
    assert said == ["Der „Hinweis des Hauptamts zur Nutzung generativer KI-Dienste“ gilt seit dem 01.07.2025 [1]."]
    assert related_rules("eine Dienstanweisung zur Aktenführung erlassen", haselbrueck, TODAY) == []
    assert related_rules("ein Verzeichnis der KI-Dienste veröffentlichen", haselbrueck, TODAY) == []  # no rule asked


def test_a_register_demand_gets_the_overview_but_a_demand_naming_money_does_not() -> None:
    assert asks_overview("ein öffentliches Verzeichnis aller in der Gemeindeverwaltung eingesetzten KI-Anwendungen")
    assert asks_overview("das KI-Verzeichnis bis zum 31.03.2027 auf der Internetseite zu veröffentlichen")
    assert not asks_overview("für die Aufbereitung des Verzeichnisses im Haushalt 2027 einmalig 15.000 Euro")
    assert not asks_overview("eine KI-Strategie bis Ende Mai 2025 erstellen")


def test_an_amount_is_for_what_its_words_name_first_or_what_it_refers_back_to() -> None:
    def bought(text: str) -> list[tuple[str, ...]]:
        return [a.purposes for a in amounts(text, "", 2026)]

    analysis = (
        "bis zum 31.12.2027 durch ein externes Institut eine Analyse des Qualifizierungsbedarfs aller Fachbereiche "
        "erstellen zu lassen; hierfür werden im Haushaltsjahr 2027 einmalig 40.000 Euro bereitgestellt."
    )
    assert bought(analysis) == [("consulting",)]
    programme = (
        "Der Magistrat legt ein Qualifizierungsprogramm auf. Für die Durchführung werden in den Haushaltsjahren "
        "2027 bis 2029 jährlich 25.000 Euro zur Verfügung gestellt."
    )
    assert bought(programme) == [("training",)]
    server = (
        "ein Sprachmodell auf eigener Hardware in Betrieb zu nehmen und dafür 2027 einmalig 120.000 Euro für die "
        "Beschaffung von Servertechnik bereitzustellen"
    )
    assert bought(server) == [("hardware",)]  # "in Betrieb nehmen" is no operating cost
    advice = "für die externe Beratung bei Betrieb und Weiterentwicklung 2028 und 2029 jeweils 30.000 Euro"
    assert bought(advice) == [("consulting",)]
    assert bought("c) Investitionen in Hard- und Software: 400.000 Euro pro Jahr bis 2029") == [
        ("hardware", "licenses")
    ]


def finances(demand: str, base: KnowledgeBase) -> list[str]:
    """The Finanzielle Auswirkungen of a demand that names one amount."""
    (amount,) = amounts(demand, "", 2026)
    return finance_sentences.statement(finance.compare(amount, base), demand, base, Register())


def test_a_note_that_sets_part_of_a_row_aside_for_what_the_demand_names_is_quoted() -> None:
    falkenried = kb("holdout-falkenried")
    demand = (
        "Der interne Textassistent FalkText wird zum 01.01.2027 in den Regelbetrieb überführt. Für die Lizenzen "
        "sind in den Haushaltsjahren 2027 und 2028 jeweils 100.000 Euro bereitzustellen."
    )
    said = finances(demand, falkenried)
    noted = [s for s in said if "vermerkt" in s]
    assert len(noted) == 1 and "„FalkText im Regelbetrieb vorbehaltlich der Evaluation 72.000 €“" in noted[0]
    assert "DeepL" not in noted[0]
    assert "Gemessen an dem dort vorgesehenen Betrag wären 2027 28.000 Euro zusätzlich erforderlich." in said
    assert not any("bereits mindestens der beantragte Betrag" in s for s in said)  # 129.200 by category only


def test_a_note_is_read_for_an_application_the_demand_names_not_for_a_shared_word() -> None:
    lindenfeld = kb("kreisstadt-lindenfeld")
    demand = (
        "Der Magistrat legt ein verbindliches Qualifizierungsprogramm auf, das alle Beschäftigten durchlaufen. "
        "Für die Durchführung werden in den Haushaltsjahren 2027 bis 2029 jährlich 25.000 Euro zur Verfügung gestellt."
    )
    said = finances(demand, lindenfeld)
    assert not any("vermerkt" in s or "Gemessen" in s for s in said)  # "12.000 € Basisschulung für neue Beschäftigte"
    assert "Der im Antrag genannte Betrag liegt damit über den veranschlagten Mitteln: 2027 um 7.000 Euro." in said


def test_the_pending_rows_of_a_year_are_one_sentence() -> None:
    falkenried = kb("holdout-falkenried")
    (amount,) = amounts("Für Lizenzen sind 2027 und 2028 jeweils 100.000 Euro bereitzustellen.", "", 2026)
    said = finance_sentences.sentences(finance.compare(amount, falkenried), Register())
    pending = [s for s in said if "im Entwurf, nicht beschlossen" in s]
    assert len(pending) == 1 and pending[0].startswith("Die Ansätze 2027 auf den Haushaltsstellen")


def test_a_demand_about_an_application_shows_its_budget_rows_and_their_notes() -> None:
    lindenfeld = kb("kreisstadt-lindenfeld")
    said = finance_sentences.application_sentences(["LF-03"], lindenfeld, Register(), 2026)
    assert said[0].startswith("Für die Anwendung „Passantenfrequenzzählung Innenstadt“ sind auf der Haushaltsstelle")
    assert "2027 8.400 Euro (im Haushaltsentwurf veranschlagt)" in said[0] and "2025" not in said[0]
    assert any("Vertrag bis 14.05.2027" in s for s in said)


def test_staff_see_a_motion_s_demands_by_number() -> None:
    motion = Inquiry(kind="Antrag", questions=(Question("1", "1", "Die Verwaltung wird beauftragt …"),))
    assert item_label(motion) == "Nr."
    assert item_label(Inquiry(kind="Anfrage", questions=())) == "Frage"


def test_money_bound_elsewhere_is_named_with_its_binding_and_a_grant_beside_the_amount() -> None:
    demand = (
        "Für die Einrichtung eines KI-Lernlabors in der Stadtbibliothek werden im Haushalt 2027 einmalig "
        "40.000 Euro bereitgestellt."
    )
    said = " ".join(finances(demand, kb("stadt-ettenfurt")))
    assert (
        "2027 24.000 Euro" in said
        and "Der im Antrag genannte Betrag liegt damit über den veranschlagten Mitteln: 2027 um 16.000 Euro." in said
    )
    assert "Nicht angerechnet werden 35.000 Euro für „Stadtbibliothek: Erwerb beweglicher Sachen“" in said
    assert "RFID-Selbstverbuchungsautomaten" in said  # the binding note, quoted
    assert "Dem stehen Einnahmen gegenüber: 2027 14.400 Euro („Stadtbibliothek: Zuwendung des Freistaats" in said


class _KeywordEmbedder:
    """A fake embedder: one axis per keyword family, so meaning is what the test says it is."""

    AXES = (("glätte", "frost", "wetter"), ("tour", "ortung", "fahrzeug"))

    def _vector(self, text: str) -> list[float]:
        low = text.lower()
        raw = [float(sum(low.count(word) for word in axis)) for axis in self.AXES] + [0.5]
        norm = sum(x * x for x in raw) ** 0.5
        return [x / norm for x in raw]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def test_the_application_closest_in_meaning_is_named_beside_one_that_shares_a_word() -> None:
    ettenfurt = kb("stadt-ettenfurt")
    finder = SubjectFinder(ettenfurt, _KeywordEmbedder())  # type: ignore[arg-type]
    demand = (
        "Die Verwaltung führt spätestens zum Winter 2026/2027 ein KI-gestütztes Glättewarnsystem ein, das "
        "Straßenwetterdaten und Wetterprognosen auswertet und den Winterdienst rechtzeitig vor drohender Glätte "
        "alarmiert."
    )
    assert finder.find(demand) == ("ET-07",)  # the route planning "im Winterdienst" shares the most words
    assert finder.agreed(demand) == ("ET-05",)  # the frost forecast is what the demand means
    # the route planning shares only "Winterdienst" with the demand and is not what it means: since the seventeenth
    # set an application found by a shared name word alone is named only when it is also the closest in meaning
    assert named_applications(demand, ettenfurt, finder)[:2] == ["ET-05"]
