"""What goes from a document, and why: the named rules, repetition, the classifier.

``clean_fragments`` cleans each fragment's markup (``fragments.py``), drops the empty
ones, then the boilerplate the named rules name (``rules.py``), duplicates of the
fragment kept before, fragments repeated across the run (``--repeated``), and those the
classifier finds unlikely to be article (``classify.py``). Each drop changes the
others' context, so they look again until nothing more goes: cleaning again changes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..document import Document
from ..markup import Roots
from .classify import judge
from .fragments import Clean, markup_cleaned
from .language import language
from .model import model
from .rules import DEFAULT_RULES, Rule
from .screen import screen
from .signals import Own, document_signals

__all__ = ["Cleaned", "Dropped", "Repeated", "clean_document", "clean_fragments", "screened"]

# In how many of the run's documents a fragment's plain text is, when that is enough to go.
Repeated = Callable[[str], int]


@dataclass(frozen=True, slots=True)
class Dropped:
    """A fragment that did not come out: its index as read, the rule, its plain text, and
    the evidence that weighed against it ("" but for the classifier's drops and those
    of ``repeated``)."""

    fragment: int
    rule: str
    text: str
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The fragments that came out, and the account of every one that did not."""

    fragments: list[str]
    dropped: list[Dropped]
    kept: list[int]  # the index of each fragment of ``fragments`` among those given


def clean_document(
    doc: Document,
    *,
    rules: Sequence[Rule] = DEFAULT_RULES,
    keep_boilerplate: bool = False,
    favour: str = "balanced",
) -> tuple[Document, list[Dropped]]:
    """``clean_fragments`` for a whole document, its source kept, and each fragment's
    number in the source as first read (kept and dropped alike)."""
    cleaned = clean_fragments(
        doc.fragments, rules=rules, keep_boilerplate=keep_boilerplate, favour=favour
    )
    kept = Document(doc.source, cleaned.fragments, kept_numbers(doc, cleaned))
    return kept, dropped_numbered(doc, cleaned)


def kept_numbers(doc: Document, cleaned: Cleaned) -> tuple[int, ...]:
    """Each kept fragment's number in ``doc``'s source as first read."""
    return tuple(doc.number(i) for i in cleaned.kept)


def dropped_numbered(doc: Document, cleaned: Cleaned) -> list[Dropped]:
    """The drops, each with its fragment's number in ``doc``'s source as first read."""
    return [replace(d, fragment=doc.number(d.fragment)) for d in cleaned.dropped]


def clean_fragments(
    fragments: Sequence[str],
    *,
    rules: Sequence[Rule] = DEFAULT_RULES,
    keep_boilerplate: bool = False,
    roots: Roots | None = None,
    favour: str = "balanced",
    repeated: Repeated | None = None,
    classifier: bool = True,
) -> Cleaned:
    """The article's fragments, cleaned, and why each of the others was dropped.

    The named rules go first, then fragments repeated across the run (``repeated``),
    then the classifier (``classify.py``) with the threshold of ``favour``. Each drop
    changes the others' context: they look again until nothing more goes, so cleaning
    again changes nothing. ``keep_boilerplate`` turns all three off; empty and duplicate
    fragments still go, as an empty line would end a document in the ``lines`` form.
    ``classifier=False`` leaves the decision to the named rules alone.
    """
    cleaned = markup_cleaned(fragments, roots)
    verdicts: list[str | None] = ["empty" if not c[1] else None for c in cleaned]
    evidence: dict[int, str] = {}
    known: dict[tuple[str, bool], Own] = {}  # each fragment's own signals, for each look
    alive = [i for i, v in enumerate(verdicts) if v is None]
    while True:
        alive = _ruled(alive, cleaned, () if keep_boilerplate else rules, verdicts)
        if keep_boilerplate:
            break
        look = _Look(cleaned, verdicts, evidence)
        kept = _repeated(alive, look, repeated) if repeated else alive
        if classifier:
            kept = _judged(kept, look, favour, known)
        if len(kept) == len(alive):
            break
        alive = kept
    dropped = [
        Dropped(i, v, cleaned[i][1], evidence.get(i, ""))
        for i, v in enumerate(verdicts)
        if v is not None
    ]
    return Cleaned([cleaned[i][0] for i in alive], dropped, alive)


