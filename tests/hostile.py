"""Hostile inputs for the inquiry readers and the knowledge-base validator, built at test time.

``inquiry_cases`` writes well over a thousand hostile inquiry files into a folder (hand-made
worst cases plus seeded fuzzing of the real samples), ``knowledge_base_cases`` more than a
hundred copies of the demo knowledge base with one thing broken in each. ``run`` hands them,
one at a time, to worker processes (``python -m tests.hostile``) with a hard time limit per
input: a worker that does not answer in time is asked for its stack (``faulthandler``), killed
and replaced, and the input is recorded as a hang. Everything is deterministic for one seed.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO_KB = ROOT / "knowledge_base" / "musterstadt"
SAMPLES = ROOT.parent / "shared" / "inquiries"
LIMIT_SECONDS = 5.0
MEMORY_LIMIT = 3 * 1024**3  # per worker; a 10-MB input needing more is a defect in itself
SEED = int(os.environ.get("HOSTILE_SEED", "20261121"))
SECRET = "GEHEIM-AUSSERHALB-DER-WISSENSBASIS-4711"  # content of a file outside every knowledge base
EM = "\u2003"


@dataclass(frozen=True)
class Case:
    """One hostile input and what must hold for it beyond 'no hang, no crash, names its file'."""

    name: str  # file or folder name, unique within its kind
    kind: str  # "inquiry" or "kb"
    path: str
    questions: int | None = None  # a plain numbered list: exactly this many questions ...
    may_refuse: bool = False  # ... or, where set, a refusal naming the file
    expect: str = ""  # kb: "error" or "warning" that validate must report about ``target``
    target: str = ""  # kb: the file (relative to the knowledge base) the problem must name


@dataclass
class Result:
    name: str
    kind: str
    outcome: str  # ok | refused | crash | hang
    seconds: float
    error_type: str = ""
    message: str = ""
    where: str = ""  # innermost frame in assistant/ of a crash or hang
    named: bool = True  # a refusal names its file
    questions: int | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)
    leaked: bool = False  # text from outside the knowledge base ended up in it

    def line(self) -> str:
        where = f" @ {self.where}" if self.where else ""
        kind = f" {self.error_type}" if self.error_type else ""
        count = f" [{self.questions} Fragen]" if self.questions is not None else ""
        return f"{self.name}: {self.outcome}{kind}{count}{where} ({self.seconds:.1f}s) {self.message[:160]!r}"


# --- worker process ----------------------------------------------------------------------


def _frame(tb: Any) -> str:
    import traceback

    frames = [f for f in traceback.extract_tb(tb) if f"{os.sep}assistant{os.sep}" in f.filename]
    if not frames:
        return ""
    last = frames[-1]
    return f"{last.filename.split(os.sep + 'assistant' + os.sep)[-1]}:{last.lineno} {last.name}"


def _refusal(exc: Any, name: str) -> dict[str, Any]:
    text = exc.render()
    return {
        "outcome": "refused",
        "error_type": type(exc).__name__,
        "message": text,
        "named": exc.path is not None or name in text,
    }


def _inquiry(path: str) -> dict[str, Any]:
    from assistant.errors import AssistantError
    from assistant.formats.read import read_inquiry
    from assistant.inquiry.parse import parse_inquiry

    try:
        text = read_inquiry(path)
        inquiry = parse_inquiry(text.text, text.name)
    except AssistantError as exc:
        return _refusal(exc, Path(path).name)
    return {"outcome": "ok", "questions": len(inquiry.questions)}


def _kb_text(kb: Any) -> str:
    parts = [kb.municipality.template]
    parts += [s.text for d in kb.documents for s in d.sections] + [d.header for d in kb.documents]
    parts += [a.answer for a in kb.answers] + [str(r.values) for r in (*kb.inventory, *kb.budget)]
    return "\n".join(parts)


def _kb(path: str) -> dict[str, Any]:
    from assistant.errors import AssistantError
    from assistant.kb.load import validate

    try:
        kb, problems = validate(Path(path))
    except AssistantError as exc:
        return _refusal(exc, Path(path).name)
    listed = [{"file": p.file, "line": p.line, "message": p.message, "warning": p.warning} for p in problems]
    errors = [p for p in problems if not p.warning]
    result: dict[str, Any] = {"problems": listed, "outcome": "refused" if errors or kb is None else "ok"}
    result["message"] = " | ".join(str(p) for p in errors[:3])
    result["named"] = all(p.file for p in errors) and (kb is not None or bool(errors))
    if kb is None and not errors:
        result["message"] = "Wissensbasis unbrauchbar (None), aber kein Fehler gemeldet"
    if kb is not None:
        text = _kb_text(kb)
        result["leaked"] = SECRET in text or "root:x:0:0" in text
    return result


def _handle(request: dict[str, str]) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        result = _inquiry(request["path"]) if request["kind"] == "inquiry" else _kb(request["path"])
    except BaseException as exc:  # everything else is a defect, including RecursionError and MemoryError
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        result = {"outcome": "crash", "error_type": type(exc).__name__, "message": str(exc)[:500]}
        result["where"] = _frame(exc.__traceback__)
    result["seconds"] = time.perf_counter() - start
    return result


def worker_main(dump_path: str) -> None:
    """Answer one JSON line per request line; stdout is reserved for the answers."""
    import faulthandler
    import resource

    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # anything the libraries print goes to the log, not into the protocol
    sys.stdout = sys.stderr
    dump = open(dump_path, "w")  # noqa: SIM115 - kept open for faulthandler
    faulthandler.register(signal.SIGUSR1, file=dump, all_threads=False)
    import assistant.inquiry.parse
    import assistant.kb.load  # noqa: F401 - imported before the clock starts

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft > MEMORY_LIMIT:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, hard))
    out.write('{"ready": true}\n')
    out.flush()
    for line in sys.stdin:
        out.write(json.dumps(_handle(json.loads(line)), ensure_ascii=False) + "\n")
        out.flush()


# --- parent side: workers with a time limit ------------------------------------------------


class _Worker:
    def __init__(self, folder: Path, number: int) -> None:
        self.dump = folder / f"worker-{number}.stack"
        self.log = folder / f"worker-{number}.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.buffer = b""

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        env["PYTHONPATH"] = str(ROOT)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.hostile", str(self.dump)],
                cwd=ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                bufsize=0,
            )
        self.buffer = b""
        if not self._readline(60.0):  # no "ready" line: timed out or died while starting
            raise RuntimeError(f"Hostile-Worker startet nicht: {self.log.read_text(errors='replace')[-2000:]}")

    def _readline(self, timeout: float) -> bytes | None:
        assert self.proc is not None and self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.proc.stdout], [], [], left)[0]:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not chunk:
                return b""  # the worker died
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line

    def ask(self, case: Case) -> Result:
        if self.proc is None:
            self.start()
        assert self.proc is not None and self.proc.stdin is not None
        start = time.monotonic()
        try:
            self.proc.stdin.write(json.dumps({"kind": case.kind, "path": case.path}).encode() + b"\n")
        except BrokenPipeError:  # it died after its last answer: a fresh one takes this input
            self.stop()
            return self.ask(case)
        line = self._readline(LIMIT_SECONDS)
        if line:
            data = json.loads(line)
            return Result(name=case.name, kind=case.kind, **data)
        seconds = time.monotonic() - start
        where = self._stack() if line is None else ""
        code = self.stop()
        if line is None:
            return Result(case.name, case.kind, "hang", seconds, "Timeout", f"länger als {LIMIT_SECONDS:.0f} s", where)
        return Result(case.name, case.kind, "crash", seconds, "WorkerDied", f"Arbeitsprozess endete mit {code}")

    def _stack(self) -> str:
        assert self.proc is not None
        self.dump.write_text("")
        self.proc.send_signal(signal.SIGUSR1)
        time.sleep(0.3)
        frames = re.findall(r'File "([^"]+)", line (\d+) in (\S+)', self.dump.read_text(errors="replace"))
        own = [f for f in frames if f"{os.sep}assistant{os.sep}" in f[0]]
        top = (own or frames or [("", "", "")])[0]
        return f"{top[0].split(os.sep + 'assistant' + os.sep)[-1]}:{top[1]} {top[2]}" if top[0] else ""

    def stop(self) -> int | None:
        if self.proc is None:
            return None
        self.proc.kill()
        code = self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()
        self.proc = None
        return code


def run(cases: list[Case], folder: Path, workers: int = 2) -> list[Result]:
    """Every case through a worker, in parallel; results in the order of ``cases``."""
    folder.mkdir(parents=True, exist_ok=True)
    results: list[Result | None] = [None] * len(cases)
    lock = threading.Lock()
    pending = iter(range(len(cases)))

    def serve(number: int) -> None:
        worker = _Worker(folder, number)
        try:
            while True:
                with lock:
                    index = next(pending, None)
                if index is None:
                    return
                results[index] = worker.ask(cases[index])
        finally:
            worker.stop()

    threads = [threading.Thread(target=serve, args=(n,), daemon=True) for n in range(max(1, workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done = [r for r in results if r is not None]
    if len(done) != len(cases):
        raise RuntimeError(f"nur {len(done)} von {len(cases)} Eingaben bearbeitet (Worker-Logs in {folder})")
    return done


def save_report(results: list[Result], path: Path) -> None:
    path.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1), encoding="utf-8")


# --- inquiry files -------------------------------------------------------------------------


class _Files:
    """Writes numbered files into one folder and collects their cases."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cases: list[Case] = []
        folder.mkdir(parents=True, exist_ok=True)

    def path(self, label: str, suffix: str) -> Path:
        return self.folder / f"{len(self.cases):04d}-{label}{suffix}"

    def add(self, label: str, suffix: str, data: bytes | str, **expect: Any) -> None:
        path = self.path(label, suffix)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.cases.append(Case(path.name, "inquiry", str(path), **expect))

    def make(self, label: str, suffix: str, create: Callable[[Path], object]) -> None:
        path = self.path(label, suffix)
        create(path)
        self.cases.append(Case(path.name, "inquiry", str(path)))


