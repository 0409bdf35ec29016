"""Expected failures: bad input and bad rule or config files.

These are user errors, reported with their place and exit code 2. Anything else that
escapes is a bug (exit code 3). Findings about a report's figures are not errors: they
are data (see findings.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from validator.messages import render
from validator.model import Location


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be used: a message key, its fields and its place."""

    key: str
    location: Location
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        return render(self.key, lang, **self.params)

    def describe(self, lang: str = "id") -> str:
        where = str(self.location)
        return f"{where}: {self.message(lang)}" if where else self.message(lang)


class InputError(Exception):
    """One or more problems that stop a file from being read."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.describe("en") for p in self.problems))

    def __reduce__(self) -> tuple[Any, ...]:
        # Default pickling would call cls(message); batch workers send errors across processes.
        return (type(self), (self.problems,))

    @classmethod
    def at(cls, location: Location, key: str, /, **params: Any) -> InputError:
        return cls([Problem(key, location, params)])

    def describe(self, lang: str = "id") -> str:
        return "\n".join(p.describe(lang) for p in self.problems)


class RuleDefinitionError(InputError):
    """A rule file or config that cannot be used; reported like bad input."""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known word, for a 'did you mean' hint."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


class CommandExit(Exception):
    """Raised by a command to end with a given exit code once its output is written."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code
