"""Registered Excel worksheets: issued like department files, filled in Excel, merged back with
the same validation and three-way rules, ordered by their save time."""

from __future__ import annotations

import hashlib
import hmac
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import sha256
from tests.helpers.department_edits import fill
from tests.helpers.issued import issued_values
from tests.helpers.worksheet_edits import SAVED, at, fill_sheet, rows_by_number
from tests.workflow.conftest import YEAR, SheetCycle
from tests.workflow.test_merge import dept_id, edit_master, master_value
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.errors import ReadOnlyError, WelfareplanError
from welfareplan.core.model import AuditEvent, IssuedFile, ReceivedReturn
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import build_report
from welfareplan.exports.worksheet_xlsx import MAIN_SHEET
from welfareplan.workflow.issuing.issue_record import claims_of
from welfareplan.workflow.issuing.signing import load_secret, verify_mac, verify_worksheet_mac
from welfareplan.workflow.issuing.worksheets import issue_worksheets
from welfareplan.workflow.progress import OperationCancelled
from welfareplan.workflow.returns.apply import apply_merge, prefer_all
from welfareplan.workflow.returns.merge_types import FileOutcome
from welfareplan.workflow.returns.worksheet_cells import read_department_worksheet_xlsx
from welfareplan.workflow.status import DepartmentState, round_status

DEPT = "介護福祉課"
NUMBERS = (9, 10, 12, 15, 39, 40)


def complete(n: int, rating: str = "A") -> dict[str, str]:
    return {"result": f"事業{n}の令和7年度の実績", "rating": rating, "outlook": f"事業{n}の展望"}


def status_of(cycle: SheetCycle, department: str) -> Any:
    with cycle.open() as wb:
        st = round_status(wb, YEAR)
    return next(d for d in st.departments if d.department_name == department)


def test_full_cycle_reaches_the_report(sheet_cycle: SheetCycle) -> None:
    sheet = sheet_cycle.sheet(DEPT)
    fill_sheet(sheet, values={n: complete(n, "ABCD"[i % 4]) for i, n in enumerate(NUMBERS)})
    preview, result = sheet_cycle.merge(sheet)
    (f,) = preview.files
    assert f.outcome is FileOutcome.APPLY, f.reason
    assert f.file_format == "xlsx" and f.file_label == "Excel 評価シート"
    assert f.department_name == DEPT and f.fiscal_year == YEAR
    assert f.revision == 20990510010000 and f.revision_label.endswith(" 保存")
    assert len(f.changes) == 18 and not f.conflicts and not f.notes
    assert result.ok and result.applied == 18 and result.backup is not None
    with sheet_cycle.open() as wb, wb.session() as s:
        rnd = round_for_year(s, YEAR)
        report = build_report(s, rnd, department_id=dept_id(sheet_cycle, DEPT))
        entries = {int(p.number_label): p.entries[0] for g in report.goals for p in g.projects}
        assert set(entries) == set(NUMBERS)
        assert entries[9].value("result") == "事業9の令和7年度の実績"
        assert entries[9].value("rating") == "A"
        assert entries[10].value("rating") == "B"
        assert entries[40].value("outlook") == "事業40の展望"
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "merge")).all()
        assert len(audit) == 18
        assert {a.source_file for a in audit} == {sheet.name}
        assert {a.source_sha256 for a in audit} == {sha256(sheet)}
        (ret,) = s.scalars(select(ReceivedReturn)).all()
        assert ret.revision == ret.submitted_revision == 20990510010000
        assert ret.submitted_at == SAVED and ret.outcome == "applied"
    st = status_of(sheet_cycle, DEPT)
    assert st.state is DepartmentState.MERGED and st.last_file_format == "xlsx"
    assert (st.complete, st.total) == (6, 6)


