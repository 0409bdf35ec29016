"""Exit codes of every lkjip command, in one place."""

OK = 0
"""Nothing at or above the severity threshold."""
FINDINGS = 1
"""At least one finding at or above the severity threshold."""
USAGE_ERROR = 2
"""Bad usage or unreadable input: a wrong option, a missing file, a malformed report or rule file."""
INTERNAL_ERROR = 3
"""A bug in lkjip: a short message and the path of a log with the version."""
