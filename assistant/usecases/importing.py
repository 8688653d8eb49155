"""Import an inquiry from the council information system (OParl) instead of downloading and
uploading its PDF: by the paper's URL, or found among the configured endpoint's papers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from assistant.domain import Inquiry
from assistant.errors import UsageError
from assistant.formats.oparl import OParl, Paper
from assistant.inquiry.parse import parse_inquiry
from assistant.services import Services
from assistant.text import german_date


@dataclass(frozen=True)
class Imported:
    paper: Paper
    text: str  # the main file's text, as the new-inquiry form shows it
    inquiry: Inquiry


def client(services: Services) -> OParl:
    return OParl(services.settings.oparl.timeout)


def from_paper(services: Services, url: str) -> Imported:
    """The paper at ``url`` with its main file read and parsed; its date and name fill what the
    file itself does not say."""
    with client(services) as oparl:
        paper = oparl.paper(url.strip())
        read = oparl.main_file(paper)
    inquiry = parse_inquiry(read.text, read.name)
    inquiry = replace(
        inquiry,
        date=inquiry.date or (german_date(paper.date) if paper.date else None),
        subject=inquiry.subject or paper.name or None,
    )
    return Imported(paper, read.text, inquiry)


def search(
    services: Services, since: date | None, until: date | None, paper_type: str = "", endpoint: str = ""
) -> list[Paper]:
    """Papers of the configured (or given) OParl endpoint in a date range, of a type."""
    where = endpoint or services.settings.oparl.endpoint
    if not where:
        raise UsageError(
            "Kein OParl-Zugang eingerichtet", hint="[oparl] endpoint in der Konfiguration setzen oder --endpoint"
        )
    with client(services) as oparl:
        return oparl.search(where, since, until, paper_type)
