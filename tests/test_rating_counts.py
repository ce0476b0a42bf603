"""The dashboard's plain-SQL rating counts equal the report's counts (core.reportdata)."""

from __future__ import annotations

from pathlib import Path

import pytest

from welfareplan.core.checks import EntryValues
from welfareplan.core.editing import save_entry
from welfareplan.core.errors import DataError
from welfareplan.core.queries import round_for_year
from welfareplan.core.ratingcounts import rating_counts
from welfareplan.core.reportdata import build_report
from welfareplan.core.storage import Workbook
from welfareplan.core.worklist import load_worklist
from welfareplan.workflow.rounds.lifecycle import create_round

Goals = list[tuple[int, str, dict[str, int], dict[str, int] | None]]


def _report_counts(wb: Workbook, year: int) -> tuple[int | None, Goals]:
    with wb.session() as s:
        report = build_report(s, round_for_year(s, year))
    goals = [(g.number, g.name, g.counts, g.previous_counts) for g in report.goals]
    return report.previous_fiscal_year, goals


def _sql_counts(wb: Workbook, year: int) -> tuple[int | None, Goals]:
    with wb.read_connection() as con:
        counts = rating_counts(con, year)
    goals = [(g.number, g.name, g.counts, g.previous_counts) for g in counts.goals]
    return counts.previous_fiscal_year, goals


def test_demo_round_and_a_new_round_partly_rated(demo_copy: Path) -> None:
    with Workbook.open(demo_copy) as wb:
        assert _sql_counts(wb, 2024) == _report_counts(wb, 2024)
        _, _, first, _ = _sql_counts(wb, 2024)[1][0]
        assert first == {"A": 25, "B": 9, "C": 0, "D": 0, "": 0}
        items = load_worklist(wb, round_id=create_round(wb, 2025).id).items
        for n, item in enumerate(items[:20]):
            save_entry(wb, item.entry_id, EntryValues("実績", "ABCD"[n % 4], "展望"))
        previous_year, goals = _sql_counts(wb, 2025)
        assert (previous_year, goals) == _report_counts(wb, 2025)
        assert previous_year == 2024
        assert sum(sum(counts.values()) for _, _, counts, _ in goals) == len(items)
        assert sum(counts[""] for _, _, counts, _ in goals) == len(items) - 20


def test_synthetic_plan_of_several_rounds(tmp_path: Path) -> None:
    from benchmarks.synthetic import make_synthetic_workbook

    path = make_synthetic_workbook(tmp_path / "s.wpdb", projects=60, departments=8, rounds=3)
    with Workbook.open(path) as wb:
        for year in (2024, 2025, 2026):
            assert _sql_counts(wb, year) == _report_counts(wb, year)


def test_a_year_without_a_round_is_refused(demo_copy: Path) -> None:
    with (
        Workbook.open(demo_copy) as wb,
        wb.read_connection() as con,
        pytest.raises(DataError, match="令和9年度"),
    ):
        rating_counts(con, 2027)
