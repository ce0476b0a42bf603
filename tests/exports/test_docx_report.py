"""The Word report: content of all 69 entries, grouping, table layout, fonts and pages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.exports import docx_reading as dr
from welfareplan.core.departments import display_label
from welfareplan.core.reportdata import ReportData
from welfareplan.exports.docx_layout import mm_to_twips
from welfareplan.exports.docx_report import write_report_docx
from welfareplan.exports.paper import paper
from welfareplan.exports.report_rows import CONTINUED

W = dr.W


@pytest.fixture(scope="module")
def doc(exported: dict[str, Path]) -> Any:
    return dr.open_docx(exported["docx"])


def main_tables(doc: Any, report: ReportData) -> list[Any]:
    return dr.tables_with_header(doc, report.columns)


def test_title_block_and_criteria(doc: Any, demo_report: ReportData) -> None:
    texts = [t for t in dr.body_paragraph_texts(doc) if t.strip()]
    assert texts[:5] == [
        "地域福祉計画の進捗状況及び評価表",
        "（令和6年度実績報告）",
        "令和8年3月",
        "福祉保健部地域福祉課",
        "【事業評価の評価基準】",
    ]
    assert texts[5:9] == [
        "A・・・ ほぼ施策内容を達成した。",
        "B・・・ 施策内容をある程度達成したが、今後の改善、検討を要する。",
        "C・・・ 施策内容を達成したとは言えず、現状について大きな課題がある。",
        "D・・・ 未実施",
    ]
    assert texts[9].startswith("※「今後の事業計画・展望」に次年度に向けての課題")
    assert "地域福祉計画の令和6年度実績報告及び評価" in texts


def test_committee_opinions_per_goal(doc: Any, published: dict[str, Any]) -> None:
    table = next(
        t
        for t in dr.body_tables(doc)
        if dr.rows(t)[0][0].text == "基本目標" and "【" in dr.rows(t)[0][1].text
    )
    rows = dr.rows(table)
    assert [r[1].text.split("\n")[0] for r in rows] == [
        "1 福祉のまちづくり",
        "2 包括的支援体制の構築",
        "3 地域活動の活性化",
    ]
    assert "【事業番号4:移送サービスへの支援】 福祉有償運送は" in rows[0][1].text
    assert "【事業番号25:地域での見守り推進】" in rows[1][1].text
    assert "【全般】 事業評価の方法について" in rows[2][1].text
    all_text = "".join(r[1].text for r in rows)
    for op in published["committee_opinions"]:
        assert op["text"] in all_text


def test_goal_structure_lists_directions_and_measures(doc: Any, demo_report: ReportData) -> None:
    structures = [
        t
        for t in dr.body_tables(doc)
        if len(dr.rows(t)) > 1 and dr.rows(t)[1][0].text == "施策の方向性"
    ]
    assert len(structures) == 3
    first = [(r[0].text, r[1].text) for r in dr.rows(structures[0])]
    assert first[:3] == [
        ("基本目標", "1 福祉のまちづくり"),
        ("施策の方向性", "(1) 福祉を支える基盤の整備"),
        ("施策", "① 暮らしやすいまちづくり　② 移動支援の充実"),
    ]
    assert [len(dr.rows(t)) for t in structures] == [
        1 + 2 * len(g.children) for g in demo_report.goals
    ]


def test_all_69_entries_with_published_rating_and_text(
    doc: Any, demo_report: ReportData, published: dict[str, Any]
) -> None:
    tables = main_tables(doc, demo_report)
    assert len(tables) == 3
    found = []
    for tbl in tables:
        for row in dr.rows(tbl)[1:]:
            found.append(
                {
                    "department": row[4].text,
                    "result": row[5].text,
                    "rating": row[6].text,
                    "outlook": row[7].text,
                }
            )
    expected = [
        {
            "department": display_label(e["department"]),
            "result": e["result"],
            "rating": e["rating"],
            "outlook": e["outlook"],
        }
        for e in published["entries"]
    ]
    assert len(found) == 69
    assert found == expected
    assert Counter(f["rating"] for f in found) == {"A": 41, "B": 24, "D": 4}


def test_multiline_texts_are_line_breaks(doc: Any, demo_report: ReportData) -> None:
    multi = [e for g in demo_report.goals for e in g.entries() if "\n" in e.value("result")]
    assert multi, "the demo has results of several paragraphs"
    cells = [row[5].element for tbl in main_tables(doc, demo_report) for row in dr.rows(tbl)[1:]]
    by_text = {dr.read_cell(c).text: c for c in cells}
    for e in multi:
        cell = by_text[e.value("result")]
        assert len(cell.findall(f".//{W}br")) == e.value("result").count("\n")
        assert len(cell.findall(f"{W}p")) == 1


def _project_rows(doc: Any, report: ReportData) -> dict[str, list[list[dr.Cell]]]:
    """Body rows grouped by project, following the vertical merges of the 事業No column."""
    groups: dict[str, list[list[dr.Cell]]] = {}
    current = ""
    for tbl in main_tables(doc, report):
        for row in dr.rows(tbl)[1:]:
            if row[1].vmerge != "continue" and not row[2].text.endswith(CONTINUED):
                current = row[1].text
                groups[current] = []
            groups[current].append(row)
    return groups


def test_a_project_continued_on_the_next_page_is_named_there(
    doc: Any, demo_report: ReportData
) -> None:
    """Issue 15, item 14: the rows of project 20 would leave the first page of 基本目標2
    holding one row: its first rows stay there, the others start the next page under its
    施策No / 事業No / name marked （続き）; every other project is kept whole."""
    continued = [
        row
        for tbl in main_tables(doc, demo_report)
        for row in dr.rows(tbl)[1:]
        if row[2].text.endswith(CONTINUED)
    ]
    project = next(p for g in demo_report.goals for p in g.projects if p.number_label == "20")
    assert [(r[0].text, r[1].text, r[2].text, r[3].text) for r in continued] == [
        (project.node_label, "20", project.name + CONTINUED, "")
    ]
    assert [c.vmerge for c in continued[0][:3]] == ["restart"] * 3


def test_project_cells_merge_over_their_department_rows(doc: Any, demo_report: ReportData) -> None:
    groups = _project_rows(doc, demo_report)
    assert len(groups) == 44
    assert len(groups["12"]) == 5
    assert len(groups["9"]) == 4
    assert len(groups["31～34"]) == 1
    assert [r[4].text for r in groups["9"]] == [
        "地域福祉課（関係各課）",
        "自立生活支援課",
        "介護福祉課",
        "広報秘書課",
    ]
    for number, group in groups.items():
        expected = len(
            next(
                p for g in demo_report.goals for p in g.projects if p.number_label == number
            ).entries
        )
        assert len(group) == expected
        pieces: list[list[list[dr.Cell]]] = []
        for r in group:
            if r[1].vmerge != "continue":
                pieces.append([])
            pieces[-1].append(r)
        for first, *rest in pieces:
            for col in (1, 2, 3):
                assert first[col].vmerge == ("restart" if rest else None)
                assert all(r[col].vmerge == "continue" and r[col].text == "" for r in rest)
        for r in group:
            assert all(c.vmerge is None for c in r[4:])
    grouped = next(p for g in demo_report.goals for p in g.projects if p.number_label == "31～34")
    assert groups["31～34"][0][2].text == grouped.name


def test_measure_number_spans_the_rows_of_its_measure(doc: Any, demo_report: ReportData) -> None:
    """施策No is printed once per 施策, over the rows of all its projects (as published)."""
    for tbl, goal in zip(main_tables(doc, demo_report), demo_report.goals, strict=True):
        found: list[list[Any]] = []
        for row in dr.rows(tbl)[1:]:
            if row[0].vmerge == "continue":
                assert row[0].text == ""
                found[-1][1] += 1
            elif row[2].text.endswith(CONTINUED):  # named again where its project continues
                assert row[0].text == found[-1][0]
                found[-1][1] += 1
            else:
                found.append([row[0].text, 1])
        expected: list[list[Any]] = []
        for p in goal.projects:
            if expected and expected[-1][0] == p.node_label:
                expected[-1][1] += len(p.entries)
            else:
                expected.append([p.node_label, len(p.entries)])
        assert found == expected
        assert len({label for label, _ in found}) == len(found)
    first_goal = main_tables(doc, demo_report)[0]
    labels = [(r[0].text, r[0].vmerge, r[1].text) for r in dr.rows(first_goal)[1:5]]
    assert labels == [
        ("(1) ①", "restart", "1"),
        ("", "continue", "2"),
        ("(1) ②", "restart", "3"),
        ("", "continue", "4"),
    ]


def test_header_repeats_and_rows_do_not_split(doc: Any, demo_report: ReportData) -> None:
    for tbl in main_tables(doc, demo_report):
        trs = tbl.findall(f"{W}tr")
        assert "tblHeader" in dr.row_flags(trs[0])
        assert all("tblHeader" not in dr.row_flags(tr) for tr in trs[1:])
        assert all("cantSplit" in dr.row_flags(tr) for tr in trs)


def test_fixed_layout_with_grid_and_cell_widths(doc: Any, demo_report: ReportData) -> None:
    text_width = mm_to_twips(paper("A4").text_width_mm)
    for tbl in main_tables(doc, demo_report):
        layout = tbl.find(f"{W}tblPr/{W}tblLayout")
        assert layout is not None and layout.get(f"{W}type") == "fixed"
        grid = dr.grid_widths(tbl)
        assert len(grid) == 8 and sum(grid) == text_width
        assert int(tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w")) == text_width
        for row in dr.rows(tbl):
            assert [c.width for c in row] == grid
        # The long-text columns are the widest, as in the published report.
        assert max(grid) == grid[5] and grid[3] > grid[2] > grid[1]


def test_east_asian_fonts_and_language(doc: Any) -> None:
    styles = doc.styles.element
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "ＭＳ 明朝"
    assert fonts.get(f"{W}ascii") == "ＭＳ 明朝"
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "ja-JP"
    for rfonts in styles.iter(f"{W}rFonts"):
        assert not any(k.endswith(("Theme", "theme")) for k in rfonts.attrib)
    gothic = {el.get(f"{W}eastAsia") for el in doc.element.body.iter(f"{W}rFonts")}
    assert gothic == {"ＭＳ ゴシック"}  # headings; everything else uses the default


def test_page_is_a4_landscape_with_page_numbers(doc: Any) -> None:
    from docx.enum.section import WD_ORIENT

    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    assert round(section.left_margin.mm) == round(paper("A4").margin_mm)
    footer = section.footer._element
    instr = [el.text.strip() for el in footer.iter(f"{W}instrText")]
    assert instr == ["PAGE", "NUMPAGES"]
    assert len(footer.findall(f".//{W}fldChar")) == 6


def test_a3_option(demo_report: ReportData, tmp_path: Path) -> None:
    path = write_report_docx(demo_report, tmp_path / "a3.docx", paper_size="A3")
    doc = dr.open_docx(path)
    section = doc.sections[0]
    assert round(section.page_width.mm) == 420 and round(section.page_height.mm) == 297
    tables = main_tables(doc, demo_report)
    assert sum(dr.grid_widths(tables[0])) == mm_to_twips(paper("A3").text_width_mm)
    size = tables[0].find(f".//{W}tr[2]/{W}tc[6]//{W}sz")
    assert int(size.get(f"{W}val")) == round(paper("A3").table_pt * 2)


def _summary(doc: Any) -> list[list[str]]:
    idx = dr.body_paragraph_texts(doc).index("【事業評価の集計】")
    assert idx >= 0
    tbl = dr.body_tables(doc)[-1]
    return [[c.text for c in row] for row in dr.rows(tbl)]


def test_summary_counts_per_goal(doc: Any) -> None:
    rows = _summary(doc)
    assert rows[0] == ["基本目標", "令和6年度"]
    assert rows[1] == ["", "A", "B", "C", "D", "計"]
    assert rows[2:] == [
        ["1 福祉のまちづくり", "25", "9", "0", "0", "34"],
        ["2 包括的支援体制の構築", "6", "9", "0", "3", "18"],
        ["3 地域活動の活性化", "10", "6", "0", "1", "17"],
        ["合計", "41", "24", "0", "4", "69"],
    ]


def test_summary_beside_previous_year(
    next_report: ReportData, published: dict[str, Any], tmp_path: Path
) -> None:
    doc = dr.open_docx(write_report_docx(next_report, tmp_path / "r7.docx"))
    rows = _summary(doc)
    assert rows[0] == ["基本目標", "令和7年度", "令和6年度"]
    assert rows[1] == ["", *(["A", "B", "C", "D", "未評価", "計"] * 2)]
    # FY2025 of the fixture: project 1 A→B, project 4 B→A, project 5 left unrated.
    changed = {1: "B", 4: "A", 5: ""}
    now = Counter(changed.get(e["project"], e["rating"]) for e in published["entries"])
    total = rows[-1]
    assert total[0] == "合計"
    assert total[1:7] == [str(now[k]) for k in ("A", "B", "C", "D", "")] + ["69"]
    assert total[7:] == ["41", "24", "0", "4", "0", "69"]
    assert rows[2][0] == "1 福祉のまちづくり"
    assert rows[2][7:] == ["25", "9", "0", "0", "0", "34"]


def test_unpublished_round_has_a_date(next_report: ReportData, tmp_path: Path) -> None:
    import datetime as dt

    from welfareplan.core.wareki import month_label

    doc = dr.open_docx(write_report_docx(next_report, tmp_path / "r7.docx"))
    texts = [t for t in dr.body_paragraph_texts(doc) if t.strip()]
    assert texts[1] == "（令和7年度実績報告）"
    assert texts[2] == month_label(dt.date.today())


def test_write_is_atomic(
    demo_report: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while saving leaves the previous file untouched and no temporary file."""
    import zipfile

    from welfareplan.core.errors import WelfareplanError

    dest = tmp_path / "report.docx"
    dest.write_bytes(b"previous export")
    real_writestr = zipfile.ZipFile.writestr

    def broken_writestr(self: Any, info: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        name = info if isinstance(info, str) else info.filename
        if name == "word/document.xml" and self.mode == "w" and self.filename:
            real_writestr(self, info, data[: len(data) // 2], *args, **kwargs)  # half written …
            raise OSError(28, "No space left on device")  # … then the disk is full
        real_writestr(self, info, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", broken_writestr)
    with pytest.raises(WelfareplanError) as info:
        write_report_docx(demo_report, dest)
    assert info.value.code == "write-failed" and "空き容量" in info.value.message
    assert dest.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
