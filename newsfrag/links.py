"""Every ``<a href>`` of a document, resolved and filtered: the core of ``newsfrag links``.

``href`` is as written (entities decoded); ``url`` is where a browser goes, or ``None``:
first the href is cleaned as browsers do (C0 and spaces stripped from the ends, tab/CR/LF
inside removed: ``java<TAB>script:`` is ``javascript:``). Empty, ``javascript:`` and
``vbscript:`` hrefs never get a url. Other absolute hrefs (``https:``, ``mailto:``,
``tel:``, ``data:``) are their url as written, base or not, but for ``\\`` read as ``/`` in
http(s) paths. Relative ones (``../x``, ``?q``, ``#f``, ``//host/x``, ``https:x``) have a
url only with a base, by the WHATWG URL standard: ``urljoin`` drops empty path segments
(``/web/2020/https://x/``) and mishandles ``\\``, ``///x``, ``?`` and ``#``. Spaces and
control characters in a url are percent-encoded.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import urlsplit

from .markup import parse_fragments
from .model import Document
from .text import node_text

__all__ = ["Link", "LinkOptions", "check_options", "document_links", "resolve", "select_links"]

_HAS_ANCHOR = re.compile(r"<a[\s/>]", re.IGNORECASE)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*(?=:)")
_SCHEME_NAME = re.compile(r"[a-z][a-z0-9+.\-]*")
_DOMAIN = re.compile(r"[^\s/\\:@?#.][^\s/\\:@?#]*|\[[0-9A-Fa-f:.]+\]")
_EDGE = "".join(map(chr, range(0x21)))  # what browsers strip from both ends: C0 and space
_INSIDE = re.compile(r"[\t\n\r]")  # what browsers remove anywhere
_UNSAFE = re.compile(r"[\x00-\x20\x7f]")
_LINE_BREAK = re.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_PATH_END = re.compile(r"[?#]")
# Schemes whose URLs have a host, where "\" means "/" and "https:x" may be relative.
_SPECIAL = frozenset({"http", "https", "ftp", "ws", "wss"})
_SCRIPT = frozenset({"javascript", "vbscript"})
_DEFAULT_PORT = {"http": 80, "https": 443, "ftp": 21, "ws": 80, "wss": 443}
_DOT = frozenset({".", "%2e"})
_DOTDOT = frozenset({"..", ".%2e", "%2e.", "%2e%2e"})


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

    def plain(self) -> str:
        """``URL<TAB>TEXT`` (the href where no url is known): one tab, no line break."""
        target = self.href if self.url is None else self.url
        return f"{_LINE_BREAK.sub(' ', target)}\t{_LINE_BREAK.sub(' ', self.text)}"


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


def document_links(doc: Document, base: str | None = None) -> list[Link]:
    """Every ``<a href>`` of every fragment in document order, resolved against ``base``.

    Only fragments with an ``<a`` are parsed, all in one parse; an ``<a>`` left open
    ends with its fragment. ``base`` must be one ``check_options`` accepts.
    """
    wanted = [i for i, f in enumerate(doc.fragments) if _HAS_ANCHOR.search(f)]
    roots = parse_fragments([doc.fragments[i] for i in wanted]) if wanted else []
    links = []
    for i, root in zip(wanted, roots, strict=True):
        assert root is not None  # the fragment has a "<"
        for node in root.css("a[href]"):
            href = node.attributes.get("href") or ""
            text = node_text(node, doc.fragments[i])
            links.append(Link(doc.source, i, href, resolve(href, base), text))
    return links


def resolve(href: str, base: str | None) -> str | None:
    """Where a browser goes from ``href`` on page ``base`` (rules: module docstring).

    ``None`` where that is unknown or unsafe; a ``base`` that is not an absolute
    http(s) URL raises ValueError.
    """
    clean = _clean(href)
    match = _SCHEME.match(clean)
    if match is None:
        return _encode(_relative(clean, base)) if clean and base is not None else None
    scheme = match.group().lower()
    if scheme in _SCRIPT:
        return None
    if scheme not in _SPECIAL:
        return _encode(clean)
    rest = _slashes(clean[match.end() + 1 :])
    if rest.startswith("//"):
        return _encode(clean[: match.end() + 1] + rest)
    # "https:x" is relative on an https page; on any other page "x" is the host.
    if base is None:
        return None
    same = _base_parts(base)[0] == scheme
    return _encode(_relative(rest, base) if same else _authority(scheme, rest))


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
        _base_parts(options.base)
    if options.domain is not None and not _DOMAIN.fullmatch(options.domain):
        raise ValueError(f"--domain takes a host such as bbc.co.uk, not {options.domain!r}")
    if (options.internal or options.external) and options.base is None and options.domain is None:
        flag = "--internal" if options.internal else "--external"
        raise ValueError(f"{flag} needs --base URL or --domain HOST to know which host is ours")
    if options.schemes is not None and not options.schemes:
        raise ValueError("--scheme needs at least one scheme, such as https,mailto")
    for name in options.schemes or ():
        if not _SCHEME_NAME.fullmatch(_scheme_name(name)):
            raise ValueError(f"--scheme: {name!r} is not a URL scheme such as https or mailto")


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


def _encode(url: str | None) -> str | None:
    return None if url is None else _UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)


@lru_cache(maxsize=64)
def _base_parts(base: str) -> tuple[str, str, str, str]:
    """Scheme, host (lower case, no default port), path (no dot segments), ``?query``."""
    try:
        parts = urlsplit(base)
        scheme, host, port = parts.scheme.lower(), parts.hostname or "", parts.port
    except ValueError:  # a bad port or IPv6 address
        scheme = host = ""
    if scheme not in {"http", "https"} or not host or _UNSAFE.search(base):
        raise ValueError(f"--base must be an absolute http(s) URL, not {base!r}")
    host = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORT.get(scheme):
        host += f":{port}"
    userinfo, at, _ = parts.netloc.rpartition("@")
    query = f"?{parts.query}" if parts.query else ""
    return scheme, userinfo + at + host, _remove_dots(parts.path or "/"), query


def _relative(ref: str, base: str) -> str | None:
    """``ref`` (cleaned, no scheme) resolved against ``base`` per the WHATWG URL standard."""
    scheme, netloc, base_path, query = _base_parts(base)
    ref = _slashes(ref)
    if not ref or ref.startswith("#"):
        return f"{scheme}://{netloc}{base_path}{query}{ref}"
    if ref.startswith("//"):
        return _authority(scheme, ref)
    end = m.start() if (m := _PATH_END.search(ref)) else len(ref)
    path, tail = ref[:end], ref[end:]
    if not path:  # "?q=1": the base's path with a new query
        path = base_path
    elif not path.startswith("/"):
        path = base_path[: base_path.rfind("/") + 1] + path
    return f"{scheme}://{netloc}{_remove_dots(path)}{tail}"


def _authority(scheme: str, rest: str) -> str | None:
    # Any run of slashes before a host is read as "//"; no host is no URL.
    rest = rest.lstrip("/")
    return None if not rest or rest[0] in "?#" else f"{scheme}://{rest}"


def _remove_dots(path: str) -> str:
    """``/a/./b/../c`` to ``/a/c``, never above the root; empty segments are kept."""
    segments = path[1:].split("/")
    out: list[str] = []
    for n, segment in enumerate(segments, 1):
        if segment.lower() in _DOTDOT and out:
            out.pop()
        if segment.lower() in _DOT | _DOTDOT:
            if n == len(segments):
                out.append("")  # "/a/.." is "/", not ""
        else:
            out.append(segment)
    return "/" + "/".join(out)


def _ascii_host(host: str) -> str:
    host = host.strip("[]").lower().rstrip(".")
    if not host.isascii():
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
    return host


def _reference_host(options: LinkOptions) -> str:
    host = _ascii_host(options.domain or urlsplit(options.base or "").hostname or "")
    return host[4:] if host.startswith("www.") and "." in host[4:] else host


def _is_internal(link: Link, ref: str) -> bool | None:
    """Whether the link stays on ``ref`` or its subdomains; ``None``: it has no host."""
    target = link.url
    if target is None:
        clean = _slashes(_clean(link.href))
        if not clean or _SCHEME.match(clean):
            return None
        if not clean.startswith("//"):
            return True  # a path on the page's own site
        target = "https://" + clean.lstrip("/")
    match = _SCHEME.match(target)
    if match is None or match.group().lower() not in _SPECIAL:
        return None
    try:
        host = urlsplit(target).hostname
    except ValueError:
        return None
    host = _ascii_host(host or "")
    return None if not host else host == ref or host.endswith("." + ref)


def _scheme_of(link: Link) -> str | None:
    match = _SCHEME.match(_clean(link.href) if link.url is None else link.url)
    return match.group().lower() if match else None


def _scheme_name(name: str) -> str:  # "HTTPS:" is https
    return name.strip().lower().removesuffix(":")
