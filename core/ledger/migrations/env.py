"""Alembic environment for the ledger; run programmatically by `core.ledger.storage.schema`.

The caller passes an open connection in `config.attributes["connection"]` so migrations run
inside the ledger's own engine (SQLite pragmas included) and in one transaction.
"""

from __future__ import annotations

from alembic import context

from core.ledger.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` command line: build an engine from the URL
        from core.ledger.storage.db import make_engine, resolve_url

        engine = make_engine(resolve_url(config.get_main_option("sqlalchemy.url")))
        with engine.connect() as connection:
            _run(connection)
        return
    _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; open the ledger instead")
run_migrations_online()
