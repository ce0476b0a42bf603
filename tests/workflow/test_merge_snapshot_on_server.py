"""The backup of a merge into a master on the server (issue 16): copied beside the merge's
writes from the merge's own exported snapshot, exactly the state the merge started from;
never a merge committed without it, never a copy for a merge that did not happen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.department_edits import fill_all
from tests.helpers.masters import opened_master
from tests.server.test_master_copy import file_digests
from tests.workflow import test_merge_on_server as merging
from tests.workflow.test_merge_on_server import Returned, fill_ids, set_value
from welfareplan.core import mastercopy
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.plainsql import execute
from welfareplan.workflow.master import snapshot_beside
from welfareplan.workflow.progress import OperationCancelled

#: the merge tests' fixture: the demo master on the server with every department's file issued
#: (the user's data folder is the test's: tests/workflow/conftest.py)
on_server = merging.on_server


def content_of(backup: Path) -> dict[str, mastercopy.TableDigest]:
    """A backup file's content, as :meth:`Returned.digests` gives the master's."""
    return {k: v for k, v in file_digests(backup).items() if mastercopy.is_content(k)}


def merge_backups(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "home").rglob("*.merge.wpdb"))


def left_over(tmp_path: Path) -> list[Path]:
    """Anything of a snapshot in the backups folder: copies, temporary files, descriptions."""
    return sorted(p for p in (tmp_path / "home").rglob("*") if p.is_file())


def test_the_backup_is_the_master_as_the_merge_found_it(
    on_server: Returned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neither the merge's own writes nor another user's change committed while the copy
    begins are in the backup: it is the state the merge's checks saw."""
    r = on_server
    real = snapshot_beside.take_snapshot

    def after_someone_else(*args: object, **kwargs: object) -> Path:
        with opened_master(r.master) as other, other.writer() as con:
            execute(
                con,
                "INSERT INTO audit_event (at, os_user, action, field, source_file, "
                "source_sha256, note) VALUES ('2026-01-01T00:00:00', '別の職員', 'edit', "
                "'result', '', '', '')",
            )
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(snapshot_beside, "take_snapshot", after_someone_else)
    path = r.file("交通対策課")
    fill_all(path, "交通対策課の実績")
    before = r.digests()
    _, result = r.merge(path)
    assert result.applied == 3 * len(fill_ids(path))
    assert r.digests()["entry_value"] != before["entry_value"]
    assert r.sql("SELECT count(*) FROM audit_event WHERE os_user = '別の職員'") == [(1,)]
    assert merge_backups(tmp_path) == [result.backup]
    assert content_of(result.backup) == before


def test_a_failing_backup_leaves_the_server_master_unchanged(
    on_server: Returned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from welfareplan.workflow.returns.apply import apply_merge
    from welfareplan.workflow.returns.compare import preview_merge

    r = on_server
    path = r.file("健康課")
    fill_all(path, "健康課の実績")
    before = r.digests()

    def broken(expected: object, dest: object, where: str) -> None:
        raise WelfareplanError("写しの内容が元と一致しません（試験）。", code="copy-mismatch")

    with opened_master(r.master) as wb:
        preview = preview_merge(wb, [path])
        with monkeypatch.context() as patched:
            patched.setattr(mastercopy, "_compare_rows", broken)
            with pytest.raises(WelfareplanError, match="試験") as raised:
                apply_merge(wb, preview)
        assert raised.value.code == "copy-mismatch"
        assert r.digests() == before  # the merge was not committed without its backup
        assert left_over(tmp_path) == []
        result = apply_merge(wb, preview)  # nothing held: the same preview applies now
    assert result.applied == 3 * len(fill_ids(path)) and merge_backups(tmp_path) == [result.backup]
    assert content_of(result.backup) == before


def test_a_refused_merge_copies_nothing(
    on_server: Returned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from welfareplan.workflow.returns.apply import apply_merge
    from welfareplan.workflow.returns.compare import preview_merge

    copies: list[str] = []
    real = snapshot_beside.take_snapshot

    def counted(*args: object, **kwargs: object) -> Path:
        copies.append("copy")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(snapshot_beside, "take_snapshot", counted)
    r = on_server
    path = r.file("交通対策課")
    fill_all(path, "交通対策課の実績")
    with opened_master(r.master) as wb:
        preview = preview_merge(wb, [path])
        touched = preview.changes[0]
        with opened_master(r.master) as other, other.writer() as con:
            set_value(con, touched.entry.entry_id, touched.field, "別の職員の修正")
        with pytest.raises(WelfareplanError, match="もう一度プレビュー"):
            apply_merge(wb, preview)
    assert copies == [] and left_over(tmp_path) == []


def test_a_merge_cancelled_while_writing_keeps_no_backup(
    on_server: Returned, tmp_path: Path
) -> None:
    from welfareplan.workflow.returns.apply import apply_merge
    from welfareplan.workflow.returns.compare import preview_merge

    r = on_server
    path = r.file("健康課")
    fill_all(path, "健康課の実績")
    before = r.digests()
    asked = []

    def cancelled() -> bool:  # the user presses 中止 while the changes are being written
        asked.append(1)
        return len(asked) >= 3

    with opened_master(r.master) as wb:
        preview = preview_merge(wb, [path])
        with pytest.raises(OperationCancelled):
            apply_merge(wb, preview, cancelled=cancelled)
    assert r.digests() == before
    assert left_over(tmp_path) == []
