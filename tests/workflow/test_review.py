"""差戻し with comments per field and the section chief's confirmation, on department files:
send back two fields of two departments → re-issue → the departments reply (one confirms, one
records none) → merge shows the replies → the division closes one comment and keeps one open
→ status, reminder list and audit agree. Bad input is refused with a Japanese reason and
changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.helpers.department_edits import fill, submit
from tests.workflow.conftest import YEAR, Cycle
from welfareplan.core.confirmation import (
    file_confirmation,
    record_confirmation,
    record_no_confirmation,
)
from welfareplan.core.errors import DataError, WelfareplanError
from welfareplan.core.review_file import file_comments, write_reply
from welfareplan.core.storage import Workbook
from welfareplan.core.submission import submission_state
from welfareplan.workflow.master.audit_log import list_events
from welfareplan.workflow.returns.merge_types import FileOutcome
from welfareplan.workflow.review.comments import add_comment, close_comment, list_comments
from welfareplan.workflow.review.send_back import send_back
from welfareplan.workflow.status import DepartmentState, round_status
from welfareplan.workflow.status_table import status_row

KAIGO, KENKO = "介護福祉課", "健康課"


def _comment_two(cycle: Cycle) -> None:
    with cycle.open() as wb:
        add_comment(wb, YEAR, KAIGO, "9", field="事業実績・評価理由", text="B の理由を具体的に。")
        add_comment(wb, YEAR, KENKO, "7", field="outlook", text="来年度の目標値を書いてください。")


def _send_back(cycle: Cycle, out: Path) -> dict[str, Path]:
    out.mkdir(exist_ok=True)
    files = {}
    with cycle.open() as wb:
        for dept in (KAIGO, KENKO):
            (info,) = send_back(wb, YEAR, dept, out).files
            files[dept] = info.path
    return files


def test_round_trip_of_comments_replies_and_confirmation(cycle: Cycle, tmp_path: Path) -> None:
    _comment_two(cycle)
    with cycle.open() as wb:
        st = {d.department_name: d for d in round_status(wb, YEAR).departments}
    # marked but not sent: not yet 差戻し, counted as open (未送付)
    assert st[KAIGO].state is DepartmentState.ISSUED and st[KAIGO].open_comments == 1
    assert st[KAIGO].sent_comments == 0
    files = _send_back(cycle, tmp_path / "差戻し")
    with cycle.open() as wb:
        status = round_status(wb, YEAR)
    st = {d.department_name: d for d in status.departments}
    assert st[KAIGO].state is DepartmentState.SENT_BACK and st[KAIGO].state_label == "差戻し"
    assert st[KENKO].state is DepartmentState.SENT_BACK and st[KENKO].sent_comments == 1
    assert {d.department_name for d in status.to_remind} >= {KAIGO, KENKO}
    assert status.count(DepartmentState.SENT_BACK) == 2 and status.open_comments == 2

    # the departments read and answer the comments in their re-issued files
    with Workbook.open(files[KAIGO]) as dept:
        (c,) = file_comments(dept)
        assert (c.field, c.field_label, c.comment_text) == (
            "result",
            "事業実績・評価理由",
            "B の理由を具体的に。",
        )
        assert c.is_open and not c.answered
        answered = write_reply(dept, c.id, "利用者数の減少が理由です。", author="山田 花子")
        assert answered.answered and answered.reply is not None
    fill(files[KAIGO], {9: {"result": "利用者数が前年より 2 割減ったため B。"}})
    submit(files[KAIGO])
    with Workbook.open(files[KAIGO]) as dept:
        confirmed = record_confirmation(dept, "佐藤 一郎", "所属長")
        assert confirmed.label.startswith("確認済み（所属長 佐藤 一郎")
    with Workbook.open(files[KENKO]) as dept:
        (c,) = file_comments(dept)
        write_reply(dept, c.id, "目標値は 120 人です。", author="鈴木")
        record_no_confirmation(dept)
        assert file_confirmation(dept) is not None

    preview, result = cycle.merge(files[KAIGO], files[KENKO])
    assert result.rejected == 0
    by = {f.department_name: f for f in preview.files}
    assert by[KAIGO].outcome is FileOutcome.APPLY
    (reply,) = by[KAIGO].replies
    assert reply.field_label == "事業実績・評価理由" and reply.old_text is None
    assert reply.comment_text == "B の理由を具体的に。"
    assert {(c.field, c.new) for c in by[KAIGO].changes} == {
        ("result", "利用者数が前年より 2 割減ったため B。")
    }
    # a file whose only news is its reply is still applied: the reply is stored
    assert by[KENKO].outcome is FileOutcome.APPLY and not by[KENKO].changes
    assert len(by[KENKO].replies) == 1

    with cycle.open() as wb:
        comments = {c.department_name: c for c in list_comments(wb, YEAR)}
        assert comments[KAIGO].last_reply is not None
        assert comments[KAIGO].last_reply.text == "利用者数の減少が理由です。"
        close_comment(wb, comments[KAIGO].id, resolved=True)
        kept = close_comment(
            wb, comments[KENKO].id, resolved=False, note="目標値の根拠も書いてください。"
        )
        assert kept.is_open and kept.comment_text == "目標値の根拠も書いてください。"
        status = round_status(wb, YEAR)
        events = list_events(wb, fiscal_year=YEAR)
    st = {d.department_name: d for d in status.departments}
    assert st[KAIGO].open_comments == 0 and st[KAIGO].state is not DepartmentState.SENT_BACK
    assert st[KAIGO].confirmation == "confirmed" and "佐藤 一郎" in st[KAIGO].confirmation_label
    assert st[KENKO].open_comments == 1 and st[KENKO].confirmation_label == "確認なし"
    # kept open: not sent again yet, so not 差戻し, but on the reminder list
    assert st[KENKO].state is not DepartmentState.SENT_BACK
    assert KENKO in {d.department_name for d in status.to_remind}
    assert KAIGO not in {d.department_name for d in status.to_remind}
    assert "差戻しの指摘 1 件が未解決（うち未送付 1 件）" in status_row(st[KENKO])[-1]
    actions = [e.action for e in events]
    assert actions.count("review-comment") == 2 and actions.count("review-reply") == 2
    assert actions.count("review-resolve") == 1 and actions.count("review-keep") == 1
    replies = [e for e in events if e.action == "review-reply"]
    assert {e.new for e in replies} == {"利用者数の減少が理由です。", "目標値は 120 人です。"}


def test_the_same_return_again_changes_nothing(cycle: Cycle, tmp_path: Path) -> None:
    _comment_two(cycle)
    files = _send_back(cycle, tmp_path / "差戻し")
    with Workbook.open(files[KENKO]) as dept:
        (c,) = file_comments(dept)
        write_reply(dept, c.id, "目標値は 120 人です。", author="鈴木")
    cycle.merge(files[KENKO])
    before = cycle.sha()
    preview = cycle.preview(files[KENKO])
    (f,) = preview.files
    assert f.outcome is FileOutcome.UNCHANGED and not f.replies
    assert cycle.sha() == before


def _add_note(path: Path, comment_id: str, file_id: str | None = None) -> None:
    con = sqlite3.connect(path)
    try:
        fid = file_id or con.execute("SELECT value FROM wp_meta WHERE key='file_uuid'").fetchone()
        con.execute(
            "INSERT INTO review_note (id, comment_id, kind, text, author, at, seq, file_id) "
            "VALUES ('n-1', ?, 'reply', '回答', '誰か', '2026-05-01T10:00:00+09:00', 1, ?)",
            (comment_id, fid if isinstance(fid, str) else fid[0]),
        )
        con.execute("UPDATE wp_meta SET value = value + 1 WHERE key = 'revision'")
        con.commit()
    finally:
        con.close()


def test_a_reply_to_a_comment_that_does_not_exist_is_refused(cycle: Cycle) -> None:
    path = cycle.file(KAIGO)
    _add_note(path, "00000000-0000-0000-0000-000000000000")
    before = cycle.sha()
    preview, result = cycle.merge(path)
    (f,) = preview.files
    assert f.outcome is FileOutcome.REJECTED and f.code == "unknown-comment"
    assert "マスターにない指摘" in f.reason
    assert result.rejected == 1 and cycle.sha() == before


def test_a_reply_to_another_departments_comment_is_refused(cycle: Cycle, tmp_path: Path) -> None:
    _comment_two(cycle)
    with cycle.open() as wb:
        other = next(c for c in list_comments(wb, YEAR) if c.department_name == KENKO)
    path = cycle.file(KAIGO)
    _add_note(path, other.id)
    before = cycle.sha()
    preview, _ = cycle.merge(path)
    (f,) = preview.files
    assert f.outcome is FileOutcome.REJECTED and f.code == "foreign-comment"
    assert cycle.sha() == before


def test_a_file_of_another_round_is_refused(cycle: Cycle, tmp_path: Path) -> None:
    _comment_two(cycle)
    files = _send_back(cycle, tmp_path / "差戻し")
    with Workbook.open(files[KENKO]) as dept:
        (c,) = file_comments(dept)
        write_reply(dept, c.id, "回答", author="鈴木")
    before = cycle.sha()
    preview, _ = cycle.merge(files[KENKO], year=YEAR + 1)
    (f,) = preview.files
    assert f.outcome is FileOutcome.REJECTED and not f.replies
    assert cycle.sha() == before


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"field": "担当者の感想", "text": "x"}, "評価項目にありません"),
        ({"field": "result", "text": "  "}, "指摘を入力してください"),
    ],
)
def test_bad_comments_are_refused_and_change_nothing(
    cycle: Cycle, kwargs: dict[str, str], reason: str
) -> None:
    before = cycle.sha()
    with cycle.open() as wb, pytest.raises(DataError, match=reason):
        add_comment(wb, YEAR, KAIGO, "9", **kwargs)
    assert cycle.sha() == before


def test_bad_replies_and_confirmations_are_refused(cycle: Cycle, tmp_path: Path) -> None:
    _comment_two(cycle)
    files = _send_back(cycle, tmp_path / "差戻し")
    before = sha256(files[KAIGO])
    with Workbook.open(files[KAIGO]) as dept:
        (c,) = file_comments(dept)
        for call, reason in [
            (lambda: write_reply(dept, "no-such-id", "回答", author="山田"), "ありません"),
            (lambda: write_reply(dept, c.id, "", author="山田"), "回答を入力"),
            (lambda: write_reply(dept, c.id, "回答", author=" "), "氏名"),
            (lambda: record_confirmation(dept, "", "所属長"), "氏名"),
            (lambda: record_confirmation(dept, "佐藤", "部長"), "選べません"),
        ]:
            with pytest.raises(WelfareplanError, match=reason):
                call()
    assert sha256(files[KAIGO]) == before


def test_send_back_without_comments_is_refused(cycle: Cycle, tmp_path: Path) -> None:
    before = cycle.sha()
    out = tmp_path / "差戻し"
    out.mkdir()
    with cycle.open() as wb, pytest.raises(DataError, match="未解決の指摘がありません"):
        send_back(wb, YEAR, KAIGO, out)
    assert cycle.sha() == before and not list(out.iterdir())


def test_worksheet_round_trip_with_a_comment(cycle: Cycle, tmp_path: Path) -> None:
    """A worksheet re-issued after a send-back carries the comment beside its input cell and
    on the sheet 差戻し; the reply typed in Excel comes back with the merge."""
    from openpyxl import load_workbook

    from tests.helpers.worksheet_edits import fill_sheet
    from welfareplan.exports.worksheet_review import (
        AUTHOR_COLUMN,
        REPLY_COLUMN,
        REVIEW_HEADER_ROW,
        REVIEW_SHEET,
    )
    from welfareplan.exports.worksheet_xlsx import MAIN_SHEET

    _comment_two(cycle)
    out = tmp_path / "差戻し"
    out.mkdir()
    with cycle.open() as wb:
        (info,) = send_back(wb, YEAR, KENKO, out, file_format="xlsx").files
    sheet = info.path
    book = load_workbook(sheet)
    review = book[REVIEW_SHEET]
    assert review.protection.sheet
    row = REVIEW_HEADER_ROW + 1
    assert review.cell(row, 3).value == "来年度の目標値を書いてください。"
    assert review.cell(row, 2).value == "今後の事業計画・展望"
    assert review.cell(row, REPLY_COLUMN).protection.locked is False
    assert review.cell(row, 3).protection.locked is not False
    noted = [c for r in book[MAIN_SHEET].iter_rows() for c in r if c.comment is not None]
    assert len(noted) == 1 and "来年度の目標値を書いてください。" in noted[0].comment.text

    def answer(wb: object) -> None:
        ws = wb[REVIEW_SHEET]  # type: ignore[index]
        ws.cell(row, REPLY_COLUMN).value = "目標値は 120 人です。"
        ws.cell(row, AUTHOR_COLUMN).value = "鈴木"

    fill_sheet(sheet, values={7: {"outlook": "来年度は 120 人を目標にする。"}}, change=answer)
    preview, result = cycle.merge(sheet)
    assert result.rejected == 0
    (f,) = preview.files
    assert f.outcome is FileOutcome.APPLY, f.reason
    (reply,) = f.replies
    assert (reply.reply.text, reply.reply.author) == ("目標値は 120 人です。", "鈴木")
    assert {(c.field, c.new) for c in f.changes} == {("outlook", "来年度は 120 人を目標にする。")}
    with cycle.open() as wb:
        (c,) = list_comments(wb, YEAR, department=KENKO)
    assert c.last_reply is not None and c.last_reply.text == "目標値は 120 人です。"
    # the same worksheet again: nothing new
    before = cycle.sha()
    (again,) = cycle.preview(sheet).files
    assert again.outcome is FileOutcome.UNCHANGED and not again.replies
    assert cycle.sha() == before


def test_a_worksheet_reply_to_a_foreign_comment_is_refused(cycle: Cycle, tmp_path: Path) -> None:
    from tests.helpers.worksheet_edits import fill_sheet
    from welfareplan.exports.worksheet_review import COMMENT_ID_COLUMN, REVIEW_HEADER_ROW

    _comment_two(cycle)
    with cycle.open() as wb:
        other = next(c for c in list_comments(wb, YEAR) if c.department_name == KAIGO)
    out = tmp_path / "差戻し"
    out.mkdir()
    with cycle.open() as wb:
        (info,) = send_back(wb, YEAR, KENKO, out, file_format="xlsx").files

    def forge(wb: object) -> None:
        ws = wb["差戻し"]  # type: ignore[index]
        ws.cell(REVIEW_HEADER_ROW + 1, COMMENT_ID_COLUMN).value = other.id
        ws.cell(REVIEW_HEADER_ROW + 1, COMMENT_ID_COLUMN - 2).value = "回答"

    fill_sheet(info.path, change=forge)
    before = cycle.sha()
    preview, _ = cycle.merge(info.path)
    (f,) = preview.files
    assert f.outcome is FileOutcome.REJECTED and f.code == "foreign-comment", f.reason
    assert cycle.sha() == before


def test_a_confirmation_recorded_after_a_merge_reaches_the_master(
    cycle: Cycle, tmp_path: Path
) -> None:
    """The section chief confirms a file that was already merged; the same file sent again
    carries the confirmation — it is news, not an unchanged copy."""
    _comment_two(cycle)
    files = _send_back(cycle, tmp_path / "差戻し")
    fill(files[KAIGO], {9: {"result": "利用者数が前年より 2 割減ったため B。"}})
    submit(files[KAIGO])
    cycle.merge(files[KAIGO])
    with Workbook.open(files[KAIGO]) as dept:
        before = int(dept.meta()["revision"])
        confirmed = record_confirmation(dept, "佐藤 一郎", "所属長")
        assert int(dept.meta()["revision"]) == before + 1
        assert not confirmed.changed_since(before + 1)
        state = submission_state(dept)  # still submitted as it was: the values did not change
        assert state is not None and not state.changed_after_submission
    preview, result = cycle.merge(files[KAIGO])
    (f,) = preview.files
    assert f.outcome is FileOutcome.APPLY and not f.changes and result.rejected == 0
    with cycle.open() as wb:
        st = {d.department_name: d for d in round_status(wb, YEAR).departments}
    assert st[KAIGO].confirmation == "confirmed" and "佐藤 一郎" in st[KAIGO].confirmation_label
