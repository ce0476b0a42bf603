"""A refused return is seen by every staff member, on a master file and on a server alike
(issue 16): staff A's merge refuses a department's file, staff B — another process, another
user's data folder — sees the department as 却下（再送待ち） in ``status`` until a further return
of it is merged; the refusal changes none of the master's content, and failing to journal it
never fails the merge."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.department_edits import fill_all, raw_sql
from tests.helpers.masters import content, opened_master
from tests.workflow.conftest import YEAR
from welfareplan.workflow.returns.merge_types import FileOutcome, MergePreview, MergeResult

DEPT = "健康課"
OTHER = "指導室"


@dataclass
class Issued:
    master: str
    home: Path
    files: dict[str, Path]

    def merge(self, path: Path) -> tuple[MergePreview, MergeResult]:
        from welfareplan.workflow.returns.apply import apply_merge
        from welfareplan.workflow.returns.compare import preview_merge

        with opened_master(self.master) as wb:
            preview = preview_merge(wb, [path])
            return preview, apply_merge(wb, preview)

    def state_seen_by_staff_b(self, tmp_path: Path) -> dict[str, str]:
        """Each department's state in ``welfareplan status`` run by another process, with
        another user's data folder (where a server master's journal used to be kept)."""
        env = dict(os.environ, WELFAREPLAN_HOME=str(tmp_path / "staff-b"))
        run = subprocess.run(
            [sys.executable, "-m", "welfareplan", "status", self.master, "--year", str(YEAR)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert run.returncode in (0, 1), run.stdout + run.stderr
        states = {}
        for line in run.stdout.splitlines():
            for dept in (DEPT, OTHER):
                if line.strip().startswith(dept):
                    states[dept] = line
        return states


@pytest.fixture
def issued(master_at: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Issued:
    """Staff A (this process, their own data folder) opens FY2025 and issues two files."""
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.rounds.lifecycle import create_round

    home = tmp_path / "staff-a"
    monkeypatch.setenv("WELFAREPLAN_HOME", str(home))
    out = tmp_path / "配布"
    out.mkdir()
    with opened_master(master_at) as wb:
        create_round(wb, YEAR)
        result = distribute(wb, YEAR, out, departments=[DEPT, OTHER])
    files = {f.department_name: f.path for f in result.files}
    return Issued(master_at, home, files)


def forged(path: Path, tmp_path: Path) -> Path:
    """The department's file, filled in and then claiming another department's entries."""
    bad = Path(shutil.copy(path, tmp_path / f"改ざん_{path.name}"))
    fill_all(bad, "送り直す前の実績")
    raw_sql(bad, "UPDATE entry SET department_id = 'someone-else'")
    return bad


def test_a_rejection_by_staff_a_is_seen_by_staff_b_until_a_good_return(
    issued: Issued, tmp_path: Path
) -> None:
    good = Path(shutil.copy(issued.files[DEPT], tmp_path / issued.files[DEPT].name))
    bad = forged(issued.files[DEPT], tmp_path)
    before = content(issued.master)
    preview, result = issued.merge(bad)
    assert [f.outcome for f in preview.files] == [FileOutcome.REJECTED]
    assert result.rejected == 1
    assert content(issued.master) == before  # journaled, and no content changed

    seen = issued.state_seen_by_staff_b(tmp_path)
    assert "却下（再送待ち）" in seen[DEPT]
    assert "却下" not in seen[OTHER]

    fill_all(good, "送り直した実績")
    _, result = issued.merge(good)
    assert result.ok and result.applied > 0
    seen = issued.state_seen_by_staff_b(tmp_path)
    assert "却下" not in seen[DEPT]


def test_the_journal_is_where_every_user_reads_it(issued: Issued, tmp_path: Path) -> None:
    """A server master: a row of its table, none in staff A's data folder; a master file:
    the journal beside it (a refused return leaves the file's bytes as they were)."""
    from welfareplan.core.plainsql import rows
    from welfareplan.workflow.returns.rejections import journal_path, rejections_of

    bad = forged(issued.files[DEPT], tmp_path)
    on_file = not issued.master.startswith("postgresql")
    if on_file:
        data = Path(issued.master).read_bytes()
    issued.merge(bad)
    with opened_master(issued.master, read_only=True) as wb, wb.reader() as con:
        table = rows(con, "SELECT file_name, code, returns_seen FROM rejected_return")
        (found,) = rejections_of(con, wb)
    assert (found.file_name, found.code, found.returns_seen) == (bad.name, "other-department", 0)
    assert list(issued.home.rglob("rejected-returns.jsonl")) == []
    if on_file:
        assert table == [] and journal_path(Path(issued.master)).is_file()
        assert Path(issued.master).read_bytes() == data
    else:
        assert table == [(bad.name, "other-department", 0)]


def test_failing_to_journal_never_fails_the_merge(
    issued: Issued, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from welfareplan.core.crashlog import log_path
    from welfareplan.workflow.returns import rejections

    def broken(*args: object) -> list[dict[str, object]]:
        raise OSError("記録先に書けません")

    monkeypatch.setattr(rejections, "_rows", broken)
    bad = forged(issued.files[DEPT], tmp_path)
    good = issued.files[OTHER]
    fill_all(good, "同時に取り込む実績")
    from welfareplan.workflow.returns.apply import apply_merge
    from welfareplan.workflow.returns.compare import preview_merge

    with opened_master(issued.master) as wb:
        preview = preview_merge(wb, [bad, good])
        result = apply_merge(wb, preview)
    assert result.rejected == 1 and result.applied > 0  # the good file is merged all the same
    assert "却下した返却ファイルを記録できませんでした" in log_path().read_text(encoding="utf-8")
    with opened_master(issued.master, read_only=True) as wb, wb.reader() as con:
        assert rejections.rejections_of(con, wb) == []


@pytest.mark.parametrize("master_at", ["server"], indirect=True)  # a file journals beside itself
def test_deleting_the_round_deletes_its_rejections(issued: Issued, tmp_path: Path) -> None:
    from welfareplan.core.plainsql import rows
    from welfareplan.workflow.rounds.round_delete import delete_round

    issued.merge(forged(issued.files[DEPT], tmp_path))
    with opened_master(issued.master) as wb:
        delete_round(wb, YEAR, with_entries=True)
        with wb.reader() as con:
            assert rows(con, "SELECT count(*) FROM rejected_return") == [(0,)]
