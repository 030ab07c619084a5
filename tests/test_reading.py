"""Files, directories and streams become documents; a bad input becomes an error in its place."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsfrag.document import Document
from newsfrag.errors import InputError
from newsfrag.read.forms import Form
from newsfrag.read.sources import ReadOptions, read_sources, read_stream


def read(data: bytes, **options: str) -> list[Document | InputError]:
    return list(read_stream(io.BytesIO(data), "S", ReadOptions(**options)))  # type: ignore[arg-type]


def test_a_directory_is_walked_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    for name in ["b.json", "a.json", "sub/c.json", ".hidden.json", ".git/d.json", "sub/.e.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f'["{name}"]', encoding="utf-8")
    docs = list(read_sources([str(tmp_path)]))
    assert [d.fragments[0] for d in docs if isinstance(d, Document)] == [
        "a.json",
        "b.json",
        "sub/c.json",
    ]


def test_a_missing_file_is_an_error_and_the_others_are_still_read(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text('["ok"]', encoding="utf-8")
    items = list(read_sources([str(tmp_path / "missing.txt"), str(good)]))
    assert str(items[0]) == f"{tmp_path / 'missing.txt'}: No such file or directory"
    assert items[1] == Document(str(good), ["ok"])


def test_a_bom_and_crlf_are_read_through() -> None:
    assert read(b'\xef\xbb\xbf["a"]\r\n') == [Document("S", ["a"])]
    assert read(b"\xef\xbb\xbfone\r\ntwo\r\n\r\nthree\r\n") == [
        Document("S:1", ["one", "two"]),
        Document("S:4", ["three"]),
    ]


def test_bytes_that_are_not_utf8_are_reported_with_their_place() -> None:
    [error] = read(b"['caf\xe9',\n 'ok']")
    assert isinstance(error, InputError)
    assert str(error) == (
        "S:1:6: not valid UTF-8 (byte 0xe9); --encoding-errors replace reads on with U+FFFD"
    )


def test_encoding_errors_replace_reads_on_with_the_replacement_character() -> None:
    assert read(b"['caf\xe9']", encoding_errors="replace") == [Document("S", ["caf\ufffd"])]


def test_a_binary_file_is_named_as_such() -> None:
    [error] = read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary file" in str(error)


def test_utf16_is_named_as_such() -> None:
    [error] = read('["a"]'.encode("utf-16"))
    assert "UTF-16" in str(error)


@pytest.mark.parametrize("data", [b"", b" \n\t\n", b"\xef\xbb\xbf\n"])
@pytest.mark.parametrize("form", [None, "json", "pylist", "jsonl", "html", "lines"])
def test_an_empty_input_is_zero_documents_whatever_its_form(data: bytes, form: Form | None) -> None:
    assert list(read_stream(io.BytesIO(data), "S", ReadOptions(form))) == []


def test_an_empty_list_is_a_document_with_no_fragments() -> None:
    assert read(b"[]") == [Document("S", [])]


def test_a_bad_json_line_is_reported_by_number_and_the_others_are_read() -> None:
    data = (
        b'["one"]\n{"fragments": ["two"], "source": "orig.txt"}\n'
        b'["broken"\n{"text": 1}\n\n[2]\n["six"]\n'
    )
    items = read(data)
    assert [str(i) if isinstance(i, InputError) else i for i in items] == [
        Document("S:1", ["one"]),
        Document("orig.txt", ["two"]),
        "S:3:10: not JSON: Expecting ',' delimiter",
        'S:4: expected an object with "fragments"',
        "S:6: item 0 is a number, not a string",
        Document("S:7", ["six"]),
    ]


def test_a_bad_line_in_a_lines_stream_spoils_only_its_own_document() -> None:
    items = read(b"a1\na2\n\nb1\n\xff\n\nc1\n")
    assert [str(i) if isinstance(i, InputError) else i for i in items] == [
        Document("S:1", ["a1", "a2"]),
        "S:5:1: not valid UTF-8 (byte 0xff); --encoding-errors replace reads on with U+FFFD",
        Document("S:7", ["c1"]),
    ]


def test_python_code_given_as_a_file_is_rejected_not_read_as_text() -> None:
    [error] = read(b"__import__('os').system('touch /tmp/pwned')\n")
    assert "Python code, not fragments" in str(error)


def test_a_line_separator_inside_json_does_not_split_a_record() -> None:
    assert read('["a\u2028b"]\n["c"]\n'.encode()) == [
        Document("S:1", ["a\u2028b"]),
        Document("S:2", ["c"]),
    ]


def test_a_json_lines_stream_larger_than_the_detection_window_is_streamed() -> None:
    line = b'["' + b"x" * 1000 + b'"]\n'
    items = read(line * 200)
    assert len(items) == 200
    assert items[-1] == Document("S:200", ["x" * 1000])


def test_a_large_single_list_is_read_whole() -> None:
    fragments = ["y" * 100_000, "z"]
    assert read(repr(fragments).encode()) == [Document("S", fragments)]


def test_a_python_list_a_line_is_a_document_a_line_as_json_arrays_are() -> None:
    data = b"['<p>One</p>', 'two']\n['three', \"it's four\"]\n"
    assert read(data) == [
        Document("S:1", ["<p>One</p>", "two"]),
        Document("S:2", ["three", "it's four"]),
    ]


def test_a_broken_python_list_line_is_reported_by_number_and_the_others_are_read() -> None:
    first, error, third = read(b"['a', 'b']\n['c', 'd'\n['e']\n")
    assert first == Document("S:1", ["a", "b"])
    assert isinstance(error, InputError)
    assert str(error) == "S:2:1: not a Python list: '[' was never closed"
    assert third == Document("S:3", ["e"])


def test_json_and_python_lists_may_share_a_stream() -> None:
    assert read(b"[\"a\"]\n['b']\n") == [Document("S:1", ["a"]), Document("S:2", ["b"])]


def test_a_bracketed_word_on_the_first_line_is_still_prose() -> None:
    assert read(b"[Photo]\nMinisters met today.\n") == [
        Document("S:1", ["[Photo]", "Ministers met today."])
    ]


def test_a_python_list_over_several_lines_is_one_document() -> None:
    assert read(b"['a',\n 'b']\n") == [Document("S", ["a", "b"])]


def test_the_form_of_a_whole_input_is_told_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsfrag.read import forms, sources

    calls: list[str] = []
    original = forms.streamed_form

    def counted(text: str) -> forms.Form | None:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(sources, "streamed_form", counted)
    monkeypatch.setattr(forms, "streamed_form", counted)
    assert read(b"['a', 'b']") == [Document("S", ["a", "b"])]
    assert len(calls) == 1
