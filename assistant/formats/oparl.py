"""Inquiries from a council information system's OParl API (OParl 1.1): a ``Paper`` and its
``mainFile``, fetched by the paper's URL or found among an endpoint's papers by date and type.

Only the configured system is asked (``[oparl] endpoint`` or a URL the clerk gives), over HTTP(S),
with a timeout and size limits; the main file is read like an uploaded one (``read.read_bytes``).
OParl objects are JSON with a ``type`` such as ``https://schema.oparl.org/1.1/Paper``; lists are
pages ``{"data": [...], "links": {"next": URL}}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlparse

from assistant.errors import InquiryError
from assistant.formats.read import MAX_BYTES, InquiryText, read_bytes

MAX_JSON = 5 * 1024 * 1024
MAX_PAGES = 20  # of a paper list searched; newest lists first in practice


@dataclass(frozen=True)
class Paper:
    url: str
    name: str
    reference: str  # Drucksachennummer
    date: str  # ISO date, "" when absent
    paper_type: str
    file_url: str
    file_name: str
    file_object: str = ""  # the File object's URL when the paper only links it (read on import)


def _kind(data: dict[str, Any]) -> str:
    return str(data.get("type", "")).rsplit("/", 1)[-1]


class OParl:
    """A client for one OParl system (``httpx``; any object with ``get(url)`` streaming works in tests)."""

    def __init__(self, timeout: float = 20.0) -> None:
        import httpx

        self._client = httpx.Client(timeout=timeout, follow_redirects=True, headers={"Accept": "application/json"})

    def __enter__(self) -> OParl:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _get(self, url: str, limit: int) -> bytes:
        if urlparse(url).scheme not in ("http", "https"):
            raise InquiryError(f"OParl: „{url}“ ist keine http(s)-Adresse", hint="Adresse der Drucksache prüfen")
        import httpx

        try:
            with self._client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise InquiryError(
                        f"OParl: {url} antwortet mit Status {response.status_code}", hint="Adresse prüfen"
                    )
                parts, size = [], 0
                for part in response.iter_bytes():
                    parts.append(part)
                    size += len(part)
                    if size > limit:
                        raise InquiryError(f"OParl: {url} ist größer als {limit // (1024 * 1024)} MB")
                return b"".join(parts)
        except httpx.HTTPError as exc:
            raise InquiryError(
                f"OParl: {url} nicht erreichbar ({type(exc).__name__})",
                hint="Netz und Adresse des Ratsinformationssystems prüfen",
            ) from None

    def json(self, url: str) -> dict[str, Any]:
        import json

        try:
            data = json.loads(self._get(url, MAX_JSON))
        except ValueError:
            raise InquiryError(f"OParl: {url} liefert kein JSON", hint="Ist das eine OParl-Adresse?") from None
        if not isinstance(data, dict):
            raise InquiryError(f"OParl: {url} liefert kein OParl-Objekt")
        return data

    def paper(self, url: str) -> Paper:
        """The paper at ``url`` (a ``Paper`` object's own URL)."""
        data = self.json(url)
        if _kind(data) != "Paper":
            raise InquiryError(f"OParl: {url} ist keine Drucksache (Typ „{_kind(data) or '?'}“)")
        return self._paper(data, url)

    @staticmethod
    def _paper(data: dict[str, Any], url: str) -> Paper:
        main = data.get("mainFile") or {}
        linked = main if isinstance(main, str) else ""
        if not isinstance(main, dict):
            main = {}
        return Paper(
            url=str(data.get("id") or url),
            name=str(data.get("name") or ""),
            reference=str(data.get("reference") or ""),
            date=str(data.get("date") or "")[:10],
            paper_type=str(data.get("paperType") or ""),
            file_url=str(main.get("downloadUrl") or main.get("accessUrl") or ""),
            file_name=str(main.get("fileName") or main.get("name") or "drucksache"),
            file_object=linked,
        )

    def main_file(self, paper: Paper) -> InquiryText:
        """The paper's main file read as an inquiry (PDF, Word, HTML or text)."""
        if not paper.file_url and paper.file_object:
            main = self.json(paper.file_object)
            url = str(main.get("downloadUrl") or main.get("accessUrl") or "")
            paper = Paper(**{**paper.__dict__, "file_url": url, "file_name": str(main.get("fileName") or "drucksache")})
        if not paper.file_url:
            raise InquiryError(f"OParl: Drucksache „{paper.name}“ hat keine Hauptdatei", hint="Datei hochladen")
        name = paper.file_name
        suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return read_bytes(self._get(paper.file_url, MAX_BYTES), name, suffix)

    def search(self, endpoint: str, since: date | None, until: date | None, paper_type: str = "") -> list[Paper]:
        """Papers of ``endpoint`` (a System, a Body or a paper list) dated in [since, until] whose type
        contains ``paper_type`` (e.g. "Anfrage"), newest first."""
        data = self.json(endpoint)
        if _kind(data) == "System":
            bodies = self.json(str(data.get("body") or ""))
            first = (bodies.get("data") or [{}])[0] if isinstance(bodies.get("data"), list) else {}
            data = first if isinstance(first, dict) else {}
        lists = str(data.get("paper") or "") if _kind(data) == "Body" else endpoint
        found: list[Paper] = []
        url: str | None = lists
        for _ in range(MAX_PAGES):
            if not url:
                break
            page = self.json(url)
            items = page.get("data")
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and _kind(item) == "Paper" and _wanted(item, since, until, paper_type):
                    found.append(self._paper(item, str(item.get("id") or "")))
            links = page.get("links")
            following = links.get("next") if isinstance(links, dict) else None
            url = following if isinstance(following, str) else None
        return sorted(found, key=lambda p: p.date, reverse=True)


def _wanted(item: dict[str, Any], since: date | None, until: date | None, paper_type: str) -> bool:
    day = str(item.get("date") or "")[:10]
    if since and (not day or day < since.isoformat()):
        return False
    if until and (not day or day > until.isoformat()):
        return False
    return paper_type.casefold() in str(item.get("paperType") or "").casefold()
