"""The three bugs of issue 14 ("Bugs found on the way"), reproduced as the issue describes them,
through the command line (so that the same tests ran, and failed, on the code before the fix).

1. A round on an older, unrelated plan changed a published later report: "last year" was the
   latest earlier round whatever its plan.
2. 経年比較 lost the current year after a revision done the documented way (export the plan,
   new key, 前の計画のキー = old key, import, ``round --new 2025``): the plan was picked by
   ``period_start`` and the tie resolved to the old plan.
3. ``round --new 2019`` or ``--new 1990`` silently used a plan whose period does not cover the
   year; ``--plan`` accepted a year outside the named plan's period; plans of the same name could
   not be told apart in any message.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from welfareplan.cli.main import main

DEMO_KEY = "koganei-chiiki-fukushi-r6"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


def set_item(book: Any, label: str, value: object) -> None:
    """Set one 項目 of the template's sheet 計画."""
    for row in book["計画"].iter_rows(min_row=2):
        if row[0].value == label:
            row[1].value = value
            return
    raise AssertionError(label)


def plan_copy(
    capsys: pytest.CaptureFixture[str],
    master: Path,
    path: Path,
    *,
    key: str,
    period: tuple[int, int],
    predecessor: str | None = None,
    carry_over: bool = True,
) -> Path:
    """The demo plan exported to the template and changed: another key and period, and
    (with ``predecessor``) that plan named as the previous one and, with ``carry_over``, every
    project continuing the project of the same number there (前計画の事業番号)."""
    from openpyxl import load_workbook

    code, out = run(capsys, "plan", "export", master, path)
    assert code == 0, out
    book = load_workbook(path)
    set_item(book, "キー", key)
    set_item(book, "開始年度", period[0])
    set_item(book, "終了年度", period[1])
    if predecessor is not None:
        set_item(book, "前の計画のキー", predecessor)
    if predecessor is not None and carry_over:
        projects = book["事業"]
        header = [c.value for c in projects[1]]
        number, previous = header.index("事業番号") + 1, header.index("前計画の事業番号") + 1
        for r in range(2, projects.max_row + 1):
            projects.cell(r, previous).value = projects.cell(r, number).value
    book.save(path)
    code, out = run(capsys, "plan", "import", master, path)
    assert code == 0, out
    return path


@pytest.fixture
def master(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "マスター.wpdb"
    code, out = run(capsys, "demo", path)
    assert code == 0, out
    return path


def test_a_round_of_an_older_unrelated_plan_is_not_last_year(
    master: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    plan_copy(capsys, master, tmp_path / "古い計画.xlsx", key="older", period=(2012, 2017))
    code, out = run(capsys, "round", master, "--new", "2014")
    assert code == 0, out
    report = tmp_path / "r6.xlsx"
    code, out = run(capsys, "export", master, "--year", "2024", "--xlsx", report)
    assert code == 0, out
    book = load_workbook(report)
    summary = [c for row in book["集計"].iter_rows(values_only=True) for c in row if c]
    assert "平成26年度" not in summary  # no 集計 block of the unrelated plan's round
    header = [c.value for c in book["基本目標1"][3]]
    assert not any(str(h).startswith("前年度評価") for h in header if h)


@pytest.mark.parametrize(
    ("carried_over", "years"),
    [(False, (2025,)), (True, (2024, 2025))],
    ids=["documented-steps", "projects-carried-over"],
)
def test_year_over_year_keeps_the_current_year_after_a_revision(
    master: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    carried_over: bool,
    years: tuple[int, ...],
) -> None:
    """The issue's steps leave 前計画の事業番号 empty: the 2025 round is on the revised plan and its
    事業1 (a new project) shows 令和7年度; carried over, it shows both years."""
    from welfareplan.core.history import project_choices, project_history
    from welfareplan.core.storage import Workbook

    plan_copy(
        capsys,
        master,
        tmp_path / "改訂.xlsx",
        key="koganei-r6-revised",
        period=(2024, 2029),
        predecessor=DEMO_KEY,
        carry_over=carried_over,
    )
    code, out = run(capsys, "round", master, "--new", "2025")
    assert code == 0, out
    with sqlite3.connect(master) as con:
        (key,) = con.execute(
            "SELECT plan.key FROM round JOIN plan ON plan.id = round.plan_id WHERE fiscal_year = 2025"
        ).fetchone()
    assert key == "koganei-r6-revised"  # the plan that replaced the old one, not the old one
    with Workbook.open(master) as wb:
        choices = project_choices(wb)
        first = next(c for c in choices if c.title.startswith("事業1 "))
        assert project_history(wb, first.project_id).years == years


def test_round_new_refuses_years_no_plan_covers_and_names_the_plan(
    master: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for year in ("2019", "1990"):
        code, out = run(capsys, "round", master, "--new", year)
        assert code == 2, out
        assert DEMO_KEY in out and "令和6年度～令和11年度" in out  # the plans there are
    code, out = run(capsys, "round", master, "--new", "2019", "--plan", DEMO_KEY)
    assert code == 2 and "含まれません" in out, out
    assert "令和6年度～令和11年度" in out
    # a second plan of the same name: messages tell them apart by key and period
    plan_copy(capsys, master, tmp_path / "同名.xlsx", key="koganei-2030", period=(2030, 2035))
    code, out = run(capsys, "round", master, "--new", "2031")
    assert code == 0, out
    assert "koganei-2030" in out and "令和12年度～令和17年度" in out
    code, out = run(capsys, "round", master, "--new", "2025")
    assert code == 0, out
    assert DEMO_KEY in out and "令和6年度～令和11年度" in out
