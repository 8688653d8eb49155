"""YAML of the knowledge base, read safely and in linear time.

``yaml.safe_load`` expands aliases: 400 bytes of nested ``&a [*b, *b, …]`` become
hundreds of megabytes once anything walks the data. Knowledge-base files have no use
for anchors, so an alias is an error with its line. Dates stay text (the loader checks
them with a message of its own; PyYAML raises a bare ``ValueError`` on 2025-02-30).
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 50  # nesting of lists and mappings; a knowledge-base file needs three or four


class _Loader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "Anker und Aliasse (&name, *name) sind nicht erlaubt", event.start_mark
            )
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"mehr als {MAX_DEPTH} Ebenen verschachtelt", event.start_mark
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse(text: str) -> Any:
    """The data of a YAML text; ``yaml.YAMLError`` (with ``problem_mark``) on anything invalid."""
    return yaml.load(text, Loader=_Loader)
