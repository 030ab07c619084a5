"""Any input gives documents or one error line a bad input: never an exception, and
what newsfrag writes reads back the same."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfrag.document import Document
from newsfrag.errors import InputError
from newsfrag.read.sources import read_stream

fragment_lists = st.lists(st.text(max_size=40), max_size=8)


def read(data: bytes) -> list[Document | InputError]:
    return list(read_stream(io.BytesIO(data), "S"))


@given(fragment_lists)
def test_any_python_list_of_strings_reads_back_the_same(fragments: list[str]) -> None:
    # repr writes a lone surrogate as an escape, so even those read back.
    assert read(repr(fragments).encode()) == [Document("S", fragments)]


@given(fragment_lists)
def test_any_json_array_of_strings_reads_back_the_same(fragments: list[str]) -> None:
    assert read(json.dumps(fragments).encode()) == [Document("S", fragments)]


@given(st.lists(fragment_lists, min_size=2, max_size=5))
def test_any_json_lines_stream_reads_back_record_by_record(documents: list[list[str]]) -> None:
    data = "".join(json.dumps(d) + "\n" for d in documents).encode()
    assert read(data) == [Document(f"S:{i + 1}", d) for i, d in enumerate(documents)]


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_any_bytes_give_documents_or_errors_never_an_exception(data: bytes) -> None:
    for item in read(data):
        assert isinstance(item, Document | InputError)
        if isinstance(item, Document):
            assert all(isinstance(f, str) for f in item.fragments)
