"""Prompt files from ``prompts/``, rendered with strict variables."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError


class Prompts:
    def __init__(self, directory: Path) -> None:
        if not directory.is_dir():
            raise ConfigError("Prompt-Verzeichnis nicht gefunden", path=directory, hint="prompts_dir prüfen")
        self.directory = directory
        self._cache: dict[str, tuple[Any, set[str]]] = {}

    def _template(self, name: str) -> tuple[Any, set[str]]:
        if name not in self._cache:
            import jinja2
            from jinja2 import meta

            path = self.directory / name
            if not path.is_file():
                raise ConfigError("Prompt-Datei fehlt", path=path)
            source = path.read_text(encoding="utf-8")
            env = jinja2.Environment(
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
                autoescape=False,
            )
            variables = meta.find_undeclared_variables(env.parse(source))
            self._cache[name] = (env.from_string(source), variables)
        return self._cache[name]

    def render(self, name: str, /, **variables: Any) -> str:
        template, expected = self._template(name)
        given = set(variables)
        if given != expected:
            missing, unused = sorted(expected - given), sorted(given - expected)
            raise ConfigError(
                f"Prompt {name}: Variablen passen nicht (fehlend: {missing}, unbenutzt: {unused})",
                path=self.directory / name,
            )
        return str(template.render(**variables)).strip()

    def version(self) -> str:
        """Hash of every prompt file: identifies the prompt set a draft was made with."""
        digest = hashlib.sha256()
        for path in sorted(self.directory.glob("*.txt")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()[:12]