HEAD = "Anfrage der Fraktion Test im Rat der Stadt Musterstadt\nBetreff: Künstliche Intelligenz\n\n"
SIMPLE = HEAD + "1. Welche KI-Anwendungen nutzt die Verwaltung?\n2. Was kosten sie?\n3. Wer ist zuständig?\n"


def numbered(count: int, style: str = "{n}. Frage {n}: Was gilt im Fall {n}?") -> str:
    return HEAD + "".join(style.format(n=n) + "\n" for n in range(1, count + 1))


def _lists(files: _Files) -> None:
    """Plain numbered lists: every question must come out (and 3- and 4-digit numbers)."""
    for count in (150, 151, 200, 365, 999):
        files.add(f"liste-{count}", ".txt", numbered(count), questions=count)
    files.add("liste-150-klammer", ".txt", numbered(150, "{n}) Wie steht es um Punkt {n}?"), questions=150)
    files.add("liste-150-frage-n", ".txt", numbered(150, "Frage {n}: Wie steht es um Punkt {n}?"), questions=150)
    files.add("liste-150", ".md", numbered(150, "{n}. **Frage** zu Punkt {n}?"), questions=150)
    files.add("liste-150-crlf", ".txt", numbered(150).replace("\n", "\r\n"), questions=150)
    files.add("liste-150-leerzeilen", ".txt", numbered(150).replace("?\n", "?\n\n"), questions=150)
    files.add("liste-1050", ".txt", numbered(1050), questions=1050, may_refuse=True)
    items = "".join(f"<li>Frage zu Punkt {n}?</li>" for n in range(1, 151))
    files.add("liste-150", ".html", f"<html><body><p>{HEAD}</p><ol>{items}</ol></body></html>", questions=150)
    files.add("liste-150", ".docx", _docx([f"{n}. Frage zu Punkt {n}?" for n in range(1, 151)]), questions=150)
    files.add("liste-150-auto", ".docx", _docx_numbered(150, "decimal", "1"), questions=150)
    files.add("liste-150", ".pdf", _pdf([f"{n}. Frage zu Punkt {n}?" for n in range(1, 151)]), questions=150)
    varied = [f"{n}. Wie steht es um das Vorhaben {_name_of(n)}?" for n in range(1, 151)]  # no two alike without digits
    files.add("liste-150-verschieden", ".pdf", _pdf(varied), questions=150)
    files.add("nummer-dreistellig", ".txt", HEAD + "100. Frage?\n101. Frage?\n1. Frage?\n2. Frage?\n")
    files.add("nummer-riesig", ".txt", HEAD + "1. Frage?\n" + "9" * 5000 + ". Frage?\n2. Frage?\n")
    files.add("nummer-tausend", ".txt", HEAD + "".join(f"{n}. Frage?\n" for n in range(998, 1003)))
    files.add("nummer-unicode", ".txt", HEAD + "١. Frage?\n٢. Frage?\n𝟑. Frage?\n¹. Frage?\n")
    files.add("8000x-1-frage", ".txt", HEAD + "1. Frage?\n" * 8000)
    files.add("8000x-I-frage", ".txt", HEAD + "I. Frage?\n" * 8000)
    files.add("8000x-a-frage", ".txt", HEAD + "a) Frage?\n" * 8000)
    files.add("8000x-bullet", ".txt", HEAD + "• Frage?\n" * 8000)
    files.add("8000x-1-frage", ".docx", _docx(["1. Frage?"] * 8000))
    files.add("4000-kleinzeilen", ".txt", numbered(3) + "und noch eine zeile dazu\n" * 4000, questions=3)
    lowercase = numbered(2) + "3. Frage\n" + "weiter im text\n" * 4000
    files.add("4000-kleinzeilen-ohne-punkt", ".txt", lowercase, questions=3)
    files.add("4000-kleinzeilen", ".html", "<html><body><ol><li>Frage?</li></ol>" + "<p>und weiter</p>" * 4000)


def _name_of(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number, 26)
        letters += "bcdfghklmnprstvwxzaeiouäöü"[rest]
    return letters.capitalize()


def _whitespace(files: _Files) -> None:
    """Long runs of Unicode white space that str.strip() and \\s see but ' {2,}' does not."""
    for label, char in (("em", EM), ("ideographic", "\u3000"), ("thin", "\u2009"), ("nbsp", "\u00a0")):
        files.add(f"{label}-space-20000", ".txt", "x" + char * 20000)
        files.add(f"{label}-space-20000-y", ".txt", "x" + char * 20000 + "y\n" + SIMPLE)
        files.add(f"{label}-space-frage", ".txt", SIMPLE + "4." + char * 20000 + "Frage?\n")
    files.add("em-space-absender", ".txt", "Anfrage der x" + EM * 20000 + "y\n" + SIMPLE)
    files.add("em-space-anfrage-vom", ".txt", "x" + EM * 20000 + "Anfrage vom 01.02.2025\n" + SIMPLE)
    files.add("em-space-sitzung", ".txt", SIMPLE + "Sitzung des" + EM * 20000 + "Rates am 01.02.2025\n")
    files.add("em-space-datum", ".txt", "Datum:" + EM * 20000 + "01.02.2025\n" + SIMPLE)
    files.add("em-space-betreff", ".txt", SIMPLE + "Betreff" + EM * 20000 + ":" + EM * 20000 + "x\n")
    files.add("em-space", ".html", f"<p>x{EM * 20000}y</p><p>Anfrage der x{EM * 20000}y</p><ol><li>Frage?</li></ol>")
    files.add("spaces-20000", ".txt", "x" + " " * 20000 + "y\n" + SIMPLE + "Anfrage der x" + " " * 20000 + "y\n")
    files.add("tabs-20000", ".txt", "x" + "\t" * 20000 + "y\n" + SIMPLE)
    files.add("leerzeilen-200000", ".txt", "\n" * 200000 + SIMPLE)
    files.add("kurze-zeilen-200000", ".txt", SIMPLE + "x\n" * 200000)


