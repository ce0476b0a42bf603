"""The printable Word worksheet of a department."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.exports import docx_reading as dr
from tests.exports.conftest import NEXT_YEAR
from tests.helpers.koganei import triple
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import ReportData, build_report
from welfareplan.core.storage import Workbook
from welfareplan.exports.round_export import round_departments
from welfareplan.exports.worksheet_docx import write_department_worksheet_docx

W = dr.W


def department_report(master: Path, year: int, name: str) -> ReportData:
    with Workbook.open(master, read_only=True) as wb, wb.session() as s:
        rnd = round_for_year(s, year)
        dept = next(d for d in round_departments(s, rnd) if d.name == name)
        return build_report(s, rnd, department_id=dept.id)


def main_rows(doc: Any, report: ReportData) -> list[list[dr.Cell]]:
    (tbl,) = dr.tables_with_header(doc, report.columns)
    return dr.rows(tbl)[1:]


def test_filled_worksheet_without_previous_round(demo_master: Path, tmp_path: Path) -> None:
    report = department_report(demo_master, 2024, "介護福祉課")
    path = write_department_worksheet_docx(
        report, tmp_path / "w.docx", department_name="介護福祉課"
    )
    doc = dr.open_docx(path)
    texts = "\n".join(dr.paragraph_text(p) for p in doc.element.body.iter(f"{W}p"))
    assert "令和6年度 地域福祉計画 事業評価シート" in texts
    assert "担当課：介護福祉課　　対象：6 件" in texts
    rows = main_rows(doc, report)
    entries = [e for g in report.goals for e in g.entries()]
    assert len(rows) == len(entries) == 6  # no previous round: one row per entry
    for row, entry in zip(rows, entries, strict=True):
        assert row[4].text.split("\n")[0] == entry.label
        assert (row[5].text, row[6].text, row[7].text) == triple(entry.values)
        assert all(c.vmerge is None for c in row)
    project9 = rows[
        [e.entry_id for e in entries].index(
            next(p for g in report.goals for p in g.projects if p.number_label == "9")
            .entries[0]
            .entry_id
        )
    ]
    assert project9[4].text == (
        "介護福祉課\n同じ事業の担当課：地域福祉課（関係各課）、自立生活支援課、広報秘書課"
    )
    seals = [t for t in dr.body_tables(doc) if "所属長" in "".join(c.text for c in dr.rows(t)[0])]
    assert len(seals) == 1
    section = doc.sections[0]
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210


def test_blank_worksheet_with_previous_year_reference(two_rounds: Path, tmp_path: Path) -> None:
    report = department_report(two_rounds, NEXT_YEAR, "地域安全課")
    path = write_department_worksheet_docx(
        report, tmp_path / "w.docx", department_name="地域安全課", blank=True
    )
    doc = dr.open_docx(path)
    texts = "\n".join(dr.paragraph_text(p) for p in doc.element.body.iter(f"{W}p"))
    assert "提出期限：令和8年5月29日" in texts
    rows = main_rows(doc, report)
    entries = [e for g in report.goals for e in g.entries()]
    assert len(rows) == 2 * len(entries) == 4
    trs = dr.tables_with_header(doc, report.columns)[0].findall(f"{W}tr")
    for i, entry in enumerate(entries):
        reference, current = rows[2 * i], rows[2 * i + 1]
        assert entry.previous is not None
        result, rating, outlook = triple(entry.previous)
        assert reference[5].text == f"【前年度（令和6年度）】\n{result}"
        assert (reference[6].text, reference[7].text) == (rating, outlook)
        assert [c.vmerge for c in reference[:5]] == ["restart"] * 5
        assert [c.vmerge for c in current[:5]] == ["continue"] * 5
        assert (current[5].text, current[6].text, current[7].text) == ("", "", "")
        height = trs[2 * i + 2].find(f"{W}trPr/{W}trHeight")
        assert height is not None and height.get(f"{W}hRule") == "atLeast"
        assert int(height.get(f"{W}val")) > 1500  # room to write by hand (> 26 mm)


def test_every_page_names_the_sheet_and_the_submitter_is_printed(
    two_rounds: Path, tmp_path: Path
) -> None:
    """Issue 15, item 13: title, department and 「N / M」 in the header of every page; who
    submitted and when (blank lines without a submission); a reference row kept with this
    year's row."""
    import datetime as dt

    from welfareplan.exports.submitter import Submitter

    report = department_report(two_rounds, NEXT_YEAR, "地域安全課")
    path = write_department_worksheet_docx(
        report,
        tmp_path / "w.docx",
        department_name="地域安全課",
        submitter=Submitter("安全 太郎", dt.datetime(2026, 5, 20, 10, 0)),
    )
    doc = dr.open_docx(path)
    header = doc.sections[0].header._element
    head_text = "".join(t.text or "" for t in header.iter(f"{W}t"))
    assert head_text.startswith("令和7年度 地域福祉計画 事業評価シート　担当課：地域安全課")
    assert [el.text.strip() for el in header.iter(f"{W}instrText")] == ["PAGE", "NUMPAGES"]
    texts = "\n".join(dr.paragraph_text(p) for p in doc.element.body.iter(f"{W}p"))
    assert "提出者：安全 太郎　　提出日：令和8年5月20日" in texts
    trs = dr.tables_with_header(doc, report.columns)[0].findall(f"{W}tr")
    reference, current = trs[1], trs[2]
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in reference.iter(f"{W}p"))
    assert all(p.find(f"{W}pPr/{W}keepNext") is None for p in current.iter(f"{W}p"))
    blank = dr.open_docx(
        write_department_worksheet_docx(report, tmp_path / "b.docx", department_name="地域安全課")
    )
    texts = "\n".join(dr.paragraph_text(p) for p in blank.element.body.iter(f"{W}p"))
    assert "提出者：　　　　　　　　　　　　提出日：令和　　年　　月　　日" in texts
