"""The county unit directory: units per county with kind and contacts, collective members,
rejected merge suggestions, and the directory's own history.

- `unit`: + `county` (units of different counties are never pooled; unique per county
  and name), `kind`, `contact_person`, `phone`. A unit whose tasks came from several
  counties' gazettes is split into one unit per county, its task links moved with it.
- `unit_alias`: + `county`; an alias is unique within its county.
- `unit_member` (collective -> named unit), `unit_rejection` (pairs the clerk said differ),
  `unit_change` (merges, renames, contacts and members, with what undo needs).

SQLite rebuilds `unit` in batch mode (its unique index cannot be dropped otherwise). Dropping
a table that `task_unit` references would fail the foreign key check, so on SQLite the
links are parked in a copy, `task_unit` is rebuilt after `unit`, and every row comes back
with its id.

Revision ID: 0005_unit_directory
Revises: 0004_reminders
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0005_unit_directory"
down_revision = "0004_reminders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from core.units.kinds import kind_of

    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        op.execute("CREATE TABLE _task_unit_0004 AS SELECT * FROM task_unit")
        op.drop_table("task_unit")
    aliases = bind.execute(
        sa.text("SELECT alias, unit_id, created_at, created_by FROM unit_alias")
    ).all()
    op.drop_table("unit_alias")
    with op.batch_alter_table("unit") as batch:
        batch.add_column(
            sa.Column("county", sa.String(length=100), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="department")
        )
        batch.add_column(sa.Column("contact_person", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("phone", sa.String(length=100), nullable=True))
        batch.drop_constraint("uq_unit_name", type_="unique")
        batch.create_unique_constraint("uq_unit_county_name", ["county", "name"])
    op.create_table(
        "unit_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county", sa.String(length=100), nullable=False, server_default=""),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_unit_alias_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_alias")),
        sa.UniqueConstraint("county", "alias", name="uq_unit_alias_county_alias"),
    )
    op.create_index(op.f("ix_unit_alias_unit_id"), "unit_alias", ["unit_id"], unique=False)
    if sqlite:
        _create_task_unit()
        op.execute(
            "INSERT INTO task_unit (id, task_id, unit_id, role, header, printed_name, position) "
            "SELECT id, task_id, unit_id, role, header, printed_name, position "
            "FROM _task_unit_0004"
        )
        op.drop_table("_task_unit_0004")
    op.create_table(
        "unit_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["unit.id"], name=op.f("fk_unit_member_group_id_unit"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["unit.id"],
            name=op.f("fk_unit_member_member_id_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_member")),
        sa.UniqueConstraint("group_id", "member_id", name="uq_unit_member_pair"),
    )
    op.create_index(op.f("ix_unit_member_group_id"), "unit_member", ["group_id"], unique=False)
    op.create_index(op.f("ix_unit_member_member_id"), "unit_member", ["member_id"], unique=False)
    op.create_table(
        "unit_rejection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county", sa.String(length=100), nullable=False),
        sa.Column("name_a", sa.String(length=200), nullable=False),
        sa.Column("name_b", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_rejection")),
        sa.UniqueConstraint("county", "name_a", "name_b", name="uq_unit_rejection_pair"),
    )
    op.create_table(
        "unit_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_change")),
    )
    op.create_index(op.f("ix_unit_change_at"), "unit_change", ["at"], unique=False)
    _scope_existing_units(bind, aliases, kind_of)


def _create_task_unit() -> None:
    """`task_unit` exactly as revision 0001 made it."""
    op.create_table(
        "task_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("header", sa.String(length=100), nullable=True),
        sa.Column("printed_name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_task_unit_task_id_task"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_task_unit_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_unit")),
    )
    op.create_index(op.f("ix_task_unit_task_id"), "task_unit", ["task_id"], unique=False)
    op.create_index(op.f("ix_task_unit_unit_id"), "task_unit", ["unit_id"], unique=False)
    op.create_index("ix_task_unit_unit_role", "task_unit", ["unit_id", "role", "task_id"])


def _scope_existing_units(bind, aliases, kind_of) -> None:  # type: ignore[no-untyped-def]
    """Give every unit the county of its tasks' gazettes, one unit per county."""
    units = {
        uid: (name, created)
        for uid, name, created in bind.execute(
            sa.text("SELECT id, name, created_at FROM unit ORDER BY id")
        )
    }
    counties: dict[int, set[str]] = defaultdict(set)
    for uid, county in bind.execute(
        sa.text(
            "SELECT DISTINCT tu.unit_id, COALESCE(g.county, '') FROM task_unit tu "
            "JOIN task t ON t.id = tu.task_id JOIN gazette_issue g ON g.id = t.gazette_id"
        )
    ):
        counties[uid].add(county)
    copies: dict[int, dict[str, int]] = {}
    for uid, (name, created) in units.items():
        own = sorted(counties.get(uid) or {""})
        bind.execute(
            sa.text("UPDATE unit SET county = :c, kind = :k WHERE id = :i"),
            {"c": own[0], "k": kind_of(name), "i": uid},
        )
        copies[uid] = {own[0]: uid}
        for county in own[1:]:
            bind.execute(
                sa.text(
                    "INSERT INTO unit (county, name, kind, created_at) VALUES (:c, :n, :k, :t)"
                ),
                {"c": county, "n": name, "k": kind_of(name), "t": created},
            )
            new_id = bind.execute(
                sa.text("SELECT id FROM unit WHERE county = :c AND name = :n"),
                {"c": county, "n": name},
            ).scalar_one()
            copies[uid][county] = new_id
            bind.execute(
                sa.text(
                    "UPDATE task_unit SET unit_id = :new WHERE unit_id = :old AND task_id IN "
                    "(SELECT t.id FROM task t JOIN gazette_issue g ON g.id = t.gazette_id "
                    "WHERE COALESCE(g.county, '') = :c)"
                ),
                {"new": new_id, "old": uid, "c": county},
            )
    for alias, uid, created, by in aliases:
        for county, target in sorted(copies.get(uid, {}).items()):
            bind.execute(
                sa.text(
                    "INSERT INTO unit_alias (county, alias, unit_id, created_at, created_by) "
                    "VALUES (:c, :a, :u, :t, :b)"
                ),
                {"c": county, "a": alias, "u": target, "t": created, "b": by},
            )


def downgrade() -> None:
    op.drop_index(op.f("ix_unit_change_at"), table_name="unit_change")
    op.drop_table("unit_change")
    op.drop_table("unit_rejection")
    op.drop_table("unit_member")
    raise NotImplementedError("units of several counties cannot be pooled back safely")
