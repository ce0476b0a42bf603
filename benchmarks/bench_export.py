"""Word and Excel exports against a floor measured in the same run.

The floor is bare python-docx / openpyxl writing the same cells with no formatting, merging,
print setup or charts: for Word, one table per 基本目標 with the eight texts of every entry
(header included); for Excel, every sheet with exactly the cell values our export wrote (read
back from it before timing).
Goal: the formatted export costs at most 1.5× the floor, on the demo round and on the
synthetic "10× the demo" plan (its latest round), and the time per entry stays flat as the
plan grows (linear growth).
"""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import Result, best_of
from benchmarks.synthetic import make_synthetic_workbook
from welfareplan.core.queries import rounds
from welfareplan.core.reportdata import ReportData, build_report
from welfareplan.core.shipped import create_demo_workbook
from welfareplan.core.storage import Workbook

GOAL_RATIO = 1.5
#: Time per entry on the large plan may be at most this multiple of the demo's.
GOAL_GROWTH = 1.5


def latest_report(path: Path) -> ReportData:
    with Workbook.open(path, read_only=True) as wb, wb.session() as s:
        return build_report(s, rounds(s)[-1])


def table_texts(report: ReportData) -> list[tuple[str, list[list[str]]]]:
    """Per goal: the header and the texts of every entry (project texts repeated)."""
    out = []
    for g in report.goals:
        rows = [report.columns]
        for p in g.projects:
            for e in p.entries:
                rows.append(
                    [
                        p.node_label,
                        p.number_label,
                        p.name,
                        p.description,
                        e.label,
                        *(e.value(f.key) for f in report.form.fields),
                    ]
                )
        out.append((g.title, rows))
    return out


def floor_docx(report: ReportData, path: Path) -> None:
    import docx

    doc = docx.Document()
    for title, rows in table_texts(report):
        doc.add_paragraph(title)
        table = doc.add_table(rows=len(rows), cols=8)
        for tr, texts in zip(table.rows, rows, strict=True):
            for cell, text in zip(tr.cells, texts, strict=True):
                cell.text = text
    doc.save(str(path))


def xlsx_cells(path: Path) -> list[tuple[str, list[list[Any]]]]:
    """Every sheet's cell values, row by row, as an export wrote them."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return [(ws.title, [list(row) for row in ws.iter_rows(values_only=True)]) for ws in wb]


def floor_xlsx_writer(
    sheets: list[tuple[str, list[list[Any]]]],
) -> Callable[[ReportData, Path], None]:
    def floor_xlsx(report: ReportData, path: Path) -> None:
        from openpyxl import Workbook as XlWorkbook

        wb = XlWorkbook()
        wb.remove(wb.active)
        for title, rows in sheets:
            ws = wb.create_sheet(title)
            for values in rows:
                ws.append(values)
        wb.save(str(path))

    return floor_xlsx


def ours_docx(report: ReportData, path: Path) -> None:
    from welfareplan.exports.docx_report import write_report_docx

    write_report_docx(report, path)


def ours_xlsx(report: ReportData, path: Path) -> None:
    from welfareplan.exports.xlsx_report import write_report_xlsx

    write_report_xlsx(report, path)


def _pair(
    name: str,
    report: ReportData,
    *,
    ours: Callable[[ReportData, Path], Any],
    floor: Callable[[ReportData, Path], Any],
    folder: Path,
    repeat: int,
    suffix: str,
) -> tuple[Result, float]:
    # Warm up imports and caches once; time with the garbage collector off (as timeit does)
    # so that a collection triggered by one side's garbage is not charged to the other.
    ours(report, folder / f"warm{suffix}")
    floor(report, folder / f"warmf{suffix}")
    gc.collect()
    gc.disable()
    try:
        t_floor = best_of(lambda: floor(report, folder / f"floor{suffix}"), repeat)
        t_ours = best_of(lambda: ours(report, folder / f"ours{suffix}"), repeat)
    finally:
        gc.enable()
    n = report.entry_count()
    return (
        Result(
            name,
            t_ours,
            floor=t_floor,
            goal=GOAL_RATIO,
            note=f"{n} entries, {t_ours / n * 1000:.2f} ms/entry (floor {t_floor / n * 1000:.2f})",
        ),
        t_ours / n,
    )


def run(quick: bool) -> list[Result]:
    repeat = 3 if quick else 15
    size = (
        {"projects": 120, "departments": 20, "rounds": 3}
        if quick
        else {"projects": 500, "departments": 60, "rounds": 10}
    )
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo = latest_report(create_demo_workbook(folder / "demo.wpdb"))
        synthetic_path = make_synthetic_workbook(folder / "synthetic.wpdb", **size)
        big = latest_report(synthetic_path)
        label = f"synthetic {size['projects']}p/{size['departments']}d"
        per_entry: dict[str, dict[str, float]] = {"docx": {}, "xlsx": {}}
        for tag, report, times in (("demo", demo, repeat), (label, big, max(repeat // 3, 2))):
            ours_xlsx(report, folder / "cells.xlsx")
            floor_xlsx = floor_xlsx_writer(xlsx_cells(folder / "cells.xlsx"))
            for kind, ours, floor in (
                ("docx", ours_docx, floor_docx),
                ("xlsx", ours_xlsx, floor_xlsx),
            ):
                result, per = _pair(
                    f"export {kind} ({tag})",
                    report,
                    ours=ours,
                    floor=floor,
                    folder=folder,
                    repeat=times,
                    suffix=f".{kind}",
                )
                results.append(result)
                per_entry[kind][tag] = per
        for kind in ("docx", "xlsx"):
            small, large = per_entry[kind]["demo"], per_entry[kind][label]
            results.append(
                Result(
                    f"export {kind} time per entry, {label} vs demo",
                    large * 1000,
                    unit="ms",
                    floor=small * 1000,
                    goal=GOAL_GROWTH,
                    note=f"{demo.entry_count()} → {big.entry_count()} entries (linear growth)",
                )
            )
        with Workbook.open(synthetic_path, read_only=True) as wb, wb.session() as s:
            latest = rounds(s)[-1]
            t_build = best_of(lambda: build_report(s, latest), repeat)
        results.append(
            Result(
                f"build_report ({label})",
                t_build,
                note=f"{big.entry_count()} entries (not part of the ratios above)",
            )
        )
    return results