def test_issue_is_recorded_like_a_department_file(sheet_cycle: SheetCycle) -> None:
    sheet = sheet_cycle.sheet(DEPT)
    content = read_department_worksheet_xlsx(sheet)
    with sheet_cycle.open() as wb, wb.session() as s:
        secret = load_secret(s)
        assert secret is not None
        rows = s.scalars(select(IssuedFile).where(IssuedFile.file_format == "xlsx")).all()
        assert sorted(r.file_name for r in rows) == sorted(
            f"R7_{d}_評価シート.xlsx" for d in ("介護福祉課", "地域福祉課", "健康課")
        )
        row = next(r for r in rows if r.file_name == sheet.name)
        assert content.keys.file_uuid == row.id and content.keys.workbook_uuid == wb.file_uuid
        assert sorted(r.entry_id for r in content.rows) == sorted(row.entry_keys)
        assert verify_mac(secret, claims_of(row, wb.file_uuid), row.mac)
        assert verify_worksheet_mac(secret, content.payload, content.mac)
        # a key derived from the secret: not the plain HMAC of the payload
        assert content.mac != hmac.new(secret, content.payload, hashlib.sha256).hexdigest()
        bases = issued_values(s, file_id=row.id)
        assert len(bases) == 6 and all(b == v == EntryValues() for v, b in bases.values())
        # the department still holds its department file too
        dept_files = s.scalars(
            select(IssuedFile).where(IssuedFile.department_id == row.department_id)
        ).all()
        assert sorted(f.file_format for f in dept_files) == ["wpdb", "xlsx"]
        notes = s.scalars(
            select(AuditEvent.note).where(
                AuditEvent.action == "distribute", AuditEvent.source_file == sheet.name
            )
        ).all()
        assert notes == ["再配布・Excel 評価シート（6 件）"]


def test_reissue_carries_current_values_and_an_untouched_return_changes_nothing(
    sheet_cycle: SheetCycle,
) -> None:
    tricky = '改行\r\nと制御\x01文字、=HYPERLINK("x")、😀\u3000'
    edit_master(sheet_cycle, DEPT, 9, result=tricky, rating="B", outlook="展望")
    with sheet_cycle.open() as wb:
        (info,) = issue_worksheets(
            wb, YEAR, sheet_cycle.sheets, departments=[DEPT], print_copy=True
        ).files
    assert info.path.name == "R7_介護福祉課_評価シート_2.xlsx" and info.reissue
    assert info.print_copy is not None and info.print_copy.name == "R7_介護福祉課_評価シート_2.docx"
    assert info.path.is_file() and info.print_copy.is_file()
    with sheet_cycle.open() as wb, wb.session() as s:
        bases = issued_values(s, file_id=info.file_id)
    (nine,) = [v for v, _ in bases.values() if v.get("result")]
    assert nine.get("result") == '改行\nと制御文字、=HYPERLINK("x")、😀\u3000'
    assert nine.get("rating") == "B"
    preview, _ = sheet_cycle.merge(info.path)
    (f,) = preview.files
    assert f.outcome is FileOutcome.UNCHANGED and not f.changes and not f.conflicts, f.reason
    assert master_value(sheet_cycle, DEPT, 9) == tricky
    # the department fills the re-issued sheet: only what it typed is applied
    fill_sheet(info.path, values={10: {"result": "再配布で記入"}}, saved_at=at(12))
    preview, _ = sheet_cycle.merge(info.path)
    assert [(c.entry.project_number, c.field) for c in preview.changes] == [("10", "result")]


def test_resubmitting_the_same_worksheet_changes_nothing(sheet_cycle: SheetCycle) -> None:
    sheet = fill_sheet(sheet_cycle.sheet(DEPT), values={9: complete(9)})
    copy = Path(shutil.copy(sheet, sheet.with_name("同じ内容.xlsx")))
    preview, _ = sheet_cycle.merge(sheet, copy)
    assert [f.outcome for f in preview.files] == [FileOutcome.APPLY, FileOutcome.UNCHANGED]
    assert "重複" in preview.files[1].reason
    before = sheet_cycle.sha()
    preview, result = sheet_cycle.merge(copy)
    (f,) = preview.files
    assert f.outcome is FileOutcome.UNCHANGED and "取込済み" in f.reason
    assert result.ok and result.backup is None and sheet_cycle.sha() == before


