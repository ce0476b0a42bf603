"""Schema 2 → 3: plans of any shape.

What changes (see :mod:`welfareplan.core.model`):

* ``goal`` / ``direction`` / ``measure`` become ``plan_node`` rows (depth 0 / 1 / 2, ids and
  numbers kept, ``sort`` = number); the plan states its levels (Koganei's), its evaluation form
  (Koganei's, with the plan's ``rating_criteria`` and ``outlook_note``, which are dropped) and
  its report texts (the defaults) and project attributes (none).
* ``project``: ``node_id`` (was ``measure_id``), ``label`` as printed ('4', '31～34'; was
  ``number`` / ``number_end``), ``attributes``; ``predecessor_id`` becomes ``project_link``.
* ``entry``: the ``result`` / ``rating`` / ``outlook`` columns become ``entry_value`` rows
  (non-empty ones) keyed by those names, which are the keys of the migrated form.
* ``issued_entry`` becomes ``issued_value``: a row per issued entry and field, with its base.
* ``committee_opinion.goal_id`` becomes ``node_id``; ``merge_conflict.field`` any field key.

Tables are rebuilt as SQLite documents for changes ``ALTER TABLE`` cannot make (create the new
table, copy, drop the old one, rename), with foreign key enforcement off (the caller's
connection has it off; :func:`welfareplan.core.migrations.upgrade_connection` makes sure) and
``PRAGMA foreign_key_check`` before the commit. The DDL is frozen here as SQLAlchemy writes it
for schema 3, so later model changes never alter this step.
"""

from __future__ import annotations

import json
import sqlite3

from welfareplan.core.koganei_form import KOGANEI_FIELD_KEYS, KOGANEI_LEVELS, koganei_form
from welfareplan.core.plan_levels import levels_to_json

