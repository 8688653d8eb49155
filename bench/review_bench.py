"""Review database and letter: how long storing, editing, parallel saving and the DOCX take.

`python bench/review_bench.py [POSTGRES_URL]` – SQLite always, PostgreSQL when a URL is given
(`scripts/test-postgres.sh` prints one). A Wandsbek-sized inquiry: 33 answers.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import write_results  # noqa: E402

from assistant.domain import Answer, Citation, Inquiry, Question, Table  # noqa: E402
from assistant.errors import ConflictError  # noqa: E402
from assistant.kb.load import load  # noqa: E402
from assistant.letter import Letter, render  # noqa: E402
from assistant.review.auth import Actor  # noqa: E402
from assistant.review.db import open_database  # noqa: E402
from assistant.review.workflow import Review  # noqa: E402

N = 33
WRITERS, EDITS = 8, 10
CLERK = Actor("bench", frozenset({"sachbearbeitung"}))
INQUIRY = Inquiry(
    kind="Große Anfrage",
    questions=tuple(Question(str(i), f"{i}.", f"Frage {i} zum KI-Einsatz der Verwaltung?") for i in range(1, N + 1)),
    sender="Fraktion",
    date="30.01.2026",
    subject="KI in der Verwaltung",
)


def answer(i: int) -> Answer:
    table = Table(("Anwendung", "Status", "Quelle"), (("Chatbot", "Regelbetrieb", "[1]"),)) if i % 5 == 0 else None
    return Answer(
        str(i),
        "answered",
        f"Die Verwaltung setzt zu Frage {i} den Chatbot im Bürgerservice ein [1]. Er ist seit 2024 im Betrieb [1].",
        (Citation("[1]", f"inventory:KI-{i:03d}", "Chatbot", "Chatbot im Bürgerservice, Regelbetrieb seit 2024"),),
        table=table,
        model="bench",
    )


def measure(url: str) -> dict[str, float]:
    review = Review(open_database(url))
    inquiry_id = review.create_inquiry(CLERK, INQUIRY)
    started = time.perf_counter()
    ids = [review.add_draft(CLERK, inquiry_id, answer(i), {"model": "bench"}) for i in range(1, N + 1)]
    store_ms = (time.perf_counter() - started) * 1000 / N
    edit_times = []
    for answer_id in ids:
        started = time.perf_counter()
        review.edit(CLERK, answer_id, review.answer(answer_id).answer.text + " Ergänzt.", 1)
        edit_times.append((time.perf_counter() - started) * 1000)
    conflicts = []

    def writer(number: int) -> None:
        actor = Actor(f"w{number}", frozenset({"sachbearbeitung"}))
        for edit in range(EDITS):
            while True:
                view = review.answer(ids[0])
                try:
                    review.edit(actor, ids[0], f"{view.answer.text}\nw{number}-{edit}", view.version)
                    break
                except ConflictError:
                    conflicts.append(number)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    parallel_s = time.perf_counter() - started
    final = review.answer(ids[0]).answer.text
    lost = sum(f"w{n}-{e}" not in final for n in range(WRITERS) for e in range(EDITS))
    started = time.perf_counter()
    view = review.inquiry(inquiry_id)
    load_ms = (time.perf_counter() - started) * 1000
    return {
        "store_ms_per_answer": round(store_ms, 1),
        "edit_ms_median": round(statistics.median(edit_times), 1),
        "parallel_saves": WRITERS * EDITS,
        "parallel_seconds": round(parallel_s, 2),
        "conflicts_retried": len(conflicts),
        "lost_updates": lost,
        "load_inquiry_ms": round(load_ms, 1),
        "answers_loaded": len(view.answers),
    }


def letter_figures() -> dict[str, float]:
    kb = load(ROOT / "knowledge_base" / "musterstadt")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        docx = render(
            Letter(kb.municipality, INQUIRY, [answer(i) for i in range(1, N + 1)], True, date.today()),
            Path(folder) / "brief.docx",
        )
        figures = {"docx_ms": round((time.perf_counter() - started) * 1000, 1), "docx_kb": docx.stat().st_size // 1024}
        if shutil.which("soffice"):
            started = time.perf_counter()
            profile = f"-env:UserInstallation=file://{folder}/profile"
            subprocess.run(
                ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", folder, str(docx)],
                check=True,
                capture_output=True,
            )
            figures["libreoffice_pdf_s"] = round(time.perf_counter() - started, 2)
        return figures


def main() -> None:
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = measure(f"sqlite:///{folder}/bench.db")
    if len(sys.argv) > 1 and sys.argv[1]:
        from sqlalchemy import create_engine, text

        name = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(sys.argv[1], isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}"))
        try:
            results["postgresql"] = measure(f"{sys.argv[1].rsplit('/', 1)[0]}/{name}")
        finally:
            with admin.connect() as connection:
                connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    letter = letter_figures()
    lines = [
        "# Review database and letter",
        "",
        f"Inquiry with {N} answers; {WRITERS} writers x {EDITS} saves on one answer.",
        "",
    ]
    lines.append("| database | store ms/answer | edit ms (median) | parallel saves | s | conflicts retried | lost |")
    lines.append("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['store_ms_per_answer']} | {r['edit_ms_median']} | {r['parallel_saves']} | "
            f"{r['parallel_seconds']} | {r['conflicts_retried']} | {r['lost_updates']} |"
        )
    lines += ["", f"Letter ({N} answers): DOCX {letter['docx_ms']} ms, {letter['docx_kb']} KB"]
    if "libreoffice_pdf_s" in letter:
        lines[-1] += f"; LibreOffice → PDF {letter['libreoffice_pdf_s']} s"
    write_results(ROOT / "bench" / "results", "review_bench", {"databases": results, "letter": letter}, lines)


if __name__ == "__main__":
    main()
