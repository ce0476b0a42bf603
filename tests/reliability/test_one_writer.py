"""One writer at a time on a master (issue 13, items 1 and 2): commands racing each other in
real processes, commands meeting a master that is open in the window, and no second handle to
the master while this process holds SQLite's lock on it."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.helpers.department_edits import fill, own_entries
from tests.reliability import crashkit as ck
from tests.reliability.cycle import run, run_err
from tests.reliability.holders import REPO, held, leave_dead_lock
from tests.workflow.conftest import Cycle
from welfareplan.core.fileformat import check_file
from welfareplan.core.identity import host_name, os_user
from welfareplan.core.lockfile import lock_path_for
from welfareplan.workflow.master.backups import list_backups

#: Trials of each race: enough to catch a failure of one race in five with a chance of
#: 1 - 0.8**40 > 99.98 % even if only the overlapping half of them could show it.
RACE_TRIALS = 40
#: A run's own start is drawn from [0, this] seconds after the common start.
RACE_SPREAD_S = 0.25


class RaceServer:
    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc

    def run(self, runs: list[dict[str, object]]) -> list[int]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"runs": runs}, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        codes: list[int] = json.loads(self.proc.stdout.readline())["exit"]
        return codes


@contextmanager
def race_server(home: Path) -> Iterator[RaceServer]:
    with ck.serving("tests.reliability.race_child", {"WELFAREPLAN_HOME": str(home)}) as proc:
        yield RaceServer(proc)


@dataclass(frozen=True)
class Returned:
    """A returned department file and what merging it must write."""

    path: Path
    issued_file_id: str
    values: dict[str, tuple[str, str]]  # entry id → (result, rating)

    @property
    def fields(self) -> int:
        return 2 * len(self.values)


def _returned(cycle: Cycle, department: str, folder: Path) -> Returned:
    """``department``'s file with every entry's 事業実績 and 事業評価 filled in."""
    path = Path(shutil.copy(cycle.file(department), folder / f"返送 {department}.wpdb"))
    numbers = own_entries(path)
    fill(path, {n: {"result": f"{department}の事業{n}", "rating": "C"} for n in numbers})
    con = sqlite3.connect(path)
    try:
        (fid,) = con.execute("SELECT id FROM issued_file").fetchone()
    finally:
        con.close()
    return Returned(path, fid, {eid: (f"{department}の事業{n}", "C") for n, eid in numbers.items()})


def _state(master: Path) -> tuple[dict[str, tuple[str, str, str]], set[str], dict[str, int]]:
    """(entry id → values, issued file ids received, source file → audit rows)."""
    con = sqlite3.connect(master.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        entries = {
            r[0]: tuple(r[1:])
            for r in con.execute(
                "SELECT e.id, "
                + ", ".join(
                    f"(SELECT COALESCE(MAX(value), '') FROM entry_value "
                    f"WHERE entry_id = e.id AND field = '{f}')"
                    for f in ("result", "rating", "outlook")
                )
                + " FROM entry e"
            )
        }
        received = {r[0] for r in con.execute("SELECT issued_file_id FROM received_return")}
        audit = dict(
            con.execute(
                "SELECT source_file, count(*) FROM audit_event WHERE action = 'merge' GROUP BY 1"
            ).fetchall()
        )
    finally:
        con.close()
    return entries, received, audit  # type: ignore[return-value]


def _output(out: Path) -> tuple[str, str]:
    return (
        Path(f"{out}.stdout").read_text(encoding="utf-8"),
        Path(f"{out}.stderr").read_text(encoding="utf-8"),
    )


def _check_refusal(stderr: str, master: Path, context: str) -> None:
    """A refused command said who holds the master, and that it changed nothing."""
    assert "エラー:" in stderr and "Traceback" not in stderr, f"{context}: {stderr}"
    assert f"ファイル「{master.name}」は {os_user()}（コンピューター {host_name()}）が" in stderr, (
        f"{context}: {stderr}"
    )
    assert "「welfareplan " in stderr and "を実行中のため、変更できません。" in stderr, (
        f"{context}: {stderr}"
    )
    assert "何も変更していません" in stderr, f"{context}: {stderr}"


@pytest.mark.slow
def test_two_merges_at_once_never_lose_one(cycle: Cycle, tmp_path: Path) -> None:
    """Two division staff (or a double-click) merge different returns into one master at the
    same moment, in separate processes: every time, each merge either wrote all of its
    changes, its received-return row and its audit rows and said so, or changed nothing and
    named who held the master; the master is always whole."""
    seed = ck.crash_seed()
    rng = random.Random(seed)
    folder = tmp_path / "返送"
    folder.mkdir()
    files = [_returned(cycle, d, folder) for d in ("介護福祉課", "地域福祉課")]
    pristine = tmp_path / "取込前.wpdb"
    shutil.copyfile(cycle.master, pristine)
    before, _, _ = _state(pristine)
    counts = {"both": 0, "one refused": 0}
    with race_server(tmp_path / "利用者") as server:
        for trial in range(RACE_TRIALS):
            shutil.copyfile(pristine, cycle.master)
            shutil.rmtree(
                cycle.master.with_name(cycle.master.stem + ".backups"), ignore_errors=True
            )
            delays = [rng.uniform(0, RACE_SPREAD_S) for _ in files]
            outs = [tmp_path / f"run{i}" for i in range(len(files))]
            codes = server.run(
                [
                    {"argv": ["merge", str(cycle.master), str(f.path)], "delay": d, "out": str(o)}
                    for f, d, o in zip(files, delays, outs, strict=True)
                ]
            )
            context = f"seed {seed}, trial {trial}, delays {delays}, exit {codes}"
            assert ck.integrity_ok(cycle.master), context
            check_file(cycle.master)
            entries, received, audit = _state(cycle.master)
            backups = {b.name for b in list_backups(cycle.master)}
            assert 0 in codes, f"{context}: {[_output(o) for o in outs]}"
            for f, code, out in zip(files, codes, outs, strict=True):
                stdout, stderr = _output(out)
                if code == 0:
                    m = re.search(r"合計: 取込 (\d+) 項目", stdout)
                    assert m and int(m.group(1)) == f.fields, f"{context}: {stdout}"
                    m = re.search(r"取り込み前のバックアップ: (.+)", stdout)
                    assert m and m.group(1) in backups, f"{context}: {stdout} {backups}"
                    assert f.issued_file_id in received, f"{context}: return row lost"
                    assert audit.get(f.path.name) == f.fields, f"{context}: audit lost"
                    for eid, values in f.values.items():
                        assert entries[eid][:2] == values, f"{context}: entry lost"
                else:
                    assert code == 2, f"{context}: {stderr}"
                    _check_refusal(stderr, cycle.master, context)
                    assert f.issued_file_id not in received and f.path.name not in audit, context
                    for eid in f.values:
                        assert entries[eid] == before[eid], context
            counts["both" if codes == [0, 0] else "one refused"] += 1
            assert not lock_path_for(cycle.master).exists(), context
    print(f"two merges at once (seed {seed}): {counts}")
    assert counts["one refused"] >= 3, f"seed {seed}: the merges hardly overlapped: {counts}"


@pytest.mark.slow
def test_a_merge_and_a_department_change_at_once(cycle: Cycle, tmp_path: Path) -> None:
    """A merge and another writing command at the same moment: the union of both, or one of
    them refused, every time."""
    seed = ck.crash_seed()
    rng = random.Random(seed + 1)
    folder = tmp_path / "返送"
    folder.mkdir()
    f = _returned(cycle, "介護福祉課", folder)
    pristine = tmp_path / "取込前.wpdb"
    shutil.copyfile(cycle.master, pristine)
    with race_server(tmp_path / "利用者") as server:
        for trial in range(RACE_TRIALS // 2):
            shutil.copyfile(pristine, cycle.master)
            shutil.rmtree(
                cycle.master.with_name(cycle.master.stem + ".backups"), ignore_errors=True
            )
            name = f"同時に追加された課{trial}"
            outs = [tmp_path / "merge", tmp_path / "add"]
            codes = server.run(
                [
                    {
                        "argv": ["merge", str(cycle.master), str(f.path)],
                        "delay": rng.uniform(0, RACE_SPREAD_S),
                        "out": str(outs[0]),
                    },
                    {
                        "argv": ["department", "add", str(cycle.master), name],
                        "delay": rng.uniform(0, RACE_SPREAD_S),
                        "out": str(outs[1]),
                    },
                ]
            )
            context = f"seed {seed}, trial {trial}, exit {codes}"
            assert ck.integrity_ok(cycle.master), context
            _, received, _ = _state(cycle.master)
            con = sqlite3.connect(cycle.master)
            added = con.execute(
                "SELECT count(*) FROM department WHERE name = ?", (name,)
            ).fetchone()[0]
            con.close()
            assert (f.issued_file_id in received) == (codes[0] == 0), context
            assert added == (1 if codes[1] == 0 else 0), context
            assert 0 in codes, context
            for code, out in zip(codes, outs, strict=True):
                if code:
                    assert code == 2, (context, _output(out))
                    _check_refusal(_output(out)[1], cycle.master, context)


# ---------------------------------------------------------------------------- the window's lock


WRITERS = (
    ("merge", ["merge", "{m}", "{f}"]),
    ("restore", ["backups", "{m}", "--restore", "{b}"]),
    ("round", ["round", "{m}", "--close", "2025"]),
    ("department", ["department", "add", "{m}", "新しい課"]),
    ("conflicts", ["conflicts", "{m}", "--resolve", "file"]),
    ("distribute", ["distribute", "{m}", "--year", "2025", "--out", "{o}"]),
)


def test_every_writing_command_honours_the_windows_lock(cycle: Cycle, tmp_path: Path) -> None:
    """With the master open in the window (its NAME.lock held by another process), every
    command that would write it refuses, names who has it open and changes nothing — the
    master's bytes and its backups are as they were. Reading commands still work."""
    folder = tmp_path / "返送"
    folder.mkdir()
    f = _returned(cycle, "介護福祉課", folder)
    run("department", "add", cycle.master, "前からある課")  # makes a backup
    (backup,) = list_backups(cycle.master)
    out = tmp_path / "配布先"
    out.mkdir()
    with held(cycle.master, "lock-file"):
        before = sha256(cycle.master)
        backups = sorted(p.name for p in backup.path.parent.iterdir())
        for what, argv in WRITERS:
            args = [a.format(m=cycle.master, f=f.path, b=backup.name, o=out) for a in argv]
            err = run_err(*args, expect=2)
            assert (
                f"ファイル「{cycle.master.name}」は {os_user()}（コンピューター {host_name()}）が"
                in err
            ), what
            assert "から編集中のため、変更できません。何も変更していません。" in err, (what, err)
            assert sha256(cycle.master) == before, what
            assert sorted(p.name for p in backup.path.parent.iterdir()) == backups, what
            assert list(out.iterdir()) == [], what
        assert "令和7年度" in run("status", cycle.master, "--year", "2025")
        assert "却下 0 ファイル" in run("merge", cycle.master, f.path, "--dry-run")
        assert sha256(cycle.master) == before
    assert "取込 " in run("merge", cycle.master, f.path)  # free again


