"""Exactly our schema: every file we open or read is compared with the schema of its version.

A welfareplan file is an SQLite database, and SQLite keeps the whole schema — tables, their
columns, types, ``NOT NULL``, keys, ``UNIQUE`` and ``CHECK`` constraints, foreign keys, indexes,
and also triggers and views — as SQL text in ``sqlite_master``. A file made or edited with
another SQLite tool can carry SQL of its own: a trigger runs when the app writes (typing one
entry could delete another), a view could stand in for a table, a table rebuilt without its
primary key can hold two rows for one entry. So before any write, and before any table is
read, :func:`verify_schema` compares the file's normalised ``sqlite_master`` with the snapshot
of its schema version (:data:`welfareplan.core.schema_snapshots.SNAPSHOTS`): anything added,
missing or different — and any trigger or view at all — refuses the file with a message naming
it. Then :func:`duplicate_keys` reads every table past its indexes (``NOT INDEXED``) to prove
that no two rows share a primary or unique key (an index can be made to disagree with its
table, which ``PRAGMA quick_check`` does not look at).

The snapshots are data derived from one source: ``python -m tests.fixtures.make_schema_snapshots``
writes them from the committed fixture files of every released version and, for the current
version, from what the ORM model creates; tests check that they are current and that every
upgrade path ends in the current snapshot. A schema change only regenerates them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from welfareplan.core.errors import FileCheckError
from welfareplan.core.schema_snapshots import SNAPSHOTS
from welfareplan.core.schemarows import SchemaRow

#: What each table holds, for messages.
TABLE_LABELS: Mapping[str, str] = {
    "wp_meta": "ファイルの管理情報",
    "plan": "計画",
    "goal": "基本目標",
    "direction": "施策の方向性",
    "measure": "施策",
    "plan_node": "計画の項目",
    "project": "事業",
    "project_link": "事業の引き継ぎ",
    "department": "担当課",
    "department_alias": "担当課の別名",
    "assignment": "事業の担当",
    "round": "年度",
    "entry": "記入",
    "entry_value": "記入の内容",
    "committee_opinion": "推進委員会の意見",
    "audit_event": "変更の記録",
    "issue_secret": "配布の署名の鍵",
    "issued_file": "配布の記録",
    "issued_entry": "配布した記入",
    "issued_value": "配布した記入の内容",
    "received_return": "取り込みの記録",
    "merge_conflict": "取り込みの競合",
    "rejected_return": "取り込めなかった返却の記録",
    "review_comment": "差戻しの指摘",
    "review_note": "差戻しの指摘への記入",
    "return_confirmation": "取り込んだファイルの確認の記録",
    "committee_member": "推進委員会の委員",
    "opinion_sheet": "意見・提案シートの配布の記録",
    "opinion_sheet_return": "意見・提案シートの取り込みの記録",
    "member_opinion": "委員から受け取った意見",
    "opinion_answer": "市の考え方・対応",
}

#: The schemas of every released version, as :func:`schema_of` reads them.
_KNOWN_SCHEMAS = frozenset(tuple(rows) for rows in SNAPSHOTS.values())

_SPACES = re.compile(r"\s+")
_BEFORE = re.compile(r"\s+([),])")
_AFTER = re.compile(r"\(\s+")
# SQLite writes a renamed table's name quoted (``ALTER TABLE new_x RENAME TO x`` leaves
# ``CREATE TABLE "x"``): the same table as ``CREATE TABLE x``. Upgrades rebuild tables that way.
_QUOTED_NAME = re.compile(r'^CREATE TABLE "([A-Za-z_][A-Za-z0-9_]*)" ')


@lru_cache(maxsize=256)  # every file of one version carries the same texts: normalised once
def normalize_sql(sql: str | None) -> str | None:
    """The SQL text with white space normalised (how it was laid out does not matter)."""
    if sql is None:
        return None
    text = _SPACES.sub(" ", sql).strip()
    text = _QUOTED_NAME.sub(r"CREATE TABLE \1 ", text)
    return _AFTER.sub("(", _BEFORE.sub(r"\1", text))


def schema_of(con: sqlite3.Connection) -> tuple[SchemaRow, ...]:
    """The normalised ``sqlite_master`` of ``con``'s main database, in a fixed order."""
    rows = con.execute(
        "SELECT type, name, tbl_name, sql FROM main.sqlite_master ORDER BY type, name"
    ).fetchall()
    return tuple((str(t), str(n), str(tb), normalize_sql(s)) for t, n, tb, s in rows)


