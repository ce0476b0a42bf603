"""Builders of department files that carry SQL or structure of their own (issue 13, items 5
and 6), each made from a genuinely filled-in file with SQLite itself, as another SQLite tool
would: a trigger, a view, a dropped column, a table named to slip past ``NOT LIKE 'sqlite_%'``,
an index added, a ``CHECK`` removed, a table rebuilt without its key holding two rows for one
key, and — the stealthy form — a second row hidden from an intact-looking key index."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Protocol


class EnvLike(Protocol):
    """The part of ``tests.reliability.corpus.Env`` a builder uses."""

    def valid(self, name: str) -> Path: ...


def _sql(path: Path, *statements: str, params: tuple[object, ...] = ()) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            con.execute(statement, params if "?" in statement else ())
    finally:
        con.close()


def _edit(*statements: str) -> Callable[[EnvLike, str], Path]:
    def build(env: EnvLike, name: str) -> Path:
        path = env.valid(name)
        _sql(path, *statements)
        return path

    return build


#: Typing one entry deletes every other entry of the department (what the window would run).
TRIGGER = (
    "CREATE TRIGGER wipe_others AFTER UPDATE ON entry BEGIN "
    "DELETE FROM entry WHERE id <> NEW.id AND department_id = NEW.department_id; END"
)
trigger = _edit(TRIGGER)
view = _edit("CREATE VIEW entry_view AS SELECT * FROM entry")
dropped_column = _edit("ALTER TABLE entry DROP COLUMN updated_by")
like_named_table = _edit("CREATE TABLE sqliteXnotes (x TEXT)")
extra_index = _edit("CREATE INDEX ix_by_text ON entry_value (value)")


#: a key or unique constraint in a table's SQL as SQLAlchemy writes it
_KEYS = re.compile(r", \n\t(?:PRIMARY KEY|UNIQUE) \([^)]*\)")


def _schema_sql(path: Path, name: str) -> str:
    con = sqlite3.connect(path)
    try:
        (sql,) = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
        return str(sql)
    finally:
        con.close()


def _set_schema_sql(path: Path, name: str, sql: str) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA writable_schema = ON")
        con.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (sql, name))
    finally:
        con.close()


def check_removed(env: EnvLike, name: str) -> Path:
    """The round's ``CHECK (status IN …)`` taken out of the table's definition."""
    path = env.valid(name)
    sql = _schema_sql(path, "round")
    cut = "CONSTRAINT ck_round_status CHECK (status IN ('open', 'closed')), \n\t"
    assert cut in sql
    _set_schema_sql(path, "round", sql.replace(cut, ""))
    return path


def _rebuild_without_key(path: Path, table: str) -> None:
    """``table`` rebuilt with its columns but without its key and unique constraints."""
    sql = _schema_sql(path, table)
    assert _KEYS.search(sql)
    plain = _KEYS.sub("", sql).replace(f"CREATE TABLE {table} (", "CREATE TABLE rebuilt (")
    _sql(
        path,
        plain,
        f"INSERT INTO rebuilt SELECT * FROM {table}",
        f"DROP TABLE {table}",
        f"ALTER TABLE rebuilt RENAME TO {table}",
    )


#: a second value for a field of an entry that has one (the later row is the one a plain read
#: keeps)
_SECOND_VALUE = (
    "INSERT INTO entry_value SELECT entry_id, field, '改ざんされた記入' FROM entry_value "
    "WHERE field = 'result' LIMIT 1"
)


def entry_without_key(env: EnvLike, name: str) -> Path:
    """``entry_value`` rebuilt without its primary key, holding a second, tampered value for a
    field of an entry."""
    path = env.valid(name)
    _rebuild_without_key(path, "entry_value")
    _sql(path, _SECOND_VALUE)
    return path


def meta_without_key(env: EnvLike, name: str) -> Path:
    """``wp_meta`` rebuilt without its key, with a second ``revision`` row (版 999999)."""
    path = env.valid(name)
    _rebuild_without_key(path, "wp_meta")
    _sql(path, "INSERT INTO wp_meta VALUES ('revision', '999999')")
    return path


def hidden_duplicate(table: str, insert: str) -> Callable[[EnvLike, str], Path]:
    """A second row for a key, hidden from the key's indexes: the table's definition and its
    indexes are put back exactly as they were, so the schema is ours and ``quick_check``
    passes (only ``integrity_check`` compares an index with its table)."""

    def build(env: EnvLike, name: str) -> Path:
        path = env.valid(name)
        sql = _schema_sql(path, table)
        con = sqlite3.connect(path)
        indexes = con.execute(
            "SELECT name, rootpage FROM sqlite_master WHERE type = 'index' AND name GLOB ?",
            (f"sqlite_autoindex_{table}_*",),
        ).fetchall()
        con.close()
        assert indexes and _KEYS.search(sql)
        _set_schema_sql(path, table, _KEYS.sub("", sql))
        for index, _ in indexes:
            _sql(
                path,
                "PRAGMA writable_schema = ON",
                "DELETE FROM sqlite_master WHERE name = ?",
                params=(index,),
            )
        _sql(path, insert)
        _set_schema_sql(path, table, sql)
        for index, root in indexes:
            _sql(
                path,
                "PRAGMA writable_schema = ON",
                "INSERT INTO sqlite_master VALUES ('index', ?, ?, ?, NULL)",
                params=(index, table, root),
            )
        return path

    return build


hidden_duplicate_meta = hidden_duplicate(
    "wp_meta", "INSERT INTO wp_meta VALUES ('revision', '999999')"
)
hidden_duplicate_entry = hidden_duplicate("entry_value", _SECOND_VALUE)
