"""Alembic environment of the findings register: run by `validator.register.db` on the
connection it opened (no alembic.ini, no manual step)."""

from __future__ import annotations

from alembic import context

from validator.register.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")  # SQLite alters by copying
with context.begin_transaction():
    context.run_migrations()