def _lines(files: _Files) -> None:
    """Encodings, line endings, control and invisible characters, very long lines."""
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"):
        data = SIMPLE.encode(encoding)
        if encoding in ("utf-16-le", "utf-16-be"):
            files.add(f"kodierung-{encoding}-mit-bom", ".txt", "\ufeff".encode(encoding) + data, questions=3)
            files.add(f"kodierung-{encoding}-ohne-bom", ".txt", data, questions=3, may_refuse=True)
        else:
            files.add(f"kodierung-{encoding}", ".txt", data, questions=3)
    mixed = SIMPLE.replace("\n", "\r\n", 2).replace("?\n", "?\r", 1)
    files.add("zeilenenden-gemischt", ".txt", mixed, questions=3)
    files.add("zeilenenden-cr", ".txt", SIMPLE.replace("\n", "\r"), questions=3)
    files.add("zeilenenden-cr-latin1", ".txt", (SIMPLE + "\x81\n").replace("\n", "\r").encode("latin-1"), questions=3)
    files.add("zeilenenden-lsep", ".txt", SIMPLE.replace("\n", "\u2028"))
    for label, data in (
        ("leer", b""), ("nur-bom", b"\xef\xbb\xbf"), ("nur-bom-utf16le", b"\xff\xfe"), ("nur-bom-utf16be", b"\xfe\xff"),
        ("nur-leerzeichen", b"   \n\t\n"), ("nur-nul", b"\x00" * 100), ("bom-und-nul", b"\xff\xfe\x00\x00\x00"),
        ("ein-byte", b"?"), ("ungerade-utf16", b"\xff\xfe1\x00.\x00 \x00F\x00?"),
        ("utf16-surrogat", b"\xff\xfe\x00\xd8"),
    ):  # fmt: skip
        files.add(label, ".txt", data)
    files.add("nul-bytes", ".txt", SIMPLE.replace("?", "?\x00"))
    files.add("nul-nach-4096", ".txt", SIMPLE + "x" * 5000 + "\x00" * 100)
    files.add("steuerzeichen", ".txt", "".join(chr(c) for c in range(32)) + SIMPLE)
    files.add("steuerzeichen-wenige", ".txt", SIMPLE.replace("Frage", "Fr\x07age").replace("die", "d\x1bie"))
    files.add("rtl-und-zero-width", ".txt", SIMPLE.replace("1.", "\u202e1.\u200f").replace("2.", "\u200b2.\u2066"))
    files.add("zero-width-ueberall", ".txt", "\u200b".join(SIMPLE))
    files.add("kombinierende-zeichen", ".txt", SIMPLE.replace("?", "?" + "\u0301" * 5000))
    files.add("surrogates-cp1252", ".txt", b"\xed\xa0\x80" + SIMPLE.encode("utf-8"))
    files.add("zeile-1mb", ".txt", "a" * 1_048_576)
    files.add("zeile-1mb-frage", ".txt", "1. " + "Wort " * 210_000 + "?")
    files.add("zeile-1mb-punkte", ".txt", "1. " * 350_000)
    files.add("zeile-1mb-sitzung", ".txt", SIMPLE + "Sitzung des Rates " * 58_000)
    files.add("zeile-1mb-pipes", ".txt", SIMPLE + "Betreff: " + "|" * 1_000_000)
    files.add("zeile-1mb-bindestriche", ".txt", SIMPLE + "Schulungs-\n" * 100_000)
    files.add("ueber-20mb", ".txt", SIMPLE + "x" * (21 * 1024 * 1024))


