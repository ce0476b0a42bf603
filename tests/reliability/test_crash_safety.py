"""SIGKILL at random moments while saving entries and while merging: afterwards every file
passes ``integrity_check``, opens in the app, and holds every edit reported saved.

The kills are real: a separate worker process (forked from a server that imported the app
once, see ``crash_child``) is sent SIGKILL after a random delay drawn from a seeded
``random.Random`` (the seed is printed; ``WELFAREPLAN_CRASH_SEED`` repeats it).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.helpers.department_edits import fill, own_entries
from tests.helpers.department_file import make_department_file
from tests.helpers.koganei import kv
from tests.reliability import crashkit as ck
from tests.workflow.conftest import Cycle
from welfareplan.core.fileformat import check_file
from welfareplan.core.lockfile import lock_path_for, read_lock
from welfareplan.core.recovery import find_recovery
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master.backups import list_backups

pytestmark = pytest.mark.slow

EDIT_KILLS = 120
MERGE_KILLS = 100
#: save path: kills land anywhere in the first this many seconds of a worker
EDIT_WINDOW_S = 0.2
WRITE_BACK_EVERY = 4


def _age_garbage_lock(original: Path) -> None:
    """A worker killed while writing its lock file leaves it empty: the documented rule is
    that such a lock is stale after a few seconds; let those seconds pass."""
    lock = lock_path_for(original)
    if lock.exists() and read_lock(original) is None:
        old = dt.datetime.now().timestamp() - 60
        os.utime(lock, (old, old))


def test_kills_while_saving_through_a_working_copy(demo_master: Path, tmp_path: Path) -> None:
    seed = ck.crash_seed()
    rng = random.Random(seed)
    share = tmp_path / "共有 フォルダ" / "令和7年度"
    share.mkdir(parents=True)
    original = make_department_file(demo_master, share / "R7_介護福祉課.wpdb", "介護福祉課")
    ids = ck.entry_ids(original)
    log = ck.LogLines(tmp_path / "edit.log")
    kills = finished = 0
    saved = written = 0  # the highest revision reported saved / written back
    recoveries = 0
    with ck.fork_server() as server:
        for run in range(EDIT_KILLS):
            delay = rng.uniform(0.0, EDIT_WINDOW_S)
            answer = server.run(
                "edit",
                {
                    "original": str(original),
                    "log": str(log.path),
                    "write_back_every": WRITE_BACK_EVERY,
                },
                delay,
            )
            context = f"seed {seed}, run {run}, kill after {delay:.4f} s"
            assert answer["killed"], f"{context}: the worker ended by itself: {log.errors()}"
            kills += 1
            for word, number, _ in log.new():
                if word == "saved" and number is not None:
                    saved = max(saved, number)
                elif word == "written" and number is not None:
                    written = max(written, number)
            # The original is the old or a new complete file, never damaged; it holds at
            # least what was reported written back.
            at_original = ck.check_department_file(original, ids)
            assert at_original >= written, (
                f"{context}: written back {written}, file has {at_original}"
            )
            with Workbook.open(original, read_only=True):
                pass
            # Everything reported saved is in the original or offered for recovery.
            recovery = find_recovery(original)
            if recovery is not None:
                recoveries += 1
                at_local = ck.check_department_file(recovery.local, ids)
                assert recovery.saved_revision == at_local >= at_original, context
                best = at_local
            else:
                best = at_original
            assert best >= saved, f"{context}: saved {saved}, recoverable {best}: an edit was lost"
            _age_garbage_lock(original)
    # Finally the user restores and closes normally: the original has every saved edit.
    recovery = find_recovery(original)
    if recovery is not None:
        from welfareplan.core.workcopy import WorkingCopy

        _age_garbage_lock(original)
        wc = WorkingCopy.resume(recovery)
        wc.write_back()
        wc.close()
    final = ck.check_department_file(original, ids)
    assert final >= saved and find_recovery(original) is None
    print(
        f"save path: {kills} kills survived (seed {seed}), {finished} runs ended by themselves, "
        f"{saved} saves reported, {written} written back, {recoveries} recoveries offered, 0 edits lost"
    )
    assert kills >= EDIT_KILLS


def _returned_files(cycle: Cycle, folder: Path) -> list[Path]:
    folder.mkdir()
    files = []
    for name, count in (("介護福祉課", 3), ("健康課", 1), ("地域福祉課", 12)):
        path = Path(shutil.copy(cycle.file(name), folder / f"返送 {name}.wpdb"))
        numbers = sorted(own_entries(path))[:count]
        fill(
            path,
            {
                n: {"result": f"{name}の事業{n}の実績", "rating": "B", "outlook": "継続"}
                for n in numbers
            },
        )
        files.append(path)
    return files


def test_kills_while_merging(cycle: Cycle, tmp_path: Path) -> None:
    seed = ck.crash_seed()
    rng = random.Random(seed)
    files = _returned_files(cycle, tmp_path / "返送")
    file_shas = {f: sha256(f) for f in files}
    pristine = tmp_path / "merge 前.wpdb"
    shutil.copyfile(cycle.master, pristine)
    before = ck.master_state(pristine)
    log = ck.LogLines(tmp_path / "merge.log")
    args = {"master": str(cycle.master), "files": [str(f) for f in files], "log": str(log.path)}
    # the dry run: what the merge must do, field by field
    with Workbook.open(pristine, read_only=True) as wb:
        from welfareplan.workflow.returns.compare import preview_merge

        dry = preview_merge(wb, files)
    expected = {entry_id: dict(values) for entry_id, values in before["entries"].items()}
    for change in dry.changes:
        expected[change.entry.entry_id][change.field] = change.new
        if not change.new:
            del expected[change.entry.entry_id][change.field]
    assert len(dry.changes) == 16 * 3 and not dry.conflicts and not dry.rejected
    with ck.fork_server() as server:
        # one run to the end: the state after the merge, and when its phases happen
        answer = server.run("merge", args, None)
        assert answer["exit"] == 0, log.errors()
        times = {word: t - answer["started"] for word, _, t in log.new()}
        after = ck.master_state(cycle.master)
        assert after["entries"] == expected
        assert len(after["returns"]) == len(files) and after["audit"] > before["audit"]
        apply_window = (times["previewed"], times["applied"])
        kills = completed = run = 0
        outcomes = {"before": 0, "after": 0}
        while kills < MERGE_KILLS:
            run += 1
            assert run <= 3 * MERGE_KILLS, f"seed {seed}: the merges end before the kills"
            shutil.copyfile(pristine, cycle.master)
            shutil.rmtree(
                cycle.master.with_name(cycle.master.stem + ".backups"), ignore_errors=True
            )
            end = times["applied"]
            if run % 3 == 1:
                delay = rng.uniform(*apply_window)  # aim at the backup and the transaction
            elif run % 3 == 2:
                delay = rng.uniform(end * 0.8, end * 2.0)  # the commit and what follows
            else:
                delay = rng.uniform(0.0, end * 1.1)
            answer = server.run("merge", args, delay)
            context = f"seed {seed}, run {run}, kill after {delay:.4f} s"
            lines = log.new()
            reported = {word for word, _, _ in lines}
            if not answer["killed"]:
                assert answer["exit"] == 0, f"{context}: {log.errors()}"
                completed += 1
                # the machine got faster than at the first run: aim at this run's phases
                run_times = {word: t - answer["started"] for word, _, t in lines}
                if run_times["applied"] < times["applied"]:
                    times = run_times
                    apply_window = (times["previewed"], times["applied"])
            else:
                kills += 1
            # the master opens in the app (a cut-off transaction is rolled back) …
            with Workbook.open(cycle.master):
                pass
            check_file(cycle.master)  # no hot journal is left (read-only check)
            assert ck.integrity_ok(cycle.master), context
            # … and is either fully before or fully after the merge, never half
            state = ck.master_state(cycle.master)
            assert state in (before, after), f"{context}: the master is half merged"
            if "applied" in reported:
                assert state == after, f"{context}: a merge reported applied was lost"
            outcomes["after" if state == after else "before"] += 1
            for backup in list_backups(cycle.master):
                check_file(backup.path)  # a backup is complete or absent
            assert {f: sha256(f) for f in files} == file_shas, context
    print(
        f"merge: {kills} kills survived (seed {seed}), {completed} runs completed before the kill; "
        f"master found before the merge {outcomes['before']} times, after it {outcomes['after']} times"
    )
    assert outcomes["before"] and outcomes["after"]


def test_the_checks_catch_a_lost_or_half_save(demo_master: Path, tmp_path: Path) -> None:
    """The checks above can fail: a file missing a save, or with half of one, is caught."""
    from tests.helpers.department_edits import raw_sql
    from welfareplan.core.editing import save_entry

    path = make_department_file(demo_master, tmp_path / "R7_介護福祉課.wpdb", "介護福祉課")
    ids = ck.entry_ids(path)
    with Workbook.open(path) as wb:
        for seq in (1, 2, 3):
            save_entry(wb, ids[seq % len(ids)], ck.edit_values(seq))
    assert ck.check_department_file(path, ids) == 3
    lost = Path(shutil.copy(path, tmp_path / "lost.wpdb"))
    raw_sql(lost, "UPDATE wp_meta SET value = '4' WHERE key = 'revision'")  # save 4 missing
    with pytest.raises(AssertionError, match="not the state of revision 4"):
        ck.check_department_file(lost, ids)
    half = Path(shutil.copy(path, tmp_path / "half.wpdb"))
    with Workbook.open(half) as wb:
        save_entry(wb, ids[4 % len(ids)], kv(ck.edit_values(4).get("result"), "", ""))
    with pytest.raises(AssertionError, match="not the state of revision 4"):
        ck.check_department_file(half, ids)
    state = ck.master_state(demo_master)
    assert state not in ({**state, "audit": state["audit"] + 1},)
