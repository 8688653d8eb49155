"""The reply letter as files: DOCX and Markdown, as a draft (marked) or, after release, the final text.

Every logged-in user may export a draft; the final version exists only after the release
(``review.documents`` refuses it before). Each export is logged.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.files import export_folder
from assistant.letter import to_pdf
from assistant.review.auth import Actor
from assistant.review.documents import letter_docx, letter_markdown
from assistant.services import Services

EXPORT_ACTION = "inquiry.export"  # logged, not a permission: reading is open to every logged-in user


def export(
    services: Services, actor: Actor, inquiry_id: int, *, final: bool, today: date | None = None, pdf: bool = False
) -> list[Path]:
    """Write the letter into a private export folder; returns the DOCX and Markdown paths (and the PDF)."""
    view = services.review.inquiry(inquiry_id)
    folder = export_folder(services.settings.data_dir, f"anfrage-{inquiry_id}")
    stem = f"antwort-{inquiry_id}-{'endfassung' if final else 'entwurf'}"
    docx = letter_docx(view, services.settings, folder / f"{stem}.docx", final=final, today=today)
    markdown = folder / f"{stem}.md"
    markdown.write_text(letter_markdown(view, final=final), encoding="utf-8")
    written = [docx, markdown, *([to_pdf(docx)] if pdf else [])]
    services.review.log(actor.name, EXPORT_ACTION, inquiry_id=inquiry_id, final=final, pdf=pdf)
    return written
