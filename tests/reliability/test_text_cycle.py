"""Awkward text through the whole cycle: typed (save_entry, through a working copy) or typed
into an issued Excel worksheet → the returned file → merge → the master → the Word and Excel
report and the per-department worksheets → a worksheet issued with it, read back.

Nothing is lost (every text arrives exactly as the documented cleaning leaves it: control
characters removed, line breaks as ``\\n``) and nothing is injected (every exported cell is a
string, no sheet of any exported workbook holds a formula element)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exports import docx_reading as dr
from tests.exports.samples import CONTROL_TEXT, LONG_TEXT
from tests.helpers.department_edits import own_entries
from tests.helpers.koganei import kv
from tests.helpers.worksheet_edits import fill_sheet
from tests.workflow.conftest import YEAR, Cycle, SheetCycle
from welfareplan.core.editing import save_entry
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text
from welfareplan.core.workcopy import WorkingCopy
from welfareplan.exports.textsafe import excel_text
from welfareplan.workflow.returns.merge_types import FileOutcome

TEXTS: dict[str, str] = {
    "japanese": "地域福祉計画の推進に向け、関係機関と連携した。",
    "emoji": "家族👨‍👩‍👧‍👦と🏳️‍🌈、👍🏽😀の支援",
    "combining": "か\u3099き\u3099 cafe\u0301 ｶﾞｷﾞ",
    "widths": "ＡＢＣabc１２３123ｱｲｳアイウ\u3000全角空白",
    "crlf": "一行目\r\n二行目\r三行目\n四行目",
    "long": LONG_TEXT,
    "controls": CONTROL_TEXT + "\x85次\x9bC1",
    "hyperlink": '=HYPERLINK("http://example.invalid","クリック")',
    "plus": "+1",
    "minus": "-1",
    "at": "@SUM(A1) と Excel の書き方 _x000D_ _x005F_x0041_ _x41_ _x",
    "formula": "=1+1",
    "separators": "行\u2028区切り\u2029段落",
    "spaces": "  前後の空白と\tタブ  ",
}
NAMES = list(TEXTS)
assert len(LONG_TEXT) == 10_000


def excel_typed(text: str) -> str:
    """``text`` as Excel stores what was pasted into a cell: a literal ``_xHHHH_`` with its
    underscore escaped, C0 controls as ``_xHHHH_``."""
    from welfareplan.exports.textsafe import ooxml_escape

    return re.sub("[\x00-\x08\x0b-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", ooxml_escape(text))


def slots(numbers: list[int], names: list[str]) -> dict[int, dict[str, str]]:
    """Spread ``names`` over the results and outlooks of ``numbers``."""
    out: dict[int, dict[str, str]] = {}
    for i, name in enumerate(names):
        out.setdefault(numbers[i // 2], {})["result" if i % 2 == 0 else "outlook"] = name
    return out


def master_texts(cycle: Cycle, department: str) -> dict[int, tuple[str, str]]:
    from tests.helpers.department_edits import entry_values

    with cycle.open() as wb, wb.session() as s:
        from sqlalchemy import select

        from welfareplan.core.model import Department

        dept = s.scalar(select(Department).where(Department.name == department))
        assert dept is not None
        values = entry_values(wb, YEAR)
    return {n: (v[0], v[2]) for (n, d), v in values.items() if d == dept.id}


def xlsx_cells(path: Path) -> list[tuple[str, object, str]]:
    """(coordinate, value, data type) of every cell; and no sheet XML holds a formula."""
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert not re.search(r"<f[ >/]", xml), f"{path.name} {name} holds a formula"
    book = load_workbook(path)
    return [
        (c.coordinate, c.value, c.data_type)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
    ]


def check_xlsx(path: Path, expected: set[str]) -> None:
    cells = xlsx_cells(path)
    assert not [c for c, _, t in cells if t == "f"], path.name
    strings = {v for _, v, _ in cells if isinstance(v, str)}
    missing = {t for t in expected if excel_text(t) not in strings}
    assert not missing, (path.name, missing)


def docx_cell_texts(path: Path) -> set[str]:
    doc = dr.open_docx(path)
    return {cell.text for tbl in dr.body_tables(doc) for row in dr.rows(tbl) for cell in row}


def test_awkward_text_through_the_whole_cycle(sheet_cycle: SheetCycle, tmp_path: Path) -> None:
    from welfareplan.exports.round_export import export_report, export_worksheets
    from welfareplan.workflow.issuing.worksheets import issue_worksheets
    from welfareplan.workflow.returns.worksheet_cells import read_department_worksheet_xlsx

    cycle = sheet_cycle
    expected = {name: clean_text(text) for name, text in TEXTS.items()}
    assert expected["crlf"] == "一行目\n二行目\n三行目\n四行目"
    assert expected["emoji"] == TEXTS["emoji"] and expected["long"] == LONG_TEXT
    # 1. typed in the department app: one save per field, through a working copy
    dept_file = cycle.file("地域福祉課")
    numbers = sorted(own_entries(dept_file))
    typed = slots(numbers, NAMES)
    wc = WorkingCopy.open(dept_file)
    ids = own_entries(wc.local)
    with Workbook.open(wc.local) as wb:
        for number, fields in typed.items():
            values = {f: TEXTS[name] for f, name in fields.items()}
            save_entry(
                wb,
                ids[number],
                kv(values.get("result", ""), "B", values.get("outlook", "")),
            )
            wc.mark_dirty()
    wc.write_back()
    wc.close()
    # 2. typed into issued Excel worksheets (pasted control characters as Excel stores them)
    sheet_numbers = sorted(own_entries(cycle.file("介護福祉課"))) + sorted(
        own_entries(cycle.file("健康課"))
    )
    in_sheets = slots(sheet_numbers, NAMES)
    kaigo = set(own_entries(cycle.file("介護福祉課")))
    sheets = []
    for department, mine in (("介護福祉課", kaigo), ("健康課", None)):
        values = {
            n: {f: excel_typed(TEXTS[name]) for f, name in fields.items()} | {"rating": "C"}
            for n, fields in in_sheets.items()
            if (n in kaigo) == (mine is not None)
        }
        sheets.append(
            fill_sheet(cycle.sheet(department), tmp_path / f"{department} 記入済.xlsx", values)
        )
    # 3. merge all three returns
    preview, result = cycle.merge(dept_file, *sheets)
    assert [f.outcome for f in preview.files] == [FileOutcome.APPLY] * 3, [
        f.reason for f in preview.files
    ]
    assert result.ok
    # 4. the master holds exactly the cleaned text
    for department, placed in (
        ("地域福祉課", typed),
        ("介護福祉課", in_sheets),
        ("健康課", in_sheets),
    ):
        stored = master_texts(cycle, department)
        for number, fields in placed.items():
            if number not in stored:
                continue
            result_text, outlook_text = stored[number]
            if "result" in fields:
                assert result_text == expected[fields["result"]], (department, number, fields)
            if "outlook" in fields:
                assert outlook_text == expected[fields["outlook"]], (department, number, fields)
    # 5. every export: the text as stored, and never a formula
    out = tmp_path / "出力 フォルダ"
    with cycle.open() as wb:
        export_report(wb, YEAR, docx=out.with_suffix(".docx"), xlsx=out.with_suffix(".xlsx"))
        exported = export_worksheets(wb, YEAR, out / "評価シート")
    all_texts = set(expected.values())
    check_xlsx(out.with_suffix(".xlsx"), all_texts)
    cells = docx_cell_texts(out.with_suffix(".docx"))
    assert not (all_texts - cells), all_texts - cells
    for item in exported:
        if item.department_name in ("地域福祉課", "介護福祉課"):
            check_xlsx(item.xlsx, set())
            assert docx_cell_texts(item.docx) & all_texts
    # 6. a worksheet issued now carries the texts, as text, and reads back equal
    (tmp_path / "再配布").mkdir()
    with cycle.open() as wb:
        (issued,) = issue_worksheets(
            wb, YEAR, tmp_path / "再配布", departments=["地域福祉課"]
        ).files
    check_xlsx(issued.path, {expected[n] for fields in typed.values() for n in fields.values()})
    content = read_department_worksheet_xlsx(issued.path)
    read_back = {clean_text(r.values["result"]) for r in content.rows} | {
        clean_text(r.values["outlook"]) for r in content.rows
    }
    assert {expected[n] for fields in typed.values() for n in fields.values()} <= read_back
    # … and returned unchanged it changes nothing
    preview, _ = cycle.merge(issued.path)
    assert preview.files[0].outcome is FileOutcome.UNCHANGED, preview.files[0].reason


def test_a_lone_surrogate_is_cleaned_not_a_crash(cycle: Cycle) -> None:
    """Text pasted with half of a UTF-16 pair (which Qt can hand over) used to make
    save_entry raise UnicodeEncodeError; it is removed like any character no file can hold."""
    path = cycle.file("介護福祉課")
    with Workbook.open(path) as wb:
        entry_id = own_entries(path)[9]
        save_entry(wb, entry_id, kv("前\ud800後\udcff", "A", "展望\ud83d"))
    with Workbook.open(path) as wb, wb.session() as s:
        from welfareplan.core.model import Entry

        entry = s.get(Entry, entry_id)
        assert entry is not None
        assert (entry.values.get("result"), entry.values.get("outlook")) == ("前後", "展望")


SPECIAL = ["\r", "\n", "\r\n", "\t", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u2028",
           "\u200d", "\u3099", "\u0301", "\ufeff", "👨‍👩‍👧", "🏳️‍🌈", "=", "+", "-", "@", "ｶﾞ", "Ａ", "　",
           "_x000D_", "_x005F_", "_x0041_", "_x"]  # fmt: skip
TEXT = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.characters(exclude_categories=("Cs",))), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_cleaning_is_stable_and_leaves_no_control_character(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", cleaned)

    # every other character is kept, in order, and every line break is one "\n"
    def visible(s: str) -> str:
        return re.sub("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]", "", s)

    assert visible(cleaned) == visible(text)
    assert cleaned.count("\n") == len(re.findall("\r\n|[\r\n\u2028\u2029\x85]", text))


@pytest.fixture(scope="module")
def one_department(
    cycle_template: Cycle, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """A master and 介護福祉課's issued file, copied per example by the property below."""
    folder = tmp_path_factory.mktemp("property")
    master = Path(shutil.copy(cycle_template.master, folder / "master.wpdb"))
    dept = Path(shutil.copy(cycle_template.file("介護福祉課"), folder / "R7_介護福祉課.wpdb"))
    return master, dept


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(result=TEXT, outlook=TEXT)
def test_any_text_typed_arrives_in_the_master_and_the_worksheet(
    one_department: tuple[Path, Path], tmp_path: Path, result: str, outlook: str
) -> None:
    from welfareplan.exports.round_export import export_worksheets
    from welfareplan.workflow.returns.apply import apply_merge
    from welfareplan.workflow.returns.compare import preview_merge
    from welfareplan.workflow.returns.worksheet_cells import read_department_worksheet_xlsx

    folder = Path(
        shutil.copytree(one_department[0].parent, tmp_path / f"例 {abs(hash((result, outlook)))}")
    )
    master, dept = folder / "master.wpdb", folder / "R7_介護福祉課.wpdb"
    entry_id = own_entries(dept)[12]
    with Workbook.open(dept) as wb:
        save_entry(wb, entry_id, kv(result, "D", outlook))
    with Workbook.open(master) as wb:
        preview = preview_merge(wb, [dept])
        assert preview.files[0].outcome in (FileOutcome.APPLY, FileOutcome.UNCHANGED)
        apply_merge(wb, preview)
        with wb.session() as s:
            from welfareplan.core.model import Entry

            entry = s.get(Entry, entry_id)
            assert entry is not None
            values = entry.values
            assert (values.get("result"), values.get("outlook")) == (
                clean_text(result),
                clean_text(outlook),
            )
        (item,) = export_worksheets(wb, YEAR, folder / "シート", department="介護福祉課")
    assert not [c for c, _, t in xlsx_cells(item.xlsx) if t == "f"]
    row = next(r for r in read_department_worksheet_xlsx(item.xlsx).rows if r.entry_id == entry_id)
    assert (clean_text(row.values["result"]), clean_text(row.values["outlook"])) == (
        clean_text(result),
        clean_text(outlook),
    )
    shutil.rmtree(folder)
