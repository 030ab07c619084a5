"""Every ``<a href>`` of a document, resolved and filtered: the core of ``newsfrag links``.

``href`` is as written (entities decoded); ``url`` is where a browser goes, or ``None``:
first the href is cleaned as browsers do (C0 and spaces stripped from the ends, tab/CR/LF
inside removed: ``java<TAB>script:`` is ``javascript:``). Empty, ``javascript:`` and
``vbscript:`` hrefs never get a url. With a base, the url is the href parsed against it by
the WHATWG URL standard, as a browser does (by ada, the parser of Node.js): ``//host`` is
``https://host/``, and an href that does not parse (``//[bad/x``, ``https://``) has none.
Without a base, absolute hrefs (``https://x``, ``mailto:``, ``tel:``, ``data:``) are their
url as written, but for ``\\`` read as ``/`` in http(s) paths; relative ones (``../x``,
``?q``, ``#f``, ``//host/x``, ``https:x``) have none. Spaces and control characters in a url
are percent-encoded, so that it is one word: where a browser keeps a space (in the path of
``tel:+44 20``), the url has ``%20``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from .document import Document
from .markup import Roots, parse_fragments
from .text import needs_walk, node_text
from .vocab import SCHEMES

__all__ = [
    "SCHEMES",
    "Link",
    "LinkOptions",
    "check_options",
    "document_links",
    "link_header",
    "resolve",
]
__all__ += ["select_links"]

_HAS_ANCHOR = re.compile(r"<a[\s/>]", re.IGNORECASE)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*(?=:)")
_DOMAIN = re.compile(r"[^\s/\\:@?#.][^\s/\\:@?#]*|\[[0-9A-Fa-f:.]+\]")
_EDGE = "".join(map(chr, range(0x21)))  # what browsers strip from both ends: C0 and space
_INSIDE = re.compile(r"[\t\n\r]")  # what browsers remove anywhere
_UNSAFE = re.compile(r"[\x00-\x20\x7f]")
_PATH_END = re.compile(r"[?#]")
_TWO_SLASHES = re.compile(r"[/\\]{2}")  # a host follows: "//host", or "\\host" in http(s)
# Schemes whose URLs have a host, where "\" means "/" and "https:x" may be relative.
_SPECIAL = frozenset({"http", "https", "ftp", "ws", "wss"})
_SCRIPT = frozenset({"javascript", "vbscript"})


@dataclass(frozen=True, slots=True)
class Link:
    """One ``<a href>``: where it is, what it says and where it leads (``None``: unknown)."""

    source: str
    fragment: int
    href: str
    url: str | None
    text: str
    count: int | None = None  # set by --unique only

    def to_json(self) -> dict[str, object]:
        """The ``--json`` record; ``count`` only when --unique counted."""
        out: dict[str, object] = {"source": self.source, "fragment": self.fragment}
        out |= {"href": self.href, "url": self.url, "text": self.text}
        if self.count is not None:
            out["count"] = self.count
        return out

    def cells(self) -> list[str]:
        """The cells of a TSV row (``link_header``): the url, or the href where no url is
        known; the text; the source and fragment; with --unique, the count."""
        target = self.href if self.url is None else self.url
        cells = [target, self.text, self.source, str(self.fragment)]
        return cells if self.count is None else [*cells, str(self.count)]


def link_header(counted: bool) -> list[str]:
    """The names of ``Link.cells``, for a TSV header line."""
    names = ["url", "text", "source", "fragment"]
    return [*names, "count"] if counted else names


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """What ``newsfrag links`` was asked for; ``check_options`` says if it makes sense.

    ``internal``/``external`` compare hosts case-insensitively (IDNA-encoded), against
    ``domain`` if given, else the host of ``base``. One leading ``www.`` of that host is
    ignored and its subdomains are internal: an auditor of bbc.co.uk means www.bbc.co.uk
    and news.bbc.co.uk too, not bbc.com. Ports do not matter. Relative links are
    internal; links with no host (mailto:, tel:, data:, javascript:, empty) are neither.
    ``schemes`` match the scheme of the url, else of the href: a relative link with no
    base has none. ``unique`` keys on the url, else the href.
    """

    base: str | None = None
    domain: str | None = None
    unique: bool = False
    internal: bool = False
    external: bool = False
    schemes: frozenset[str] | None = None


def document_links(
    doc: Document, base: str | None = None, parsed: Roots | None = None
) -> list[Link]:
    """Every ``<a href>`` of every fragment in document order, resolved against ``base``.

    Only fragments with an ``<a`` are parsed, all in one parse, unless ``parsed``
    holds every fragment parsed already; an ``<a>`` left open ends with its fragment.
    A link's fragment is its number in the source as first read (``Document.number``).
    ``base`` must be one ``check_options`` accepts.
    """
    wanted = [i for i, f in enumerate(doc.fragments) if _HAS_ANCHOR.search(f)]
    if parsed is not None:
        roots = [parsed[i] for i in wanted]
    else:
        roots = parse_fragments([doc.fragments[i] for i in wanted]) if wanted else []
    links = []
    for i, root in zip(wanted, roots, strict=True):
        assert root is not None  # the fragment has a "<"
        walk = needs_walk(doc.fragments[i])  # once: a fragment can hold 10^5 links
        for node in root.css("a[href]"):
            href = node.attrs.get("href") or ""
            text = node_text(node, walk)
            links.append(Link(doc.source, doc.number(i), href, resolve(href, base), text))
    return links


def resolve(href: str, base: str | None) -> str | None:
    """Where a browser goes from ``href`` on page ``base`` (rules: module docstring).

    ``None`` where that is unknown or unsafe; a ``base`` that is not an absolute
    http(s) URL raises ValueError.
    """
    clean = _clean(href)
    match = _SCHEME.match(clean)
    scheme = match.group().lower() if match else None
    if not clean or scheme in _SCRIPT:
        return None
    if base is not None:
        from ada_url import join_url  # here: without --base, links need not load ada

        base = _checked_base(base)
        try:
            return _encode(join_url(base, clean))
        except ValueError:  # no URL: "//[bad/x", "https://"
            return None
    if match is None:
        return None
    if scheme not in _SPECIAL:
        return _encode(clean)
    # "https:x" is relative on an https page; on any other page "x" is the host.
    rest = _slashes(clean[match.end() + 1 :])
    return _encode(clean[: match.end() + 1] + rest) if rest.startswith("//") else None


def select_links(links: Iterable[Link], options: LinkOptions) -> Iterator[Link]:
    """The links ``options`` keep, in order; bad options raise ValueError at once.

    With ``unique``, each url (the href where there is none) comes once, as its first
    occurrence, ``count`` set to how many links passed the filters with it. Counts are
    known only at the end: nothing is yielded before the input is exhausted.
    """
    check_options(options)
    return _select(links, options)


def check_options(options: LinkOptions) -> None:
    """Raise ValueError with the user's message if ``options`` contradict themselves."""
    if options.internal and options.external:
        raise ValueError("--internal and --external exclude each other: give one of them")
    if options.base is not None:
        _checked_base(options.base)
    domain = options.domain
    if domain is not None and not (_DOMAIN.fullmatch(domain) and _host(f"http://{domain}")):
        raise ValueError(f"--domain takes a host such as bbc.co.uk, not {domain!r}")
    if (options.internal or options.external) and options.base is None and options.domain is None:
        flag = "--internal" if options.internal else "--external"
        raise ValueError(f"{flag} needs --base URL or --domain HOST to know which host is ours")
    if options.schemes is not None and not options.schemes:
        raise ValueError("--scheme needs at least one scheme, such as https,mailto")
    for name in options.schemes or ():
        if _scheme_name(name) not in SCHEMES:
            raise ValueError(f"--scheme: {name!r} is not one of {', '.join(SCHEMES)}")


