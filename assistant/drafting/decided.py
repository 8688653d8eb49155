"""A demand a body has already decided: its Sachstand quotes the decision.

"7. Der Vertrag über … AQUAVENT KI, der am 31.05.2027 ausläuft, wird um drei Jahre verlängert." beside the
minutes of 17.11.2026: "Der Vertrag … über die KI-gestützte Belüftungssteuerung AQUAVENT KI wird über den
31.05.2027 hinaus um drei Jahre bis zum 31.05.2030 verlängert." A clerk says so first under Umsetzung: the demand
asks for what stands decided. Only a sentence that records a decision (minutes, "beschlossen") and holds most of
the demand's own words counts, and none that says no.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from assistant.drafting.stale import calendar_day
from assistant.text import sentences_of, stems

MIN_DECIDED = 0.6  # share of the demand's content words the decision must hold
MIN_WORDS = 3  # a demand of fewer content words is too short to match on words
_MARKERS = re.compile(r"\s*\[\d+\]")
_DAY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(20\d\d)\b")
# A sentence that records a decision: minutes quoted ("Der Niederschrift über die Sitzung … ist zu entnehmen: …"),
# or a body that decided ("hat am 24.09.2026 beschlossen", "habe … beschlossen", "beschließt").
_DECISION = re.compile(r"\bist zu entnehmen:|\bbeschlossen\b|\bbeschließt\b|\bbeschloss\b", re.IGNORECASE)
_NO = re.compile(r"\b(?:nicht|keine?[nrms]?|abgelehnt|lehnt\w*|verworfen|zurückgestellt|vertagt)\b", re.IGNORECASE)
# What the administration is to work towards: "setzt sich … dafür ein, dass", "wirkt darauf hin, dass".
_LOBBY = re.compile(r"\b(?:dafür\s+ein|darauf\s+hin|dafür\s+zu\s+sorgen|sicherzustellen),\s+dass\s+", re.IGNORECASE)
# Words every demand and decision of a council share: who decides and who acts.
_FRAME = stems(
    "Verwaltung Stadtverwaltung Gemeindeverwaltung Kreisverwaltung Rat Gemeinderat Stadtrat Kreistag Marktgemeinderat "
    "Ausschuss Bürgermeister Bürgermeisterin Oberbürgermeister Landrat Sitzung Niederschrift Beschluss wird werden"
)


def already_decided(demand: str, sachstand: str, deadlines: Sequence[date] = ()) -> str:
    """The Umsetzung's sentence that the Sachstand quotes a decision of what the demand asks, with its marker;
    "" where none holds ``MIN_DECIDED`` of the demand's words, or the decision's days lie beyond the demand's
    ``deadlines`` ("bis zum 31.12.2026" beside "wird bis zum 31.03.2027 veröffentlicht": decided otherwise)."""
    demand = _MARKERS.sub("", demand)
    if (lobby := _LOBBY.search(demand)) is not None:  # "… setzt sich dafür ein, dass BAUKLAR … eingesetzt wird"
        demand = demand[lobby.end() :]
    wanted = stems(demand) - _FRAME
    if len(wanted) < MIN_WORDS:
        return ""
    for sentence in sentences_of(sachstand):
        body = _MARKERS.sub("", sentence).split(" ist zu entnehmen: ", 1)[-1]
        if not _DECISION.search(sentence) or _NO.search(body):
            continue
        days = [d for m in _DAY.finditer(body) if (d := calendar_day(*m.groups())) is not None]
        if deadlines and days and max(days) > max(deadlines):
            continue
        if len(wanted & stems(body)) / len(wanted) >= MIN_DECIDED:
            markers = "".join(dict.fromkeys(re.findall(r"\[\d+\]", sentence)))
            return f"Nach dem Sachstand ist dies bereits beschlossen oder umgesetzt {markers}.".replace(" .", ".")
    return ""
