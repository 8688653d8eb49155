"""A Stellungnahme's Umsetzung names what stands in a demand's way (``obstacles.py``): the sources' binding
sentences on the kind of thing the demand does – posts, money, ending a contract, cutting staff, introducing a
system – quoted and cited, each once per motion; not what someone said in a meeting, not a rule of another
application, not a clause's name read as the act."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.domain import Passage
from assistant.drafting.citing import Register
from assistant.drafting.obstacles import Obstacles, binds, kinds_of
from assistant.drafting.quoting import Quoter
from assistant.drafting.relevance import Coverage
from assistant.drafting.retrieve import Filters
from assistant.drafting.subject import SubjectFinder
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase

TODAY = date(2026, 12, 1)

_DOCUMENTS = {
    "dienstvereinbarung-ki.md": (
        "Dienstvereinbarung KI",
        "guideline",
        "## § 3 Beteiligung\n\n(1) Einführung, Erprobung und jede wesentliche Änderung eines KI-Systems bedürfen "
        "der vorherigen Zustimmung des Personalrats.\n\n## § 5 Schutz der Beschäftigten\n\n(1) Betriebsbedingte "
        "Kündigungen aus Anlass der Einführung von KI-Systemen sind ausgeschlossen; ein Stellenabbau erfolgt nur "
        "über die natürliche Fluktuation.\n",
    ),
    "haushalt-2027.md": (
        "Vorläufige Haushaltsführung 2027",
        "report",
        "## Vorläufige Haushaltsführung\n\nWährend der vorläufigen Haushaltsführung dürfen neue Stellen des "
        "Stellenplans 2027 nicht besetzt werden. Der Bedarf einer Datenschutz-Folgenabschätzung wird je Vorhaben "
        "geprüft.\n",
    ),
    "niederschrift-2026-09.md": (
        "Niederschrift Stadtrat 24.09.2026",
        "decision",
        "## TOP 5\n\nDer Kämmerer erläutert, der Pilot könne auch während der vorläufigen Haushaltsführung "
        "weiterlaufen, weil die Vereinbarung noch 2026 geschlossen werde.\n",
    ),
    "vermerk-telefonassistent.md": (
        "Vermerk Vertrag Telefonassistent",
        "report",
        "## Vertrag\n\nDer Vertrag über den Telefonassistenten Vox hat eine Mindestlaufzeit bis zum 31.12.2027; eine "
        "Kündigung ist erstmals zum 31.12.2027 möglich.\n",
    ),
}


class _Everything:
    """A fake retriever: every document passage of the knowledge base, in file order."""

    top_k = 5

    def __init__(self, kb: KnowledgeBase) -> None:
        self._passages = [Passage(c, 1.0) for c in chunks(kb) if c.kind == "document"]

    def retrieve(self, query: str, filters: Filters | None = None, top_k: int | None = None) -> list[Passage]:
        return list(self._passages)


def _kb(tmp_path: Path) -> KnowledgeBase:
    root = tmp_path / "kb"
    (root / "documents").mkdir(parents=True)
    (root / "municipality.yaml").write_text(
        "name: Stadt Musterstadt\nkind: Stadt\nauthority: Der Bürgermeister\n"
        "departments:\n  - {id: FB1, name: Zentrale Dienste}\n",
        encoding="utf-8",
    )
    (root / "inventory.csv").write_text(
        "id,name,vendor,department,purpose,status,updated\n"
        "A-1,Vox – KI-Telefonassistent,Vox GmbH,FB1,Telefon,production,2026-10-01\n",
        encoding="utf-8",
    )
    (root / "budget.csv").write_text("year,budget_line,title,category,kind,planned_eur,status\n", encoding="utf-8")
    for name, (title, kind, body) in _DOCUMENTS.items():
        front = f"---\ntitle: {title}\ntype: {kind}\nvalid_from: 2026-01-01\nowner: FB1\npublic: true\n---\n"
        (root / "documents" / name).write_text(front + f"# {title}\n\n" + body, encoding="utf-8")
    return load(root)


def _obstacles(kb: KnowledgeBase) -> Obstacles:
    read = chunks(kb)
    retriever = _Everything(kb)
    return Obstacles(kb, TODAY, retriever, Coverage(read), Quoter(kb, read, TODAY), SubjectFinder(kb), 0.2)  # type: ignore[arg-type]


def test_a_demand_is_read_for_the_kinds_of_act_it_names_not_for_a_clause_s_name() -> None:
    def kinds(demand: str) -> list[str]:
        return [kind.query.split()[0] for kind in kinds_of(demand)]

    assert kinds("Im Stellenplan 2027 werden zwei Stellen geschaffen.") == ["Stellenplan"]
    assert kinds("Der Vertrag über den Telefonassistenten wird zum 31.12.2026 gekündigt.") == ["Vertrag"]
    assert kinds("Verträge über KI-Leistungen enthalten ein Sonderkündigungsrecht.") == []  # a clause, no act
    assert kinds("Die frei werdenden Kapazitäten werden für Kontrollen eingesetzt.") == []  # not a system's use
    assert kinds("Der Bürgermeister berichtet über die durch KI erzielten Einsparungen.") == []  # no staff cut
    assert "betriebsbedingte" in kinds("Durch KI werden bis 2030 zehn Vollzeitstellen eingespart.")
    assert kinds("Das System wird auf das Bürgerbüro ausgeweitet.") == ["Zustimmung"]
    assert "betriebsbedingte" in kinds("Gewonnene Arbeitszeit führt nicht zu Stellenabbau.")


def test_a_binding_sentence_is_a_rule_not_a_noun_or_what_someone_said() -> None:
    assert binds("Neue Stellen dürfen nicht besetzt werden.")
    assert binds("Einführung und Erprobung bedürfen der vorherigen Zustimmung des Personalrats.")
    assert not binds("Der Bedarf einer Datenschutz-Folgenabschätzung wird je Vorhaben geprüft.")  # the noun
    assert not binds("Der Kämmerer erläutert, der Pilot könne während der vorläufigen Haushaltsführung weiterlaufen.")


def test_the_umsetzung_quotes_the_rules_that_stand_in_a_demand_s_way(tmp_path: Path) -> None:
    obstacles = _obstacles(_kb(tmp_path))
    posts = " ".join(obstacles.sentences("Zum 01.01.2027 werden zwei Stellen geschaffen und besetzt.", "", Register()))
    assert "neue Stellen des Stellenplans 2027 nicht besetzt werden" in posts and "[1]" in posts
    ending = " ".join(obstacles.sentences("Der Vertrag über Vox wird zum 31.12.2026 gekündigt.", "", Register()))
    assert "Mindestlaufzeit bis zum 31.12.2027" in ending
    widening = " ".join(obstacles.sentences("Vox wird auf das Standesamt ausgeweitet.", "", Register()))
    assert "vorherigen Zustimmung des Personalrats" in widening
    cuts = " ".join(obstacles.sentences("Durch KI werden zehn Vollzeitstellen eingespart.", "", Register()))
    assert "natürliche Fluktuation" in cuts
    assert obstacles.sentences("Der Bürgermeister berichtet jährlich im Hauptausschuss.", "", Register()) == []


def test_an_obstacle_is_said_once_and_never_from_reported_speech(tmp_path: Path) -> None:
    obstacles = _obstacles(_kb(tmp_path))
    demand = "Für den Pilot werden 2027 weitere 15.000 € bereitgestellt und zwei Stellen besetzt."
    first = obstacles.sentences(demand, "", Register())
    assert first and not any("könne" in s for s in first)
    again = obstacles.sentences(demand, " ".join(first), Register())  # a later demand of the same motion
    assert not set(again) & set(first)


def test_the_wordings_of_a_constraint_vary_and_a_check_whether_something_is_needed_is_none() -> None:
    assert binds("Die Verlängerung steht unter dem Vorbehalt der Zustimmung des Personalrats.")
    assert binds("Ohne Beschluss der Bürgerschaft kann der Auftrag nicht vergeben werden.")
    assert binds("Die Mittel sind im Entwurf mit einem Sperrvermerk veranschlagt.")
    assert binds(
        "Vor einer Ausweitung sind eine Fortschreibung der DSFA und die Zustimmung des Personalrats erforderlich."
    )
    assert not binds("Das Amt prüft, ob eine Datenschutz-Folgenabschätzung erforderlich ist.")


def test_a_term_and_a_notice_period_bind_and_an_agreement_is_a_rule() -> None:
    assert binds("Die Vereinbarung läuft bis zum 31.12.2028.")
    assert binds("Sie kann mit einer Frist von sechs Monaten zum Ende der Laufzeit gekündigt werden.")
    assert not binds("Der Pilot läuft bis zum 31.03.2027.")  # a schedule, no term a party is bound to
    from assistant.drafting.obstacles import _RULE_TITLE

    assert _RULE_TITLE.search("verwaltungsvereinbarung servicebot 115")  # an agreement binds like a service agreement
