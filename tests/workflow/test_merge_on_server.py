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
from tests.workflow.conftest import YEAR, Cycle
from welfareplan.cli.main import main
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.mastercopy import TableDigest, content_digests
from welfareplan.core.plainsql import execute, rows
from welfareplan.workflow.returns.merge_types import MergePreview, MergeResult

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Writer


@dataclass
class Returned:
    """A master (a file or a server's URL) with every department's file issued for FY2025."""

    master: str
    out: Path

    def file(self, department: str) -> Path:
        (path,) = [p for p in self.out.glob("*.wpdb") if p.stem.split("_", 1)[1] == department]
        return path

    def preview(self, *paths: Path) -> MergePreview:
        from welfareplan.workflow.returns.compare import preview_merge

        with opened_master(self.master) as wb:
            return preview_merge(wb, list(paths))

    def merge(self, *paths: Path, prefer: str | None = None) -> tuple[MergePreview, MergeResult]:
        from welfareplan.workflow.returns.apply import apply_merge, prefer_all
        from welfareplan.workflow.returns.compare import preview_merge

        with opened_master(self.master) as wb:
            preview = preview_merge(wb, list(paths))
            choices = prefer_all(preview, prefer) if prefer else None
            return preview, apply_merge(wb, preview, choices)

    def digests(self) -> dict[str, TableDigest]:
        with opened_master(self.master, read_only=True) as wb, wb.engine.connect() as conn:
            return content_digests(conn)

    def sql(self, query: str, params: dict[str, object] | None = None) -> list[tuple[object, ...]]:
        with opened_master(self.master, read_only=True) as wb, wb.reader() as con:
            return [tuple(r) for r in rows(con, query, params)]


def _on(request: pytest.FixtureRequest, template: Cycle, tmp_path: Path, where: str) -> Returned:
    from welfareplan.core.mastercopy import copy_master

    out = tmp_path / f"返送 {where}"
    shutil.copytree(template.out, out)
    if where == "file":
        master = tmp_path / template.master.name
        shutil.copyfile(template.master, master)
        return Returned(str(master), out)
    cluster = request.getfixturevalue("pg_cluster")
    url = str(cluster.url(cluster.new_database()))
    copy_master(template.master, url)  # the file UUID moves with it: the files still belong
    return Returned(url, out)


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's data folder (a server master's snapshots and journal) in the test's folder."""
    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path / "home"))


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
    """Distribute (on the file, before the move) → department files edited → merge → status:
    the server master holds exactly what the file master holds after the same merge."""
    ends = {}
    for where in ("file", "server"):
        r = _on(request, cycle_template, tmp_path, where)
        files = sorted(r.out.glob("*.wpdb"))
        for i, path in enumerate(files):
            fill_all(path, f"{path.stem}の実績", rating="ABCD"[i % 4])
            submit(path)
        capsys.readouterr()
        assert main(["merge", r.master, *map(str, files)]) == 0
        said = capsys.readouterr().out
        assert "取込 " in said
        digests = r.digests()
        ends[where] = (
            {t: digests[t] for t in ("entry_value", "issued_value", "merge_conflict")},
            r.sql("SELECT count(*) FROM received_return"),
            r.sql("SELECT count(*) FROM audit_event WHERE action = 'merge'"),
            _status(r.master, capsys),
        )
    assert ends["server"] == ends["file"]
    assert ends["server"][1] == [(12,)] and ends["server"][2] == [(69 * 3,)]


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
