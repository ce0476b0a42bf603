"""The plain-SQL readers of the division's windows read a server master as they read the file
(issue 16): the worklist (all departments or one), the dashboard's rating counts, the rounds,
the checklist before closing and the submitter printed on a worksheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers.masters import opened_master
from welfareplan.core.plainsql import rows
from welfareplan.core.ratingcounts import rating_counts
from welfareplan.core.worklist import load_worklist
from welfareplan.exports.submitter import worksheet_submitter
from welfareplan.workflow.checklist import round_checklist
from welfareplan.workflow.rounds.round_list import list_rounds, round_info


def read_all(location: str) -> dict[str, Any]:
    with opened_master(location, read_only=True) as wb:
        rounds = list_rounds(wb)
        everyone = load_worklist(wb)
        department = everyone.items[0].entry_id
        with wb.reader() as con:
            [(dept_id,)] = rows(
                con, "SELECT department_id FROM entry WHERE id = :id", {"id": department}
            )
            counts = rating_counts(con, 2024)
        one = load_worklist(wb, department_id=str(dept_id))
        return {
            "rounds": rounds,
            "info": round_info(wb, 2024),
            "all": [(i.entry_id, i.values, i.previous, i.path, i.label) for i in everyone.items],
            "one": (one.department_name, [i.entry_id for i in one.items]),
            "counts": counts,
            "checklist": round_checklist(wb, 2024),
            "submitter": worksheet_submitter(wb, rounds[0].id, str(dept_id)),
        }


def test_the_readers_give_the_same_on_the_server(demo_master: Path, demo_on_server: str) -> None:
    on_file, on_server = read_all(str(demo_master)), read_all(demo_on_server)
    assert on_server == on_file
    assert len(on_server["all"]) == 69 and 0 < len(on_server["one"][1]) < 69
    assert on_server["counts"].goals