_TABLES_V3: dict[str, str] = {
    "plan": """
    CREATE TABLE "plan" (
        id VARCHAR(36) NOT NULL,
        "key" TEXT NOT NULL,
        name TEXT NOT NULL,
        period_start INTEGER NOT NULL,
        period_end INTEGER NOT NULL,
        philosophy TEXT NOT NULL,
        issuer TEXT NOT NULL,
        levels TEXT NOT NULL,
        form TEXT NOT NULL,
        texts TEXT NOT NULL,
        attributes TEXT NOT NULL,
        predecessor_id VARCHAR(36),
        created_at VARCHAR(32) NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT ck_plan_period CHECK (period_start <= period_end),
        UNIQUE ("key"),
        FOREIGN KEY(predecessor_id) REFERENCES "plan" (id)
    )
    """,
    "plan_node": """
    CREATE TABLE plan_node (
        id VARCHAR(36) NOT NULL,
        plan_id VARCHAR(36) NOT NULL,
        parent_id VARCHAR(36),
        depth INTEGER NOT NULL,
        number INTEGER,
        name TEXT NOT NULL,
        sort INTEGER NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT ck_plan_node_depth CHECK (depth >= 0 AND depth <= 3),
        FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE,
        FOREIGN KEY(parent_id) REFERENCES plan_node (id) ON DELETE CASCADE
    )
    """,
    "project": """
    CREATE TABLE project (
        id VARCHAR(36) NOT NULL,
        plan_id VARCHAR(36) NOT NULL,
        node_id VARCHAR(36) NOT NULL,
        label TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        attributes TEXT NOT NULL,
        sort INTEGER NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (plan_id, label),
        FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE,
        FOREIGN KEY(node_id) REFERENCES plan_node (id) ON DELETE CASCADE
    )
    """,
    "project_link": """
    CREATE TABLE project_link (
        predecessor_id VARCHAR(36) NOT NULL,
        successor_id VARCHAR(36) NOT NULL,
        PRIMARY KEY (predecessor_id, successor_id),
        FOREIGN KEY(predecessor_id) REFERENCES project (id) ON DELETE CASCADE,
        FOREIGN KEY(successor_id) REFERENCES project (id) ON DELETE CASCADE
    )
    """,
    "entry": """
    CREATE TABLE entry (
        id VARCHAR(36) NOT NULL,
        round_id VARCHAR(36) NOT NULL,
        project_id VARCHAR(36) NOT NULL,
        department_id VARCHAR(36) NOT NULL,
        label TEXT NOT NULL,
        sort INTEGER NOT NULL,
        updated_at VARCHAR(32),
        updated_by TEXT NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (round_id, project_id, department_id),
        FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE,
        FOREIGN KEY(project_id) REFERENCES project (id),
        FOREIGN KEY(department_id) REFERENCES department (id)
    )
    """,
    "entry_value": """
    CREATE TABLE entry_value (
        entry_id VARCHAR(36) NOT NULL,
        field VARCHAR(32) NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (entry_id, field),
        FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE
    )
    """,
    "committee_opinion": """
    CREATE TABLE committee_opinion (
        id VARCHAR(36) NOT NULL,
        round_id VARCHAR(36) NOT NULL,
        node_id VARCHAR(36) NOT NULL,
        project_id VARCHAR(36),
        text TEXT NOT NULL,
        sort INTEGER NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE,
        FOREIGN KEY(node_id) REFERENCES plan_node (id),
        FOREIGN KEY(project_id) REFERENCES project (id)
    )
    """,
    "issued_value": """
    CREATE TABLE issued_value (
        issued_file_id VARCHAR(36) NOT NULL,
        entry_id VARCHAR(36) NOT NULL,
        field VARCHAR(32) NOT NULL,
        value TEXT NOT NULL,
        base_value TEXT NOT NULL,
        PRIMARY KEY (issued_file_id, entry_id, field),
        FOREIGN KEY(issued_file_id) REFERENCES issued_file (id) ON DELETE CASCADE,
        FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE
    )
    """,
    "merge_conflict": """
    CREATE TABLE merge_conflict (
        id VARCHAR(36) NOT NULL,
        return_id VARCHAR(36) NOT NULL,
        issued_file_id VARCHAR(36) NOT NULL,
        entry_id VARCHAR(36) NOT NULL,
        field VARCHAR(32) NOT NULL,
        base_value TEXT NOT NULL,
        file_value TEXT NOT NULL,
        master_value TEXT NOT NULL,
        status VARCHAR(16) NOT NULL,
        resolution VARCHAR(16) NOT NULL,
        resolved_value TEXT,
        created_at VARCHAR(32) NOT NULL,
        resolved_at VARCHAR(32),
        resolved_by TEXT NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT ck_conflict_status CHECK (status IN ('open', 'resolved', 'superseded')),
        CONSTRAINT ck_conflict_resolution CHECK (resolution IN ('', 'file', 'master', 'manual')),
        FOREIGN KEY(return_id) REFERENCES received_return (id),
        FOREIGN KEY(issued_file_id) REFERENCES issued_file (id),
        FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE
    )
    """,
}

_INDEXES_V3: tuple[str, ...] = (
    "CREATE INDEX ix_plan_node_plan ON plan_node (plan_id, depth, sort)",
    "CREATE INDEX ix_project_link_successor ON project_link (successor_id)",
    "CREATE INDEX ix_entry_department ON entry (department_id, round_id)",
    "CREATE INDEX ix_issued_value_entry ON issued_value (entry_id)",
    "CREATE INDEX ix_merge_conflict_entry ON merge_conflict (entry_id, field, status)",
)


