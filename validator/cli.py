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
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            localise(command, cmd_name, HELP_LANG[0])
        return command

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


HELP_LANG = ["id"]
"""The language of this run's --help: `--lang en` on the command line, else LKJIP_LANG."""


def localise(command: click.Command, path: str, lang: str) -> None:
    """Give a command (and its subcommands) its help in `lang`; the Indonesian text is
    the command's own, kept to switch back."""
    from validator.help_en import HELP_EN

    texts = HELP_EN.get(path, {}) if lang == "en" else {}
    original = command.__dict__.setdefault("_help_id", (command.help, command.short_help))
    command.help = texts.get("help", original[0])
    command.short_help = None if "help" in texts else original[1]
    for param in command.params:
        if isinstance(param, click.Option) and param.help is not None:
            own = param.__dict__.setdefault("_help_id", param.help)
            param.help = texts.get(param.opts[0], own)
    if isinstance(command, click.Group) and not isinstance(command, LazyGroup):
        for name, sub in command.commands.items():
            localise(sub, f"{path} {name}", lang)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raises)."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from(args)
    HELP_LANG[0] = lang if lang in ("id", "en") else "id"
    localise(cli, "", HELP_LANG[0])
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
    return os.environ.get("LKJIP_LANG", "id")


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
