"""How the rows of a goal's main table group: 施策No spans all rows of one 施策, and the
project cells (事業No, name, 内容) span the rows of one project — as in the published table."""

from __future__ import annotations

from itertools import groupby

from welfareplan.core.reportdata import ReportGoal


def measure_spans(goal: ReportGoal) -> dict[str, tuple[bool, int]]:
    """For each project id: whether it is the first of its 施策 in the table, and how many
    rows that 施策 spans (consecutive projects with the same 施策No)."""
    spans: dict[str, tuple[bool, int]] = {}
    for _, group in groupby(goal.projects, key=lambda p: p.node_label):
        projects = list(group)
        rows = sum(len(p.entries) for p in projects)
        for i, p in enumerate(projects):
            spans[p.project_id] = (i == 0, rows)
    return spans
