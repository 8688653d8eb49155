"""Draft the Herne sample with the real packaged models, write the reply letter (draft), convert it
with LibreOffice and save page 1 as docs/images/brief-seite1.png (and the PDF beside it).

Run by `make docs-images`; needs the models (`make models`), LibreOffice and poppler.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.domain import LetterDetails  # noqa: E402
from assistant.formats.read import read_inquiry  # noqa: E402
from assistant.inquiry.parse import parse_inquiry  # noqa: E402
from assistant.kb.load import load  # noqa: E402
from assistant.letter import letter_for, render, to_pdf  # noqa: E402
from assistant.services import Services  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.usecases.drafting import draft_inquiry  # noqa: E402

KB = ROOT / "knowledge_base" / "musterstadt"
INQUIRY = ROOT.parent / "shared" / "inquiries" / "herne-fdp-2025-05-06.txt"
OUT = ROOT / "docs" / "images"


def main() -> None:
    source = read_inquiry(str(INQUIRY))
    inquiry = parse_inquiry(source.text, source.name)
    result = draft_inquiry(Services(load_settings()), inquiry, KB)
    with tempfile.TemporaryDirectory() as folder:
        details = LetterDetails(
            addressee="FDP-Ratsgruppe im Rat der Stadt\nRathaus\n44623 Herne", reference="A 2025/0815"
        )
        letter = letter_for(load(KB), inquiry, result.answers, final=False, template=None, details=details)
        docx = render(letter, Path(folder) / "brief.docx")
        pdf = to_pdf(docx)  # the product's PDF export
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(OUT / "brief-seite")], check=True
        )
        (OUT / "brief-entwurf.pdf").write_bytes(pdf.read_bytes())
    print(f"geschrieben: {sorted(p.name for p in OUT.glob('brief-*'))}")


if __name__ == "__main__":
    main()
