"""Formatters: render the findings of a run. Each knows only the finding model."""

from __future__ import annotations

from collections.abc import Callable

from validator.formatters import github, html, json_format, junit, markdown, sarif
from validator.runner import RunResult

Formatter = Callable[[RunResult, str], str]

FORMATS: dict[str, Formatter] = {
    "json": json_format.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "markdown": markdown.render,
    "html": html.render,
}
TERMINAL = "terminal"
NAMES = (TERMINAL, *FORMATS)
