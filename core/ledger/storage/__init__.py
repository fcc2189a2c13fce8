"""Where the ledger lives.

Engine and URLs, the ORM tables, schema migration, backups and the stored source texts.
"""
