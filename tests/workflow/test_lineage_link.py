"""Lineage after import (issue 14, item 6): ``welfareplan plan link`` makes a plan the
predecessor of another with the project links of a link table (one-to-many and many-to-one),
checked first (both plans, no cycle, the predecessor older, every label). Then "last year" and
経年比較 follow it: the previous plan, its 平成30年度 history and the 2024 demo plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.helpers.masters import content, opened_master
from tests.helpers.shaped_plans import PLANS
from tests.workflow.test_history_import import h30_lines, run, table_xlsx
from welfareplan.core.history import project_choices, project_history
from welfareplan.core.model import Plan, ProjectLink

R6, H30 = "koganei-chiiki-fukushi-r6", "koganei-chiiki-fukushi-h30"
LINEAGE = PLANS / "koganei-lineage.json"


@pytest.fixture
def both(master_at: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The demo (2024 plan, FY2024) with the previous plan and its 平成30年度 history, in a
    master file or on a server (issue 16: plan import, history import and plan link there)."""
    master = master_at
    code, out = run(capsys, "plan", "import", master, PLANS / "koganei-previous.json")
    assert code == 0, out
    table = table_xlsx(tmp_path / "h30.xlsx", h30_lines())
    code, out = run(capsys, "history", "import", master, table, "--year", "2018")
    assert code == 0, out
    return master


def test_linked_lineage_reaches_the_h30_history(
    both: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    code, out = run(capsys, "plan", "link", both, R6, "--predecessor", H30, "--links", LINEAGE)
    assert code == 0, out
    links = json.loads(LINEAGE.read_text("utf-8"))["links"]
    pairs = sum(len(link["predecessors"]) for link in links)
    assert f"事業 {len(links)} 件（つながり {pairs} 組）" in out
    with opened_master(both, read_only=True) as wb, wb.session() as s:
        r6 = s.scalar(select(Plan).where(Plan.key == R6))
        h30 = s.scalar(select(Plan).where(Plan.key == H30))
        assert r6 is not None and h30 is not None and r6.predecessor_id == h30.id
        assert s.scalar(select(func.count()).select_from(ProjectLink)) == pairs
    with opened_master(both) as wb:
        first = next(c for c in project_choices(wb) if c.title.startswith("事業1 "))
        assert project_history(wb, first.project_id).years == (2018, 2024)
        new = next(c for c in project_choices(wb) if c.title.startswith("事業12 "))
        assert project_history(wb, new.project_id).years[-1] == 2024
    # the FY2024 report names the earlier year: no 前年度 column, a 前回（平成30年度） one
    report = tmp_path / "r6.xlsx"
    code, out = run(capsys, "export", both, "--year", "2024", "--xlsx", report)
    assert code == 0, out
    header = list(next(load_workbook(report)["基本目標1"].iter_rows(3, 3, values_only=True)))
    assert "前回評価（平成30年度）" in header
    assert not any(str(h).startswith("前年度") for h in header)


def test_a_link_table_from_excel(
    both: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook as Book

    book = Book()
    ws = book.active
    ws.title = "前計画との対応"
    ws.append(["事業番号", "前計画の事業番号"])
    ws.append([1, "1-1-1-①"])
    ws.append(["31～34", "3-1-1-①、3-1-1-②"])  # many-to-one
    ws.append([2, "1-1-1-①"])  # one-to-many
    path = tmp_path / "対応.xlsx"
    book.save(path)
    code, out = run(capsys, "plan", "link", both, R6, "--predecessor", H30, "--links", path)
    assert code == 0, out
    assert "事業 3 件（つながり 4 組）" in out


def test_bad_links_are_all_named_and_nothing_changes(
    both: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = content(both)
    code, out = run(capsys, "plan", "link", both, H30, "--predecessor", R6)
    assert code == 2 and "より前に始まる計画でなければなりません" in out
    code, out = run(capsys, "plan", "link", both, R6, "--predecessor", R6)
    assert code == 2 and "自分自身" in out
    code, out = run(capsys, "plan", "link", both, R6, "--predecessor", "nothing")
    assert code == 2 and "計画のキー「nothing」はこのワークブックにありません" in out
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "welfareplan-lineage/1",
                "links": [
                    {"successor": "1", "predecessors": ["1-1-1-①"]},
                    {"successor": "99", "predecessors": ["1-1-1-①"]},
                    {"successor": "2", "predecessors": ["9-9-9"]},
                    {"successor": "1", "predecessors": ["1-1-1-②"]},
                ],
            },
            ensure_ascii=False,
        ),
        "utf-8",
    )
    code, out = run(capsys, "plan", "link", both, R6, "--predecessor", H30, "--links", bad)
    assert code == 2 and "3 件の問題" in out
    assert (
        "links の 2 番目: 計画「koganei-chiiki-fukushi-r6」に事業番号 99 の事業はありません" in out
    )
    assert (
        "links の 3 番目: 前の計画「koganei-chiiki-fukushi-h30」に事業番号 9-9-9 の事業はありません"
        in out
    )
    assert "links の 4 番目: 事業番号 1 は bad.json の links の 1 番目 にもあります" in out
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"plan": "other", "links": []}), "utf-8")
    code, out = run(capsys, "plan", "link", both, R6, "--predecessor", H30, "--links", wrong)
    assert code == 2 and "「plan」は「other」で、「koganei-chiiki-fukushi-r6」ではありません" in out
    # a cycle: once r6 continues h30, h30 cannot continue r6 (nor a plan that continues r6)
    assert run(capsys, "plan", "link", both, R6, "--predecessor", H30)[0] == 0
    before = content(both)
    code, out = run(capsys, "plan", "link", both, H30, "--predecessor", R6)
    assert code == 2 and "循環します" in out
    assert content(both) == before


def test_link_help_is_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    from welfareplan.cli.main import main

    with pytest.raises(SystemExit):
        main(["plan", "link", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("使い方: welfareplan plan link") and "対応表" in out