def test_conflict_with_a_master_edit(sheet_cycle: SheetCycle) -> None:
    edit_master(sheet_cycle, DEPT, 9, result="地域福祉課が直した文")
    sheet = fill_sheet(sheet_cycle.sheet(DEPT), values={9: {"result": "担当課の文", "rating": "A"}})
    preview = sheet_cycle.preview(sheet)
    (f,) = preview.files
    (c,) = f.conflicts
    assert (c.field, c.issued, c.file, c.master) == (
        "result",
        "",
        "担当課の文",
        "地域福祉課が直した文",
    )
    assert [(x.field, x.new) for x in f.changes] == [("rating", "A")]
    with sheet_cycle.open() as wb:
        result = apply_merge(wb, preview, prefer_all(preview, "file"))
    assert result.ok and result.conflicts_resolved == 1
    assert master_value(sheet_cycle, DEPT, 9) == "担当課の文"


def test_conflict_left_open_without_a_choice(sheet_cycle: SheetCycle) -> None:
    edit_master(sheet_cycle, DEPT, 10, outlook="課の展望")
    sheet = fill_sheet(sheet_cycle.sheet(DEPT), values={10: {"outlook": "担当課の展望"}})
    _, result = sheet_cycle.merge(sheet)
    assert result.conflicts_open == 1 and not result.ok
    assert master_value(sheet_cycle, DEPT, 10, "outlook") == "課の展望"
    # the division's to decide: counted, but the department is not sent back (差戻し)
    st = status_of(sheet_cycle, DEPT)
    assert st.state is DepartmentState.SUBMITTED and st.open_conflicts == 1


def test_department_file_and_worksheet_of_one_department(sheet_cycle: SheetCycle) -> None:
    """Each return is compared with the base of its own issued file."""
    wpdb = sheet_cycle.file(DEPT)
    fill(wpdb, {9: {"result": "アプリの文"}})
    sheet_cycle.merge(wpdb)
    sheet = fill_sheet(
        sheet_cycle.sheet(DEPT), values={9: {"result": "シートの文"}, 10: {"result": "シートの10"}}
    )
    preview, _ = sheet_cycle.merge(sheet)
    (f,) = preview.files
    assert [(c.entry.project_number, c.file, c.master) for c in f.conflicts] == [
        ("9", "シートの文", "アプリの文")
    ]
    assert [(c.entry.project_number, c.new) for c in f.changes] == [("10", "シートの10")]


def test_a_later_save_supersedes_and_an_earlier_one_is_stale(
    sheet_cycle: SheetCycle, tmp_path: Path
) -> None:
    sheet = sheet_cycle.sheet(DEPT)
    early = fill_sheet(sheet, tmp_path / "1回目.xlsx", {9: {"result": "1回目"}}, saved_at=at(9))
    late = fill_sheet(
        sheet,
        tmp_path / "2回目.xlsx",
        {9: {"result": "2回目"}, 10: {"rating": "C"}},
        saved_at=at(10),
    )
    preview = sheet_cycle.preview(early, late)
    assert [f.outcome for f in preview.files] == [FileOutcome.SUPERSEDED, FileOutcome.APPLY]
    assert "2回目.xlsx" in preview.files[0].reason
    sheet_cycle.merge(late)
    before = sheet_cycle.sha()
    preview, result = sheet_cycle.merge(early)
    (f,) = preview.files
    assert f.outcome is FileOutcome.STALE and "より新しい版" in f.reason and " 保存）" in f.reason
    assert result.backup is None and sheet_cycle.sha() == before
    assert master_value(sheet_cycle, DEPT, 9) == "2回目"


def test_returns_in_save_order_apply_in_turn(sheet_cycle: SheetCycle, tmp_path: Path) -> None:
    sheet = sheet_cycle.sheet(DEPT)
    early = fill_sheet(sheet, tmp_path / "a.xlsx", {9: {"result": "1回目"}}, saved_at=at(9))
    late = fill_sheet(sheet, tmp_path / "b.xlsx", {9: {"result": "2回目"}}, saved_at=at(10))
    for path in (early, late):
        preview, _ = sheet_cycle.merge(path)
        assert preview.files[0].outcome is FileOutcome.APPLY
    assert master_value(sheet_cycle, DEPT, 9) == "2回目"


