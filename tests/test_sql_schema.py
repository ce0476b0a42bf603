"""Every plain-SQL statement and column list in the code matches the ORM's schema.

The hot paths (opening a window, saving an entry, merging) bypass the ORM, so a column renamed
or added in ``core/model.py`` would otherwise show only when that path runs. Here every SQL
text in ``welfareplan/`` (string constants, also when built from constants with ``+``) is
prepared against an empty database made from ``Base.metadata``; every column list that SQL is
built from at run time is checked against the tables; and every SQL text built with an
f-string must be one of the known ones below (a new one is added here with its column list).
"""

from __future__ import annotations

import ast
import importlib
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from welfareplan.core.model import Base

ROOT = Path(__file__).resolve().parent.parent / "welfareplan"
#: Modules whose SQL reads the tables of an earlier schema (an upgrade step), checked by the
#: upgrade tests against the committed files of that schema (tests/test_migrations.py).
EARLIER_SCHEMA = {"core/migration_v3.py"}
SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\s", re.IGNORECASE)

#: (module, constant, table, how): every column list from which SQL is built at run time.
#: ``all`` — an INSERT's columns: every column of the table (the ORM's Python-side defaults do
#: not apply to plain SQL, so a missing column would be NULL), but an autoincrement id;
#: ``some`` — columns read or updated: each must exist.
COLUMN_LISTS = [
    ("welfareplan.core.audittrail", "AUDIT_COLUMNS", "audit_event", "all"),
    ("welfareplan.workflow.returns.apply", "_RETURN_COLUMNS", "received_return", "all"),
    ("welfareplan.workflow.returns.apply", "_CONFLICT_COLUMNS", "merge_conflict", "all"),
    ("welfareplan.workflow.returns.checks", "_ENTRY_COLUMNS", "entry", "some"),
    ("welfareplan.workflow.issuing.issue_record", "PROJECT_COLUMNS", "project", "some"),
    ("welfareplan.workflow.issuing.issue_record", "ASSIGNMENT_COLUMNS", "assignment", "some"),
]

#: Every SQL text built with an f-string ({} for each placeholder), by module, and where its
#: column names come from (checked in COLUMN_LISTS).
FSTRING_SQL = {
    # AUDIT_COLUMNS
    ("core/audittrail.py", "INSERT INTO audit_event ({}) VALUES ({})"),
    # _RETURN_COLUMNS, _CONFLICT_COLUMNS
    ("workflow/returns/apply.py", "INSERT INTO {} ({}) VALUES ({})"),
    # PROJECT_COLUMNS (or the schema 2 columns of a file issued before schema 3),
    # ASSIGNMENT_COLUMNS
    ("workflow/issuing/issue_record.py", "SELECT {} FROM project"),
    ("workflow/issuing/issue_record.py", "SELECT {} FROM project WHERE id IN :ids"),
    ("workflow/issuing/issue_record.py", "SELECT project_id, {} FROM assignment"),
    (
        "workflow/issuing/issue_record.py",
        "SELECT project_id, {} FROM assignment WHERE project_id IN :ids",
    ),
    # a copy on PostgreSQL: its id sequences go on after the copied ids (the names of the
    # model's tables and columns)
    (
        "core/mastercopy.py",
        "SELECT setval(pg_get_serial_sequence(:table, :column), "
        "COALESCE(MAX({}), 0) + 1, false) FROM {}",
    ),
    # the upgrade to schema 3: Koganei's field keys, the columns of schema 2 (EARLIER_SCHEMA)
    (
        "core/migration_v3.py",
        "INSERT INTO entry_value (entry_id, field, value) SELECT id, ?, {} FROM entry WHERE {} <> ''",
    ),
    (
        "core/migration_v3.py",
        "INSERT INTO issued_value (issued_file_id, entry_id, field, value, base_value) "
        "SELECT issued_file_id, entry_id, ?, {}, base_{} FROM issued_entry",
    ),
    # generic over whatever tables and keys a file has (its schema checked first): the
    # duplicate-key check and the row-by-row catch-up of a changed original
    (
        "core/schemacheck.py",
        "SELECT {} WHERE EXISTS (SELECT 1 FROM main.{} NOT INDEXED WHERE {} GROUP BY {} "
        "HAVING count(*) > 1)",
    ),
    ("core/rebase.py", 'SELECT {} FROM "{}"'),
    ("core/rebase.py", "INSERT INTO {} ({}) VALUES ({})"),
    ("core/rebase.py", "UPDATE {} SET {} WHERE {}"),
    ("core/rebase.py", "DELETE FROM {} WHERE {}"),
    # AUDIT_COLUMNS: a server master's audit rows in one statement (plainsql.executemany_set)
    ("core/audittrail.py", "INSERT INTO audit_event ({}) SELECT {} FROM {rows} ORDER BY n"),
    # a server master's snapshot written through the new file's own sqlite3 connection and
    # read back to check it: every table of the model's metadata, every column of each
    ("core/mastercopy.py", "SELECT {} FROM {}"),
    ("core/mastercopy.py", "INSERT INTO {} ({}) VALUES ({})"),
}


def _schema() -> sqlite3.Connection:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    con = sqlite3.connect(":memory:")
    with engine.connect() as source:
        for (ddl,) in source.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC"
        ):
            con.execute(ddl)
    engine.dispose()
    return con


