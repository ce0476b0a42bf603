"""A master on a PostgreSQL server against the same master as a file (issue 16; issue 17's
"same table for a server master").

The floor of every row is the same work on the file master, measured in the same run: the
server's cost is what a division pays for sharing its master. Goal (issue 16): ≤ 1.5× the file.

Rows:
- export Word / Excel of the latest round from the open master (reading the report through
  SQLAlchemy + writing the document), demo plan and the synthetic plan 10× the demo;
- merge of 40 department files (preview + apply, every check, the backup snapshot — copied
  beside the merge's writes, the merge committed after it — and the audit), the workload of
  ``benchmarks/bench_merge.py``, on the demo plan and the 10× plan: the server master (a
  fresh copy for every run, untimed) against the file master.

The server is a throwaway cluster on loopback started for the run (tests/helpers/pgcluster.py,
Debian's PostgreSQL); without PostgreSQL's programs the rows say so and count as missed.
"""

from __future__ import annotations

import contextlib
import gc
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks.common import Result, best_of

#: server time ÷ file time (issue 16)
GOAL = 1.5


@contextlib.contextmanager
def cluster() -> Iterator[object | None]:
    from tests.helpers.pgcluster import find_bin_dir, start_cluster

    bin_dir = find_bin_dir()
    if bin_dir is None:
        yield None
        return
    with start_cluster(bin_dir) as running:
        yield running


def server_copy(running: object, master: Path) -> str:
    """A copy of ``master`` in a new database of ``running``; its URL."""
    from tests.helpers.pgcluster import Cluster
    from welfareplan.core.mastercopy import copy_master

    assert isinstance(running, Cluster)
    url = running.url(running.new_database())
    copy_master(master, url)
    return url


@contextlib.contextmanager
def opened(location: str) -> Iterator[object]:
    from welfareplan.cli.master import read_master

    with read_master(location) as wb:
        yield wb


def _exporter(kind: str, out: Path) -> Callable[[object], None]:
    from welfareplan.core.queries import rounds
    from welfareplan.core.reportdata import build_report
    from welfareplan.core.storage import Workbook

    def export(wb: object) -> None:
        assert isinstance(wb, Workbook)
        with wb.session() as s:
            report = build_report(s, rounds(s)[-1])
        if kind == "docx":
            from welfareplan.exports.docx_report import write_report_docx

            write_report_docx(report, out)
        else:
            from welfareplan.exports.xlsx_report import write_report_xlsx

            write_report_xlsx(report, out)

    return export


def _export_rows(label: str, master: Path, url: str, folder: Path, repeat: int) -> list[Result]:
    results = []
    for kind in ("docx", "xlsx"):
        export = _exporter(kind, folder / f"report.{kind}")
        times = {}
        with opened(str(master)) as file_wb, opened(url) as server_wb:
            for wb in (file_wb, server_wb):
                export(wb)  # warm up: imports, caches, the server's connection pool
            gc.collect()
            gc.disable()
            try:
                for where, wb in (("file", file_wb), ("server", server_wb)):
                    times[where] = best_of(lambda e=export, w=wb: e(w), repeat)
            finally:
                gc.enable()
        results.append(
            Result(
                f"server export {kind} ({label})",
                times["server"],
                floor=times["file"],
                goal=GOAL,
                note="floor = the same export from the file master",
            )
        )
    return results


def _merge_rows(
    label: str, master: Path, years: list[int], running: object, *, folder: Path, repeat: int
) -> list[Result]:
    from benchmarks.bench_merge import FILES, _merge, _prepare, _time_merge
    from welfareplan.core.serverbook import open_server_workbook

    tag = label.replace("/", "-").replace(" ", "-")
    files, rows = _prepare(master, years, folder / f"{tag}-files", FILES)
    t_file = _time_merge(master, folder / f"{tag}-work.wpdb", files, repeat)
    from welfareplan.workflow.master.backups import take_snapshot

    t_server = t_snapshot = float("inf")
    for _ in range(repeat):
        url = server_copy(running, master)  # untimed: a fresh master for every run
        with open_server_workbook(url, read_only=False) as wb:
            t0 = time.perf_counter()
            take_snapshot(wb, "merge", keep=None)
            t_snapshot = min(t_snapshot, time.perf_counter() - t0)
            t0 = time.perf_counter()
            _merge(wb, files)
            t_server = min(t_server, time.perf_counter() - t0)
    return [
        Result(
            f"server merge {len(files)} department files ({label})",
            t_server,
            floor=t_file,
            goal=GOAL,
            note=f"{rows} entries × 3 fields; floor = the same merge into the file master",
        ),
        Result(
            f"  beside it: the .wpdb snapshot alone ({label})",
            t_snapshot,
            note=f"{t_snapshot / t_server:.0%} of the server merge if it ran alone: a checked "
            "copy of the whole master, made in a thread beside the merge's writes",
        ),
    ]


def missing() -> list[Result]:
    return [
        Result(
            "server: not measured",
            float("nan"),
            unit="",
            goal=0.0,
            note="PostgreSQL's initdb/pg_ctl not found (./dev test installs them)",
        )
    ]


def run(quick: bool) -> list[Result]:
    from benchmarks.synthetic import make_synthetic_workbook
    from welfareplan.core.shipped import create_demo_workbook

    repeat = 2 if quick else 5
    size = (120, 20, 3) if quick else (500, 60, 10)
    results: list[Result] = []
    with cluster() as running, tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        if running is None:
            return missing()
        folder = Path(tmp)
        demo = create_demo_workbook(folder / "demo.wpdb")
        big = make_synthetic_workbook(
            folder / "big.wpdb", projects=size[0], departments=size[1], rounds=size[2]
        )
        label = f"synthetic {size[0]}p/{size[1]}d"
        for tag, master in (("demo", demo), (label, big)):
            url = server_copy(running, master)
            results += _export_rows(tag, master, url, folder, repeat)
        results += _merge_rows(
            "demo", demo, [2025, 2026, 2027, 2028], running, folder=folder, repeat=repeat
        )
        results += _merge_rows(
            label, big, [2024 + size[2] - 1], running, folder=folder, repeat=repeat
        )
    return results
