"""The `lkjip` command line: a click group whose commands live in validator/commands/.

Exit codes come from validator.exit_codes. Expected failures (InputError) print their
places and exit 2; anything else is a bug: one short message, a log file with the
version and traceback, and exit 3.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from validator import __version__, exit_codes
from validator.commands import COMMANDS_BY_NAME
from validator.errors import CommandExit, InputError


class LazyGroup(click.Group):
    """A group whose commands are imported when used (click's "Lazily Loading
    Subcommands"): `lkjip check` imports only the check command's module. Listing them
    (`lkjip --help`) needs each command's short help, so it imports them all."""

    def __init__(self, *args: Any, lazy_commands: Mapping[str, str] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, str] = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            self.add_command(self._load(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def _load(self, cmd_name: str) -> click.Command:
        module, _, attribute = self.lazy_commands[cmd_name].partition(":")
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.lazy_commands[cmd_name]} is not a click command")
        return command


@click.group(cls=LazyGroup, lazy_commands=COMMANDS_BY_NAME,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lkjip")
def cli() -> None:
    """Periksa Laporan Kinerja Instansi Pemerintah (LKjIP) seperti auditor."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raises)."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from(args)
    try:
        cli.main(args=args, prog_name="lkjip", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as exc:
        exc.show()
        return exit_codes.USAGE_ERROR
    except click.exceptions.Abort:
        click.echo("Dibatalkan." if lang == "id" else "Aborted.", err=True)
        return exit_codes.USAGE_ERROR
    except InputError as exc:
        click.echo(exc.describe(lang), err=True)
        return exit_codes.USAGE_ERROR
    except CommandExit as done:
        return done.code
    except Exception:
        return _report_bug(lang)
    return exit_codes.OK


def _lang_from(args: list[str]) -> str:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "id"


def _report_bug(lang: str) -> int:
    import traceback  # only a bug pays for this import

    log = write_bug_log(f"lkjip {__version__}\n{traceback.format_exc()}")
    where = str(log) if log is not None else "-"
    if lang == "en":
        click.echo(f"lkjip {__version__}: internal error (a bug). Details: {where}", err=True)
    else:
        click.echo(f"lkjip {__version__}: galat internal (bug). Rincian: {where}", err=True)
    return exit_codes.INTERNAL_ERROR


def write_bug_log(text: str) -> Path | None:
    """Write a crash's details to a new file of its own, in the user's private cache folder
    (else the temp folder): created exclusively (O_EXCL, mode 0600), so it never follows
    a link planted by another user, nor overwrites an earlier crash's log."""
    import tempfile

    for folder in _bug_log_folders():
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix="lkjip-error-", suffix=".log", dir=folder)
        except OSError:
            continue
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError:
            continue  # a full disk: try the next folder
        return Path(name)
    return None


def _bug_log_folders() -> list[Path]:
    import tempfile

    import platformdirs

    return [Path(platformdirs.user_cache_dir("lkjip")) / "logs", Path(tempfile.gettempdir())]


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
