"""Who must supply the facts when the knowledge base has none.

Each department of ``municipality.yaml`` gets a profile from the knowledge
base itself: its name, the titles and headings of the documents it owns, and
the names and purposes of its inventory entries, widened by a few words
every German administration uses for the same remit ("Kosten" belongs to
finance, "Schulung" to personnel). The department whose profile shares the
most distinctive words with the question is named; without a clear match,
the coordination contact is.
"""

from __future__ import annotations

import math
from collections import Counter

from assistant.kb.model import Department, KnowledgeBase
from assistant.text import stems

# Remit words by a word stem of the department's name.
_REMIT = {
    "finanz": "Kosten Haushalt Haushaltsmittel Mittel Ausgaben Budget Euro Finanzierung Fördermittel Ansatz",
    "person": "Beschäftigte Mitarbeitende Stellen Personalrat Dienstvereinbarung Schulung Fortbildung Qualifizierung",
    "datens": "Datenschutz personenbezogene Daten Folgenabschätzung DSGVO Betroffene",
    "digita": "IT Software Rechenzentrum Cloud Informationssicherheit Anwendungen Lizenzen Strategie",
    "ratsbü": "Sitzungen Protokolle Ratsinformationssystem Gremien Ausschüsse",
    "bürger": "Bürgerservice Servicecenter Termine Chatbot Bürgeramt",
    "sozial": "Sozialleistungen Wohngeld Jobcenter Grundsicherung",
    "planun": "Bauanträge Bauleitplanung Baugenehmigung",
    "verkeh": "Straßen Verkehr Ampeln Parken",
}


def _profiles(kb: KnowledgeBase) -> dict[str, set[str]]:
    profiles = {d.id: stems(d.name) for d in kb.municipality.departments}
    for department in kb.municipality.departments:
        for stem in list(profiles[department.id]):
            profiles[department.id] |= stems(_REMIT.get(stem, ""))
    for document in kb.documents:
        if document.owner in profiles:
            headings = " ".join(s.heading for s in document.sections)
            profiles[document.owner] |= stems(f"{document.title} {headings}")
    for record in kb.inventory:
        owner = record.get("department")
        if owner in profiles:
            profiles[owner] |= stems(f"{record.get('name')} {record.get('purpose')}")
    return profiles


def responsible(question: str, kb: KnowledgeBase) -> Department | None:
    """The department most likely to hold the facts for ``question``, if one stands out."""
    profiles = _profiles(kb)
    if not profiles:
        return None
    spread = Counter(stem for profile in profiles.values() for stem in profile)
    asked = stems(question)
    scores = {  # fsum: the same sum in every order of the set, so a tie stays a tie on every machine
        dept: math.fsum(math.log(len(profiles) / spread[s]) for s in asked & profile)
        for dept, profile in profiles.items()
    }
    best = max(scores, key=lambda dept: scores[dept])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 1.0 or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return next(d for d in kb.municipality.departments if d.id == best)
