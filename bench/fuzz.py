#!/usr/bin/env python3
"""Fuzz the readers and clean with hypothesis, many more examples than the tests run.

    python bench/fuzz.py [--examples 20000]

Every input, however broken, must give documents or InputErrors (never another
exception, a hang or a crash); any list of strings written as a Python list, JSON
or JSON lines must read back the same; clean must be idempotent. Prints the number
of examples each property ran; exits 1 on the first failure, with the example.
Needs the test extra: pip install -e '.[test]'.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfrag.clean import clean_fragments
from newsfrag.document import Document
from newsfrag.errors import InputError
from newsfrag.read.sources import ReadOptions, read_stream

# Pieces of the forms, so that broken inputs are near misses rather than noise.
_PIECES = [
    *"[]{}(),:'\"\\ \n\r\tuUbBrRfx0123456789<>/=&;#",
    "None",
    "True",
    "lambda",
    "__import__",
    "'a'",
    '"b"',
    "'\\x00'",
    "'\\u00e9'",
    "\\N{",
    '{"fragments": ',
    '"source": ',
    "<p>",
    "</p>",
    "<b>",
    "<!--",
    "-->",
    "\ufeff",
    "\xa0",
    "\u2028",
    "\x00",
    "\xff",
    "é",
    "[" * 40,
    "]" * 40,
]
_NEAR_MISS = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)
_FRAGMENTS = st.lists(st.one_of(st.text(max_size=20), _NEAR_MISS), max_size=6)


def _read(data: bytes) -> list[Document | InputError]:
    out: list[Document | InputError] = []
    for errors in ("strict", "replace"):
        out += read_stream(io.BytesIO(data), "S", ReadOptions(encoding_errors=errors))
    return out


def _never_raises(data: bytes) -> None:
    for item in _read(data):
        assert isinstance(item, Document | InputError), item
        if isinstance(item, Document):
            assert all(isinstance(f, str) for f in item.fragments)


def _round_trip(fragments: list[str]) -> None:
    for data in (repr(fragments), json.dumps(fragments), json.dumps(fragments) + "\n"):
        # repr and json.dumps write a lone surrogate as an escape: the file is UTF-8.
        got = [d for d in _read(data.encode("utf-8")) if isinstance(d, Document)]
        assert got, data
        assert got[0].fragments == fragments, (data, got)


def _clean_twice(fragments: list[str]) -> None:
    once = clean_fragments(fragments).fragments
    assert clean_fragments(once).fragments == once, (fragments, once)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=20_000)
    n = ap.parse_args().examples
    config = settings(
        max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    runs: list[tuple[str, Callable[[], None]]] = [
        ("any bytes read without an exception", given(st.binary(max_size=400))(_never_raises)),
        (
            "near-miss forms read without an exception",
            given(_NEAR_MISS.map(lambda s: s.encode("utf-8", "surrogatepass")))(_never_raises),
        ),
        ("lists written three ways read back the same", given(_FRAGMENTS)(_round_trip)),
        ("clean twice equals clean once", given(_FRAGMENTS)(_clean_twice)),
    ]
    for name, test in runs:
        start = time.perf_counter()
        config(test)()
        print(f"{n:>8} examples  {time.perf_counter() - start:7.1f} s  {name}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
