"""Files the product writes: private export folders that are cleaned up, atomic writes that keep a file's mode.

Exports (letters, audit trail, ratings) hold personal and internal data: they go to
``<data_dir>/exports/<random>/`` with mode 0700/0600 and are removed after ``EXPORT_AGE_S``
(the browser has downloaded them by then). Gradio's own copy of a download is removed by
its cache cleaning (``delete_cache`` in ``web.app``).
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import time
from pathlib import Path

EXPORT_AGE_S = 3600.0


def export_folder(data_dir: Path | str, prefix: str) -> Path:
    """A new private folder for one export; folders older than ``EXPORT_AGE_S`` are removed first."""
    root = Path(data_dir) / "exports"
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(root, 0o700)
    now = time.time()
    for old in root.iterdir():
        try:
            if now - old.stat().st_mtime > EXPORT_AGE_S:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue  # removed by a parallel request
    folder = root / f"{prefix}-{secrets.token_hex(6)}"
    folder.mkdir(mode=0o700)
    return folder


def private_file(data_dir: Path | str, name: str, text: str) -> Path:
    """Write ``text`` to a new private export file (0600)."""
    path = export_folder(data_dir, Path(name).stem) / name
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
    return path


def private_database(path: Path) -> None:
    """Create an SQLite file 0600 before the driver creates it with the process umask (it holds password hashes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def atomic_write(path: Path, data: bytes, default_mode: int = 0o644) -> None:
    """Replace ``path`` by ``data`` in one step, keeping the mode the file had (or ``default_mode``)."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = default_mode
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
