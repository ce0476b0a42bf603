"""Merging returned files into a master on the server (issue 16), with the file master's checks:
the round trip ends as it does on a file, a conflict stays open, a bad return changes nothing,
the same return twice at once applies once, an edit between preview and apply is refused."""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.helpers.department_edits import fill, fill_all, raw_sql, submit
from tests.helpers.masters import opened_master
from tests.workflow.conftest import YEAR, Cycle, master_on
from welfareplan.cli.main import main
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.mastercopy import TableDigest, content_digests, is_content
from welfareplan.core.plainsql import execute, rows
from welfareplan.workflow.returns.merge_types import MergePreview, MergeResult

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Writer


@dataclass
class Returned(Cycle):
    """A master (a file or a server's URL) with every department's file issued for FY2025."""

    master: str

    def digests(self) -> dict[str, TableDigest]:
        """The master's content (a journal of refused returns is none)."""
        with opened_master(self.master, read_only=True) as wb, wb.engine.connect() as conn:
            return content_digests(conn, only=is_content)

    def sql(self, query: str, params: dict[str, object] | None = None) -> list[tuple[object, ...]]:
        with opened_master(self.master, read_only=True) as wb, wb.reader() as con:
            return [tuple(r) for r in rows(con, query, params)]


def _on(request: pytest.FixtureRequest, template: Cycle, tmp_path: Path, where: str) -> Returned:
    assert isinstance(template.master, Path)
    out = tmp_path / f"返送 {where}"
    shutil.copytree(template.out, out)
    folder = tmp_path / where
    folder.mkdir()
    return Returned(str(master_on(request, template.master, where, folder)), out)


@pytest.fixture
def on_server(request: pytest.FixtureRequest, cycle_template: Cycle, tmp_path: Path) -> Returned:
    return _on(request, cycle_template, tmp_path, "server")


