"""The findings register: every reviu run recorded in a database, so that a matter is
recognised in the office's next draft and next year.

- `models.py`: offices, their reports per year, each recorded draft, matters (a finding
  with a stable identity: rule, table, kode, column; never the line), each sighting of a
  matter in a draft, and the history of each matter (found, resolved, reopened, status
  set, response recorded).
- `db.py`: which database (`--db`, `LKJIP_REGISTER_URL`, `[register] url` in lkjip.toml,
  else `lkjip-register.sqlite` next to lkjip.toml) and its schema, brought up to date by
  the Alembic migrations in `migrations/` on first use.
- `record.py`: record a checked report as a new draft and follow its matters up.
- `queries.py`: list, show, set a status, record a response, recap.
- `recap.py`: the recap across offices and years as XLSX.
"""
