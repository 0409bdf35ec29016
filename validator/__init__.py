"""lkjip: checks Indonesian government performance reports (LKjIP) like an auditor."""

__version__ = "0.1.0"