def _status(location: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """``welfareplan status``'s lines, the times of day left out (the two merges run apart)."""
    import re

    capsys.readouterr()
    main(["status", location, "--year", str(YEAR)])
    out = capsys.readouterr().out
    return re.sub(r"(\d{4}-)?\d{2}-\d{2}( \d{2}:\d{2})?", "(時刻)", out).splitlines()


def test_the_round_trip_on_a_server_ends_as_on_a_file(
    request: pytest.FixtureRequest,
    cycle_template: Cycle,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """distribute → department files edited → merge → status → export, on a file master and on
    its copy on the server: the same files, the same master, the same status and report."""
    from tests.server.test_server_reads import xlsx_values

    ends = {}
    for where in ("file", "server"):
        r = _on(request, cycle_template, tmp_path, where)
        out = tmp_path / f"配布 {where}"
        out.mkdir()
        assert main(["distribute", r.master, "--year", str(YEAR), "--out", str(out)]) == 0
        files = sorted(out.glob("*.wpdb"))
        assert len(files) == 12
        for i, path in enumerate(files):
            fill_all(path, f"{path.stem}の実績", rating="ABCD"[i % 4])
            submit(path)
        capsys.readouterr()
        assert main(["merge", r.master, *map(str, files)]) == 0
        assert "取込 " in capsys.readouterr().out
        xlsx = tmp_path / f"{where}.xlsx"
        assert main(["export", r.master, "--year", str(YEAR), "--xlsx", str(xlsx)]) == 0
        digests = r.digests()
        ends[where] = (
            {t: digests[t] for t in ("entry_value", "merge_conflict")},
            r.sql("SELECT count(*) FROM received_return"),
            r.sql("SELECT count(*) FROM issued_file"),
            r.sql("SELECT count(*) FROM audit_event WHERE action = 'merge'"),
            _status(r.master, capsys),
            xlsx_values(xlsx),
        )
    assert ends["server"] == ends["file"]
    assert ends["server"][1:4] == ([(12,)], [(24,)], [(69 * 3,)])
    snapshots = sorted(p.name.split(".")[-2] for p in (tmp_path / "home").rglob("*.wpdb"))
    assert snapshots == ["distribute", "merge"]  # the server master's, before each change


def test_a_conflict_on_the_server_stays_open_until_resolved(
    on_server: Returned, capsys: pytest.CaptureFixture[str]
) -> None:
    r = on_server
    path = r.file("交通対策課")
    entry = next(iter(fill_ids(path)))
    fill(path, {entry: {"result": "担当課の文"}})
    entry_id = own_entry_ids(path)[entry]
    with opened_master(r.master) as wb, wb.writer() as con:  # the division, meanwhile
        set_value(con, entry_id, "result", "地域福祉課の文")
    preview, result = r.merge(path)
    assert len(preview.conflicts) == 1 and result.conflicts_open == 1
    (conflict,) = preview.conflicts
    assert (conflict.file, conflict.master) == ("担当課の文", "地域福祉課の文")
    capsys.readouterr()
    assert main(["conflicts", r.master]) == 1  # open conflicts listed
    listed = capsys.readouterr().out
    assert "担当課の文" in listed and "地域福祉課の文" in listed
    assert main(["conflicts", r.master, "--resolve", "file"]) == 0
    assert r.sql("SELECT count(*) FROM entry_value WHERE value = '担当課の文'") == [(1,)]
    assert r.sql("SELECT count(*) FROM merge_conflict WHERE status = 'open'") == [(0,)]


def fill_ids(path: Path) -> list[int | str]:
    return sorted(own_entry_ids(path), key=str)


def own_entry_ids(path: Path) -> dict[int | str, str]:
    from tests.helpers.department_edits import own_entries

    return own_entries(path)


def set_value(con: Writer, entry_id: str, field: str, value: str) -> None:
    """Another user's edit of one field, behind this process's back (plain SQL)."""
    execute(
        con,
        "INSERT INTO entry_value (entry_id, field, value) VALUES (:e, :f, :v) "
        "ON CONFLICT (entry_id, field) DO UPDATE SET value = excluded.value",
        {"e": entry_id, "f": field, "v": value},
    )


def test_a_bad_return_changes_nothing_on_the_server(
    on_server: Returned, capsys: pytest.CaptureFixture[str]
) -> None:
    r = on_server
    path = r.file("健康課")
    fill_all(path, "健康課の実績")
    raw_sql(path, "UPDATE entry SET department_id = 'someone-else'")
    before = r.digests()
    capsys.readouterr()
    assert main(["merge", r.master, str(path)]) == 1
    assert "却下" in capsys.readouterr().out
    assert r.digests() == before
    status = "\n".join(_status(r.master, capsys))
    assert "却下（再送待ち）" in status


def test_the_same_return_twice_at_once_applies_once(on_server: Returned) -> None:
    r = on_server
    path = r.file("自立生活支援課")
    fill_all(path, "一度だけ")
    fields = 3 * len(fill_ids(path))
    previews: list[MergePreview] = []
    outcomes: list[object] = []
    ready = threading.Barrier(2)

    def merge_it() -> None:
        from welfareplan.workflow.returns.apply import apply_merge
        from welfareplan.workflow.returns.compare import preview_merge

        with opened_master(r.master) as wb:
            preview = preview_merge(wb, [path])
            previews.append(preview)
            ready.wait(timeout=60)  # both previews saw the master before either applied
            try:
                outcomes.append(apply_merge(wb, preview))
            except WelfareplanError as exc:
                outcomes.append(exc)

    threads = [threading.Thread(target=merge_it) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert all(len(p.changes) == fields for p in previews)
    applied = [o for o in outcomes if isinstance(o, MergeResult)]
    refused = [o for o in outcomes if isinstance(o, WelfareplanError)]
    assert len(applied) == 1 and applied[0].applied == fields
    assert len(refused) == 1 and refused[0].code == "already-merged"
    assert "二度取り込む" in refused[0].message and "何も取り込んでいません" in refused[0].message
    assert r.sql("SELECT count(*) FROM received_return") == [(1,)]
    assert r.sql("SELECT count(*) FROM audit_event WHERE action = 'merge'") == [(fields,)]
    # and once more, later: nothing new
    preview, result = r.merge(path)
    assert not preview.writes and result.applied == 0
    assert r.sql("SELECT count(*) FROM received_return") == [(1,)]


def test_an_edit_between_preview_and_apply_is_refused(on_server: Returned) -> None:
    from welfareplan.workflow.returns.apply import apply_merge
    from welfareplan.workflow.returns.compare import preview_merge

    r = on_server
    path = r.file("交通対策課")
    fill_all(path, "交通対策課の実績")
    with opened_master(r.master) as wb:
        preview = preview_merge(wb, [path])
        assert preview.changes
        touched = preview.changes[0]
        with opened_master(r.master) as other, other.writer() as con:  # another user's edit
            set_value(con, touched.entry.entry_id, touched.field, "別の職員の修正")
        before = r.digests()
        with pytest.raises(WelfareplanError, match="もう一度プレビュー") as raised:
            apply_merge(wb, preview)
    assert (
        raised.value.code == "master-changed" and "何も取り込んでいません" in raised.value.message
    )
    assert r.digests() == before
    backups = list((Path(wbhome()) / "servers").rglob("*.merge.wpdb"))
    assert backups == []  # the snapshot of a refused merge is not kept


def wbhome() -> str:
    import os

    return os.environ["WELFAREPLAN_HOME"] + "/data"


def test_a_send_back_from_the_server_comes_back_with_its_reply(
    on_server: Returned, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review send-back URL re-issues the department's file with its open comment; the
    department answers in the file; the merge stores the reply and the change."""
    from welfareplan.core.review_file import file_comments, write_reply
    from welfareplan.core.storage import Workbook
    from welfareplan.workflow.review.comments import add_comment, list_comments

    r = on_server
    with opened_master(r.master) as wb:
        add_comment(wb, YEAR, "介護福祉課", "9", field="result", text="B の理由を具体的に。")
    out = tmp_path / "差戻し"
    out.mkdir()
    args = ["review", "send-back", r.master, "--year", str(YEAR), "--department", "介護福祉課"]
    assert main([*args, "--out", str(out)]) == 0
    (path,) = out.glob("*.wpdb")
    with Workbook.open(path) as dept:
        (c,) = file_comments(dept)
        assert c.comment_text == "B の理由を具体的に。"
        write_reply(dept, c.id, "利用者数の減少が理由です。", author="山田 花子")
    fill(path, {9: {"result": "利用者数が 2 割減ったため B。"}})
    preview, result = r.merge(path)
    assert result.rejected == 0 and len(preview.files[0].replies) == 1
    assert {(c.field, c.new) for c in preview.changes} == {
        ("result", "利用者数が 2 割減ったため B。")
    }
    with opened_master(r.master, read_only=True) as wb:
        (comment,) = list_comments(wb, YEAR)
        assert comment.last_reply is not None
        assert comment.last_reply.text == "利用者数の減少が理由です。"
    status = "\n".join(_status(r.master, capsys))
    assert "介護福祉課" in status


def test_an_edit_of_the_round_while_distributing_is_refused(
    on_server: Returned, tmp_path: Path
) -> None:
    """Another user edits an entry of the round while the files are written: the round's
    state is no longer what the files were built from, so nothing is recorded and the written
    files are removed; an edit elsewhere (another round) would not matter."""
    from welfareplan.workflow.issuing.distribute import distribute

    r = on_server
    out = tmp_path / "配布"
    out.mkdir()
    entry_id = own_entry_ids(r.file("交通対策課"))[3]
    edited: list[str] = []

    def meanwhile(done: int, total: int, text: str) -> None:
        if done == 2 and not edited:  # after the first file was written
            with opened_master(r.master) as other, other.writer() as con:
                set_value(con, entry_id, "result", "配布中の修正")
            edited.append(text)

    before = r.sql("SELECT count(*) FROM issued_file")
    with (
        opened_master(r.master) as wb,
        pytest.raises(WelfareplanError, match="もう一度配布してください") as raised,
    ):
        distribute(wb, YEAR, out, progress=meanwhile)
    assert raised.value.code == "master-changed" and edited
    assert list(out.iterdir()) == []
    assert r.sql("SELECT count(*) FROM issued_file") == before
    assert not list((tmp_path / "home").rglob("*.distribute.wpdb"))  # its snapshot discarded
    with opened_master(r.master) as wb:
        assert len(distribute(wb, YEAR, out).files) == 12  # again: fine


def test_excel_worksheets_issued_by_the_server_come_back_into_it(
    on_server: Returned, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """distribute --format xlsx on the server, a worksheet filled in Excel, merge URL SHEET:
    applied with its checks (a worksheet with a rating not of the scale is refused)."""
    from tests.helpers.worksheet_edits import fill_sheet

    r = on_server
    sheets = tmp_path / "シート"
    sheets.mkdir()
    args = ["distribute", r.master, "--year", str(YEAR), "--out", str(sheets), "--format", "xlsx"]
    assert main([*args, "--department", "交通対策課", "--department", "健康課"]) == 0
    traffic, health = (next(sheets.glob(f"R7_{d}_*.xlsx")) for d in ("交通対策課", "健康課"))
    (number,) = fill_ids(r.file("交通対策課"))
    fill_sheet(traffic, values={number: {"result": "シートの実績", "rating": "B"}})

    (health_number,) = fill_ids(r.file("健康課"))
    fill_sheet(health, values={health_number: {"rating": "Ｅ"}})  # not of the plan's scale
    preview, result = r.merge(traffic, health)
    by = {f.department_name: f for f in preview.files}
    assert by["交通対策課"].file_format == "xlsx" and len(by["交通対策課"].changes) == 2
    assert "Ｅ" in by["健康課"].reason and result.rejected == 1 and result.applied == 2
    assert r.sql("SELECT count(*) FROM entry_value WHERE value = 'シートの実績'") == [(1,)]


def test_undoing_an_import_on_the_server_puts_the_values_back(on_server: Returned) -> None:
    from welfareplan.workflow.returns.undo import list_imports, undo_import

    r = on_server
    before = r.digests()["entry_value"]
    path = r.file("交通対策課")
    fill_all(path, "取り消す実績")
    r.merge(path)
    assert r.digests()["entry_value"] != before
    with opened_master(r.master) as wb:
        (record,) = list_imports(wb, YEAR)
        result = undo_import(wb, record.return_id)
    assert result.backup is not None and result.backup.exists()
    assert r.digests()["entry_value"] == before
    undone = r.sql("SELECT count(*) FROM audit_event WHERE action = 'merge-undo' AND field <> ''")
    assert undone == r.sql("SELECT count(*) FROM audit_event WHERE action = 'merge'") != [(0,)]


def test_the_same_return_from_two_processes_at_once_is_merged_once(on_server: Returned) -> None:
    """Two ``welfareplan merge URL FILE`` processes started together: whichever way they
    interleave (one waits on the file's lock, or sees it merged already), it is merged once."""
    import os
    import subprocess
    import sys

    r = on_server
    path = r.file("子ども家庭センター")
    fill_all(path, "二つのプロセス")
    fields = 3 * len(fill_ids(path))
    command = [sys.executable, "-m", "welfareplan", "merge", r.master, str(path)]
    procs = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=os.environ
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes in ([0, 0], [0, 2]), outs  # 2: refused as merged meanwhile, nothing written
    assert any("取込 " in o for o in outs)
    assert all("取込 " in o or "取込済み" in o or "二度取り込む" in o for o in outs), outs
    assert r.sql("SELECT count(*) FROM received_return") == [(1,)]
    assert r.sql("SELECT count(*) FROM audit_event WHERE action = 'merge'") == [(fields,)]
