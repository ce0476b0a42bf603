"""How the rows of the Word report's tables hold together across pages (issue 15, item 14)."""

from __future__ import annotations

from welfareplan.core.reportdata import ReportData
from welfareplan.exports.report_rows import ESTIMATE_SCALE, plan_rows


def test_a_project_taller_than_a_page_is_cut_and_named_again(demo_report: ReportData) -> None:
    goal = next(g for g in demo_report.goals if any(p.number_label == "12" for p in g.projects))
    tall = next(p for p in goal.projects if p.number_label == "12")
    assert len(tall.entries) == 5
    row = 100.0  # estimated; the page holds 2 such rows once scaled
    rows = plan_rows(goal, lambda e: row, lambda p: 10.0, 2.5 * row * ESTIMATE_SCALE, 500.0)
    mine = [r for r in rows if r.project is tall]
    assert [(r.piece_start, r.piece_rows, r.continued) for r in mine if r.piece_start] == [
        (True, 2, False),
        (True, 2, True),
        (True, 1, True),
    ]
    # a piece is kept together, and its first row starts the 施策No cell again
    assert [r.keep_next for r in mine] == [True, False, True, False, False]
    assert all(r.measure_start for r in mine if r.continued and r.piece_start)
    # the 施策No cells cover every row exactly once
    assert sum(r.measure_rows for r in rows if r.measure_start) == len(rows)


def test_projects_that_fit_are_whole_and_the_last_row_is_not_alone(
    demo_report: ReportData,
) -> None:
    goal = demo_report.goals[0]
    rows = plan_rows(goal, lambda e: 20.0, lambda p: 20.0, 500.0, 400.0)
    assert not any(r.continued for r in rows)
    for project in goal.projects:
        mine = [r for r in rows if r.project is project]
        assert [r.keep_next for r in mine[:-1]] == [True] * (len(mine) - 1)
    assert rows[-2].keep_next  # the table's last row never starts a page alone
