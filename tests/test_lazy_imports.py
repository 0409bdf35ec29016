"""A cold `lkjip check` imports only what checking needs.

The CLI group loads a command's module when that command runs (click's "Lazily Loading
Subcommands"); `check` imports validator.batch only for a batch run, only the chosen
formatter, and rich only for the terminal format. Each case runs in a fresh interpreter,
since this test session has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tests.conftest import ROOT, SEED
from validator.cli import cli, main
from validator.commands import COMMANDS, COMMANDS_BY_NAME

NOT_FOR_A_JSON_CHECK = [
    "validator.batch",
    "concurrent.futures",
    "multiprocessing",
    "validator.commands.rules",
    "validator.commands.diff",
    "validator.commands.reviu",
    "validator.commands.convert",
    "validator.commands.template",
    "validator.commands.generate",
    "validator.commands.gx",
    "validator.commands.schema",
    "validator.formatters.html",
    "validator.formatters.markdown",
    "validator.formatters.sarif",
    "validator.formatters.junit",
    "validator.formatters.github",
    "validator.formatters.terminal",
    "validator.reviu",
    "validator.generate",
    "validator.gx",
    "validator.write.xlsx_writer",
    "great_expectations",
    "rich",
    "markdown_it",
    "pandas",
    "pandera",
]


def _fresh(args: list[str]) -> dict[str, object]:
    """Run main(args) in a fresh interpreter; its exit code and the modules it imported."""
    code = (
        "import json, sys\n"
        "from validator.cli import main\n"
        f"rc = main({args!r})\n"
        "print(json.dumps({'rc': rc, 'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _loaded(modules: object, names: list[str]) -> list[str]:
    assert isinstance(modules, list)
    return [name for name in names if any(m == name or m.startswith(name + ".") for m in modules)]


def test_importing_the_cli_imports_no_command() -> None:
    code = "import sys, validator.cli\nprint(sorted(m for m in sys.modules if m.startswith('validator.')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    loaded = done.stdout.strip()
    assert "validator.commands." not in loaded
    assert "validator.engine" not in loaded and "validator.batch" not in loaded


def test_json_check_of_the_seed_imports_only_what_it_needs(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    ran = _fresh(["check", str(SEED), "--format", "json", "-o", str(out)])
    assert ran["rc"] in (0, 1)
    assert json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert "validator.commands.check" in ran["modules"]  # type: ignore[operator]
    assert "validator.formatters.json_format" in ran["modules"]  # type: ignore[operator]
    assert _loaded(ran["modules"], NOT_FOR_A_JSON_CHECK) == []


def test_terminal_check_imports_rich_but_no_other_formatter() -> None:
    ran = _fresh(["check", str(SEED)])
    assert ran["rc"] in (0, 1)
    assert _loaded(ran["modules"], ["rich", "validator.formatters.terminal"]) == [
        "rich", "validator.formatters.terminal"]
    assert _loaded(ran["modules"], ["validator.batch", "validator.formatters.html",
                                    "validator.formatters.sarif", "validator.commands.rules"]) == []


def test_jobs_use_the_batch_module(tmp_path: Path) -> None:
    # Two reports with --jobs 2 is a batch run: validator.batch is imported then.
    copy = tmp_path / "copy.yaml"
    copy.write_bytes((SEED / "report.yaml").read_bytes())
    args = ["check", str(SEED / "report.yaml"), str(copy), "--format", "json",
            "-o", str(tmp_path / "out.json")]
    assert _loaded(_fresh([*args, "--jobs", "2"])["modules"], ["validator.batch"]) == ["validator.batch"]
    assert _loaded(_fresh([*args, "--jobs", "1"])["modules"], ["validator.batch"]) == []


def test_help_lists_every_command_with_its_short_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    listed = text.split("Commands:\n", 1)[1]
    names = [line.split()[0] for line in listed.splitlines() if line.strip()]
    assert names == sorted(COMMANDS_BY_NAME)
    for command in COMMANDS:
        assert command.name is not None
        line = next(line for line in listed.splitlines() if line.split()[0] == command.name)
        assert command.get_short_help_str(limit=45)[:20] in line


def test_lazy_commands_resolve_to_their_objects() -> None:
    context = click.Context(cli)
    assert cli.list_commands(context) == sorted(COMMANDS_BY_NAME)
    for name in COMMANDS_BY_NAME:
        command = cli.get_command(context, name)
        assert isinstance(command, click.Command) and command.name == name
    assert cli.get_command(context, "nosuch") is None
    assert main(["nosuch"]) == 2
