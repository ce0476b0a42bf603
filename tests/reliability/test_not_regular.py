"""Returns that are not regular files (issue 13, item 8), given to ``welfareplan merge`` in a
real process with a time limit and a memory limit: a named pipe would make a reader wait
forever, a link to /dev/zero would be read until memory runs out. Both are refused at once,
named, and the master is untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.reliability.holders import REPO
from tests.workflow.conftest import Cycle

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero")

MEMORY_LIMIT = 1 << 30


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _merge(master: Path, *files: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "welfareplan", "merge", str(master), *map(str, files)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=os.environ | {"WELFAREPLAN_HOME": str(home)},
        timeout=120,
        preexec_fn=_limit_memory,
        check=False,
    )


def test_a_fifo_and_a_link_to_dev_zero_are_refused_at_once(cycle: Cycle, tmp_path: Path) -> None:
    folder = tmp_path / "返送"
    folder.mkdir()
    fifo = folder / "R7_介護福祉課.wpdb"
    os.mkfifo(fifo)
    zero = folder / "R7_健康課.wpdb"
    zero.symlink_to("/dev/zero")
    before = sha256(cycle.master)
    done = _merge(cycle.master, fifo, zero, home=tmp_path / "利用者")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert (
        "R7_介護福祉課.wpdb: 却下 — 「R7_介護福祉課.wpdb」は通常のファイルではなく、名前付きパイプ（FIFO）です"
        in done.stdout
    )
    assert (
        "R7_健康課.wpdb: 却下 — 「R7_健康課.wpdb」は通常のファイルではなく、デバイスです"
        in done.stdout
    )
    assert sha256(cycle.master) == before
    assert sorted(p.name for p in folder.iterdir()) == sorted([fifo.name, zero.name])
