"""Property: any order (and any batching) of valid, non-conflicting returns — several
revisions per department, duplicates, late older copies — gives the same master."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.department_edits import entry_values, fill, own_entries
from tests.workflow.orderings import Returns, fresh_master, merge_in_drawn_order
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text
from welfareplan.workflow.issuing.distribute import distribute
from welfareplan.workflow.rounds.lifecycle import create_round

YEAR = 2025
DEPARTMENTS = ("健康課", "交通対策課", "地域安全課", "広報秘書課", "社会福祉協議会")
TRICKY = '改行\r\nと絵文字😀、結合文字か\u3099、全角ＡＢＣ、=HYPERLINK("x")、\t制御'


@pytest.fixture(scope="module")
def returns(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Returns:
    root = tmp_path_factory.mktemp("property")
    master = fresh_master(demo_master, root)
    out = root / "issued"
    out.mkdir()
    with Workbook.open(master) as wb:
        create_round(wb, YEAR)
        issued = distribute(wb, YEAR, out, departments=list(DEPARTMENTS)).files
    files: list[Path] = []
    for k, f in enumerate(issued):
        numbers = sorted(own_entries(f.path))
        fill(f.path, {n: {"result": f"第1版 {n} {TRICKY}", "rating": "B"} for n in numbers})
        files.append(Path(shutil.copy(f.path, root / f"{k}-rev1.wpdb")))
        first = numbers[0]
        fill(f.path, {first: {"result": f"第2版 {first}", "rating": "", "outlook": "展望"}})
        files.append(Path(shutil.copy(f.path, root / f"{k}-rev2.wpdb")))
        if k % 2 == 0:  # an identical duplicate of the newest file
            files.append(Path(shutil.copy(f.path, root / f"{k}-rev2-copy.wpdb")))
    with Workbook.open(master) as wb:
        base = entry_values(wb, YEAR)
    expected = dict(base)
    for f in issued:
        with Workbook.open(f.path) as dept:
            did = dept.meta()["department_id"]
        numbers = sorted(own_entries(f.path))
        for n in numbers:
            # stored by the one rule for text that enters (the file was written raw)
            expected[(n, did)] = (clean_text(f"第1版 {n} {TRICKY}"), "B", "")
        expected[(numbers[0], did)] = (f"第2版 {numbers[0]}", "", "展望")
    return Returns(master, tuple(files), expected)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_order_of_returns_gives_the_same_master(returns: Returns, data: st.DataObject) -> None:
    merge_in_drawn_order(returns, data, YEAR)
