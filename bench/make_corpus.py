#!/usr/bin/env python3
"""Make a reproducible corpus of news fragment files for benchmarks and tests.

The project's own copy of the team's generator (shared/bench/make_corpus.py), so that
every bench and truth check runs from a fresh clone; the same seed gives the same files.

Each article is a list of HTML paragraph fragments, shaped like pages scraped
from a news site: a bold standfirst, inline links (absolute, relative,
mailto), entities, non-breaking spaces, smart quotes, Cyrillic and emoji,
and boilerplate at the tail (promos, copyright, "external linking" notes).

    make_corpus.py OUTDIR [--files N] [--seed S] [--format F] [--truth]

--format picks how each article is stored:
  pyrepr  NNNNNN_<hash>.txt holding a Python list literal (the common form)
  json    NNNNNN_<hash>.json holding a JSON array of strings
  jsonl   one file, corpus.jsonl, a JSON array of strings per line
  html    NNNNNN_<hash>.html, the fragments wrapped in <p> elements
  mixed   pyrepr, json and html files side by side

--truth also writes OUTDIR.truth.jsonl, beside OUTDIR (so that reading
OUTDIR reads articles only): for each article its file name, the
expected plain text of every non-boilerplate paragraph (entities decoded,
every run of Unicode whitespace, NBSP included, collapsed to one space),
the indexes of the boilerplate paragraphs, and every link as
{"href", "text", "paragraph"}.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import random

WORDS = (
    "the of and to in a that is was for on with as by at from it his said "
    "military forces troops city region officials government minister "
    "president defence ministry attack offensive counter supply lines river "
    "bridge crossings artillery shelling referendum nuclear plant inspection "
    "team agency reported according claims verified independently western "
    "southern eastern regional capital population war invasion February "
    "March weeks months days operation losses reinforcements ammunition "
    "port people killed injured mayor spokesman command posts depots "
    "electricity water overnight assessment intelligence units fragile "
    "strikes targeted effort recapturing entire bank significant efforts "
    "economy prices inflation energy gas winter households bills budget "
    "election parliament vote party leader campaign policy court judge "
    "ruling appeal police investigation arrested charged hospital patients "
    "doctors health vaccine school pupils teachers climate emissions "
    "flooding storm rainfall temperatures record scientists researchers "
    "study published journal university football match goal season club "
    "manager players tournament final championship"
).split()

NAMES = [
    "Kherson",
    "Kyiv",
    "Mykolaiv",
    "Zaporizhzhia",
    "Kharkiv",
    "Moscow",
    "Volodymyr Zelensky",
    "Oleksiy Arestovych",
    "Kirill Stremousov",
    "Nova Kakhovka",
    "Dnipro",
    "Crimea",
    "Donbas",
    "Mariupol",
    "Brussels",
    "Westminster",
    "Jürgen Klinsmann",
    "São Paulo",
    "Zürich",
    "Łódź",
]
CYRILLIC = ["Херсон", "Київ", "Україна", "оборона", "контрнаступ", "Миколаїв"]
EMOJI = ["🇺🇦", "📰", "⚡", "✅", "😀"]
BOILERPLATE = [
    "World Cup winner Jürgen Klinsmann invites you to subscribe to his daily World Cup newsletter.",
    "© {year} BBC. The BBC is not responsible for the content of external sites. "
    '<a href="https://www.bbc.co.uk/editorialguidelines/guidance/feeds-and-links" '
    'class="ssrcss-odwm7b-Link e14mg4ud0">Read about our approach to external linking.</a>',
    "Follow us on Facebook, on Twitter @BBCNews, or on Instagram.",
    "Sign up for our morning newsletter and get BBC News in your inbox.",
    "Have you been affected by the issues raised in this story? Share your experiences by emailing "
    '<a href="mailto:haveyoursay@bbc.co.uk" class="ssrcss-k17ofw-InlineLink e1no5rhv0">haveyoursay@bbc.co.uk</a>.',
]
CLASS_SALT = "abcdefghijklmnopqrstuvwxyz0123456789"


def css_class(rng: random.Random, role: str) -> str:
    salt = "".join(rng.choice(CLASS_SALT) for _ in range(6))
    tail = "".join(rng.choice(CLASS_SALT) for _ in range(7))
    return f"ssrcss-{salt}-{role} {tail}"


def sentence(rng: random.Random) -> tuple[list[tuple[str, str]], list[dict]]:
    """A sentence as (html, text) pieces, and the links inside it."""
    pieces: list[tuple[str, str]] = []
    links: list[dict] = []
    n = rng.randint(6, 28)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    for i, w in enumerate(words):
        roll = rng.random()
        if roll < 0.03:
            w = rng.choice(NAMES)
        elif roll < 0.035:
            w = rng.choice(CYRILLIC)
        elif roll < 0.037:
            w = rng.choice(EMOJI)
        sep = "" if i == 0 else " "
        if i and rng.random() < 0.01:
            pieces.append(("&nbsp;", "\u00a0"))
            sep = ""
        if roll > 0.985 and i < n - 2:
            kind = rng.random()
            if kind < 0.6:
                href = f"https://www.bbc.co.uk/news/world-europe-{rng.randint(60000000, 69999999)}"
            elif kind < 0.85:
                href = f"/news/uk-{rng.randint(60000000, 69999999)}"
            elif kind < 0.95:
                href = f"https://example.org/report?id={rng.randint(1, 999)}&amp;lang=en"
            else:
                href = "mailto:newsdesk@example.org"
            anchor = " ".join([w] + [rng.choice(WORDS) for _ in range(rng.randint(0, 4))])
            cls = css_class(rng, "InlineLink")
            pieces.append(
                (
                    f'{sep}<a href="{href}" class="{cls}">{html.escape(anchor, quote=False)}</a>',
                    sep + anchor,
                )
            )
            links.append({"href": html.unescape(href), "text": anchor})
            continue
        if roll > 0.975:
            tag = rng.choice(["i", "strong", "em", "span"])
            pieces.append((f"{sep}<{tag}>{html.escape(w, quote=False)}</{tag}>", sep + w))
            continue
        if roll > 0.97:
            pieces.append((f"{sep}&amp; {html.escape(w, quote=False)}", f"{sep}& {w}"))
            continue
        pieces.append((sep + html.escape(w, quote=False), sep + w))
    end = rng.choice([".", ".", ".", "?", "!"])
    if rng.random() < 0.15:
        quote_open, quote_close = rng.choice(
            [("\u201c", "\u201d"), ("&quot;", "&quot;"), ("&#x27;", "&#x27;")]
        )
        q_text = html.unescape(quote_open), html.unescape(quote_close)
        pieces.insert(0, (quote_open, q_text[0]))
        pieces.append((end + quote_close, end + q_text[1]))
    else:
        pieces.append((end, end))
    return pieces, links


def paragraph(rng: random.Random, lead: bool) -> tuple[str, str, list[dict]]:
    htmls: list[str] = []
    texts: list[str] = []
    links: list[dict] = []
    for j in range(rng.randint(1, 4)):
        pieces, sl = sentence(rng)
        sep = " " if j else ""
        htmls.append(sep + "".join(h for h, _ in pieces))
        texts.append(sep + "".join(t for _, t in pieces))
        links.extend(sl)
    body_html = "".join(htmls)
    if rng.random() < 0.05:
        body_html += " "  # scrapers often keep a trailing space
    if lead:
        body_html = f'<b class="{css_class(rng, "BoldText")}">{body_html}</b>'
    return body_html, " ".join("".join(texts).split()), links


def article(rng: random.Random, year: int) -> tuple[list[str], dict]:
    fragments: list[str] = []
    truth = {"text": [], "boilerplate": [], "links": []}
    for k in range(rng.randint(6, 60)):
        h, t, ls = paragraph(rng, lead=(k == 0))
        for link in ls:
            link["paragraph"] = len(fragments)
        fragments.append(h)
        truth["text"].append(t)
        truth["links"].extend(ls)
    for tail in rng.sample(BOILERPLATE, rng.randint(0, 3)):
        truth["boilerplate"].append(len(fragments))
        fragments.append(tail.format(year=year))
    return fragments, truth


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("outdir")
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--format", default="pyrepr", choices=["pyrepr", "json", "jsonl", "html", "mixed"]
    )
    ap.add_argument("--truth", action="store_true")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.outdir, exist_ok=True)
    truth_path = os.path.normpath(args.outdir) + ".truth.jsonl"
    truth_out = open(truth_path, "w", encoding="utf-8") if args.truth else None
    jsonl_out = (
        open(os.path.join(args.outdir, "corpus.jsonl"), "w", encoding="utf-8")
        if args.format == "jsonl"
        else None
    )
    for i in range(args.files):
        frags, truth = article(rng, year=rng.randint(2015, 2025))
        digest = hashlib.sha256(repr(frags).encode()).hexdigest()[:16]
        fmt = args.format if args.format != "mixed" else ("pyrepr", "json", "html")[i % 3]
        name = f"{i:06d}_{digest}"
        if fmt == "jsonl":
            jsonl_out.write(json.dumps(frags, ensure_ascii=False) + "\n")
            name = f"corpus.jsonl:{i + 1}"
        elif fmt == "pyrepr":
            name += ".txt"
            with open(os.path.join(args.outdir, name), "w", encoding="utf-8") as f:
                f.write(repr(frags))
        elif fmt == "json":
            name += ".json"
            with open(os.path.join(args.outdir, name), "w", encoding="utf-8") as f:
                json.dump(frags, f, ensure_ascii=False)
        else:
            name += ".html"
            with open(os.path.join(args.outdir, name), "w", encoding="utf-8") as f:
                f.write("\n".join(f"<p>{x}</p>" for x in frags) + "\n")
        if truth_out:
            truth_out.write(json.dumps({"file": name, **truth}, ensure_ascii=False) + "\n")
    for f in (truth_out, jsonl_out):
        if f:
            f.close()


if __name__ == "__main__":
    main()
