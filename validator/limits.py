"""Documented limits on input, enforced with a clear message instead of running out of memory."""

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A report file (YAML, CSV file, XLSX) larger than this is refused. A real LKjIP is ~100 KB."""
MAX_UNCOMPRESSED_XLSX_BYTES = 100 * 1024 * 1024
"""Sum of the uncompressed members of an XLSX (zip bomb guard)."""
MAX_DEPTH = 32
"""Nesting depth of a YAML document."""
MAX_NODES = 500_000
"""Number of YAML nodes (mappings, lists, scalars) in one document."""
MAX_ROWS = 100_000
"""Rows of one table."""
MAX_COLUMNS = 200
"""Columns of one sheet or CSV file."""
