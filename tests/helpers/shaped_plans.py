"""A new workbook holding one of the fixture plans of ``tests/fixtures/plans`` (issue 14) with
an open round and every department's file issued; filled, merged and read the way the product
does it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.editing import save_entry
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.fileformat import FileKind
from welfareplan.core.model import Department, Entry, Project
from welfareplan.core.planbuild import build_plan
from welfareplan.core.planspec_json import spec_from_json
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import ReportData, build_report
from welfareplan.core.shipped import load_departments
from welfareplan.core.storage import Workbook
from welfareplan.core.worklist import WorkItem, load_worklist
from welfareplan.exports.round_export import export_report
from welfareplan.workflow.issuing.distribute import distribute
from welfareplan.workflow.returns.apply import apply_merge
from welfareplan.workflow.returns.compare import preview_merge
from welfareplan.workflow.returns.merge_types import FileOutcome, MergeResult
from welfareplan.workflow.rounds.lifecycle import create_round

PLANS = Path(__file__).parents[1] / "fixtures" / "plans"
SHAKYO, OTHER_CITY, THREE_LEVELS = (
    "shakyo-katsudo-3.json",
    "other-city-five-codes.json",
    "koganei-three-levels.json",
)


@dataclass
class Shaped:
    """A workbook holding one fixture plan and an open round of ``year``."""

    master: Path
    out: Path
    year: int

    def open(self) -> Workbook:
        return Workbook.open(self.master)

    def file(self, department: str) -> Path:
        return self.out / f"R{self.year - 2018}_{department}.wpdb"

    def fill(self, department: str, values: Mapping[str, Mapping[str, str]]) -> list[WorkItem]:
        """Save ``values`` (project label → field → value) in the department's file, as the
        department window does; returns the file's work items as saved."""
        with Workbook.open(self.file(department)) as wb:
            items = {i.label: i for i in load_worklist(wb).items}
            for label, fields in values.items():
                save_entry(wb, items[label].entry_id, EntryValues(dict(fields)), user="担当者")
            return list(load_worklist(wb).items)

    def issue_sheet(self, department: str) -> Path:
        """Issue ``department``'s Excel worksheet (into a folder beside the master)."""
        from welfareplan.workflow.issuing.worksheets import issue_worksheets

        sheets = self.master.parent / "評価シート"
        sheets.mkdir(exist_ok=True)
        with self.open() as wb:
            (issued,) = issue_worksheets(wb, self.year, sheets, departments=[department]).files
        return issued.path

    def merge(self, *paths: Path) -> MergeResult:
        with self.open() as wb:
            preview = preview_merge(wb, list(paths), fiscal_year=self.year)
            for f in preview.files:
                assert f.outcome is FileOutcome.APPLY, f.reason
            return apply_merge(wb, preview)

    def report(self) -> ReportData:
        with self.open() as wb, wb.session() as s:
            return build_report(s, round_for_year(s, self.year))

    def export(self, tmp: Path) -> tuple[Any, Any]:
        from docx import Document
        from openpyxl import load_workbook

        with self.open() as wb:
            export_report(wb, self.year, docx=tmp / "報告.docx", xlsx=tmp / "報告.xlsx")
        return Document(str(tmp / "報告.docx")), load_workbook(tmp / "報告.xlsx")

    def master_values(self, department: str) -> dict[str, dict[str, str]]:
        """Project label → the master's stored values of ``department``'s entry."""
        with self.open() as wb, wb.session() as s:
            rnd = round_for_year(s, self.year)
            rows = s.execute(
                select(Project.label, Entry)
                .join(Project, Entry.project_id == Project.id)
                .join(Department, Entry.department_id == Department.id)
                .where(Entry.round_id == rnd.id, Department.name == department)
            ).all()
            return {label: dict(entry.values) for label, entry in rows}


def shaped(tmp_path: Path, name: str, year: int) -> Shaped:
    """A new workbook (Koganei's departments, then ``name``'s plan and its own departments), the
    round of ``year`` opened and every department's file issued."""
    spec = spec_from_json(json.loads((PLANS / name).read_text("utf-8")))

    def populate(session: Any) -> None:
        load_departments(session)
        build_plan(session, spec, DepartmentResolver.from_session(session))

    master = Workbook.create(tmp_path / "マスター.wpdb", FileKind.WORKBOOK, populate)
    out = tmp_path / "配布"
    out.mkdir()
    with Workbook.open(master) as wb:
        info = create_round(wb, year)
        assert info.plan_key == spec.key
        distribute(wb, year, out)
    return Shaped(master, out, year)
