"""Past years (issue 14, item 5): ``welfareplan history import`` brings a published evaluation
in as a closed round — from a plain table (the 平成30年度 table of the previous plan, seed 003)
and from the product's own exported Excel report (the demo's FY2024 report into a fresh
workbook gives the demo's values). Every row that does not match is reported with its row and
nothing changes (the master's SHA-256, or its content digest on a server: the import runs on a
master file and on a server)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import sha256
from tests.helpers.masters import content, opened_master
from tests.helpers.shaped_plans import PLANS
from welfareplan.cli.main import main
from welfareplan.core.model import AuditEvent, Department, Entry, Project, Round
from welfareplan.core.storage import Workbook
from welfareplan.workflow.rounds.history_import import HISTORY_EDITOR

H30_KEY = "koganei-chiiki-fukushi-h30"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


def table_xlsx(path: Path, lines: list[list[str]]) -> Path:
    from openpyxl import Workbook as Book

    book = Book()
    ws = book.active
    ws.title = "平成30年度"
    for line in lines:
        ws.append(line)
    book.save(path)
    return path


def h30_lines() -> list[list[str]]:
    text = (PLANS / "koganei-h30-table.tsv").read_text("utf-8")
    return [[c.replace("\\n", "\n") for c in line.split("\t")] for line in text.splitlines()]


def entries_of(
    master: str | Path, year: int
) -> dict[tuple[str, str], tuple[dict[str, str], Entry]]:
    with opened_master(str(master), read_only=True) as wb, wb.session() as s:
        rnd = s.scalar(select(Round).where(Round.fiscal_year == year))
        assert rnd is not None
        rows = s.execute(
            select(Project.label, Department.name, Entry)
            .join(Project, Entry.project_id == Project.id)
            .join(Department, Entry.department_id == Department.id)
            .where(Entry.round_id == rnd.id)
        ).all()
        return {(lab, dep): (dict(e.values), e) for lab, dep, e in rows}


@pytest.fixture(params=["file", "server"])
def previous(
    request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> str:
    """A new master of the previous plan: a file, or on the test server (issue 16)."""
    master = str(tmp_path / "前計画.wpdb")
    if request.param == "server":
        master = str(request.getfixturevalue("pg_url"))
    code, out = run(capsys, "new", master, "--plan", PLANS / "koganei-previous.json")
    assert code == 0, out
    return master


def test_the_h30_table_comes_in_as_a_closed_round(
    previous: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = table_xlsx(tmp_path / "h30.xlsx", h30_lines())
    before = content(previous)
    code, out = run(capsys, "history", "import", previous, table, "--year", "H30", "--check")
    assert code == 0 and "記入 52 件" in out and "問題はありません" in out, out
    assert content(previous) == before
    code, out = run(
        capsys, "history", "import", previous, table, "--year", "H30", "--published", "令和2年3月"
    )
    assert code == 0, out
    assert "平成30年度実績" in out and H30_KEY in out and "公表 令和2年3月" in out
    entries = entries_of(previous, 2018)
    assert len(entries) == 52
    ratings = Counter(v.get("rating", "") for v, _ in entries.values())
    assert ratings == {"A": 15, "B": 28, "C": 4, "D": 4, "": 1}
    # published as it was: incomplete rows kept, no requires check (a C without outlook)
    assert sum(1 for v, _ in entries.values() if not v.get("result")) == 4
    assert any(v.get("rating") == "C" and not v.get("outlook") for v, _ in entries.values())
    assert all(e.updated_by == HISTORY_EDITOR for _, e in entries.values())
    assert {e.updated_at.date() for _, e in entries.values() if e.updated_at} == {
        dt.date(2020, 3, 1)
    }
    with opened_master(previous, read_only=True) as wb, wb.session() as s:
        rnd = s.scalar(select(Round).where(Round.fiscal_year == 2018))
        assert rnd is not None and rnd.status == "closed"
        assert rnd.published_on == dt.date(2020, 3, 1)
        (audit,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "history-import"))
    assert audit.source_sha256 == hashlib.sha256(table.read_bytes()).hexdigest()
    assert audit.source_file == "h30.xlsx"
    # a second import of that year is refused
    before = content(previous)
    code, out = run(capsys, "history", "import", previous, table, "--year", "2018")
    assert code == 2 and "既にこのワークブックにあります" in out
    assert content(previous) == before


def test_every_row_that_does_not_match_is_named_and_nothing_changes(
    previous: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = h30_lines()
    header, rows = lines[0], lines[1:]
    bad = [
        header,
        rows[0],
        ["9-9-9-①", *rows[1][1:]],  # row 3: unknown project
        [rows[2][0], "存在しない課", *rows[2][2:]],  # row 4: unknown department
        [rows[3][0], "地域福祉課", *rows[3][2:]],  # row 5: not assigned to that project
        [rows[4][0], rows[4][1], rows[4][2], "E", rows[4][4]],  # row 6: not of the scale
        rows[0],  # row 7: the same row again
    ]
    table = table_xlsx(tmp_path / "bad.xlsx", bad)
    before = content(previous)
    code, out = run(capsys, "history", "import", previous, table, "--year", "2018")
    assert code == 2, out
    assert "5 件の問題" in out and "何も変更していません" in out
    assert "3行目: 事業番号「9-9-9-①」は計画「koganei-chiiki-fukushi-h30」にありません" in out
    assert "4行目: 担当課「存在しない課」は担当課マスタにありません" in out
    assert f"5行目: 担当課「地域福祉課」は事業{rows[3][0]}の担当ではありません" in out
    assert "6行目: 事業評価の「E」は評価区分（A・B・C・D）にありません" in out
    assert (
        "7行目: 事業1-1-1-①の「地域福祉課」が重複しています（シート「平成30年度」 2行目と同じ）"
        in out
    )
    assert content(previous) == before
    # a column that is not of the form, and no year
    renamed = table_xlsx(tmp_path / "renamed.xlsx", [[*header[:4], "展望"], rows[0]])
    code, out = run(capsys, "history", "import", previous, renamed, "--year", "2018")
    assert code == 2 and "列「展望」はこの計画の評価項目にありません" in out
    assert "評価項目「今後の事業計画・展望」の列がありません" in out
    code, out = run(capsys, "history", "import", previous, table_xlsx(tmp_path / "n.xlsx", lines))
    assert code == 2 and "年度がわかりません" in out
    code, out = run(capsys, "history", "import", previous, tmp_path / "none.xlsx", "--year", "2018")
    assert code == 2 and "見つかりません" in out
    assert content(previous) == before


def test_a_number_that_is_not_one_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    master = tmp_path / "架空市.wpdb"
    code, out = run(capsys, "new", master, "--plan", PLANS / "other-city-five-codes.json")
    assert code == 0, out
    with Workbook.open(master, read_only=True) as wb, wb.session() as s:
        project, second = s.scalars(select(Project).order_by(Project.sort)).all()[:2]
        form = project.plan.evaluation_form
        label, department = project.label, project.assignments[0].label
        label2, department2 = second.label, second.assignments[0].label
    header = ["事業番号", "担当課", *(f.label for f in form.fields)]
    values = {f.label: "" for f in form.fields}
    number = next(f for f in form.fields if f.is_number)
    rating = form.rating_field
    assert rating is not None
    good = {**values, number.label: "１，２００人", rating.label: "ｓ"}
    bad = {**values, number.label: "たくさん"}
    table = table_xlsx(
        tmp_path / "t.xlsx",
        [header, [label, department, *good.values()], [label2, department2, *bad.values()]],
    )
    before = sha256(master)
    code, out = run(capsys, "history", "import", master, table, "--year", "2025")
    assert code == 2 and f"3行目: {number.label}の「たくさん」は数値ではありません" in out
    assert sha256(master) == before
    table = table_xlsx(tmp_path / "u.xlsx", [header, [label, department, *good.values()]])
    code, out = run(capsys, "history", "import", master, table, "--year", "2025")
    assert code == 0, out
    ((values_, _),) = entries_of(master, 2025).values()
    assert values_[number.key] == "1200" and values_[rating.key] == "S"


def test_the_demos_own_report_comes_back_with_the_demos_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "デモ.wpdb"
    code, out = run(capsys, "demo", demo)
    assert code == 0, out
    report = tmp_path / "令和6年度.xlsx"
    code, out = run(capsys, "export", demo, "--year", "2024", "--xlsx", report)
    assert code == 0, out
    fresh = tmp_path / "新しい.wpdb"
    code, out = run(
        capsys, "new", fresh, "--plan", Path("resources/plans/koganei-r6.json").resolve()
    )
    assert code == 0, out
    code, out = run(capsys, "history", "import", fresh, report, "--published", "令和8年3月")
    assert code == 0, out
    assert "令和6年度実績" in out and "記入 69 件" in out  # the year read from the report
    want, got = entries_of(demo, 2024), entries_of(fresh, 2024)
    assert want.keys() == got.keys()
    for key, (values, entry) in want.items():
        assert got[key][0] == values, key
        assert got[key][1].label == entry.label and got[key][1].sort == entry.sort
    # the report of the imported round prints what the demo's prints
    again = tmp_path / "again.xlsx"
    code, out = run(capsys, "export", fresh, "--year", "2024", "--xlsx", again)
    assert code == 0, out
    from openpyxl import load_workbook

    a, b = load_workbook(report), load_workbook(again)
    for name in ("基本目標1", "基本目標2", "基本目標3"):
        assert list(a[name].iter_rows(values_only=True)) == list(
            b[name].iter_rows(values_only=True)
        )
    # a year that is not the report's is refused
    other = tmp_path / "other.wpdb"
    run(capsys, "new", other, "--plan", Path("resources/plans/koganei-r6.json").resolve())
    code, out = run(capsys, "history", "import", other, report, "--year", "2025")
    assert code == 2 and "令和6年度実績の評価表で、指定の令和7年度実績ではありません" in out


def test_history_help_is_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["history", "import", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("使い方: welfareplan history import") and "公表の年月" in out