def _html(files: _Files) -> None:
    questions = "<ol><li>Welche Anwendungen?</li><li>Was kostet das?</li></ol>"
    for depth in (2000, 20000):
        files.add(f"div-{depth}", ".html", "<div>" * depth + questions + "</div>" * depth)
    files.add("div-2000-offen", ".html", "<html><body>" + "<div>" * 2000 + questions)
    files.add("ol-verschachtelt-600", ".html", "<ol><li>Frage?" * 600 + "</li></ol>" * 600)
    files.add("table-verschachtelt-1000", ".html", "<table><tr><td>" * 1000 + "1. Frage?")
    files.add("b-i-10mb", ".html", "<html><body><p>1. Frage?</p>" + "<b><i>" * (10 * 1024 * 1024 // 6))
    for label, attrs in (
        ("roman-999999999999", 'type="i" start="999999999999"'), ("roman-gross", 'type="I" start="4000000"'),
        ("letter-riesig", 'type="a" start="99999999999999999999"'), ("start-5000-stellen", f'start="{"9" * 5000}"'),
        ("start-hochgestellt", 'start="²"'), ("start-arabisch", 'start="٣"'), ("start-negativ", 'start="-5"'),
        ("start-leer", 'start=""'), ("start-null", 'type="a" start="0"'), ("typ-unbekannt", 'type="x" start="3"'),
    ):  # fmt: skip
        files.add(f"ol-{label}", ".html", f"<html><body><p>Anfrage</p><ol {attrs}><li>Frage?</li></ol></body></html>")
    files.add("nur-script", ".html", "<html><script>1. Frage?</script></html>")
    files.add(
        "entities", ".html", "<p>&#0; &#x110000; &#xD800; &#99999999999999999999; &amp;&lt;</p><ol><li>F?</li></ol>"
    )
    files.add("tabelle-10000", ".html", "<table>" + "<tr><td>a</td><td>b?</td></tr>" * 10000 + "</table>")
    files.add("br-200000", ".html", "<p>1. Frage?" + "<br>" * 200000 + "</p>")
    files.add("kaputt", ".html", "<<<>>><!-- <ol><li x=' \"<li>1. Frage?<![CDATA[ ]]> <?php ?> </")
    files.add(
        "doctype-entities", ".html", '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">]><p>&a;&a;</p><ol><li>F?</li></ol>'
    )
    files.add("charset-utf16", ".html", '<meta charset="utf-16"><p>Anfrage</p><ol><li>Frage?</li></ol>')
    files.add("cp1252", ".htm", "<p>Anfrage für Bürger</p><ol><li>Größe?</li></ol>".encode("cp1252"))
    files.add("html-als-txt", ".txt", "<html><body><ol><li>Frage?</li></ol></body></html>")
    files.add("text-als-html", ".html", SIMPLE)
    files.add("eml-multipart", ".eml", _eml())


def _eml() -> str:
    import base64

    body = base64.b64encode(SIMPLE.encode()).decode()
    return (
        'From: a@b.example\nSubject: =?utf-8?q?Anfrage?=\nContent-Type: multipart/mixed; boundary="X"\n\n'
        f"--X\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n{body}\n--X--\n"
    )


# --- Word ----------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return _zip(_docx_parts(out.getvalue()))  # fixed zip dates: the same bytes on every run


def _docx(paragraphs: list[str]) -> bytes:
    """A plain document: a sender line, then one paragraph per entry (written as XML: fast for 8,000)."""
    from xml.sax.saxutils import escape

    texts = ["Anfrage der Fraktion Test", *paragraphs]
    return _docx_with_body("".join(f"<w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p>" for t in texts))


def _docx_numbered(count: int, fmt: str, start: str, ilvl: str = "0", level_ilvl: str = "0", text: str = "") -> bytes:
    """``count`` paragraphs in one automatic list; every attribute as given (strings, so anything goes)."""
    import docx
    from lxml import etree

    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = etree.Element(f"{W}abstractNum", {f"{W}abstractNumId": "77"})
    lvl = etree.SubElement(abstract, f"{W}lvl", {f"{W}ilvl": level_ilvl})
    etree.SubElement(lvl, f"{W}start", {f"{W}val": start})
    etree.SubElement(lvl, f"{W}numFmt", {f"{W}val": fmt})
    etree.SubElement(lvl, f"{W}lvlText", {f"{W}val": text or "%1."})
    numbering.insert(0, abstract)
    num = etree.SubElement(numbering, f"{W}num", {f"{W}numId": "77"})
    etree.SubElement(num, f"{W}abstractNumId", {f"{W}val": "77"})
    document.add_paragraph("Anfrage der Fraktion Test")
    for n in range(1, count + 1):
        paragraph = document.add_paragraph(f"Frage zu Punkt {n}?")
        num_pr = etree.SubElement(paragraph._p.get_or_add_pPr(), f"{W}numPr")
        etree.SubElement(num_pr, f"{W}ilvl", {f"{W}val": ilvl})
        etree.SubElement(num_pr, f"{W}numId", {f"{W}val": "77"})
    return _save(document)


def _docx_style_loop(length: int) -> bytes:
    """Paragraph style A based on B based on ... based on A (``length`` 1: A based on itself)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    styles = [document.styles.add_style(f"Schleife {n}", WD_STYLE_TYPE.PARAGRAPH) for n in range(length)]
    for index, style in enumerate(styles):
        style.base_style = styles[(index + 1) % length]
    document.add_paragraph("Anfrage der Fraktion Test")
    document.add_paragraph("1. Welche Anwendungen gibt es?", style=styles[0])
    return _save(document)


def _zip(parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, compression)  # same bytes each run
    return out.getvalue()


@cache
def _empty_docx() -> bytes:
    import docx

    return _save(docx.Document())


def _docx_parts(data: bytes) -> dict[str, bytes | str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _docx_with_body(body: str) -> bytes:
    parts = _docx_parts(_empty_docx())
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    parts["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>'
    )
    return _zip(parts)


def _docx_bomb(megabytes: int) -> bytes:
    """A valid document whose one paragraph inflates to ``megabytes`` MB: far past the 20-MB file limit."""
    text = "1. " + "Frage " * (megabytes * 1024 * 1024 // 6) + "?"
    return _docx_with_body(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")


def _mail_bytes(body: str, *, cte: str = "quoted-printable", parts: int = 0, attachment: bytes = b"") -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["Subject"] = "Fraktion Test <test@example.org>", "Anfrage: Künstliche Intelligenz"
    message.set_content(body, cte=cte)
    for number in range(parts):
        message.add_attachment(b"1. Frage?\n", maintype="text", subtype="plain", filename=f"anlage-{number}.txt")
    if attachment:
        message.add_attachment(attachment, maintype="application", subtype="octet-stream", filename="anfrage.docx")
    return bytes(message)


def _mail(files: _Files) -> None:
    """E-mails saved from the mail client: broken encodings and attachments, many parts, deep forwarding."""
    files.add("mail-qp", ".eml", _mail_bytes(SIMPLE), questions=3)
    files.add("mail-base64", ".eml", _mail_bytes(SIMPLE, cte="base64"), questions=3)
    files.add("mail-docx-kaputt", ".eml", _mail_bytes(SIMPLE, attachment=b"PK\x03\x04kaputt"), questions=3)
    files.add("mail-2000-anlagen", ".eml", _mail_bytes(SIMPLE, parts=2000), may_refuse=True)
    broken = "From: a@example.org\nSubject: x\nMIME-Version: 1.0\nContent-Transfer-Encoding: base64\n\n!!!$$$\n"
    files.add("mail-base64-kaputt", ".eml", broken, may_refuse=True)
    unknown = "From: a@example.org\nMIME-Version: 1.0\nContent-Type: text/plain; charset=x-unbekannt\n\n" + SIMPLE
    files.add("mail-zeichensatz-unbekannt", ".eml", unknown, questions=3)
    open_end = "From: a@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XYZ\n\n--XYZ\n\n"
    files.add("mail-multipart-offen", ".eml", open_end + SIMPLE, questions=3)
    files.add("mail-nur-kopf", ".eml", "From: a@example.org\nSubject: x\nMIME-Version: 1.0\n\n", may_refuse=True)
    deep = _mail_bytes(SIMPLE)
    for level in range(200):  # forwarded 200 times, each as an attachment of the next (written as bytes: the
        head = (  # standard library's generator itself recurses per level)
            f"From: a@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B{level}\n\n"
            f"--B{level}\nContent-Type: text/plain\n\nweiter\n--B{level}\nContent-Type: message/rfc822\n\n"
        )
        deep = head.encode() + deep + f"\n--B{level}--\n".encode()
    files.add("mail-200-weiterleitungen", ".eml", deep, may_refuse=True)


def _word(files: _Files) -> None:
    files.add("roman-999999999999", ".docx", _docx_numbered(3, "upperRoman", "999999999999"))
    files.add("roman-klein-999999999999", ".docx", _docx_numbered(3, "lowerRoman", "999999999999"))
    files.add("letter-999999999999", ".docx", _docx_numbered(3, "lowerLetter", "999999999999"))
    files.add("stil-basiert-auf-sich", ".docx", _docx_style_loop(1))
    files.add("stil-schleife-2", ".docx", _docx_style_loop(2))
    files.add("stil-schleife-5", ".docx", _docx_style_loop(5))
    for label, kwargs in (
        ("ebene-x", {"ilvl": "x"}), ("definition-ebene-x", {"level_ilvl": "eins"}), ("ebene-leer", {"ilvl": ""}),
        ("ebene-99999999", {"ilvl": "99999999"}), ("ebene-negativ", {"ilvl": "-1"}), ("ebene-1e3", {"ilvl": "1e3"}),
        ("start-x", {"start": "x"}), ("start-negativ", {"start": "-7"}), ("start-leer", {"start": ""}),
        ("start-5000-stellen", {"start": "9" * 5000}), ("lvltext-lang", {"text": "%1." * 100_000}),
        ("lvltext-%9", {"text": "%9%8%7%1)"}), ("format-unbekannt", {"fmt": "chineseCounting"}),
    ):  # fmt: skip
        args: dict[str, Any] = {"fmt": "decimal", "start": "1", **kwargs}
        files.add(f"liste-{label}", ".docx", _docx_numbered(3, **args))
    good = _docx([f"{n}. Frage {n}?" for n in range(1, 6)])
    files.add("abgeschnitten-halb", ".docx", good[: len(good) // 2])
    files.add("abgeschnitten-100", ".docx", good[:100])
    files.add("nur-zip-kopf", ".docx", b"PK\x03\x04" + b"\x00" * 26)
    files.add("zip-ohne-document", ".docx", _zip({"[Content_Types].xml": "<Types/>", "x.txt": "1. Frage?"}))
    parts = _docx_parts(good)
    files.add("document-kein-xml", ".docx", _zip({**parts, "word/document.xml": "<w:document 1. Frage?"}))
    files.add("styles-kein-xml", ".docx", _zip({**parts, "word/styles.xml": b"\xff\xfe garbage"}))
    files.add("numbering-kein-xml", ".docx", _zip({**parts, "word/numbering.xml": "<<<"}))
    files.add("gespeichert-ohne-kompression", ".docx", _zip(parts, zipfile.ZIP_STORED))
    files.add("tabellen-300-tief", ".docx", _docx_with_body("<w:tbl><w:tr><w:tc>" * 300 + "<w:p/>"))
    laughs = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    files.add("billion-laughs", ".docx", _zip({**parts, "word/document.xml": laughs + "]><d>&i;</d>"}))
    files.add("zip-bombe-64mb", ".docx", _docx_bomb(64))
    files.add("zufall", ".docx", random.Random(1).randbytes(5000))
    files.add("docx-als-txt", ".txt", good)
    files.add("docx-ohne-endung", "", good)


# --- PDF -----------------------------------------------------------------------------------


def _pdf(lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))  # same bytes each run
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in ["Anfrage der Fraktion Test", *lines]:
        pdf.cell(0, 5, new_x="LMARGIN", new_y="NEXT", text=line)
    return bytes(pdf.output())


def _raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)


def _pdf_page(content: bytes, compress: bool = False) -> bytes:
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    data = zlib.compress(content, 9) if compress else content
    flate = b" /Filter /FlateDecode" if compress else b""
    return _raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d%s >>\nstream\n" % (len(data), flate) + data + b"\nendstream",
            font,
        ]
    )


def _pdfs(files: _Files) -> None:
    rng = random.Random(2)
    files.add("kopf-und-muell", ".pdf", b"%PDF-1.7\n" + rng.randbytes(20000))
    files.add("nur-kopf", ".pdf", b"%PDF-")
    files.add("zufall", ".pdf", rng.randbytes(20000))
    good = _pdf(["1. Welche Anwendungen gibt es?", "2. Was kosten sie?"])
    files.add("abgeschnitten", ".pdf", good[: len(good) // 2])
    files.add("ohne-xref", ".pdf", good[: good.rfind(b"xref")])
    files.add(
        "pages-zeigt-auf-sich",
        ".pdf",
        _raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]),
    )
    files.add("catalog-zeigt-auf-sich", ".pdf", _raw_pdf([b"<< /Type /Catalog /Pages 1 0 R >>"]))
    files.add(
        "count-riesig",
        ".pdf",
        _raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 999999999999 >>"]),
    )
    files.add("text-roh", ".pdf", _pdf_page(b"BT /F1 12 Tf 72 700 Td (1. Welche Anwendungen gibt es?) Tj ET"))
    files.add("inhalt-kein-operator", ".pdf", _pdf_page(b"BT /F1 12 Tf ((((((((((( Tj ] ] >> ET" * 100))
    files.add("inhalt-bombe", ".pdf", _pdf_page(b"BT /F1 12 Tf 72 700 Td (1. Frage?) Tj ET\n" * 400_000, compress=True))
    files.add("tj-array-riesig", ".pdf", _pdf_page(b"BT /F1 12 Tf [" + b"(a) -1 " * 300_000 + b"] TJ ET"))
    files.add("verschluesselt", ".pdf", _encrypted(good))
    files.add("pdf-als-txt", ".txt", good)


def _encrypted(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _file_system(files: _Files) -> None:
    files.make("verzeichnis", ".txt", lambda p: p.mkdir())
    files.make("symlink-schleife", ".txt", lambda p: p.symlink_to(p.name))
    files.make("symlink-ins-leere", ".txt", lambda p: p.symlink_to(p.parent / "gibt-es-nicht.txt"))
    files.make("unbekannte-endung", ".odt", lambda p: p.write_text(SIMPLE))
    files.make("endung-gross", ".TXT", lambda p: p.write_text(SIMPLE))
    files.make("fifo", ".txt", lambda p: os.mkfifo(p))
    files.make("dev-zero", ".txt", lambda p: p.symlink_to("/dev/zero"))
    files.make("dev-null", ".txt", lambda p: p.symlink_to("/dev/null"))
    files.make("sparse-21mb", ".txt", lambda p: _sparse(p, 21 * 1024 * 1024))
    files.make("name-mit-zeilenumbruch\nund-tab\t", ".txt", lambda p: p.write_text(SIMPLE))
    if os.geteuid() != 0:  # root reads everything
        files.make("ohne-leserecht", ".txt", _unreadable)


def _unreadable(path: Path) -> None:
    path.write_text(SIMPLE)
    path.chmod(0)


def _sparse(path: Path, size: int) -> None:
    with open(path, "wb") as handle:
        handle.truncate(size)


# --- fuzzing -------------------------------------------------------------------------------

SNIPPETS = ("1. ", "2) ", "a) ", "- b) ", "• ", "Frage 3: ", "II. ", "Begründung:", "Wenn ja, ", "Anfrage der ", "?",
            "\n", "\n\n", "Sitzung des Ausschusses am 01.02.2025", "An den", "Betreff: ", "Datum", "|", "**", "-\n",
            EM * 7, "\u200b", "\u202e", "\ufeff", "\x0c", "\u00a0", "\u2028", "\x85", "ß", "€", "🙂", "\r", "<b>",
            "999. ", "0. ", "Mit freundlichen Grüßen", "bis zum 31.02.2025", "31.13.2025")  # fmt: skip


def _samples() -> list[str]:
    from tests.fixtures import builders

    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))] if SAMPLES.is_dir() else []
    return [*texts, builders.ROMAN_SECTIONS_TEXT, builders.ROMAN_TEXT, SIMPLE]


def _mutate_lines(lines: list[str], rng: random.Random) -> list[str]:
    for _ in range(rng.randint(1, 8)):
        if not lines:
            lines = [""]
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        action = rng.randrange(8)
        if action == 0:
            del lines[i]
        elif action == 1:
            lines.insert(j, lines[i])
        elif action == 2:
            block = lines[min(i, j) : max(i, j) + 1]
            rng.shuffle(block)
            lines[min(i, j) : max(i, j) + 1] = block
        elif action == 3 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + rng.choice(SNIPPETS) + lines[i][k + 1 :]
        elif action == 4:
            lines[i] = rng.choice(SNIPPETS) + lines[i]
        elif action == 5:
            lines[i] = lines[i] + rng.choice(SNIPPETS) * rng.randint(1, 30)
        elif action == 6 and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + " " + lines[i + 1]]
        else:
            lines[i] = "".join(chr(rng.randrange(1, 0x3000)) if rng.random() < 0.05 else c for c in lines[i])
    return lines


def _encode(text: str, rng: random.Random) -> bytes:
    ending = rng.choice(["\n", "\r\n", "\r", "mixed"])
    if ending == "mixed":
        text = "".join(line + rng.choice(["\n", "\r\n", "\r"]) for line in text.split("\n"))
    else:
        text = text.replace("\n", ending)
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1252", "latin-1"])
    return text.encode(encoding, errors="replace")


def _fuzz_text(files: _Files, rng: random.Random, count: int) -> None:
    samples = _samples()
    suffixes = [".txt", ".txt", ".txt", ".md", ".eml", ".text", ".markdown", "", ".html"]
    for n in range(count):
        lines = _mutate_lines(rng.choice(samples).split("\n"), rng)
        files.add(f"fuzz-text-{n}", rng.choice(suffixes), _encode("\n".join(lines), rng))


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    action = rng.randrange(4)
    if action == 0:
        for _ in range(rng.randint(1, 10)):
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    elif action == 1:
        del buffer[rng.randrange(len(buffer)) :]
    elif action == 2:
        k = rng.randrange(len(buffer))
        buffer[k:k] = rng.randbytes(rng.randint(1, 200))
    else:
        i, j = sorted((rng.randrange(len(buffer)), rng.randrange(len(buffer))))
        buffer[j:j] = buffer[i : min(j, i + 500)]
    return bytes(buffer) or b"\x00"


HOSTILE_VALUES = ("", "x", "-1", "1e3", "²", "٣", "0", "1.5", " 2", "abc", "%1%1%1", "\u200b")


def _mutate_docx_xml(data: bytes, rng: random.Random) -> bytes:
    """Replace a few ``w:val``/``w:ilvl``/``w:basedOn`` attribute values in the XML parts with hostile ones."""
    parts = _docx_parts(data)
    for _ in range(rng.randint(1, 4)):
        name = rng.choice(["word/document.xml", "word/numbering.xml", "word/styles.xml"])
        raw = parts[name]
        xml = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        spots = [m.span(1) for m in re.finditer(r'w:(?:val|ilvl|abstractNumId|numId|styleId)="([^"]*)"', xml)]
        if spots:
            start, end = rng.choice(spots)
            xml = xml[:start] + rng.choice(HOSTILE_VALUES) + xml[end:]
        parts[name] = xml.encode("utf-8")
    return _zip(parts)


def _fixed_dates(pdf: bytes) -> bytes:
    """The same bytes on every run: creation date and file id fixed (same lengths, so offsets stay valid)."""
    pdf = re.sub(rb"\(D:\d{14}", b"(D:20260101000000", pdf)
    return re.sub(rb"/ID \[[<>0-9A-Fa-f ]+\]", lambda m: re.sub(rb"[0-9A-Fa-f]", b"0", m.group(0)), pdf)


def _docx_fixed(data: bytes) -> bytes:
    return _zip(_docx_parts(data))


def _fuzz_binary(files: _Files, rng: random.Random, count: int) -> None:
    from tests.fixtures import builders

    bases = {
        ".docx": [_docx_fixed(builders.word_inquiry()), _docx_fixed(builders.word_style_list())],
        ".pdf": [_fixed_dates(builders.pdf_inquiry()), _pdf(["1. Frage?", "2. Frage?"])],
        ".html": [builders.COUNCIL_HTML.encode(), builders.NEWS_HTML.encode()],
    }
    for n in range(count):
        suffix = rng.choice(list(bases))
        base = rng.choice(bases[suffix])
        if suffix == ".docx" and rng.random() < 0.4:
            files.add(f"fuzz-docx-xml-{n}", suffix, _mutate_docx_xml(base, rng))
        else:
            files.add(f"fuzz-bytes-{n}", suffix, _mutate_bytes(base, rng))


def inquiry_cases(folder: Path, seed: int = SEED, fuzz: int = 950) -> list[Case]:
    """Write the hand-made worst cases and ``fuzz`` seeded variants of the samples into ``folder``."""
    files = _Files(folder)
    for make in (_lists, _whitespace, _lines, _html, _mail, _word, _pdfs, _file_system):
        make(files)
    rng = random.Random(seed)
    _fuzz_text(files, rng, fuzz * 2 // 3)
    _fuzz_binary(files, rng, fuzz - fuzz * 2 // 3)
    return files.cases


# --- knowledge bases -----------------------------------------------------------------------

Edit = Callable[[Path], object]


def _write(rel: str, data: bytes | str) -> Edit:
    def edit(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():
            path.unlink()
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return edit


def _replace(rel: str, old: str, new: str) -> Edit:
    def edit(root: Path) -> None:
        text = (root / rel).read_text(encoding="utf-8")
        assert old in text, (rel, old)
        (root / rel).write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _transform(rel: str, change: Callable[[bytes], bytes]) -> Edit:
    def edit(root: Path) -> None:
        (root / rel).write_bytes(change((root / rel).read_bytes()))

    return edit


def _recode(rel: str, encoding: str) -> Edit:
    return _transform(rel, lambda data: data.decode("utf-8").encode(encoding, "replace"))


def _append(rel: str, text: str) -> Edit:
    def edit(root: Path) -> None:
        with open(root / rel, "a", encoding="utf-8") as handle:
            handle.write(text)

    return edit


def _symlink(rel: str, target: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / rel
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
        path.symlink_to(path.name if target == rel else target)  # target == rel: a link to itself

    return edit


def _directory(rel: str) -> Edit:
    def edit(root: Path) -> None:
        (root / rel).unlink()
        (root / rel).mkdir()
        (root / rel / "inhalt.txt").write_text("id\n")

    return edit


def _municipality_key(key: str, value: str) -> Edit:
    """Replace the ``key`` block of municipality.yaml (its line and indented lines below) by ``key: value``."""

    def edit(root: Path) -> None:
        path = root / "municipality.yaml"
        kept, skipping = [], False
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.startswith(f"{key}:"):
                skipping = True
                continue
            if skipping and line.startswith((" ", "\t")):
                continue
            skipping = False
            kept.append(line)
        path.write_text("\n".join(kept).rstrip("\n") + f"\n{key}: {value}\n", encoding="utf-8")

    return edit


INVENTORY_ROW = {
    "id": "KI-900", "name": "Testanwendung", "vendor": "Test GmbH", "department": "FB12", "purpose": "Prüfung",
    "status": "production", "go_live": "2025-01", "end_date": "", "users": "3", "personal_data": "no",
    "dpia": "not_required", "legal_basis": "", "ai_act_risk": "minimal", "human_oversight": "",
    "cost_one_time_eur": "1", "cost_annual_eur": "1", "budget_line": "11.12.01.542100", "evaluation": "",
    "discontinued_reason": "", "source": "Test", "updated": "2026-01-01",
}  # fmt: skip
BUDGET_ROW = {
    "year": "2031", "budget_line": "99.01", "title": "Test", "category": "other", "kind": "consumptive",
    "planned_eur": "1", "actual_eur": "", "status": "draft", "note": "", "source": "Test",
}  # fmt: skip


def _row(template: dict[str, str], **values: str) -> str:
    cells = [{**template, **values}[key] for key in template]
    return ",".join('"' + c.replace('"', '""') + '"' if re.search(r'[,"\n]', c) else c for c in cells) + "\n"


def _alias_bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _front(text: str) -> str:
    return f"---\n{text}---\n# Titel\n\n## Abschnitt\n\nInhalt des Dokuments.\n"


def _deep_yaml(depth: int) -> str:
    return "x: " + "[" * depth + "]" * depth + "\n"


def _inventory_rows(count: int) -> Edit:
    return _append("inventory.csv", "".join(_row(INVENTORY_ROW, id=f"KI-{90000 + n}") for n in range(count)))


def _documents(count: int) -> Edit:
    def edit(root: Path) -> None:
        for n in range(count):
            (root / "documents" / f"dok-{n}.md").write_text(f"# Dokument {n}\n\n## Teil\n\nText {n}.\n")

    return edit


def _documents_file(root: Path) -> None:
    shutil.rmtree(root / "documents")
    (root / "documents").write_text("kein Verzeichnis\n")


def _deep_folder(depth: int) -> Edit:
    def edit(root: Path) -> None:
        path = root / "documents" / "/".join(["u"] * depth)
        path.mkdir(parents=True)
        (path / "tief.md").write_text("# Tief\n\nText.\n")

    return edit


def _sparse_edit(rel: str, size: int) -> Edit:
    return lambda root: _sparse(root / rel, size)


Table = list[tuple[str, Edit, str, str]]  # label, edit, expect, target


def _municipality_edits(secret: str) -> Table:
    m = "municipality.yaml"
    return [
        ("leer", _write(m, ""), "error", m),
        ("nur-kommentar", _write(m, "# nichts\n"), "error", m),
        ("liste", _write(m, "- a\n- b\n"), "error", m),
        ("skalar", _write(m, "hallo\n"), "error", m),
        ("departments-5", _municipality_key("departments", "5"), "error", m),
        ("departments-text", _municipality_key("departments", "FB10"), "error", m),
        ("departments-mapping", _municipality_key("departments", "{id: FB10, name: X}"), "error", m),
        ("departments-unsinn", _municipality_key("departments", "[5, null, [a], {id: x}]"), "error", m),
        ("signatory-text", _municipality_key("signatory", "Dr. Erika Beispiel"), "", m),
        ("signatory-liste", _municipality_key("signatory", "[a, b]"), "", m),
        ("signatory-zahl", _municipality_key("signatory", "5"), "", m),
        ("contact-text", _municipality_key("contact", "ki@example.org"), "", m),
        ("address-mapping", _municipality_key("address", "{a: 1}"), "", m),
        ("letterhead-zahl", _municipality_key("letterhead", "5"), "", m),
        ("name-leer", _municipality_key("name", '""'), "error", m),
        ("name-liste", _municipality_key("name", "[a, b]"), "", m),
        ("datum-2025-02-30", _append(m, "gegruendet: 2025-02-30\n"), "", m),
        ("template-etc-passwd-relativ", _municipality_key("template", "../../../../etc/passwd"), "error", m),
        ("template-etc-passwd", _municipality_key("template", "/etc/passwd"), "error", m),
        ("template-nul", _municipality_key("template", '"vorlage\\0.docx"'), "error", m),
        ("template-5000-zeichen", _municipality_key("template", "v" * 5000 + ".docx"), "error", m),
        ("template-fehlt", _municipality_key("template", "gibt-es-nicht.docx"), "error", m),
        ("template-verzeichnis", _municipality_key("template", "documents"), "error", m),
        (
            "template-symlink-aussen",
            _both(_municipality_key("template", "v.docx"), _symlink("v.docx", secret)),
            "error",
            m,
        ),
        ("alias-bombe", _append(m, _alias_bomb()), "error", m),
        ("verschachtelt-5000", _append(m, _deep_yaml(5000)), "error", m),
        ("python-tag", _append(m, 'x: !!python/object/apply:os.system ["true"]\n'), "error", m),
        ("tab-einrueckung", _append(m, "x:\n\t- a\n"), "error", m),
        ("klammer-offen", _append(m, "x: [a, b\n"), "error", m),
        ("zwei-dokumente", _append(m, "---\nname: Zweite\n"), "error", m),
        ("komplexer-schluessel", _append(m, "? [a, b]\n: c\n"), "error", m),
        ("nul-byte", _append(m, "x: a\x00b\n"), "error", m),
        ("doppelter-name", _append(m, "name: Zweiter Name\n"), "", m),
        ("zeile-500kb", _append(m, "x: " + "a" * 500_000 + "\n"), "", m),
        ("ueber-1mb", _append(m, "#" + "x" * 1_100_000 + "\n"), "error", m),
        ("cp1252", _recode(m, "cp1252"), "error", m),
        ("utf16", _recode(m, "utf-16"), "error", m),
        ("zufall", _write(m, random.Random(3).randbytes(3000)), "error", m),
        ("verzeichnis", _directory(m), "error", m),
        ("symlink-etc-passwd", _symlink(m, "/etc/passwd"), "error", m),
        ("symlink-aussen", _symlink(m, secret), "error", m),
        ("symlink-ins-leere", _symlink(m, "/gibt/es/nicht.yaml"), "error", m),
        ("bom", _transform(m, lambda data: b"\xef\xbb\xbf" + data), "ok", m),
    ]


def _both(*edits: Edit) -> Edit:
    def edit(root: Path) -> None:
        for each in edits:
            each(root)

    return edit


def _table_edits(secret: str) -> Table:
    i, b = "inventory.csv", "budget.csv"
    renamed = [("id,name,", "ident,name,"), ("id,name,", "id,titel,"), (",department,", ",abteilung,"),
               (",purpose,", ",zweck,"), (",status,", ",stand,"), (",updated\n", ",geprueft\n")]  # fmt: skip
    table: Table = [(f"{i}-spalte-{new.strip(',')}", _replace(i, old, new), "error", i) for old, new in renamed]
    for old, new in (
        ("year,", "jahr,"),
        (",budget_line,", ",stelle,"),
        (",title,", ",titel,"),
        (",planned_eur,", ",ansatz,"),
    ):
        table.append((f"{b}-spalte-{new.strip(',')}", _replace(b, old, new), "error", b))
    wrong = [("status", "live"), ("go_live", "2025-02-30"), ("go_live", "Nov 2023"), ("end_date", "2025-13"),
             ("users", "drei"), ("users", "-1"), ("personal_data", "ja"), ("dpia", "x"), ("ai_act_risk", "hoch"),
             ("cost_one_time_eur", "62.000 €"), ("cost_annual_eur", "1,5"), ("updated", "2025-02-30"),
             ("updated", ""), ("department", "FB99"), ("id", ""), ("name", "")]  # fmt: skip
    for column, value in wrong:
        table.append(
            (f"{i}-{column}-{value or 'leer'}", _append(i, _row(INVENTORY_ROW, **{column: value})), "error", i)
        )
    for column, value in (("year", "20x5"), ("category", "misc"), ("kind", "x"), ("planned_eur", "1.000,00"),
                          ("actual_eur", "abc"), ("status", "final"), ("planned_eur", "")):  # fmt: skip
        table.append((f"{b}-{column}-{value or 'leer'}", _append(b, _row(BUDGET_ROW, **{column: value})), "error", b))
    table += [
        (f"{i}-budget-line-fremd", _append(i, _row(INVENTORY_ROW, budget_line="99.99.99.999999")), "warning", i),
        (f"{i}-doppelte-id", _append(i, _row(INVENTORY_ROW, id="KI-001")), "error", i),
        (f"{b}-doppelte-zeile", _append(b, _row(BUDGET_ROW, year="2025", budget_line="11.12.01.501100")), "error", b),
        (f"{i}-zu-wenig-felder", _append(i, "KI-901,zu,wenig\n"), "error", i),
        (f"{i}-anfuehrung-offen", _append(i, 'KI-902,"offen,FB12\n'), "error", i),
        (f"{i}-zelle-140000", _append(i, _row(INVENTORY_ROW, evaluation="x" * 140_000)), "error", i),
        (f"{b}-zelle-140000", _append(b, _row(BUDGET_ROW, note="x" * 140_000)), "error", b),
        (f"{i}-nul-byte", _append(i, _row(INVENTORY_ROW, name="a\x00b")), "", i),
        (f"{i}-20000-zeilen", _inventory_rows(20_000), "ok", i),
        (f"{i}-nur-kopf", _transform(i, lambda data: data.split(b"\n")[0] + b"\n"), "", i),
        (f"{i}-crlf", _transform(i, lambda data: data.replace(b"\n", b"\r\n")), "ok", i),
        (f"{i}-leere-spaltennamen", _replace(i, "id,name,", ",,id,name,"), "", i),
    ]
    return table + _table_file_edits(secret)


def _table_file_edits(secret: str) -> Table:
    i, b = "inventory.csv", "budget.csv"
    table: Table = []
    for rel in (i, b):
        table += [
            (f"{rel}-semikolon", _transform(rel, lambda data: data.replace(b",", b";")), "error", rel),
            (f"{rel}-tabulator", _transform(rel, lambda data: data.replace(b",", b"\t")), "error", rel),
            (f"{rel}-cp1252", _recode(rel, "cp1252"), "error", rel),
            (f"{rel}-utf16", _recode(rel, "utf-16"), "error", rel),
            (f"{rel}-leer", _write(rel, ""), "error", rel),
            (f"{rel}-leerzeichen", _write(rel, " \n\n"), "error", rel),
            (f"{rel}-zufall", _write(rel, random.Random(4).randbytes(4000)), "error", rel),
            (f"{rel}-verzeichnis", _directory(rel), "error", rel),
            (f"{rel}-symlink-aussen", _symlink(rel, secret), "error", rel),
        ]  # fmt: skip
    table += [
        (f"{i}-symlink-etc-passwd", _symlink(i, "/etc/passwd"), "error", i),
        (f"{i}-symlink-schleife", _symlink(i, i), "error", i),
        (f"{i}-symlink-ins-leere", _symlink(i, "/gibt/es/nicht.csv"), "error", i),
        (f"{i}-ueber-50mb", _sparse_edit(i, 51 * 1024 * 1024), "error", i),
    ]
    if os.geteuid() != 0:  # root reads everything
        table.append((f"{i}-ohne-leserecht", lambda r: (r / i).chmod(0), "error", i))
    return table


def _document_edits(secret: str) -> Table:
    d = "documents/"
    pdf_garbage = b"%PDF-1.7\n" + random.Random(5).randbytes(5000)
    return [
        ("x.txt-symlink-etc-passwd", _symlink(d + "x.txt", "/etc/passwd"), "error", d + "x.txt"),
        ("symlink-aussen", _symlink(d + "geheim.md", secret), "error", d + "geheim.md"),
        ("symlink-schleife", _symlink(d + "schleife.md", d + "schleife.md"), "", d + "schleife.md"),
        ("symlink-ordner-aussen", _symlink(d + "aussen", str(Path(secret).with_name("aussen-ordner"))), "", d),
        ("pdf-zufall", _write(d + "zufall.pdf", random.Random(6).randbytes(5000)), "error", d + "zufall.pdf"),
        ("pdf-kopf-muell", _write(d + "muell.pdf", pdf_garbage), "error", d + "muell.pdf"),
        ("docx-zufall", _write(d + "zufall.docx", random.Random(7).randbytes(5000)), "error", d + "zufall.docx"),
        ("docx-abgeschnitten", _write(d + "halb.docx", _docx(["Text"] * 50)[:3000]), "error", d + "halb.docx"),
        ("docx-stil-schleife", _write(d + "stil.docx", _docx_style_loop(2)), "", d + "stil.docx"),
        (
            "docx-roman-riesig",
            _write(d + "roman.docx", _docx_numbered(2, "upperRoman", "999999999999")),
            "",
            d + "roman.docx",
        ),
        ("docx-ebene-x", _write(d + "ebene.docx", _docx_numbered(2, "decimal", "1", ilvl="x")), "", d + "ebene.docx"),
        ("docx-zip-bombe", _write(d + "bombe.docx", _docx_bomb(64)), "", d + "bombe.docx"),
        ("html-div-3000", _write(d + "tief.html", "<div>" * 3000 + "<p>Text</p>"), "", d + "tief.html"),
        ("html-leer", _write(d + "leer.html", "<html><script>x</script></html>"), "error", d + "leer.html"),
        ("md-cp1252", _write(d + "ansi.md", "# Überschrift\n\nGrüße\n".encode("cp1252")), "error", d + "ansi.md"),
        ("md-utf16", _write(d + "utf16.md", "# Titel\n\nText\n".encode("utf-16")), "error", d + "utf16.md"),
        ("md-front-offen", _write(d + "offen.md", "---\ntitle: X\n\n# X\n\nText\n"), "error", d + "offen.md"),
        (
            "md-valid-from-2025-02-30",
            _write(d + "datum.md", _front("valid_from: 2025-02-30\n")),
            "error",
            d + "datum.md",
        ),
        (
            "md-valid-until-monat-13",
            _write(d + "monat.md", _front("valid_until: 2025-13-01\n")),
            "error",
            d + "monat.md",
        ),
        ("md-valid-from-liste", _write(d + "liste.md", _front("valid_from: [1, 2]\n")), "error", d + "liste.md"),
        ("md-front-liste", _write(d + "fl.md", _front("- a\n- b\n")), "error", d + "fl.md"),
        ("md-front-alias-bombe", _write(d + "bombe.md", _front(_alias_bomb())), "error", d + "bombe.md"),
        ("md-front-verschachtelt", _write(d + "tief.md", _front(_deep_yaml(5000))), "error", d + "tief.md"),
        ("md-front-typ", _write(d + "typ.md", _front("type: memo\n")), "error", d + "typ.md"),
        ("md-front-titel-1mb", _write(d + "titel.md", _front("title: " + "t" * 1_000_000 + "\n")), "", d + "titel.md"),
        ("md-leer", _write(d + "leer.md", ""), "error", d + "leer.md"),
        ("md-nur-front", _write(d + "nurfront.md", "---\ntitle: X\n---\n"), "error", d + "nurfront.md"),
        ("md-ueberschrift-leerzeichen", _write(d + "h.md", "## a" + " " * 20000 + "b\n\nText\n"), "", d + "h.md"),
        ("md-ueberschrift-em-space", _write(d + "em.md", "# x" + EM * 20000 + "y\n\nText\n"), "", d + "em.md"),
        ("md-ueberschrift-rauten", _write(d + "r.md", "## a" + " #" * 20000 + "b\n\nText\n"), "", d + "r.md"),
        ("md-nul", _write(d + "nul.md", "# T\x00itel\n\nText\x00\n"), "", d + "nul.md"),
        ("txt-leerzeichen", _write(d + "leer.txt", "  \n\n "), "error", d + "leer.txt"),
        ("odt", _write(d + "brief.odt", b"PK\x03\x04"), "problem", d + "brief.odt"),
        ("ueber-50mb", _sparse_edit(d + "gross.md", 51 * 1024 * 1024), "error", d + "gross.md"),
        ("100-ebenen-tief", _deep_folder(100), "ok", d),
        ("2000-dokumente", _documents(2000), "ok", d),
        ("name-mit-zeilenumbruch", _write(d + "a\nb.md", "# T\n\nText\n"), "", d),
        ("documents-ist-datei", _documents_file, "", d),
    ]


def _answer_edits(secret: str) -> Table:
    a = "answers/2025-06-02.yaml"
    x = "answers/x.yaml"
    return [
        ("released-2025-02-30", _replace(a, "released: 2025-06-02", "released: 2025-02-30"), "", a),
        ("answers-5", _write(x, "inquiry: X\nreleased: 2025-01-01\nanswers: 5\n"), "error", x),
        ("antwort-fehlt", _write(x, "answers:\n  - question: Frage?\n"), "error", x),
        ("frage-liste", _write(x, "answers:\n  - question: [1, 2]\n    answer: {a: b}\n"), "", x),
        ("oberste-ebene-liste", _write(x, "- a\n"), "error", x),
        ("leer", _write(x, ""), "error", x),
        ("cp1252", _write(x, "answers:\n  - question: Größe?\n    answer: Grüße\n".encode("cp1252")), "error", x),
        ("alias-bombe", _write(x, _alias_bomb() + "answers: []\n"), "error", x),
        ("verschachtelt", _write(x, _deep_yaml(5000)), "error", x),
        ("txt-datei", _write("answers/antwort.txt", SIMPLE), "problem", "answers/antwort.txt"),
        ("verzeichnis", lambda r: (r / x).mkdir(), "error", x),
        ("symlink-aussen", _symlink(x, secret), "error", x),
        ("symlink-etc-passwd", _symlink(x, "/etc/passwd"), "error", x),
        ("ueber-1mb", _write(x, "answers: []\n#" + "x" * 1_100_000 + "\n"), "error", x),
    ]


def knowledge_base_cases(folder: Path, demo: Path = DEMO_KB) -> list[Case]:
    """Copies of ``demo`` with one thing broken in each; a file outside all of them holds ``SECRET``."""
    folder.mkdir(parents=True, exist_ok=True)
    secret = folder / "geheim-aussen.txt"
    secret.write_text(f"{SECRET}\nid,name\n{SECRET},x\n", encoding="utf-8")
    (folder / "aussen-ordner").mkdir(exist_ok=True)
    (folder / "aussen-ordner" / "geheim.md").write_text(f"# Geheim\n\n{SECRET}\n", encoding="utf-8")
    table: Table = [("unveraendert", lambda root: None, "ok", "")]
    for part in (_municipality_edits, _table_edits, _document_edits, _answer_edits):
        table += part(str(secret))
    cases = []
    for number, (label, edit, expect, target) in enumerate(table):
        root = folder / f"{number:03d}-{re.sub(r'[^A-Za-z0-9._-]', '_', label)}"
        shutil.copytree(demo, root, symlinks=True)
        edit(root)
        cases.append(Case(root.name, "kb", str(root), expect=expect, target=target))
    return cases


if __name__ == "__main__":
    worker_main(sys.argv[1])