def schema_differences(found: Sequence[SchemaRow], expected: Sequence[SchemaRow]) -> list[str]:
    """Japanese phrases naming every difference between two schemas ([] when equal)."""
    have = {(r[0], r[1]): r for r in found}
    want = {(r[0], r[1]): r for r in expected}
    parts: list[str] = []
    for kind, label in (("trigger", "トリガー"), ("view", "ビュー")):
        names = sorted(n for t, n in have if t == kind)
        if names:
            parts.append(f"{label}: {', '.join(names)}")
    odd = sorted({t for t, _ in have} - {"table", "index", "trigger", "view"})
    if odd:
        parts.append(f"不明な種類の要素: {', '.join(odd)}")
    for kind, label in (("table", "表"), ("index", "索引")):
        missing = sorted(n for t, n in want if t == kind and (t, n) not in have)
        extra = sorted(n for t, n in have if t == kind and (t, n) not in want)
        changed = sorted(
            n for t, n in want if t == kind and (t, n) in have and have[(t, n)] != want[(t, n)]
        )
        if missing:
            parts.append(f"ない{label}: {', '.join(missing)}")
        if extra:
            parts.append(f"余分な{label}: {', '.join(extra)}")
        if changed:
            what = "列・型・制約" if kind == "table" else "対象の列"
            parts.append(f"定義の違う{label}: {', '.join(changed)}（{what}）")
    return parts


def verify_schema(con: sqlite3.Connection, name: str, version: int) -> tuple[SchemaRow, ...]:
    """Refuse (:class:`FileCheckError`, code ``bad-structure``) a file whose schema is not
    exactly the one of ``version``; reads nothing but ``sqlite_master``. Returns the schema
    it read (for :func:`refuse_duplicates`)."""
    expected = SNAPSHOTS.get(version)
    if expected is None:  # an upgrade step without a snapshot: a build error, not the file's
        raise RuntimeError(f"no schema snapshot of version {version}")
    schema = schema_of(con)
    if schema == expected:  # the usual case: nothing to name
        return schema
    parts = schema_differences(schema, expected)
    if parts:
        raise FileCheckError(
            f"ファイル「{name}」の構造が welfareplan のファイルと違います（{'、'.join(parts)}）。"
            "作り直されたか、書き換えられたファイルです。",
            code="bad-structure",
        )
    return schema


#: The unique keys (table, columns) of each released schema, read from SQLite once per schema.
_KEYS_OF_SNAPSHOT: dict[tuple[SchemaRow, ...], tuple[tuple[str, tuple[str, ...]], ...]] = {}


def _unique_keys(con: sqlite3.Connection) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(table, columns) of every primary or unique key of ``con``'s tables."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\' ORDER BY name"
        )
    ]
    keys = []
    for table in tables:
        for index in con.execute(f'PRAGMA main.index_list("{table}")').fetchall():
            if not index[2]:  # not unique
                continue
            columns = tuple(r[2] for r in con.execute(f'PRAGMA main.index_info("{index[1]}")'))
            if columns and None not in columns:
                keys.append((str(table), tuple(str(c) for c in columns)))
    return tuple(keys)


@lru_cache(maxsize=64)  # one statement per schema's keys: SQLite's statement cache keeps it
def _duplicates_query(keys: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """One statement naming, in key order, each table with two rows sharing a key: every
    table is still read past its indexes, but in one round trip instead of one per key."""

    def name(identifier: str) -> str:
        return '"' + identifier.replace('"', '""') + '"'

    parts = []
    for table, columns in keys:
        cols = ", ".join(name(c) for c in columns)
        present = " AND ".join(f"{name(c)} IS NOT NULL" for c in columns)
        label = "'" + table.replace("'", "''") + "'"
        parts.append(
            f"SELECT {label} WHERE EXISTS (SELECT 1 FROM main.{name(table)} NOT INDEXED "
            f"WHERE {present} GROUP BY {cols} HAVING count(*) > 1)"
        )
    return " UNION ALL ".join(parts)


def duplicate_keys(
    con: sqlite3.Connection, schema: tuple[SchemaRow, ...] | None = None
) -> list[str]:
    """Tables holding two rows with the same primary or unique key (read past the indexes).
    ``schema``: the file's schema when the caller has just read it (:func:`verify_schema`)."""
    if schema is None:
        schema = schema_of(con)
    if schema in _KNOWN_SCHEMAS:  # a released schema (the usual case): its keys are known
        keys = _KEYS_OF_SNAPSHOT.get(schema)
        if keys is None:
            keys = _KEYS_OF_SNAPSHOT[schema] = _unique_keys(con)
    else:
        keys = _unique_keys(con)
    found: list[str] = []
    for (table,) in con.execute(_duplicates_query(keys)):
        if table not in found:
            found.append(str(table))
    return found


def refuse_duplicates(
    con: sqlite3.Connection, name: str, schema: tuple[SchemaRow, ...] | None = None
) -> None:
    """:func:`duplicate_keys` as a refusal (code ``duplicate-rows``)."""
    tables = duplicate_keys(con, schema)
    if tables:
        labels = "、".join(f"{TABLE_LABELS.get(t, t)}（{t}）" for t in tables)
        raise FileCheckError(
            f"ファイル「{name}」の{labels}に、同じキーの行が重複しています"
            "（書き換えられたファイルです）。",
            code="duplicate-rows",
        )


def snapshot_file(path: Path) -> tuple[SchemaRow, ...]:
    """The normalised schema of the file at ``path`` (read-only)."""
    con = sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True)
    try:
        return schema_of(con)
    finally:
        con.close()
