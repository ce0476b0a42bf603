"""The Excel report: sheets per goal, merged project cells, print setup, summary and chart."""

from __future__ import annotations

import gc
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.helpers.koganei import koganei_columns
from welfareplan.core.departments import display_label
from welfareplan.core.reportdata import ReportData
from welfareplan.exports.xlsx_report import write_report_xlsx

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def load(path: Path) -> Any:
    from openpyxl import load_workbook

    return load_workbook(path)


@pytest.fixture(scope="module")
def wb(exported: dict[str, Path]) -> Any:
    return load(exported["xlsx"])


def body_rows(ws: Any) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(min_row=4, max_col=8, values_only=True)]


def test_sheets(wb: Any) -> None:
    assert wb.sheetnames == ["表紙", "委員意見", "基本目標1", "基本目標2", "基本目標3", "集計"]
    assert wb["基本目標1"]["A1"].value == "基本目標1　福祉のまちづくり"
    assert wb["基本目標2"]["A2"].value == "地域福祉計画の進捗状況及び評価表（令和6年度実績報告）"


def test_cover_sheet_stands_on_its_own(wb: Any, demo_report: ReportData) -> None:
    """Issue 15, item 14: title, criteria of the scale and the plan's structure come first,
    then the committee's opinions, as in the published report."""
    rows = [[c for c in r if c is not None] for r in wb["表紙"].iter_rows(values_only=True)]
    texts = [r for r in rows if r]
    assert [r[0] for r in texts[:4]] == [
        "地域福祉計画の進捗状況及び評価表",
        "（令和6年度実績報告）",
        "令和8年3月",
        "福祉保健部地域福祉課",
    ]
    assert ["【事業評価の評価基準】"] in texts
    assert ["A・・・ ほぼ施策内容を達成した。"] in texts and ["D・・・ 未実施"] in texts
    assert any(r[0].startswith("※「今後の事業計画・展望」") for r in texts)
    structure = texts[texts.index(["【計画の体系】"]) + 1 :]
    expected = [[level, text] for g in demo_report.goals for level, text in g.structure()]
    assert structure == expected
    assert ["施策の方向性", "(1) 福祉を支える基盤の整備"] in structure
    assert wb.sheetnames.index("委員意見") < wb.sheetnames.index("基本目標1")


def test_project_numbers_are_numbers(wb: Any, demo_report: ReportData) -> None:
    """Issue 15, item 14: Excel marks no "number stored as text" on 事業No: a whole number is
    stored as a number, a grouped label (31～34) as the text it is."""
    numbers = []
    for n in (1, 2, 3):
        for (cell,) in wb[f"基本目標{n}"].iter_rows(min_row=4, min_col=2, max_col=2):
            if cell.value is not None:
                numbers.append(cell.value)
                assert cell.data_type == ("n" if isinstance(cell.value, int) else "s")
    labels = [p.number_label for g in demo_report.goals for p in g.projects]
    assert numbers == [int(x) if x.isdigit() else x for x in labels]
    assert "31～34" in numbers and 1 in numbers


def test_header_and_all_entries(
    wb: Any, demo_report: ReportData, published: dict[str, Any]
) -> None:
    found = []
    for n in (1, 2, 3):
        ws = wb[f"基本目標{n}"]
        header = [c.value for c in ws[3]]
        assert header == koganei_columns("令和6年度")
        found += [
            {"department": r[4], "result": r[5], "rating": r[6], "outlook": r[7]}
            for r in body_rows(ws)
        ]
    expected = [
        {
            "department": display_label(e["department"]),
            "result": e["result"],
            "rating": e["rating"],
            "outlook": e["outlook"],
        }
        for e in published["entries"]
    ]
    assert found == expected
    assert Counter(f["rating"] for f in found) == {"A": 41, "B": 24, "D": 4}


def _merged_groups(ws: Any) -> dict[str, int]:
    """事業No → number of rows its merged cell spans (1 when not merged)."""
    spans = {}
    for rng in ws.merged_cells.ranges:
        if rng.min_col == 2:
            spans[rng.min_row] = rng.max_row - rng.min_row + 1
    out = {}
    for row in range(4, ws.max_row + 1):
        value = ws.cell(row, 2).value
        if value is not None:
            out[str(value)] = spans.get(row, 1)
    return out


def test_project_cells_are_merged(wb: Any, demo_report: ReportData) -> None:
    groups: dict[str, int] = {}
    for n in (1, 2, 3):
        ws = wb[f"基本目標{n}"]
        groups |= _merged_groups(ws)
        for rng in ws.merged_cells.ranges:
            assert rng.min_col == rng.max_col <= 4  # only the four project columns merge
    assert len(groups) == 44
    assert groups["12"] == 5 and groups["9"] == 4 and groups["31～34"] == 1
    for g in demo_report.goals:
        for p in g.projects:
            assert groups[p.number_label] == len(p.entries)
    for n, goal in enumerate(demo_report.goals, 1):
        ws = wb[f"基本目標{n}"]
        merged_cols = Counter(rng.min_col for rng in ws.merged_cells.ranges)
        multi = sum(1 for p in goal.projects if len(p.entries) > 1)
        assert merged_cols[2] == merged_cols[3] == merged_cols[4] == multi
        # 施策No spans the rows of its 施策 (one value per 施策, as published).
        labels = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)]
        shown = [v for v in labels if v is not None]
        assert shown == list(dict.fromkeys(p.node_label for p in goal.projects))
        a_spans = {
            rng.min_row: rng.max_row - rng.min_row + 1
            for rng in ws.merged_cells.ranges
            if rng.min_col == 1
        }
        for r, v in enumerate(labels, 4):
            if v is not None:
                rows = sum(len(p.entries) for p in goal.projects if p.node_label == v)
                assert a_spans.get(r, 1) == rows


