"""Formatters: render the findings of a run. Each knows only the finding model.

FORMATS maps a format name to its render function; a formatter's module is imported
when its format is first used, so a run pays only for the one it prints.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

Formatter = Callable[..., str]
"""render(result: RunResult, lang: str) -> str; the QUIET ones also take `quiet`."""

# name -> "module:function"
_RENDERERS: dict[str, str] = {
    "concise": "validator.formatters.concise:render",
    "json": "validator.formatters.json_format:render",
    "sarif": "validator.formatters.sarif:render",
    "junit": "validator.formatters.junit:render",
    "github": "validator.formatters.github:render",
    "markdown": "validator.formatters.markdown:render",
    "html": "validator.formatters.html:render",
}


class _Formats(Mapping[str, Formatter]):
    """Read-only name -> render function; importing the formatter on first lookup."""

    def __init__(self, renderers: Mapping[str, str]) -> None:
        self._renderers = dict(renderers)

    def __getitem__(self, name: str) -> Formatter:
        module, _, function = self._renderers[name].partition(":")
        render: Formatter = getattr(importlib.import_module(module), function)
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(self._renderers)

    def __len__(self) -> int:
        return len(self._renderers)

    def __repr__(self) -> str:
        return f"FORMATS({', '.join(self._renderers)})"


FORMATS: Mapping[str, Formatter] = _Formats(_RENDERERS)
QUIET = ("markdown", "html")
"""Formats that leave clean reports out with --quiet (the data formats keep every report)."""
TERMINAL = "terminal"
NAMES = (TERMINAL, *FORMATS)
