"""Who else has a shared ledger open: PostgreSQL's `pg_stat_activity`, tagged by us.

Each program connects with `application_name = "taizhang:<clerk>"` (set in the URL, so
every pooled connection carries it); listing the other clerks is then one cheap query
on a catalogue view every role may read. PostgreSQL turns non-ASCII bytes of an
application name into "?", so the clerk's name travels as URL-safe base64 of its UTF-8.
SQLite has no such view: a file ledger reports nobody else.
"""

from __future__ import annotations

import base64

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from core.ledger.service import Ledger

PREFIX = "taizhang:"
# PostgreSQL keeps at most NAMEDATALEN-1 = 63 bytes of application_name.
MAX_NAME_BYTES = 63

OTHERS_SQL = text(
    "SELECT DISTINCT application_name FROM pg_stat_activity"
    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
    " AND application_name LIKE :prefix"
)


def application_name(clerk: str) -> str:
    """`taizhang:<base64 of clerk>`, the name cut (whole characters) to fit 63 bytes."""
    while True:
        name = PREFIX + base64.urlsafe_b64encode(clerk.encode()).decode().rstrip("=")
        if len(name) <= MAX_NAME_BYTES:
            return name
        clerk = clerk[:-1]


def clerk_of(name: str) -> str | None:
    """The clerk's name back from an application name of ours (None if not ours)."""
    if not name.startswith(PREFIX):
        return None
    code = name[len(PREFIX) :]
    try:
        return base64.urlsafe_b64decode(code + "=" * (-len(code) % 4)).decode()
    except ValueError:
        return None


def with_clerk(url: str | None, clerk: str) -> str | None:
    """A PostgreSQL URL tagged with the clerk's application name; others unchanged."""
    if not url or "://" not in url:
        return url
    u = make_url(url)
    if u.get_backend_name() != "postgresql":
        return url
    tagged = u.update_query_dict({"application_name": application_name(clerk)})
    return tagged.render_as_string(hide_password=False)


def other_clerks(ledger: Ledger, me: str | None = None) -> list[str]:
    """Names of the clerks connected to this PostgreSQL ledger (not `me`), sorted."""
    if ledger.engine.dialect.name != "postgresql":
        return []
    try:
        with ledger.engine.connect() as conn:
            names = conn.execute(OTHERS_SQL, {"prefix": PREFIX + "%"}).scalars().all()
    except DBAPIError:  # presence is a courtesy: never fail the caller over it
        return []
    mine = application_name(me) if me else None
    return sorted({c for n in names if n != mine and (c := clerk_of(n))})
