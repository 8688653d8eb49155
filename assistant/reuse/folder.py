"""Released replies as files in the ``answers/`` format of the knowledge-base contract.

One YAML file per released letter: ``inquiry``, ``released`` and a list ``answers`` of
``question``/``answer`` pairs (what ``kb/load`` reads), plus what the memory keeps beyond the
contract: ``term``, ``sender``, ``kind``, ``inquiry_date`` and per answer ``approved_by`` and
``sources``. Importing reads the same files back (and any plain ``answers/`` file).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from assistant.domain import Reply
from assistant.errors import KnowledgeBaseError
from assistant.kb import yamltext

MAX_FILE = 5_000_000


def _name(reply: Reply) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", reply.inquiry_title.lower().translate(str.maketrans("äöüß", "aous")))
    return f"{reply.released}-{slug.strip('-')[:60] or 'antwort'}.yaml"


def export(replies: Sequence[Reply], folder: Path) -> list[Path]:
    """Write the replies, one file per released letter; returns the files written."""
    letters: dict[tuple[str, str, str, str], list[Reply]] = {}
    for reply in replies:
        letter = (reply.released, reply.inquiry_title, reply.sender, reply.inquiry_date)
        letters.setdefault(letter, []).append(reply)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for group in letters.values():
        first = group[0]
        data = {
            "inquiry": first.inquiry_title,
            "released": first.released,
            "term": first.term,
            "kind": first.inquiry_kind,
            "sender": first.sender,
            "inquiry_date": first.inquiry_date,
            "answers": [_answer(r) for r in group],
        }
        path = _free(folder / _name(first), written)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
        written.append(path)
    return written


def _free(path: Path, taken: list[Path]) -> Path:
    """``path``, or with ``-2``, ``-3`` … when this export already wrote it (two letters of one day
    with the same title); a file of an earlier export is overwritten, so exporting twice is idempotent."""
    candidate, number = path, 1
    while candidate in taken:
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _answer(reply: Reply) -> dict[str, Any]:
    data: dict[str, Any] = {"question": reply.question, "answer": reply.answer}
    if reply.approved_by:
        data["approved_by"] = reply.approved_by
    if reply.citations:
        data["sources"] = [c.to_json() for c in reply.citations]
    if reply.source_texts:
        data["source_texts"] = dict(reply.source_texts)  # what the cited sources said at release
    return data


def read(path: Path) -> list[Reply]:
    """The replies of one ``answers/`` file; a file that is not one is an error naming it."""
    try:
        if path.stat().st_size > MAX_FILE:
            raise KnowledgeBaseError(f"{path.name}: größer als {MAX_FILE // 1_000_000} MB", hint="Datei aufteilen")
        data = yamltext.parse(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"{path.name}: nicht lesbar ({exc})", hint="UTF-8-YAML im answers/-Format") from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), list):
        raise KnowledgeBaseError(
            f"{path.name}: erwartet 'inquiry', 'released' und eine Liste 'answers'", hint="siehe spec/knowledge-base.md"
        )
    released = str(data.get("released") or "")
    try:
        date.fromisoformat(released)
    except ValueError:
        raise KnowledgeBaseError(f"{path.name}: 'released' ist kein Datum (JJJJ-MM-TT): {released!r}") from None
    shared = {
        "inquiry_title": data.get("inquiry"),
        "released": released,
        "term": data.get("term"),
        "inquiry_kind": data.get("kind"),
        "sender": data.get("sender"),
        "inquiry_date": data.get("inquiry_date"),
    }
    replies = []
    for number, item in enumerate(data["answers"], start=1):
        if not isinstance(item, dict) or not item.get("question") or not item.get("answer"):
            raise KnowledgeBaseError(f"{path.name}: Antwort {number}: 'question' und 'answer' sind Pflicht")
        sources = item.get("sources") or []
        try:
            replies.append(
                Reply.from_json(
                    {**shared, "question": str(item["question"]).strip(), "answer": str(item["answer"]).strip(),
                     "approved_by": item.get("approved_by"), "citations": sources if isinstance(sources, list) else [],
                     "source_texts": item.get("source_texts") if isinstance(item.get("source_texts"), dict) else {}}
                )
            )  # fmt: skip
        except (KeyError, TypeError, AttributeError):
            raise KnowledgeBaseError(
                f"{path.name}: Antwort {number}: 'sources' braucht je marker, source_id, title und quote"
            ) from None
    return replies
