"""Every bad returned file is rejected whole, with a precise Japanese reason, and the master's
bytes stay exactly as they were (and so do the returned file's)."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import sha256
from tests.helpers.department_edits import fill, own_entries, raw_sql
from tests.workflow.conftest import YEAR, Cycle
from welfareplan.core.model import Department, Entry, Project
from welfareplan.core.queries import round_for_year
from welfareplan.workflow.returns.merge_types import FileOutcome
from welfareplan.workflow.returns.rejections import Rejection, rejections_of

DEPT = "介護福祉課"  # 6 entries: projects 9, 10, 12, 15, 39, 40


def _valid(cycle: Cycle) -> Path:
    path = cycle.file(DEPT)
    fill(path, {9: {"result": "正しい記入", "rating": "A"}})
    return path


def _master_ids(cycle: Cycle) -> dict[str, str]:
    """Ids from the master: another department's entry, a project the department is not on."""
    with cycle.open() as wb, wb.session() as s:
        rnd = round_for_year(s, YEAR)
        other = s.scalar(
            select(Entry)
            .join(Department, Entry.department_id == Department.id)
            .where(Entry.round_id == rnd.id, Department.name == "地域福祉課")
        )
        own_dept = s.scalar(select(Department).where(Department.name == DEPT))
        assert other is not None and own_dept is not None
        own_projects = set(
            s.scalars(
                select(Entry.project_id).where(
                    Entry.round_id == rnd.id, Entry.department_id == own_dept.id
                )
            )
        )
        free = s.scalar(select(Project).where(Project.id.not_in(own_projects)))
        assert free is not None
        return {
            "other_entry": other.id,
            "other_dept": other.department_id,
            "other_project": other.project_id,
            "free_project": free.id,
            "round": rnd.id,
            "own_dept": own_dept.id,
        }


def _own(path: Path, number: int = 9) -> str:
    return own_entries(path)[number]


def foreign_workbook(cycle: Cycle, tmp: Path) -> Path:
    from welfareplan.core.shipped import create_demo_workbook
    from welfareplan.core.storage import Workbook
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.rounds.lifecycle import create_round

    other = create_demo_workbook(tmp / "よその.wpdb")
    (tmp / "よそ").mkdir()
    with Workbook.open(other) as wb:
        create_round(wb, YEAR)
        (f,) = distribute(wb, YEAR, tmp / "よそ", departments=[DEPT]).files
    fill(f.path, {9: {"result": "よその記入"}})
    return f.path