def test_a_dead_commands_lock_is_taken_over_and_named(cycle: Cycle, tmp_path: Path) -> None:
    """A command that died (its process is gone) left its lock: the next command takes it
    over, says whose it was, and runs."""
    lock = leave_dead_lock(cycle.master, "佐藤", activity="welfareplan merge")
    err = run_err("department", "add", cycle.master, "新しい課", expect=0)
    assert (
        "佐藤（コンピューター" in err
        and "「welfareplan merge」を実行中のままになっていました" in err
    )
    assert "引き継ぎました" in err
    assert not lock.exists()


# ---------------------------------------------------------------------------- no second handle


_PROBE = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    master = Path(sys.argv[1]).resolve()
    inode = master.stat().st_ino
    seen, bad = [], []

    def our_locks():
        with open("/proc/locks", encoding="ascii") as fh:
            rows = fh.read().split("\\n")
        return [r for r in rows if r.split()[4:6] and r.split()[4] == str(os.getpid())
                and r.split()[5].rsplit(":", 1)[-1] == str(inode)]

    def hook(event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            try:
                same = Path(os.fsdecode(args[0])).resolve() == master
            except (OSError, ValueError):
                return
            if same:
                held = our_locks()
                seen.append(event)
                if held:
                    import traceback
                    bad.append("".join(traceback.format_stack(limit=8)) + repr(held))

    sys.addaudithook(hook)
    from welfareplan.cli.main import main
    codes = [main(argv.split("\\t")) for argv in sys.argv[2:]]
    print("PROBE", len(seen), len(bad), codes)
    print("\\n".join(bad[:2]))
    """
)


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux /proc/locks")
def test_no_second_handle_to_the_master_while_sqlite_holds_its_lock(
    cycle: Cycle, tmp_path: Path
) -> None:
    """Every command that writes the master, run under an audit hook that sees each file
    the process opens: whenever the master itself is opened by something other than SQLite,
    the process holds no lock on it (closing that handle would release SQLite's locks)."""
    folder = tmp_path / "返送"
    folder.mkdir()
    files = [_returned(cycle, d, folder) for d in ("介護福祉課", "地域福祉課")]
    out = tmp_path / "配布先"
    out.mkdir()
    m = str(cycle.master)
    commands = [
        f"merge\t{m}\t{files[0].path}",
        f"round\t{m}\t--year\t2025\t--deadline\t2026-05-31",
        f"department\tadd\t{m}\t新しい課",
        f"distribute\t{m}\t--year\t2025\t--out\t{out}\t--department\t健康課",
        f"merge\t{m}\t{files[1].path}",
    ]
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, m, *commands],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=os.environ | {"WELFAREPLAN_HOME": str(tmp_path / "利用者")},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    report = proc.stdout[proc.stdout.rindex("PROBE ") :]
    first, *stacks = report.splitlines()
    _, seen, bad, codes = first.split(" ", 3)
    assert codes == "[0, 0, 0, 0, 0]", proc.stdout + proc.stderr
    assert int(seen) > 0  # the probe does see the master being opened
    assert int(bad) == 0, "\n".join(stacks)
