"""Bringing the window's unsaved edits onto a file that was changed underneath it.

The window edits a local working copy and writes it back over the original
(:mod:`welfareplan.core.workcopy`). If the original was changed meanwhile by somebody who
did not honour its lock (another program, a copy over it, a lock taken over while this
computer slept), writing back would throw that change away. Instead the three states are
compared row by row — the **base** (the original as this window last read or wrote it), the
**local** copy (base + our edits) and **theirs** (the original now):

* our edits = base → local, their change = base → theirs, row by row (primary key);
* when no row was changed on both sides (differently), our edits are applied to a copy of
  theirs (:func:`apply_ours`), which then must pass the foreign-key, integrity and schema
  checks before it becomes the new local copy: nothing of either side is lost;
* otherwise nothing is applied, and :func:`describe` names, row by row, what writing back
  would discard (the window shows it before anything is overwritten).

Two kinds of row are merged rather than compared: rows appended to a table whose key is a
plain row number (the audit trail) get new numbers, and the department file's ``revision``
save counter adds both sides' saves.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.schemacheck import TABLE_LABELS

#: ``wp_meta`` keys that count saves: both sides' increments add up.
COUNTER_KEYS = frozenset({"revision"})
_KIND = {"added": "追加", "changed": "変更", "removed": "削除"}

Key = tuple[str, tuple[object, ...]]
Row = tuple[object, ...]


class RebaseError(WelfareplanError):
    code = "rebase"


@dataclass(frozen=True)
class RowChange:
    """One row added, changed or removed between two states of a file."""

    table: str
    key: tuple[object, ...]
    columns: tuple[str, ...]
    before: Row | None
    after: Row | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        return "removed" if self.after is None else "changed"

    @property
    def changed_columns(self) -> tuple[str, ...]:
        if self.before is None or self.after is None:
            return ()
        return tuple(
            c for c, a, b in zip(self.columns, self.before, self.after, strict=True) if a != b
        )

    def value(self, column: str, *, after: bool = True) -> object:
        row = self.after if after and self.after is not None else self.before
        assert row is not None
        return row[self.columns.index(column)]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]  # primary key columns ("rowid" for a table without one)
    row_number_key: bool  # the key is a plain INTEGER PRIMARY KEY (an alias of the rowid)


def _tables(con: sqlite3.Connection) -> list[Table]:
    tables = []
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\' ORDER BY name"
        )
    ]
    for name in names:
        info = con.execute(f'PRAGMA table_info("{name}")').fetchall()
        columns = tuple(r[1] for r in info)
        pk = sorted((r[5], r[1], str(r[2]).upper()) for r in info if r[5])
        key = tuple(c for _, c, _ in pk) or ("rowid",)
        row_number = len(pk) == 1 and pk[0][2] == "INTEGER"
        tables.append(Table(name, columns, key, row_number))
    return tables


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _read(path: Path) -> tuple[dict[str, Table], dict[Key, Row]]:
    con = sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True)
    try:
        tables = {t.name: t for t in _tables(con)}
        rows: dict[Key, Row] = {}
        for t in tables.values():
            key_at = [t.columns.index(k) for k in t.key] if t.key != ("rowid",) else None
            select = _quoted(t.columns) if key_at is not None else f"rowid, {_quoted(t.columns)}"
            for row in con.execute(f'SELECT {select} FROM "{t.name}"'):
                if key_at is None:
                    rows[(t.name, (row[0],))] = tuple(row[1:])
                else:
                    rows[(t.name, tuple(row[i] for i in key_at))] = tuple(row)
        return tables, rows
    finally:
        con.close()


def changes_between(old: Path, new: Path) -> list[RowChange]:
    """Every row added, changed or removed from ``old`` to ``new`` (same schema)."""
    tables, before = _read(old)
    _, after = _read(new)
    return _diff(tables, before, after)


def _diff(
    tables: Mapping[str, Table], before: Mapping[Key, Row], after: Mapping[Key, Row]
) -> list[RowChange]:
    out = []
    for key in sorted(before.keys() | after.keys(), key=repr):
        a, b = before.get(key), after.get(key)
        if a != b:
            table = tables[key[0]]
            out.append(RowChange(table.name, key[1], table.columns, a, b))
    return out


@dataclass(frozen=True)
class Rebase:
    """Our edits and their change since the common base, and where they collide."""

    ours: tuple[RowChange, ...]
    theirs: tuple[RowChange, ...]
    #: their changes to rows our edits change too (to something else): writing back would
    #: discard them, re-applying ours would discard ours
    clashes: tuple[RowChange, ...]
    tables: Mapping[str, Table]

    @property
    def clean(self) -> bool:
        return not self.clashes


def _is_counter(c: RowChange) -> bool:
    return c.table == "wp_meta" and c.key[0] in COUNTER_KEYS


def _merged_counter(ours: RowChange, theirs: RowChange) -> Row | None:
    """The ``revision`` row both sides changed: their value plus our saves."""
    try:
        old = int(str(ours.before[1])) if ours.before is not None else 0
        mine = int(str(ours.after[1])) if ours.after is not None else None
        other = int(str(theirs.after[1])) if theirs.after is not None else None
    except (TypeError, ValueError):
        return None
    if mine is None or other is None:
        return None
    return (ours.key[0], str(other + mine - old))


def plan_rebase(base: Path, local: Path, theirs: Path) -> Rebase:
    """Compare the three states (see the module's text). Reads only."""
    tables, base_rows = _read(base)
    _, local_rows = _read(local)
    _, their_rows = _read(theirs)
    ours = _diff(tables, base_rows, local_rows)
    other = {(c.table, c.key): c for c in _diff(tables, base_rows, their_rows)}
    clashes = []
    for c in ours:
        t = other.get((c.table, c.key))
        if t is None:
            continue
        if _is_counter(c):
            if _merged_counter(c, t) is None:
                clashes.append(t)
            continue  # both counted saves: the counts add up
        if t.after == c.after:
            continue  # the same edit on both sides
        if c.kind == "added" and tables[c.table].row_number_key:
            continue  # both appended a row numbered alike: ours gets a new number
        clashes.append(t)
    return Rebase(tuple(ours), tuple(other.values()), tuple(clashes), tables)


def apply_ours(rebase: Rebase, target: Path) -> None:
    """Apply our edits to ``target`` (a private copy of theirs), in one transaction; raises
    :class:`RebaseError` when the result breaks a rule of the schema (a unique name taken by
    both, a row whose parent the other side removed …): then ``target`` is unchanged."""
    if not rebase.clean:
        raise RebaseError("同じ内容が両方で変更されているため、自動ではまとめられません。")
    theirs = {(c.table, c.key): c for c in rebase.theirs}
    con = sqlite3.connect(target, isolation_level=None)
    try:
        con.execute("PRAGMA foreign_keys = OFF")  # no cascades: our diff lists every row
        con.execute("BEGIN IMMEDIATE")
        try:
            for c in rebase.ours:
                _apply_one(con, rebase.tables[c.table], c, theirs.get((c.table, c.key)))
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RebaseError(
                    f"{TABLE_LABELS.get(broken[0][0], broken[0][0])}の参照先が、もう一方の変更で"
                    "なくなっています。"
                )
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    except sqlite3.Error as exc:
        raise RebaseError(
            "あなたの入力と別の変更を合わせると、ファイルの決まり（名前の重複など）に合わなくなります。"
        ) from exc
    finally:
        con.close()


def _apply_one(
    con: sqlite3.Connection, table: Table, c: RowChange, theirs: RowChange | None
) -> None:
    name = f'"{table.name}"'
    by_rowid = table.key == ("rowid",)
    where = "rowid = ?" if by_rowid else " AND ".join(f'"{k}" = ?' for k in table.key)
    row = c.after
    if theirs is not None and _is_counter(c):
        row = _merged_counter(c, theirs)
        assert row is not None
    elif theirs is not None and theirs.after == c.after:
        return  # the same edit on both sides
    if row is None:
        con.execute(f"DELETE FROM {name} WHERE {where}", c.key)
        return
    if c.before is None:
        columns = table.columns
        if table.row_number_key:  # appended: a new number after theirs
            keep = [i for i, col in enumerate(columns) if col not in table.key]
            columns = tuple(columns[i] for i in keep)
            row = tuple(row[i] for i in keep)
        marks = ", ".join("?" * len(columns))
        con.execute(f"INSERT INTO {name} ({_quoted(columns)}) VALUES ({marks})", row)
        return
    sets = ", ".join(f'"{col}" = ?' for col in table.columns)
    con.execute(f"UPDATE {name} SET {sets} WHERE {where}", (*row, *c.key))


# ---------------------------------------------------------------------------- describing


def describe(changes: Iterable[RowChange], db: Path) -> list[str]:
    """One Japanese line per entry a person would recognise (its fields by the form of its
    round's plan: '事業12 介護福祉課の事業評価（変更）'), the rest counted per table
    ('変更の記録 3 件の追加')."""
    lines: list[str] = []
    counted: dict[tuple[str, str], int] = {}
    entries: dict[str, RowChange] = {}  # entry id → the change of its entry row
    fields: dict[str, list[str]] = {}  # entry id → the fields whose value rows changed
    for c in changes:
        if c.table == "entry":
            entries[str(c.key[0])] = c
        elif c.table == "entry_value":
            fields.setdefault(str(c.key[0]), []).append(str(c.key[1]))
        else:
            label = (c.table, c.kind)
            counted[label] = counted.get(label, 0) + 1
    ids = list(dict.fromkeys([*entries, *fields]))
    names, forms = _entry_names(db, ids, entries)
    for eid in ids:
        order = forms.get(eid, {})
        keys = sorted(fields.get(eid, []), key=lambda k: order.get(k, (len(order), k))[0])
        what = "・".join(order.get(k, (0, k))[1] for k in keys) or "記入"
        entry = entries.get(eid)
        kind = entry.kind if entry is not None and entry.kind != "changed" else "changed"
        lines.append(f"{names.get(eid, '記入')}の{what}（{_KIND[kind]}）")
    for (table, kind), n in sorted(counted.items()):
        lines.append(f"{TABLE_LABELS.get(table, table)} {n} 件の{_KIND[kind]}")
    return lines


def _entry_names(
    db: Path, ids: list[str], changed: Mapping[str, RowChange]
) -> tuple[dict[str, str], dict[str, dict[str, tuple[int, str]]]]:
    """entry id → '事業12 介護福祉課', and entry id → field key → (its place in the form of the
    entry's round's plan, its label)."""
    names: dict[str, str] = {}
    forms: dict[str, dict[str, tuple[int, str]]] = {}
    if not ids:
        return names, forms
    with contextlib.closing(
        sqlite3.connect(Path(db).absolute().as_uri() + "?mode=ro", uri=True)
    ) as con:
        for eid in ids:
            c = changed.get(eid)
            if c is not None:
                row: tuple[object, ...] | None = tuple(
                    c.value(k) for k in ("project_id", "department_id", "label", "round_id")
                )
            else:
                row = con.execute(
                    "SELECT project_id, department_id, label, round_id FROM entry WHERE id = ?",
                    (eid,),
                ).fetchone()
            if row is None:
                continue
            project, department, label, round_id = row
            found = con.execute("SELECT label FROM project WHERE id = ?", (project,)).fetchone()
            dept = con.execute("SELECT name FROM department WHERE id = ?", (department,)).fetchone()
            number = f"事業{found[0]}" if found else "事業"
            names[eid] = f"{number} {label or (dept[0] if dept else '')}".strip()
            form = con.execute(
                "SELECT p.form FROM round r JOIN plan p ON p.id = r.plan_id WHERE r.id = ?",
                (round_id,),
            ).fetchone()
            forms[eid] = _field_labels(form[0] if form else None)
    return names, forms


def _field_labels(form_json: object) -> dict[str, tuple[int, str]]:
    try:
        data = json.loads(str(form_json)) if form_json else {}
        items = data.get("fields", []) if isinstance(data, dict) else []
        return {
            str(f["key"]): (i, str(f.get("label") or f["key"]))
            for i, f in enumerate(items)
            if isinstance(f, dict) and "key" in f
        }
    except (TypeError, ValueError, KeyError):
        return {}
