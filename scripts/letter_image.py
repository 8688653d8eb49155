"""Draft the Herne sample with the real packaged models, write the reply letter (draft), convert it
with LibreOffice and save pages 1–2 as docs/images/brief-seite-N.png (and the PDF beside it); the
same for the Northeim motion's Stellungnahme (docs/images/stellungnahme-seite-N.png).

Run by `make docs-images`; needs the models (`make models`), LibreOffice and poppler.
`python scripts/letter_image.py northeim` makes only the Stellungnahme.
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
SAMPLES = ROOT.parent / "shared" / "inquiries"
OUT = ROOT / "docs" / "images"
LETTERS = {  # name: (inquiry, details, image stem)
    "herne": (
        SAMPLES / "herne-fdp-2025-05-06.txt",
        LetterDetails(addressee="FDP-Ratsgruppe im Rat der Stadt\nRathaus\n44623 Herne", reference="A 2025/0815"),
        "brief",
    ),
    "northeim": (
        SAMPLES / "northeim-fdp-antrag-2025-02-11.txt",
        LetterDetails(addressee="FDP-Fraktion im Rat der Stadt\nRathaus\n37154 Northeim"),
        "stellungnahme",
    ),
}


def image(inquiry_path: Path, details: LetterDetails, stem: str) -> None:
    source = read_inquiry(str(inquiry_path))
    inquiry = parse_inquiry(source.text, source.name)
    result = draft_inquiry(Services(load_settings()), inquiry, KB)
    with tempfile.TemporaryDirectory() as folder:
        letter = letter_for(load(KB), inquiry, result.answers, final=False, template=None, details=details)
        docx = render(letter, Path(folder) / f"{stem}.docx")
        pdf = to_pdf(docx)  # the product's PDF export
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(OUT / f"{stem}-seite")], check=True
        )
        (OUT / f"{stem}-entwurf.pdf").write_bytes(pdf.read_bytes())
        (OUT / f"{stem}-entwurf.docx").write_bytes(docx.read_bytes())
    print(f"geschrieben: {sorted(p.name for p in OUT.glob(f'{stem}-*'))}")


def main() -> None:
    for name in sys.argv[1:] or list(LETTERS):
        image(*LETTERS[name])


if __name__ == "__main__":
    main()