def _json(value: object) -> str:
    """JSON as the ORM's ``JsonText`` stores it."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _create(con: sqlite3.Connection, table: str, name: str | None = None) -> None:
    ddl = _TABLES_V3[table]
    if name is not None:
        quoted = '"plan"' if table == "plan" else table
        ddl = ddl.replace(f"CREATE TABLE {quoted} (", f"CREATE TABLE {name} (", 1)
    con.execute(ddl)


def _replace(con: sqlite3.Connection, table: str) -> None:
    """Drop ``table`` and rename its rebuilt ``new_<table>`` into place."""
    con.execute(f'DROP TABLE "{table}"')
    con.execute(f'ALTER TABLE new_{table} RENAME TO "{table}"')


def _plans(con: sqlite3.Connection) -> None:
    _create(con, "plan", "new_plan")
    levels = _json(levels_to_json(KOGANEI_LEVELS))
    rows = con.execute(
        "SELECT id, key, name, period_start, period_end, philosophy, issuer, rating_criteria, "
        "outlook_note, predecessor_id, created_at FROM plan"
    ).fetchall()
    for pid, key, name, start, end, philosophy, issuer, criteria, note, pred, created in rows:
        form = koganei_form(json.loads(criteria) if criteria else None, note or "")
        con.execute(
            "INSERT INTO new_plan (id, key, name, period_start, period_end, philosophy, issuer, "
            "levels, form, texts, attributes, predecessor_id, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', '[]', ?, ?)",
            (
                pid,
                key,
                name,
                start,
                end,
                philosophy,
                issuer,
                levels,
                _json(form.to_json()),
                pred,
                created,
            ),
        )
    _replace(con, "plan")


def _nodes_and_projects(con: sqlite3.Connection) -> None:
    _create(con, "plan_node")
    con.execute(
        "INSERT INTO plan_node (id, plan_id, parent_id, depth, number, name, sort) "
        "SELECT id, plan_id, NULL, 0, number, name, number FROM goal"
    )
    con.execute(
        "INSERT INTO plan_node (id, plan_id, parent_id, depth, number, name, sort) "
        "SELECT d.id, g.plan_id, d.goal_id, 1, d.number, d.name, d.number "
        "FROM direction d JOIN goal g ON g.id = d.goal_id"
    )
    con.execute(
        "INSERT INTO plan_node (id, plan_id, parent_id, depth, number, name, sort) "
        "SELECT m.id, g.plan_id, m.direction_id, 2, m.number, m.name, m.number "
        "FROM measure m JOIN direction d ON d.id = m.direction_id JOIN goal g ON g.id = d.goal_id"
    )
    _create(con, "project", "new_project")
    con.execute(
        "INSERT INTO new_project (id, plan_id, node_id, label, name, description, attributes, sort) "
        "SELECT id, plan_id, measure_id, "
        "CAST(number AS TEXT) || CASE WHEN number_end IS NULL THEN '' "
        "ELSE '～' || CAST(number_end AS TEXT) END, name, description, '{}', sort FROM project"
    )
    _create(con, "project_link")
    con.execute(
        "INSERT INTO project_link (predecessor_id, successor_id) "
        "SELECT predecessor_id, id FROM project WHERE predecessor_id IS NOT NULL "
        "AND predecessor_id IN (SELECT id FROM project)"
    )
    _replace(con, "project")
    _create(con, "committee_opinion", "new_committee_opinion")
    con.execute(
        "INSERT INTO new_committee_opinion (id, round_id, node_id, project_id, text, sort) "
        "SELECT id, round_id, goal_id, project_id, text, sort FROM committee_opinion"
    )
    _replace(con, "committee_opinion")
    for table in ("measure", "direction", "goal"):
        con.execute(f"DROP TABLE {table}")


def _entries(con: sqlite3.Connection) -> None:
    _create(con, "entry_value")
    # Schema 2 kept each of Koganei's fields in a column named like the field's key.
    for key in KOGANEI_FIELD_KEYS:
        con.execute(
            f"INSERT INTO entry_value (entry_id, field, value) "
            f"SELECT id, ?, {key} FROM entry WHERE {key} <> ''",
            (key,),
        )
    _create(con, "entry", "new_entry")
    con.execute(
        "INSERT INTO new_entry (id, round_id, project_id, department_id, label, sort, updated_at, "
        "updated_by) SELECT id, round_id, project_id, department_id, label, sort, updated_at, "
        "updated_by FROM entry"
    )
    _replace(con, "entry")
    _create(con, "issued_value")
    for key in KOGANEI_FIELD_KEYS:
        con.execute(
            f"INSERT INTO issued_value (issued_file_id, entry_id, field, value, base_value) "
            f"SELECT issued_file_id, entry_id, ?, {key}, base_{key} FROM issued_entry",
            (key,),
        )
    con.execute("DROP TABLE issued_entry")
    _create(con, "merge_conflict", "new_merge_conflict")
    con.execute("INSERT INTO new_merge_conflict SELECT * FROM merge_conflict")
    _replace(con, "merge_conflict")


def step_2_to_3(con: sqlite3.Connection) -> None:
    """Upgrade a schema 2 file to schema 3 (inside the caller's transaction)."""
    _plans(con)
    _nodes_and_projects(con)
    _entries(con)
    for statement in _INDEXES_V3:
        con.execute(statement)
    problems = con.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise sqlite3.IntegrityError(f"foreign key check failed after the upgrade: {problems[:3]}")
