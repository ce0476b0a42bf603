"""The read commands that go through SQLAlchemy work on a master on a server (issue 16): the
same report and plan as from the file; what still needs the file is refused in Japanese."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from welfareplan.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


def docx_text(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


def xlsx_values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_the_report_from_the_server_is_the_report_from_the_file(
    demo_master: Path, demo_on_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = {}
    for name, source in (("file", str(demo_master)), ("server", demo_on_server)):
        docx, xlsx = tmp_path / f"{name}.docx", tmp_path / f"{name}.xlsx"
        code, out = run(capsys, "export", source, "--year", "R6", "--docx", docx, "--xlsx", xlsx)
        assert code == 0, out
        made[name] = (docx_text(docx), xlsx_values(xlsx))
    assert made["server"] == made["file"]
    assert any("地域福祉" in line for line in made["server"][0])


def test_plan_export_and_list_read_the_server(
    demo_master: Path, demo_on_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outs = {}
    for name, source in (("file", str(demo_master)), ("server", demo_on_server)):
        code, out = run(capsys, "plan", "export", source, tmp_path / f"{name}.xlsx")
        assert code == 0, out
        code, listed = run(capsys, "plan", "list", source)
        assert code == 0, listed
        outs[name] = listed
    assert xlsx_values(tmp_path / "server.xlsx") == xlsx_values(tmp_path / "file.xlsx")
    assert outs["server"] == outs["file"]
    assert "koganei-chiiki-fukushi-r6" in outs["server"]


@pytest.mark.parametrize(
    "args",
    [
        ["info", "{url}"],
    ],
)
def test_a_command_that_takes_no_server_yet_says_so(
    demo_on_server: str, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    from sqlalchemy import create_engine, func, select

    from welfareplan.core.model import AuditEvent, Plan, Round

    with pytest.raises(SystemExit) as exited:
        main([a.replace("{url}", demo_on_server) for a in args])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "サーバーのマスターには、このコマンドはまだ対応していません" in err
    assert "master copy でファイルに写して" in err
    engine = create_engine(demo_on_server)
    try:
        with engine.connect() as conn:
            counts = [
                conn.scalar(select(func.count()).select_from(t)) for t in (Plan, Round, AuditEvent)
            ]
    finally:
        engine.dispose()
    assert counts == [1, 1, 0]


def test_a_reader_that_needs_the_file_is_refused_on_a_server(demo_on_server: str) -> None:
    from welfareplan.core.errors import WelfareplanError
    from welfareplan.core.serverbook import open_server_workbook

    with (
        open_server_workbook(demo_on_server) as wb,
        pytest.raises(WelfareplanError, match="まだ対応していません") as caught,
    ):
        wb.read_connection()
    assert caught.value.code == "server-not-yet"
    with open_server_workbook(demo_on_server) as wb:
        assert wb.meta()["file_kind"] == "workbook"
        assert wb.read_only and wb.file_uuid


def test_status_of_a_master_with_returns_is_the_same_on_the_server(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issued files, a merged return, a department that has not answered: ``status`` reads
    the same from the server as from the file (plain SQL of either dialect)."""
    from tests.helpers.shaped_plans import OTHER_CITY, shaped

    (tmp_path / "plan").mkdir()
    plan = shaped(tmp_path / "plan", OTHER_CITY, 2025)
    plan.fill(
        "福祉総務課", {"5": {"actual": "1,050", "achievement": "S", "activities": "出張相談"}}
    )
    assert plan.merge(plan.file("福祉総務課")).ok
    assert run(capsys, "master", "copy", plan.master, pg_url)[0] == 0
    shown = {}
    for name, source in (("file", str(plan.master)), ("server", pg_url)):
        code, out = run(capsys, "status", source, "--year", "2025", "--json")
        assert code == 0, out
        shown[name] = out
    assert shown["server"] == shown["file"]
    assert "福祉総務課" in shown["server"]
    code, out = run(capsys, "status", pg_url, "--year", "2023")
    assert code == 2 and "令和5年度（2023年度）の評価は" in out


def test_year_over_year_along_a_linked_lineage_is_the_same_on_the_server(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two plans linked project by project, the 平成30年度 history and the 令和6年度 round:
    経年比較 of every project, and the report's 前回（平成30年度） column, from the server."""
    from tests.helpers.shaped_plans import PLANS
    from tests.workflow.test_history_import import h30_lines, table_xlsx
    from welfareplan.core.history import project_choices, project_history
    from welfareplan.core.serverbook import open_server_workbook
    from welfareplan.core.storage import Workbook

    master = tmp_path / "マスター.wpdb"
    table = table_xlsx(tmp_path / "h30.xlsx", h30_lines())
    for args in (
        ["demo", master],
        ["plan", "import", master, PLANS / "koganei-previous.json"],
        ["history", "import", master, table, "--year", "2018"],
        [
            "plan",
            "link",
            master,
            "koganei-chiiki-fukushi-r6",
            "--predecessor",
            "koganei-chiiki-fukushi-h30",
            "--links",
            PLANS / "koganei-lineage.json",
        ],
        ["master", "copy", master, pg_url],
    ):
        code, out = run(capsys, *args)
        assert code == 0, out
    with Workbook.open(master, read_only=True) as wb:
        choices = project_choices(wb)
        expected = [project_history(wb, c.project_id) for c in choices]
    with open_server_workbook(pg_url) as wb:
        assert project_choices(wb) == choices
        found = [project_history(wb, c.project_id) for c in choices]
    assert found == expected
    assert sum(h.years == (2018, 2024) for h in found) > 10
    reports = {}
    for name, source in (("file", master), ("server", pg_url)):
        out_path = tmp_path / f"{name}.xlsx"
        assert run(capsys, "export", source, "--year", "2024", "--xlsx", out_path)[0] == 0
        reports[name] = xlsx_values(out_path)
    assert reports["server"] == reports["file"]
    assert "前回評価（平成30年度）" in reports["server"]["基本目標1"][2]
    # and back: the plan that follows another comes after it (its key checked on insert)
    back = tmp_path / "戻し.wpdb"
    code, out = run(capsys, "master", "copy", pg_url, back)
    assert code == 0, out
    with Workbook.open(back, read_only=True) as wb:
        assert [project_history(wb, c.project_id) for c in choices] == expected
