"""Option values that are checked, listed in --help and completed by the shell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click
from click.shell_completion import CompletionItem


class Named(click.Choice):  # type: ignore[type-arg]
    """One of ``choices``, or one of their ``aliases`` (an old or short name), which is
    taken as the choice it stands for; help and completion list the choices only."""

    def __init__(self, choices: Sequence[str], aliases: dict[str, str]) -> None:
        super().__init__(choices)
        self.aliases = aliases

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return super().convert(self.aliases.get(value, value), param, ctx)


class CommaList(click.ParamType):  # type: ignore[type-arg]
    """Names from ``choices``, separated by commas ("https,mailto"), as a frozenset."""

    name = "list"

    def __init__(self, choices: Sequence[str]) -> None:
        self.choices = tuple(choices)

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> frozenset[str]:
        if isinstance(value, frozenset):
            return value
        names = [v.strip().lower().removesuffix(":") for v in str(value).split(",")]
        names = [n for n in names if n]
        if not names:
            self.fail(f"give one or more of {', '.join(self.choices)}", param, ctx)
        for name in names:
            if name not in self.choices:
                self.fail(f"{name!r} is not one of {', '.join(self.choices)}", param, ctx)
        return frozenset(names)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        done, _, last = incomplete.rpartition(",")
        head = f"{done}," if done else ""
        return [CompletionItem(head + c) for c in self.choices if c.startswith(last)]