def _fold(node: ast.AST, consts: dict[str, str]) -> str | None:
    """The value of a string made of constants (literals, ``+``, module-level names)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _fold(node.left, consts), _fold(node.right, consts)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.Name):
        return consts.get(node.id)
    return None


def _docstrings(tree: ast.Module) -> set[int]:
    nodes = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef))]
    return {
        id(n.body[0].value)
        for n in nodes
        if n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)
    }


def sql_texts() -> Iterator[tuple[str, int, str]]:
    """(module path, line, SQL) of every SQL text made of constants."""
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        consts: dict[str, str] = {}
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                target = stmt.targets[0]
                value = _fold(stmt.value, consts)
                if isinstance(target, ast.Name) and value is not None:
                    consts[target.id] = value
        skip = _docstrings(tree)
        parents = {id(c): n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
        for node in ast.walk(tree):
            if id(node) in skip or isinstance(node, ast.Name):
                continue
            parent = parents.get(id(node))
            if isinstance(parent, ast.JoinedStr):
                continue  # a piece of an f-string (test_sql_built_with_fstrings_is_known)
            if isinstance(parent, ast.BinOp) and _fold(parent, consts) is not None:
                continue  # part of a larger constant string
            text = _fold(node, consts)
            if text is not None and SQL_START.match(text):
                yield str(path.relative_to(ROOT)), node.lineno, text


def fstring_sql() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                text = "".join(
                    v.value if isinstance(v, ast.Constant) else "{}" for v in node.values
                )
                if SQL_START.match(text):
                    found.add((str(path.relative_to(ROOT)), text))
    return found


def _params(sql: str) -> tuple[object, ...] | dict[str, object]:
    names = re.findall(r"(?<![:\w]):([A-Za-z_]\w*)", sql)
    if names:
        return dict.fromkeys(names)
    numbered = [int(n) for n in re.findall(r"\?(\d+)", sql)]
    return (None,) * (max(numbered) if numbered else sql.count("?"))


def test_the_scan_finds_the_plain_sql() -> None:
    texts = list(sql_texts())
    assert len(texts) > 50
    modules = {m for m, _, _ in texts}
    assert {"core/previous.py", "core/worklist.py", "workflow/returns/checks.py"} <= modules


#: Statements only a server master runs (issue 16), each prepared on SQLite as far as it can be.
POSTGRES_ONLY = {
    ("core/serverlocks.py", "SELECT pg_advisory_xact_lock(:k)"),
    ("core/serversnapshots.py", "SELECT pg_export_snapshot()"),
    # the schema's tables and views (tests/server/test_server_new.py compares it with SQLAlchemy's
    # inspector on the test cluster)
    (
        "core/serverdb.py",
        "SELECT c.relname FROM pg_catalog.pg_class c"
        " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v')",
    ),
}
#: Modules whose SQL reads only PostgreSQL's own catalogs (roles and privileges, the
#: connection's TLS, a new table's owner and grants), never the master's tables: run against the
#: test cluster in tests/server/test_server_roles.py, test_server_tls.py and
#: test_server_upgrade.py.
POSTGRES_CATALOG_MODULES = {"core/serverroles.py", "cli/server.py", "core/server_upgrade.py"}


def as_sqlite_sees_it(sql: str) -> str:
    """A list parameter ``IN :ids`` as ``plainsql.rows_in`` gives it to SQLite, and without a
    server's row lock (``FOR UPDATE``: SQLite locks the whole file instead). A server's
    statement over many rows at once (``plainsql.executemany_set``: ``{rows}``, the rows of
    ``x`` read from one JSON parameter) reads a row of the columns it uses instead."""
    sql = re.sub(r"IN :(\w+)", r"IN (SELECT value FROM json_each(:\1))", sql)
    if "{rows}" in sql:
        used = set(re.findall(r"\bx\.(\w+)", sql)) | {"n"}
        listed = re.search(r"SELECT (.+?) FROM \{rows\}", sql)
        if listed:
            used |= {c.strip() for c in listed.group(1).split(",")}
        row = ", ".join(f"NULL AS {c}" for c in sorted(used))
        sql = sql.replace("{rows}", f"(SELECT {row}) AS x")
    return re.sub(r"\s+FOR UPDATE$", "", sql)


def test_every_sql_text_fits_the_orm_schema() -> None:
    con = _schema()
    wrong = []
    for module, line, sql in sql_texts():
        if module in EARLIER_SCHEMA | POSTGRES_CATALOG_MODULES or (module, sql) in POSTGRES_ONLY:
            continue
        try:
            con.execute("EXPLAIN " + as_sqlite_sees_it(sql), _params(sql))
        except sqlite3.Error as exc:
            wrong.append(f"{module}:{line}: {exc}: {sql}")
    con.close()
    assert wrong == []


@pytest.mark.parametrize(("module", "name", "table", "how"), COLUMN_LISTS)
def test_column_lists_match_the_orm_tables(module: str, name: str, table: str, how: str) -> None:
    columns = tuple(getattr(importlib.import_module(module), name))
    t = Base.metadata.tables[table]
    assert len(set(columns)) == len(columns)
    assert set(columns) <= set(t.columns.keys())
    if how == "all":
        expected = {c.name for c in t.columns if not (c.primary_key and c.autoincrement is True)}
        assert set(columns) == expected


def test_sql_built_with_fstrings_is_known() -> None:
    assert fstring_sql() == FSTRING_SQL


def test_a_wrong_column_is_caught() -> None:
    """The check can fail: SQL naming a column the model does not have is refused."""
    con = _schema()
    with pytest.raises(sqlite3.OperationalError, match="no such column"):
        con.execute("EXPLAIN SELECT id, result, rating, outlook, remark FROM entry")
    con.close()