def forged_department_meta(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    ids = _master_ids(cycle)
    raw_sql(
        path,
        "UPDATE wp_meta SET value = ? WHERE key = 'department_id'",
        params=(ids["other_dept"],),
    )
    return path


def forged_department_everywhere(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    ids = _master_ids(cycle)
    p = (ids["other_dept"],)
    raw_sql(
        path,
        "UPDATE wp_meta SET value = ? WHERE key = 'department_id'",
        "UPDATE issued_file SET department_id = ?",
        params=p,
    )
    return path


def forged_mac(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "UPDATE issued_file SET mac = '" + "0" * 64 + "'")
    return path


def forged_entry_keys(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    ids = _master_ids(cycle)
    raw_sql(
        path,
        "UPDATE issued_file SET entry_keys = json_insert(entry_keys, '$[#]', ?)",
        params=(ids["other_entry"],),
    )
    return path


def forged_round(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "UPDATE wp_meta SET value = 'x' WHERE key = 'round_id'")
    return path


def unknown_issued_file(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    new = (str(uuid.uuid4()),)
    raw_sql(
        path,
        "UPDATE wp_meta SET value = ? WHERE key = 'file_uuid'",
        "UPDATE issued_file SET id = ?",
        params=new,
    )
    return path


def another_departments_entry(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    ids = _master_ids(cycle)
    raw_sql(
        path,
        "INSERT INTO entry (id, round_id, project_id, department_id, label, sort, updated_by) "
        "VALUES (?, ?, ?, ?, '', 0, '')",
        params=(ids["other_entry"], ids["round"], ids["other_project"], ids["other_dept"]),
    )
    raw_sql(
        path,
        "INSERT INTO entry_value (entry_id, field, value) VALUES (?, 'result', '書き換え')",
        params=(ids["other_entry"],),
    )
    return path


def own_entry_moved_to_other_department(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    ids = _master_ids(cycle)
    raw_sql(
        path,
        "UPDATE entry SET department_id = ? WHERE id = ?",
        params=(ids["other_dept"], _own(path)),
    )
    return path


def entry_removed(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "DELETE FROM entry WHERE id = ?", params=(_own(path, 10),))
    return path


def entry_added(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    ids = _master_ids(cycle)
    raw_sql(
        path,
        "INSERT INTO entry (id, round_id, project_id, department_id, label, sort, updated_by) "
        "VALUES (?, ?, ?, ?, '', 0, '')",
        params=(str(uuid.uuid4()), ids["round"], ids["free_project"], ids["own_dept"]),
    )
    return path


def unknown_project_key(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(
        path, "UPDATE entry SET project_id = 'no-such-project' WHERE id = ?", params=(_own(path),)
    )
    return path


def entry_moved_to_other_project(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    ids = _master_ids(cycle)
    raw_sql(
        path,
        "UPDATE entry SET project_id = ? WHERE id = ?",
        params=(ids["free_project"], _own(path)),
    )
    return path


def plan_row_edited(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "UPDATE project SET name = name || '（改）' WHERE label = '12'")
    return path


def _own_value(field: str, value_sql: str) -> Callable[[Cycle, Path], Path]:
    """A file whose own entry stores ``value_sql`` (an SQL literal) in ``field``, as another
    program could write it."""

    def build(cycle: Cycle, tmp: Path) -> Path:
        path = _valid(cycle)
        raw_sql(
            path,
            "INSERT OR REPLACE INTO entry_value (entry_id, field, value) "
            f"VALUES (?, '{field}', {value_sql})",
            params=(_own(path),),
        )
        return path

    return build


rating_e = _own_value("rating", "'E'")
rating_full_width = _own_value("rating", "'Ａ'")
result_not_text = _own_value("result", "X'00FF10'")
unknown_field = _own_value("colour", "'青'")


def issue_record_not_json(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "UPDATE issued_file SET entry_keys = '[not json'")
    return path


def issue_record_of_wrong_shape(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "UPDATE issued_file SET context = '[1, 2]'")
    return path


def bad_revision(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "UPDATE wp_meta SET value = 'abc' WHERE key = 'revision'")
    return path


def missing_issue_record(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "DELETE FROM issued_file")
    return path


def missing_table(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "DROP TABLE committee_opinion")
    return path


def extra_table(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "CREATE TABLE notes (x TEXT)")
    return path


def truncated(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_pages(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    data = bytearray(path.read_bytes())
    for page in range(1, 8):
        start = page * 4096
        data[start : start + 4096] = bytes((i * 7 + page) % 251 for i in range(4096))
    path.write_bytes(bytes(data))
    return path


def empty(cycle: Cycle, tmp: Path) -> Path:
    path = tmp / "空.wpdb"
    path.write_bytes(b"")
    return path


def text_file(cycle: Cycle, tmp: Path) -> Path:
    path = tmp / "メモ.wpdb"
    path.write_text("提出します。よろしくお願いします。", encoding="utf-8")
    return path


def excel_file(cycle: Cycle, tmp: Path) -> Path:
    import openpyxl

    path = tmp / "R7_介護福祉課.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "事業実績"
    book.save(path)
    return path


def master_as_department_file(cycle: Cycle, tmp: Path) -> Path:
    if isinstance(cycle.master, Path):
        return shutil.copy(cycle.master, tmp / "マスターのコピー.wpdb")
    from welfareplan.core.mastercopy import copy_master

    copy_master(cycle.master, tmp / "マスターのコピー.wpdb")  # a server master's .wpdb copy
    return tmp / "マスターのコピー.wpdb"


def newer_schema(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "PRAGMA user_version = 99")
    return path


def other_application(cycle: Cycle, tmp: Path) -> Path:
    path = _valid(cycle)
    raw_sql(path, "PRAGMA application_id = 1234")
    return path


def missing(cycle: Cycle, tmp: Path) -> Path:
    return tmp / "ない.wpdb"


CASES: dict[str, tuple[Callable[[Cycle, Path], Path], str, str]] = {
    # name: (make the bad file, code, words the reason must contain)
    "foreign-workbook": (foreign_workbook, "foreign-workbook", "別のマスターワークブック"),
    "forged-department-meta": (forged_department_meta, "forged-department", "地域福祉課"),
    "forged-department-record": (forged_department_everywhere, "bad-mac", "書き換えられて"),
    "forged-mac": (forged_mac, "bad-mac", "MAC"),
    "forged-entry-keys": (forged_entry_keys, "bad-mac", "署名"),
    "forged-round": (forged_round, "forged-round", "年度"),
    "unknown-issued-file": (unknown_issued_file, "unknown-file", "配布記録にありません"),
    "another-departments-entry": (another_departments_entry, "other-department", "地域福祉課"),
    "own-entry-to-other-department": (
        own_entry_moved_to_other_department,
        "other-department",
        "地域福祉課",
    ),
    "entry-removed": (entry_removed, "entry-removed", "事業10"),
    "entry-added": (entry_added, "entry-added", "追加されています"),
    "unknown-project-key": (unknown_project_key, "unknown-project", "計画にない事業"),
    "entry-to-other-project": (entry_moved_to_other_project, "entry-keys", "書き換えられて"),
    "plan-row-edited": (plan_row_edited, "plan-edited", "事業12"),
    "rating-E": (rating_e, "bad-rating", "「E」"),
    "rating-full-width": (rating_full_width, "bad-rating", "「Ａ」"),
    "result-not-text": (result_not_text, "bad-value", "文字ではありません"),
    "unknown-field": (unknown_field, "bad-field", "項目「colour」はこの計画の評価項目にありません"),
    "issue-record-not-json": (issue_record_not_json, "unreadable-content", "読み取れません"),
    "issue-record-wrong-shape": (
        issue_record_of_wrong_shape,
        "unreadable-content",
        "配布の記録の形式",
    ),
    "bad-revision": (bad_revision, "bad-revision", "版番号"),
    "missing-issue-record": (missing_issue_record, "missing-issue", "配布の記録"),
    "missing-table": (missing_table, "bad-structure", "ない表: committee_opinion"),
    "extra-table": (extra_table, "bad-structure", "余分な表: notes"),
    "truncated": (truncated, "truncated", "途中で切れて"),
    "empty": (empty, "empty", "空です"),
    "text": (text_file, "not-sqlite", "SQLiteデータベースではありません"),
    "excel": (excel_file, "not-worksheet", "評価シートではありません"),
    "master-workbook": (master_as_department_file, "wrong-kind", "マスターワークブック"),
    "newer-schema": (newer_schema, "newer-schema", "新しい版"),
    "other-application": (other_application, "foreign-app", "他のアプリケーション"),
    "missing": (missing, "not-found", "見つかりません"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_file_is_rejected_and_nothing_changes(cycle: Cycle, tmp_path: Path, case: str) -> None:
    make, code, words = CASES[case]
    bad = make(cycle, tmp_path)
    before = cycle.sha()
    file_before = sha256(bad) if bad.exists() else None
    preview, result = cycle.merge(bad)
    (f,) = preview.files
    assert f.outcome is FileOutcome.REJECTED
    assert f.code == code, f.reason
    assert words in f.reason and bad.name in f.reason
    assert "Traceback" not in f.reason
    assert result.rejected == 1 and not result.ok and result.backup is None
    assert cycle.sha() == before
    if file_before is not None:
        assert sha256(bad) == file_before


def test_corrupt_pages_are_rejected(cycle: Cycle, tmp_path: Path) -> None:
    bad = corrupt_pages(cycle, tmp_path)
    before = cycle.sha()
    preview, _ = cycle.merge(bad)
    (f,) = preview.files
    assert f.code in {"corrupt", "unreadable-content", "missing-meta", "unopenable"}, f.reason
    assert "壊れて" in f.reason or "読み取れません" in f.reason or "管理情報" in f.reason
    assert cycle.sha() == before


def test_wrong_round_and_closed_round(cycle: Cycle) -> None:
    path = _valid(cycle)
    before = cycle.sha()
    preview, _ = cycle.merge(path, year=2024)
    assert preview.files[0].code == "wrong-round"
    assert "令和7年度実績のファイル" in preview.files[0].reason
    assert cycle.sha() == before
    from welfareplan.workflow.rounds.lifecycle import close_round

    with cycle.open() as wb:
        close_round(wb, YEAR)
    before = cycle.sha()
    preview, _ = cycle.merge(path)
    assert preview.files[0].code == "round-closed" and "再開" in preview.files[0].reason
    assert cycle.sha() == before


def test_a_bad_file_does_not_stop_the_good_ones(cycle: Cycle, tmp_path: Path) -> None:
    good = cycle.file("健康課")
    fill(good, {7: {"result": "健康課の実績"}})
    bad = forged_mac(cycle, tmp_path)
    preview, result = cycle.merge(bad, good)
    assert [f.outcome for f in preview.files] == [FileOutcome.REJECTED, FileOutcome.APPLY]
    assert result.applied == 1 and result.rejected == 1 and not result.ok


def test_rejections_of_our_files_are_journaled_beside_the_master(
    cycle: Cycle, tmp_path: Path
) -> None:
    bad = forged_department_meta(cycle, tmp_path)
    cycle.merge(bad)
    cycle.merge(empty(cycle, tmp_path))  # cannot be attributed: not journaled
    (r,) = journaled(cycle)
    assert r.code == "forged-department" and r.file_name == bad.name
    ids = _master_ids(cycle)
    assert r.department_id == ids["own_dept"]  # from the master's record, not the file's claim


def test_dry_run_preview_writes_nothing_even_for_rejections(cycle: Cycle, tmp_path: Path) -> None:
    bad = forged_mac(cycle, tmp_path)
    cycle.preview(bad)
    assert journaled(cycle) == []


def journaled(cycle: Cycle) -> list[Rejection]:
    """The refused returns the master journaled (its table; a file's journal beside it too)."""
    with cycle.open() as wb, wb.reader() as con:
        return rejections_of(con, wb)
