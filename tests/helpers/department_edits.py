"""Test helpers that mimic the department app's writes (the lead's editing code does this in
the product): every save is one transaction that updates entries and increments
``wp_meta.revision``; submitting records the ``submitted_*`` keys."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.model import Entry, MetaItem, Project, now
from welfareplan.core.storage import Workbook
from welfareplan.workflow.issuing.department_file import (
    META_REVISION,
    META_ROUND_ID,
    META_SUBMITTED_AT,
    META_SUBMITTED_BY,
    META_SUBMITTED_HOST,
    META_SUBMITTED_OS_USER,
    META_SUBMITTED_REVISION,
)

Values = Mapping[str, str]  # field name → value


def _set_meta(session: Session, key: str, value: str) -> None:
    item = session.get(MetaItem, key)
    if item is None:
        session.add(MetaItem(key=key, value=value))
    else:
        item.value = value


def own_entries(path: Path) -> dict[int, str]:
    """Project number → entry id of the department's entries of the issued round."""
    with Workbook.open(path) as wb:
        round_id = wb.meta()[META_ROUND_ID]
        with wb.session() as s:
            rows = s.execute(
                select(Project.number, Entry.id)
                .join(Project, Entry.project_id == Project.id)
                .where(Entry.round_id == round_id)
            ).all()
            return dict(rows)


def fill(path: Path, values: Mapping[int, Values], *, by: str = "山田 花子") -> int:
    """Save ``values`` (project number → field values) in one transaction; returns the revision."""
    with Workbook.open(path) as wb, wb.transaction() as s:
        meta = {m.key: m for m in s.scalars(select(MetaItem))}
        round_id = meta[META_ROUND_ID].value
        entries = dict(
            s.execute(
                select(Project.number, Entry)
                .join(Project, Entry.project_id == Project.id)
                .where(Entry.round_id == round_id)
            ).all()
        )
        for number, fields in values.items():
            entry = entries[number]
            for name, value in fields.items():
                setattr(entry, name, value)
            entry.updated_at = now()
            entry.updated_by = by
        revision = int(meta[META_REVISION].value) + 1
        meta[META_REVISION].value = str(revision)
    return revision


def fill_all(path: Path, text: str, rating: str = "A", *, by: str = "山田 花子") -> int:
    """Complete every entry of the file with ``text``-based values."""
    numbers = own_entries(path)
    return fill(
        path,
        {
            n: {"result": f"{text}（事業{n}）", "rating": rating, "outlook": f"{text}の展望"}
            for n in numbers
        },
        by=by,
    )


def submit(path: Path, *, by: str = "山田 花子") -> None:
    with Workbook.open(path) as wb, wb.transaction() as s:
        revision = s.get(MetaItem, META_REVISION)
        assert revision is not None
        _set_meta(s, META_SUBMITTED_AT, now().isoformat())
        _set_meta(s, META_SUBMITTED_BY, by)
        _set_meta(s, META_SUBMITTED_OS_USER, "yamada")
        _set_meta(s, META_SUBMITTED_HOST, "PC-01")
        _set_meta(s, META_SUBMITTED_REVISION, revision.value)


def copy(path: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, dest)
    return dest


def raw_sql(path: Path, *statements: str, params: tuple[object, ...] = ()) -> None:
    """Edit a file behind the app's back (a tampering user with an SQLite browser)."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA ignore_check_constraints = ON")
        for sql in statements:
            con.execute(sql, params if "?" in sql else ())
        con.commit()
    finally:
        con.close()


def entry_values(wb: Workbook, fiscal_year: int) -> dict[tuple[int, str], tuple[str, str, str]]:
    """(project number, department id) → (result, rating, outlook) of a round in the master."""
    from welfareplan.core.queries import entries_of_round, round_for_year

    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        return {
            (e.project.number, e.department_id): (e.result, e.rating, e.outlook)
            for e in entries_of_round(s, rnd)
        }
