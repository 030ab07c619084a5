"""How a run ends: every way (done, bad input, usage error, closed pipe, Ctrl-C, a
signal, a bug) becomes an exit status and at most one line on stderr, here and nowhere
else."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import click

from ..errors import ExitCode, NewsfragError

__all__ = ["NewsfragGroup", "Quit", "Signalled", "main"]


class Quit(Exception):  # noqa: N818 - not an error: a quiet end that click lets through
    """End the run quietly with this status (click would print for Ctrl-C and EPIPE)."""

    def __init__(self, status: ExitCode) -> None:
        super().__init__(status)
        self.status = status


class Signalled(BaseException):
    """SIGTERM or SIGHUP ended the run: it unwinds as Ctrl-C does, so that no temporary
    file is left, and the exit status is 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_end_runs() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``Signalled`` while the block runs (not where they are
    ignored already, as under nohup); the handlers before are put back after it."""
    import signal

    previous: dict[int, Any] = {}

    def ended(signum: int, frame: object) -> None:
        for sig in previous:  # the cleanup that follows is not cut short by another
            signal.signal(sig, signal.SIG_IGN)
        raise Signalled(signum)

    for name in ("SIGTERM", "SIGHUP"):  # Windows has no SIGHUP
        sig = getattr(signal, name, None)
        if sig is None or signal.getsignal(sig) == signal.SIG_IGN:
            continue
        try:
            previous[sig] = signal.signal(sig, ended)
        except ValueError:  # not the main thread: leave the signals as they are
            break
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class NewsfragGroup(click.Group):
    """Turns every way a run can end into one line on stderr and an exit status."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args) or ["--help"]  # bare: the help
        try:
            with _signals_end_runs():
                status = super().main(argv, prog_name or "newsfrag", standalone_mode=False, **extra)
        except Signalled as e:
            status = 128 + e.signum
        except click.UsageError as e:
            hint = f" (see '{e.ctx.command_path} --help')" if e.ctx else ""
            click.echo(f"newsfrag: {e.format_message()}{hint}", err=True)
            status = ExitCode.USAGE
        except click.ClickException as e:
            click.echo(f"newsfrag: {e.format_message()}", err=True)
            status = e.exit_code
        except Quit as e:
            status = e.status
            if status == ExitCode.CLOSED_PIPE:
                _silence_stdout()
        except (KeyboardInterrupt, click.Abort):
            status = ExitCode.INTERRUPTED
        except NewsfragError as e:
            click.echo(f"newsfrag: {e}", err=True)
            status = ExitCode.BAD_INPUT
        except Exception as e:  # noqa: BLE001 - the one place a bug becomes a message
            if "--debug" in argv:
                import traceback

                traceback.print_exc()
            click.echo(
                f"newsfrag: internal error: {type(e).__name__}: {e} (--debug shows more)", err=True
            )
            status = ExitCode.SOFTWARE
        status = int(status or 0)
        if standalone_mode:
            sys.exit(status)
        return status


def _silence_stdout() -> None:
    # The reader is gone: point stdout at /dev/null so the flush at exit cannot complain.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def main() -> None:
    """The console script."""
    from .commands import cli

    cli.main()
