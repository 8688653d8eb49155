"""Property-based and mutation tests: any input ends in a result or our own error, quickly."""

from __future__ import annotations

import contextlib
import os
from datetime import timedelta
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import InquiryError
from assistant.formats.read import read_bytes
from assistant.inquiry.parse import parse_inquiry
from tests.fixtures import builders

# FUZZ_EXAMPLES=3000 for a longer run; the default keeps `make test` fast.
FAST = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LINE_PARTS = st.sampled_from(
    ["1. ", "2) ", "a) ", "- b) ", "• ", "Frage 3: ", "II. ", "Begründung:", "Wenn ja, ", "Anfrage der ", "?", "\n",
     "\n\n", "Sitzung des Ausschusses am 01.02.2025", "An den", "Betreff: ", "Datum", "  ", "-\n", "|", "**"]
)  # fmt: skip
TEXTISH = st.lists(st.one_of(LINE_PARTS, st.text(max_size=30)), max_size=60).map("".join)


@cache
def _samples() -> dict[str, bytes]:
    return {
        "docx": builders.word_inquiry(),
        "pdf": builders.pdf_inquiry(),
        "html": builders.COUNCIL_HTML.encode(),
        "txt": builders.ROMAN_SECTIONS_TEXT.encode(),
    }


def _parse(text: str) -> None:
    try:
        inquiry = parse_inquiry(text)
    except InquiryError:
        return
    ids = [q.id for q in inquiry.questions]
    assert len(ids) == len(set(ids)), ids  # ids are unique
    assert all(q.parent is None or q.parent in ids for q in inquiry.questions)


@FAST
@given(TEXTISH)
def test_random_text_never_crashes_the_parser(text: str) -> None:
    _parse(text)


@FAST
@given(st.binary(max_size=4096))
def test_random_bytes_never_crash_the_readers(data: bytes) -> None:
    with contextlib.suppress(InquiryError):
        read_bytes(data, "zufall", "")


@FAST
@given(
    st.sampled_from(["docx", "pdf", "html", "txt"]),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
)
def test_mutated_documents_end_in_text_or_our_error(kind: str, flips: list[tuple[int, int]]) -> None:
    data = bytearray(_samples()[kind])
    for position, value in flips:
        data[position % len(data)] = value
    try:
        text = read_bytes(bytes(data), f"mutiert.{kind}", f".{kind}").text
    except InquiryError:
        return
    _parse(text)