def screened(cleaned: list[Clean], rules: Sequence[Rule] = DEFAULT_RULES) -> list[int]:
    """The fragments the named rules and the duplicate check leave: what the classifier
    sees first (``bench/fit_clean.py`` fits it on these)."""
    verdicts: list[str | None] = ["empty" if not c[1] else None for c in cleaned]
    return _ruled([i for i, v in enumerate(verdicts) if v is None], cleaned, rules, verdicts)


def _ruled(
    alive: list[int], cleaned: list[Clean], rules: Sequence[Rule], verdicts: list[str | None]
) -> list[int]:
    """The named rules, then duplicates, until nothing more goes; the survivors."""
    while True:
        if rules:
            alive = _drop_boilerplate(alive, cleaned, rules, verdicts)
        # A drop can bring two equal fragments together, and dropping one changes what
        # follows the others: the rules look again until nothing more goes. Rarely twice.
        kept: list[int] = []
        for i in alive:
            if kept and cleaned[i][0] == cleaned[kept[-1]][0]:
                verdicts[i] = "duplicate"
            else:
                kept.append(i)
        if len(kept) == len(alive) or not rules:
            return kept
        alive = kept


class _Look(NamedTuple):
    """A document as the drops after the named rules see it, and what they mark."""

    cleaned: list[Clean]
    verdicts: list[str | None]
    evidence: dict[int, str]


def _repeated(alive: list[int], look: _Look, repeated: Repeated) -> list[int]:
    """Drop what recurs across the run's documents, unless most of the article does:
    then the article itself recurs (a wire story, a page scraped twice), and stays."""
    cleaned, verdicts, evidence = look
    counts = [repeated(cleaned[i][1]) for i in alive]
    words = [cleaned[i][1].count(" ") + 1 for i in alive]
    if sum(w for w, c in zip(words, counts, strict=True) if c) * 2 > sum(words):
        return alive
    kept = []
    for i, count in zip(alive, counts, strict=True):
        if count:
            verdicts[i] = "repeated"
            evidence[i] = f"in {count} documents"
        else:
            kept.append(i)
    return kept


def _judged(
    alive: list[int], look: _Look, favour: str, known: dict[tuple[str, bool], Own]
) -> list[int]:
    """Drop what the classifier finds below ``favour``'s threshold; the survivors."""
    cleaned, verdicts, evidence = look
    if not alive:
        return alive
    texts = [cleaned[i][1] for i in alive]
    links, markups = [cleaned[i][2] for i in alive], [cleaned[i][0] for i in alive]
    gathered = document_signals(texts, links, markups, language(texts), known)
    threshold = model().thresholds[favour]
    judged_all = judge(gathered)
    # A document has an article: its likeliest fragment stays, however unlikely.
    best = max(range(len(alive)), key=lambda j: judged_all[j].article)
    kept = []
    for j, (i, judged) in enumerate(zip(alive, judged_all, strict=True)):
        if judged.article < threshold and j != best:
            verdicts[i] = "boilerplate"
            evidence[i] = judged.evidence()
        else:
            kept.append(i)
    return kept


def _drop_boilerplate(
    alive: list[int], cleaned: list[Clean], rules: Sequence[Rule], verdicts: list[str | None]
) -> list[int]:
    """Mark boilerplate among ``alive``, from the end back; the survivors, in order."""
    suspects, tailed, tail, first = screen(rules)
    anywhere = suspects(cleaned)
    kept_after = 0
    end = len(alive)
    last: list[int] = []  # the survivors of the tail, last first
    while end and kept_after <= tail:  # near the end, what follows counts: one at a time
        end -= 1
        i = alive[end]
        _, text, links = cleaned[i]
        if i in anywhere or tailed(text, links):
            rule = first(text, links, kept_after)
            if rule is not None:
                verdicts[i] = rule.name
                continue
        last.append(i)
        kept_after += 1
    # Before that, no rule with a tail can match: only the suspects, in any order.
    before = alive[end] if end < len(alive) else len(cleaned)
    gone = set()
    for i in anywhere:
        if i < before and verdicts[i] is None:
            _, text, links = cleaned[i]
            rule = first(text, links, kept_after)
            if rule is not None:
                verdicts[i] = rule.name
                gone.add(i)
    head = [i for i in alive[:end] if i not in gone] if gone else alive[:end]
    return head + last[::-1]