def test_same_save_time_different_content_is_not_guessed(
    sheet_cycle: SheetCycle, tmp_path: Path
) -> None:
    sheet = sheet_cycle.sheet(DEPT)
    a = fill_sheet(sheet, tmp_path / "甲.xlsx", {9: {"result": "甲"}}, saved_at=at(9))
    b = fill_sheet(sheet, tmp_path / "乙.xlsx", {9: {"result": "乙"}}, saved_at=at(9))
    preview = sheet_cycle.preview(a, b)
    assert [f.code for f in preview.files] == ["revision-fork", "revision-fork"]
    sheet_cycle.merge(a)
    before = sheet_cycle.sha()
    preview, _ = sheet_cycle.merge(b)
    (f,) = preview.files
    assert f.code == "revision-fork" and "配布し直して" in f.reason
    assert sheet_cycle.sha() == before and master_value(sheet_cycle, DEPT, 9) == "甲"


def test_a_file_without_a_save_time_counts_as_oldest(
    sheet_cycle: SheetCycle, tmp_path: Path
) -> None:
    sheet = sheet_cycle.sheet(DEPT)
    untimed = fill_sheet(
        sheet, tmp_path / "x.xlsx", {n: complete(n) for n in NUMBERS}, saved_at=None
    )
    preview, _ = sheet_cycle.merge(untimed)
    (f,) = preview.files
    assert f.outcome is FileOutcome.APPLY and f.revision == 0
    assert f.revision_label == "保存日時の記録なし"
    assert status_of(sheet_cycle, DEPT).state is DepartmentState.MERGED  # returned = submitted
    other = fill_sheet(sheet, tmp_path / "y.xlsx", {9: {"result": "別"}}, saved_at=None)
    assert sheet_cycle.preview(other).files[0].outcome is FileOutcome.REJECTED
    timed = fill_sheet(sheet, tmp_path / "z.xlsx", {9: {"result": "保存日時あり"}})
    sheet_cycle.merge(timed)
    assert master_value(sheet_cycle, DEPT, 9) == "保存日時あり"
    assert sheet_cycle.preview(other).files[0].outcome is FileOutcome.STALE


def test_ratings_are_folded_to_a_to_d_with_a_note(sheet_cycle: SheetCycle) -> None:
    sheet = fill_sheet(
        sheet_cycle.sheet(DEPT),
        values={
            9: {"rating": "Ａ"},
            10: {"rating": " a "},
            12: {"rating": "ｃ"},
            15: {"rating": "　"},
        },
    )
    preview, result = sheet_cycle.merge(sheet)
    (f,) = preview.files
    assert result.ok
    assert [(c.entry.project_number, c.new) for c in f.changes] == [
        ("9", "A"),
        ("10", "A"),
        ("12", "C"),
    ]
    assert f.notes == (
        "事業9 介護福祉課の事業評価「Ａ」を「A」として読み取りました。",
        "事業10 介護福祉課の事業評価「 a 」を「A」として読み取りました。",
        "事業12 介護福祉課の事業評価「ｃ」を「C」として読み取りました。",
    )
    with sheet_cycle.open() as wb, wb.session() as s:
        notes = dict(
            s.execute(
                select(AuditEvent.new, AuditEvent.note).where(
                    AuditEvent.action == "merge", AuditEvent.new == "C"
                )
            ).all()
        )
    assert notes == {"C": "事業12 介護福祉課の事業評価「ｃ」を「C」として読み取りました。"}


def test_cell_text_is_cleaned_and_formulas_are_text(sheet_cycle: SheetCycle) -> None:
    link = '=HYPERLINK("http://example.com","リンク")'
    sheet = fill_sheet(
        sheet_cycle.sheet(DEPT),
        values={
            9: {"result": "一行目\r\n二行目_x000D_\n三行目_x0007_終わり", "outlook": link},
            10: {"result": 12, "outlook": 1.5},
        },
    )
    sheet_cycle.merge(sheet)
    assert master_value(sheet_cycle, DEPT, 9) == "一行目\n二行目\n三行目終わり"
    assert master_value(sheet_cycle, DEPT, 9, "outlook") == link
    assert master_value(sheet_cycle, DEPT, 10) == "12"
    assert master_value(sheet_cycle, DEPT, 10, "outlook") == "1.5"


