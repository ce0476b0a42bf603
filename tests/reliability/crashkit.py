"""Driving :mod:`tests.reliability.crash_child` and checking files after a kill."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.reliability.crash_child import edit_values, entry_ids
from tests.reliability.holders import REPO
from welfareplan.core.checks import EntryValues
from welfareplan.core.fileformat import check_file

SEED_VARIABLE = "WELFAREPLAN_CRASH_SEED"


def crash_seed() -> int:
    """The seed of this run's kill times: ``WELFAREPLAN_CRASH_SEED`` to repeat a run,
    otherwise a new one (printed, and part of every failure message)."""
    value = os.environ.get(SEED_VARIABLE)
    seed = int(value) if value else random.SystemRandom().randrange(1 << 31)
    print(f"crash test seed: {seed} (repeat with {SEED_VARIABLE}={seed})")
    return seed


class ForkServer:
    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc

    def run(self, scenario: str, args: dict[str, Any], kill_after: float | None) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        command = {"scenario": scenario, "args": args, "kill_after": kill_after}
        self.proc.stdin.write(json.dumps(command, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        answer: dict[str, Any] = json.loads(self.proc.stdout.readline())
        return answer


@contextmanager
def serving(module: str, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[str]]:
    """``python -m MODULE`` as a line-based server (it says ``ready`` first; it ends when its
    standard input closes)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", module],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=os.environ | (env or {}),
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=60)
        if proc.stdout is not None:
            proc.stdout.close()


@contextmanager
def fork_server() -> Iterator[ForkServer]:
    with serving("tests.reliability.crash_child") as proc:
        yield ForkServer(proc)


@dataclass
class LogLines:
    """The progress lines a worker reported: ``(word, number or None, monotonic time)``."""

    path: Path
    offset: int = 0

    def new(self) -> list[tuple[str, int | None, float]]:
        if not self.path.exists():
            return []
        data = self.path.read_bytes()
        lines, self.offset = data[self.offset :].decode().splitlines(), len(data)
        out = []
        for line in lines:
            parts = line.split()
            number = int(parts[1]) if len(parts) == 3 else None
            out.append((parts[0], number, float(parts[-1])))
        return out

    def errors(self) -> str:
        err = Path(f"{self.path}.err")
        return err.read_text(encoding="utf-8") if err.exists() else ""


def integrity_ok(path: Path) -> bool:
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


def department_state(path: Path, ids: list[str]) -> tuple[int, dict[str, EntryValues]]:
    """(revision, entry id → values) of a department file."""
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        (revision,) = con.execute("SELECT value FROM wp_meta WHERE key = 'revision'").fetchone()
        found: dict[str, dict[str, str]] = {i: {} for i in ids}
        for entry_id, field, value in con.execute("SELECT entry_id, field, value FROM entry_value"):
            if entry_id in found:
                found[entry_id][field] = value
        values = {i: EntryValues(v) for i, v in found.items()}
    finally:
        con.close()
    return int(revision), values


def expected_values(ids: list[str], revision: int) -> dict[str, EntryValues]:
    """What a file at ``revision`` holds: every save 1…revision, in order (from blank)."""
    values = {i: EntryValues() for i in ids}
    for seq in range(1, revision + 1):
        values[ids[seq % len(ids)]] = edit_values(seq)
    return values


def check_department_file(path: Path, ids: list[str]) -> int:
    """The file is whole, opens as ours and holds exactly the saves up to its revision
    (never some of a save, never a save without the earlier ones). Returns the revision."""
    # (a journal SQLite had not begun to use may stay behind: check_file, read-only, proves
    # that it is not a hot one)
    check_file(path)
    assert integrity_ok(path), f"{path.name}: integrity_check failed"
    revision, values = department_state(path, ids)
    assert values == expected_values(ids, revision), (
        f"{path.name}: not the state of revision {revision}"
    )
    return revision


def master_state(path: Path) -> dict[str, Any]:
    """What a merge changes in the master: entries, received returns, audit, conflicts, and
    the merge bases of the issued files."""
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        entries: dict[str, dict[str, str]] = {
            entry_id: {} for (entry_id,) in con.execute("SELECT id FROM entry")
        }
        for entry_id, field, value in con.execute("SELECT entry_id, field, value FROM entry_value"):
            entries[entry_id][field] = value
        return {
            "entries": entries,  # entry id → field → value (an empty value has no row)
            "returns": con.execute(
                "SELECT issued_file_id, sha256, revision, outcome FROM received_return ORDER BY 1, 2"
            ).fetchall(),
            "audit": con.execute("SELECT count(*) FROM audit_event").fetchone()[0],
            "conflicts": con.execute("SELECT count(*) FROM merge_conflict").fetchone()[0],
            "bases": con.execute(
                "SELECT issued_file_id, entry_id, field, base_value FROM issued_value "
                "ORDER BY 1, 2, 3"
            ).fetchall(),
        }
    finally:
        con.close()


__all__ = [
    "ForkServer",
    "LogLines",
    "check_department_file",
    "crash_seed",
    "department_state",
    "edit_values",
    "entry_ids",
    "expected_values",
    "fork_server",
    "integrity_ok",
    "master_state",
    "serving",
]