def _select(links: Iterable[Link], options: LinkOptions) -> Iterator[Link]:
    kept: Iterable[Link] = links
    if options.internal or options.external:
        ref, want = _reference_host(options), options.internal
        kept = (link for link in kept if _is_internal(link, ref) is want)
    if options.schemes is not None:
        schemes = {_scheme_name(s) for s in options.schemes}
        kept = (link for link in kept if _scheme_of(link) in schemes)
    if not options.unique:
        yield from kept
        return
    firsts: dict[str, Link] = {}
    counts: Counter[str] = Counter()
    for link in kept:
        key = link.href if link.url is None else link.url
        firsts.setdefault(key, link)
        counts[key] += 1
    for key, link in firsts.items():
        yield replace(link, count=counts[key])


def _clean(href: str) -> str:
    return _INSIDE.sub("", href.strip(_EDGE))


def _slashes(ref: str) -> str:
    # In http(s) URLs a browser reads "\" as "/" before the query.
    end = m.start() if (m := _PATH_END.search(ref)) else len(ref)
    return ref[:end].replace("\\", "/") + ref[end:]


def _encode(url: str) -> str:
    return _UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)


@lru_cache(maxsize=64)
def _checked_base(base: str) -> str:
    """``base`` if a browser reads it as an http(s) URL; a space or control is a typing slip."""
    from ada_url import parse_url

    try:
        protocol = parse_url(base, ("protocol",))["protocol"]
    except ValueError:
        protocol = ""
    if protocol not in {"http:", "https:"} or _UNSAFE.search(base):
        raise ValueError(f"--base must be an absolute http(s) URL, not {base!r}")
    return base


def _host(url: str) -> str | None:
    """The host of an http(s), ftp or ws(s) ``url``, IDNA-encoded, lower case, no final dot."""
    from ada_url import parse_url

    try:
        parts = parse_url(url, ("protocol", "hostname"))
    except ValueError:
        return None
    if parts["protocol"].removesuffix(":") not in _SPECIAL:
        return None
    return parts["hostname"].rstrip(".") or None


def _reference_host(options: LinkOptions) -> str:
    host = _host(f"http://{options.domain}" if options.domain else options.base or "") or ""
    return host[4:] if host.startswith("www.") and "." in host[4:] else host


def _is_internal(link: Link, ref: str) -> bool | None:
    """Whether the link stays on ``ref`` or its subdomains; ``None``: it has no host."""
    target = link.url
    if target is None:
        clean = _clean(link.href)
        if not clean or _SCHEME.match(clean):
            return None
        if not _TWO_SLASHES.match(clean):
            return True  # a path on the page's own site
        target = "https:" + clean
    host = _host(target)
    return None if host is None else host == ref or host.endswith("." + ref)


def _scheme_of(link: Link) -> str | None:
    match = _SCHEME.match(_clean(link.href) if link.url is None else link.url)
    return match.group().lower() if match else None


def _scheme_name(name: str) -> str:  # "HTTPS:" is https
    return name.strip().lower().removesuffix(":")