def test_an_incomplete_worksheet_is_submitted_with_gaps(sheet_cycle: SheetCycle) -> None:
    values: dict[int | str, dict[str, str]] = {n: complete(n) for n in NUMBERS}
    values[12] = {"result": "評価はまだ", "rating": "", "outlook": "展望"}
    sheet = fill_sheet(sheet_cycle.sheet(DEPT), values=values)
    preview, result = sheet_cycle.merge(sheet)
    assert result.ok and not preview.rejected
    assert master_value(sheet_cycle, DEPT, 12, "rating") == ""
    st = status_of(sheet_cycle, DEPT)
    assert st.state is DepartmentState.SUBMITTED and (st.complete, st.total) == (5, 6)
    assert st.submitted_at == SAVED


def test_issue_is_refused_for_a_closed_round(sheet_cycle: SheetCycle, tmp_path: Path) -> None:
    from welfareplan.workflow.rounds.lifecycle import close_round

    with sheet_cycle.open() as wb:
        close_round(wb, YEAR)
    out = tmp_path / "出力"
    out.mkdir()
    before = sheet_cycle.sha()
    with sheet_cycle.open() as wb, pytest.raises(ReadOnlyError) as info:
        issue_worksheets(wb, YEAR, out)
    assert info.value.code == "round-closed" and "締め切られて" in info.value.message
    assert sheet_cycle.sha() == before and list(out.iterdir()) == []


@pytest.mark.parametrize("how", ["cancelled", "write-failed"])
def test_a_failed_issue_leaves_nothing(
    sheet_cycle: SheetCycle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    out = tmp_path / "出力"
    out.mkdir()
    steps: list[int] = []
    written: list[Path] = []

    def cancelled() -> bool:
        steps.append(1)
        return how == "cancelled" and len(steps) > 2  # after two departments' files

    if how == "write-failed":
        import welfareplan.exports.worksheet_docx as docx_module

        real = docx_module.write_department_worksheet_docx

        def failing(report: Any, path: Path, **kwargs: Any) -> Path:
            if len(written) == 2:  # the third department's Word copy
                raise WelfareplanError("ディスクがいっぱいです。", code="write-failed")
            written.append(path)
            return real(report, path, **kwargs)

        monkeypatch.setattr(docx_module, "write_department_worksheet_docx", failing)
    before = sheet_cycle.sha()
    with sheet_cycle.open() as wb, pytest.raises(WelfareplanError) as info:
        issue_worksheets(wb, YEAR, out, print_copy=True, cancelled=cancelled)
    expected = OperationCancelled if how == "cancelled" else WelfareplanError
    assert isinstance(info.value, expected)
    assert list(out.iterdir()) == []
    assert sheet_cycle.sha() == before


def test_rows_found_by_id_after_a_sort(sheet_cycle: SheetCycle) -> None:
    """A department that unprotects the sheet and reorders rows still returns a good file."""

    def swap(wb: Any) -> None:
        ws = wb[MAIN_SHEET]
        rows = rows_by_number(ws)
        a, b = rows["9"], rows["10"]
        for col in range(1, ws.max_column + 1):
            x, y = ws.cell(a, col), ws.cell(b, col)
            x.value, y.value = y.value, x.value

    sheet = fill_sheet(sheet_cycle.sheet(DEPT), values={9: {"result": "九"}}, change=swap)
    preview, result = sheet_cycle.merge(sheet)
    assert result.ok, [f.reason for f in preview.files]
    assert master_value(sheet_cycle, DEPT, 9) == "九"


@pytest.mark.parametrize(
    ("typed", "rating"),
    [
        ("A", "A"),
        ("Ａ", "A"),
        (" a ", "A"),
        ("ｄ\n", "D"),
        ("　", ""),
        ("", ""),
        ("E", None),
        ("AB", None),
        ("Ａ評価", None),
        ("優", None),
        ("1", None),
    ],
)
def test_normalize_rating(typed: str, rating: str | None) -> None:
    from welfareplan.core.koganei_form import KOGANEI_FORM
    from welfareplan.workflow.returns.worksheet_reader import typed_value

    assert typed_value(KOGANEI_FORM, "rating", typed) == rating


def test_cells_are_decoded_exactly_as_excel_escapes_them() -> None:
    """Excel writes a pasted CR as ``_x000D_`` and the typed text ``_x000D_`` as
    ``_x005F_x000D_``; a cell's text is decoded exactly so, then cleaned like any text."""
    from welfareplan.core.textclean import clean_text
    from welfareplan.exports.textsafe import excel_text, ooxml_escape
    from welfareplan.exports.worksheet_keys import cell_text

    assert clean_text(cell_text("a_x000D_\nb_x000d_c")) == "a\nb\nc"
    assert clean_text(cell_text("tab_x0009_end_x001F__x007F_")) == "tab\tend"
    assert cell_text("_x0041_ and _x4E00_") == "A and 一"
    assert cell_text("_x005F_x000D_ typed") == "_x000D_ typed"
    assert cell_text("_x005F_x005F_") == "_x005F_"
    for text in ("_x000D_", "a_x005F_b", "__x0041__", "_x12G4_", "x000D_", "_x000D"):
        assert cell_text(ooxml_escape(text)) == text
        assert cell_text(excel_text(text)) == text
    assert clean_text(cell_text("\r\nx\x0b")) == "\nx"


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2026-05-10T01:23:45Z", (2026, 5, 10, 1, 23, 45)),
        ("2026-05-10T01:23:45.123456789Z", (2026, 5, 10, 1, 23, 45)),
        ("2026-05-10T10:23:45+09:00", (2026, 5, 10, 1, 23, 45)),
        ("2026-05-10T10:23:45+0900", (2026, 5, 10, 1, 23, 45)),
        ("2026-05-10T01:23", (2026, 5, 10, 1, 23, 0)),
        (" 2026-05-10T01:23:45 ", (2026, 5, 10, 1, 23, 45)),
    ],
)
def test_parse_saved_time(text: str, utc: tuple[int, ...]) -> None:
    import datetime as dt

    from welfareplan.workflow.returns.worksheet_reader import parse_saved_time

    when = parse_saved_time(text)
    assert when is not None and when.astimezone(dt.UTC) == dt.datetime(*utc, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "yesterday",
        "2026-13-40T00:00:00Z",
        "2026-05-10",
        "2026-05-10T01:00:00+24:00",
        "0001-01-01T00:00:00+09:00",
        "9999-12-31T23:59:59-09:00",
    ],
)
def test_unreadable_saved_time_is_none(text: str) -> None:
    from welfareplan.workflow.returns.worksheet_reader import parse_saved_time

    assert parse_saved_time(text) is None