def test_wrap_heights_freeze_and_print(wb: Any, demo_report: ReportData) -> None:
    for n, goal in enumerate(demo_report.goals, 1):
        ws = wb[f"基本目標{n}"]
        assert ws.freeze_panes == "C4"
        assert ws.print_title_rows == "$3:$3"
        ps = ws.page_setup
        assert ps.orientation == "landscape" and int(ps.paperSize) == 9
        assert ps.fitToWidth == 1 and ps.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddFooter.center.text == "&P / &N"
        last = 3 + len(goal.entries())
        assert ws.max_row == last
        for row in ws.iter_rows(min_row=4, max_row=last, max_col=8):
            for c in row:
                if c.value:
                    assert c.alignment.wrap_text and c.alignment.vertical == "top"
                    assert c.border.left.style == "thin"
            height = ws.row_dimensions[row[0].row].height
            assert height is not None and 15 <= height <= 409
    # Longer texts get taller rows.
    ws = wb["基本目標1"]
    heights = {ws.cell(r, 6).value: ws.row_dimensions[r].height for r in range(4, ws.max_row + 1)}
    short, long = min(heights, key=len), max(heights, key=len)
    assert heights[long] > heights[short]


def test_japanese_default_font(exported: dict[str, Path], wb: Any) -> None:
    with zipfile.ZipFile(exported["xlsx"]) as z:
        styles = z.read("xl/styles.xml").decode("utf-8")
    first_font = styles.split("<font>", 1)[1].split("</font>", 1)[0]
    assert '<name val="ＭＳ Ｐゴシック"/>' in first_font and '<charset val="128"/>' in first_font
    assert wb["基本目標1"]["F4"].font.name == "ＭＳ Ｐゴシック"


def test_summary_sheet_and_chart(exported: dict[str, Path], wb: Any) -> None:
    ws = wb["集計"]
    rows = [list(r) for r in ws.iter_rows(min_row=3, max_row=7, max_col=6, values_only=True)]
    assert rows == [
        ["令和6年度", "A", "B", "C", "D", "計"],
        ["1 福祉のまちづくり", 25, 9, 0, 0, 34],
        ["2 包括的支援体制の構築", 6, 9, 0, 3, 18],
        ["3 地域活動の活性化", 10, 6, 0, 1, 17],
        ["合計", 41, 24, 0, 4, 69],
    ]
    with zipfile.ZipFile(exported["xlsx"]) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = ElementTree.fromstring(z.read(charts[0]))
    bar = chart.find(f".//{C}barChart")
    assert bar is not None
    assert bar.find(f"{C}grouping").get("val") == "stacked"
    series = bar.findall(f"{C}ser")
    assert len(series) == 4  # A, B, C, D
    refs = [s.find(f"{C}val/{C}numRef/{C}f").text for s in series]
    assert refs[0] == "'集計'!$B$4:$B$6"  # series A over the three goals
    axes = chart.findall(f".//{C}catAx") + chart.findall(f".//{C}valAx")
    assert len(axes) == 2 and all(a.find(f"{C}delete").get("val") == "0" for a in axes)


def test_opinions_sheet(wb: Any, published: dict[str, Any]) -> None:
    ws = wb["委員意見"]
    texts = [r[2] for r in ws.iter_rows(min_row=4, values_only=True)]
    assert texts == [op["text"] for op in published["committee_opinions"]]
    assert ws.cell(4, 2).value == "【事業番号4:移送サービスへの支援】"


def test_year_over_year_columns(next_report: ReportData, tmp_path: Path) -> None:
    wb = load(write_report_xlsx(next_report, tmp_path / "r7.xlsx", paper_size="A3"))
    ws = wb["基本目標1"]
    assert [c.value for c in ws[3]][8:] == ["前年度評価（令和6年度）", "評価の変化"]
    assert int(ws.page_setup.paperSize) == 8
    by_project = {}
    for r in range(4, ws.max_row + 1):
        number = ws.cell(r, 2).value
        if number is not None:
            by_project[str(number)] = (
                ws.cell(r, 7).value,
                ws.cell(r, 9).value,
                ws.cell(r, 10).value,
            )
    assert by_project["1"] == ("B", "A", "低下")
    assert by_project["4"] == ("A", "B", "上昇")
    assert by_project["5"] == (None, "A", None)
    assert by_project["2"] == ("A", "A", "変化なし")
    summary = wb["集計"]
    titles = [summary.cell(r, 1).value for r in range(1, summary.max_row + 1)]
    assert "令和7年度" in titles and "令和6年度" in titles
    with zipfile.ZipFile(tmp_path / "r7.xlsx") as z:
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 2


def test_an_export_leaves_no_cyclic_garbage(demo_report: ReportData, tmp_path: Path) -> None:
    """Issue 17: the workbook's cells, sheets and workbook refer to each other; left to the
    cyclic collector, the next full collection — on whatever thread allocates next, holding
    the GIL — frees them all at once (a UI freeze during the *next* job). Taken apart after
    saving, reference counting frees them on the exporting thread as it goes."""
    write_report_xlsx(demo_report, tmp_path / "warm-up.xlsx")  # openpyxl's imports, caches
    gc.collect()
    gc.disable()  # counting only: no automatic collection may take the garbage first
    try:
        write_report_xlsx(demo_report, tmp_path / "r.xlsx")
        garbage = gc.collect()
    finally:
        gc.enable()
    assert garbage < 800  # 2,610 before, on the demo plan (~270 after: charts, plan rows)