def test_revisions_and_their_labels() -> None:
    import datetime as dt

    from welfareplan.workflow.returns.returned_file import (
        revision_label,
        saved_revision,
        saved_time,
    )

    jst = dt.timezone(dt.timedelta(hours=9))
    when = dt.datetime(2026, 5, 10, 10, 23, 45, tzinfo=jst)
    assert saved_revision(when) == 20260510012345 and saved_revision(None) == 0
    assert saved_time(20260510012345) == when
    label = revision_label("xlsx", 20260510012345)
    assert label == f"{when.astimezone():%Y-%m-%d %H:%M:%S} 保存"
    assert revision_label("xlsx", 0) == "保存日時の記録なし"
    assert revision_label("wpdb", 3) == "版 3"


def test_distribute_issues_worksheets_with_file_format_xlsx(
    sheet_cycle: SheetCycle, tmp_path: Path
) -> None:
    from welfareplan.core.errors import DataError
    from welfareplan.workflow.issuing.distribute import distribute

    out = tmp_path / "出力"
    out.mkdir()
    with sheet_cycle.open() as wb:
        result = distribute(wb, YEAR, out, departments=["健康課"], file_format="xlsx")
        (info,) = result.files
        assert info.file_format == "xlsx" and info.path.name == "R7_健康課_評価シート.xlsx"
        assert info.print_copy is None and sorted(out.iterdir()) == [info.path]
        before = sheet_cycle.sha()
        with pytest.raises(DataError) as error:
            distribute(wb, YEAR, out, file_format="csv")
        assert error.value.code == "bad-format" and "csv" in error.value.message
    assert sheet_cycle.sha() == before


def test_a_zip_bomb_is_refused_before_unpacking(
    sheet_cycle: SheetCycle, monkeypatch: pytest.MonkeyPatch
) -> None:
    import welfareplan.workflow.returns.worksheet_reader as reader

    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 10_000)
    sheet = fill_sheet(sheet_cycle.sheet(DEPT), values={9: complete(9)})
    (f,) = sheet_cycle.preview(sheet).files
    assert f.code == "too-large" and "大きすぎます" in f.reason
