"""Exporting one round from an open workbook: the report files and the department worksheets.

These are the entry points of the CLI (``welfareplan export`` / ``welfareplan worksheets``)
and of the GUI. They check the output paths first (right suffix, never the workbook itself),
build the report data once and write every file atomically.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.errors import DataError, WelfareplanError
from welfareplan.core.errortext import os_reason
from welfareplan.core.model import Department, Entry, Round
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import ReportData, build_report
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import fiscal_year_label, short_fiscal_year
from welfareplan.exports.paper import PaperSize
from welfareplan.exports.worksheet_keys import WorksheetKeys

_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass(frozen=True)
class ExportedWorksheet:
    department_id: str
    department_name: str
    entries: int
    xlsx: Path
    docx: Path


def check_output_path(path: Path, suffix: str, workbook: Path) -> Path:
    """Refuse an output that would not open as ``suffix`` or would replace the workbook."""
    path = Path(path)
    kind = {".docx": "Word", ".xlsx": "Excel"}[suffix]
    if path.suffix.lower() != suffix:
        raise DataError(
            f"{kind} の出力先「{path.name}」の拡張子は {suffix} にしてください。",
            code="bad-output",
        )
    if path.exists() and workbook.exists() and path.resolve() == workbook.resolve():
        raise DataError(
            f"出力先「{path.name}」は開いているワークブックそのものです。別の名前を指定してください。",
            code="bad-output",
        )
    if path.is_dir():
        raise DataError(
            f"出力先「{path}」はフォルダです。ファイル名を指定してください。", code="bad-output"
        )
    if not path.parent.is_dir():
        raise DataError(f"保存先のフォルダ「{path.parent}」がありません。", code="no-folder")
    return path


def safe_filename_part(text: str) -> str:
    """``text`` usable in a file name on Windows and elsewhere."""
    cleaned = _UNSAFE_FILENAME.sub("_", unicodedata.normalize("NFC", text)).strip().rstrip(".")
    return cleaned or "_"


#: What the name of a print/check copy adds: it cannot be imported, unlike the worksheet a
#: department is issued (「Excel様式を配布」), which keeps the plain name.
CHECK_COPY = "確認用"


def worksheet_basename(
    fiscal_year: int, department_name: str, *, blank: bool = False, check_copy: bool = False
) -> str:
    """'R6_地域福祉課_評価シート' — the worksheet issued to be filled in and imported;
    'R6_地域福祉課_評価シート_確認用' (blank: '…_確認用_空欄') — a copy to check or print,
    which cannot be imported, so that the two are never mistaken for one another."""
    name = f"{short_fiscal_year(fiscal_year)}_{safe_filename_part(department_name)}_評価シート"
    if check_copy:
        name += f"_{CHECK_COPY}"
    return f"{name}_空欄" if blank else name


def round_departments(session: Session, rnd: Round) -> list[Department]:
    """The departments with at least one entry in ``rnd``, in master order."""
    return list(
        session.scalars(
            select(Department)
            .where(Department.id.in_(select(Entry.department_id).where(Entry.round_id == rnd.id)))
            .order_by(Department.sort, Department.name)
        )
    )


def report_for_year(session: Session, fiscal_year: int) -> tuple[Round, ReportData]:
    rnd = round_for_year(session, fiscal_year)
    return rnd, build_report(session, rnd)


def export_report(
    wb: Workbook,
    fiscal_year: int,
    *,
    docx: Path | None = None,
    xlsx: Path | None = None,
    paper_size: PaperSize | str = PaperSize.A4,
) -> tuple[ReportData, list[Path]]:
    """Write the report of ``fiscal_year`` to ``docx`` and/or ``xlsx``; returns the data
    written and the files."""
    from welfareplan.exports.paper import paper

    if docx is None and xlsx is None:
        raise DataError(
            "出力先を指定してください（--docx と --xlsx の少なくとも一方）。", code="no-output"
        )
    paper(paper_size)  # reject a bad paper before any work
    targets = []
    if docx is not None:
        targets.append(check_output_path(docx, ".docx", wb.path))
    if xlsx is not None:
        targets.append(check_output_path(xlsx, ".xlsx", wb.path))
    with wb.session() as session:
        _, report = report_for_year(session, fiscal_year)
    written = []
    if docx is not None:
        from welfareplan.exports.docx_report import write_report_docx

        written.append(write_report_docx(report, Path(docx), paper_size=paper_size))
    if xlsx is not None:
        from welfareplan.exports.xlsx_report import write_report_xlsx

        written.append(write_report_xlsx(report, Path(xlsx), paper_size=paper_size))
    return report, written


def resolve_department(session: Session, rnd: Round, name: str) -> Department:
    """The department of ``rnd`` meant by ``name`` (its name or any alias)."""
    departments = round_departments(session, rnd)
    dept = DepartmentResolver.from_session(session).resolve(name)
    if dept is None or dept.id not in {d.id for d in departments}:
        names = "、".join(d.name for d in departments) or "なし"
        year = fiscal_year_label(rnd.fiscal_year)
        raise DataError(
            f"担当課「{name}」は{year}の評価にありません（あるのは {names}）。",
            code="no-department",
        )
    return dept


def export_worksheets(
    wb: Workbook,
    fiscal_year: int,
    out_dir: Path,
    *,
    blank: bool = False,
    department: str | None = None,
    paper_size: PaperSize | str = PaperSize.A4,
) -> list[ExportedWorksheet]:
    """Write one Excel and one Word worksheet per department of the round into ``out_dir``
    (created if missing). These are unregistered exports: ``file_uuid`` is ''."""
    from welfareplan.exports.paper import paper
    from welfareplan.exports.submitter import worksheet_submitter
    from welfareplan.exports.worksheet_docx import write_department_worksheet_docx
    from welfareplan.exports.worksheet_xlsx import write_department_worksheet_xlsx

    paper(paper_size)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise DataError(f"出力先「{out_dir}」はフォルダではありません。", code="bad-output")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WelfareplanError(
            f"出力先のフォルダ「{out_dir}」を作成できません（{os_reason(exc)}）。",
            code="write-failed",
        ) from exc
    done = []
    with wb.session() as session:
        rnd = round_for_year(session, fiscal_year)
        if department is not None:
            departments = [resolve_department(session, rnd, department)]
        else:
            departments = round_departments(session, rnd)
        for dept in departments:
            report = build_report(session, rnd, department_id=dept.id)
            keys = WorksheetKeys(
                workbook_uuid=wb.file_uuid,
                file_uuid="",
                round_id=rnd.id,
                fiscal_year=rnd.fiscal_year,
                department_id=dept.id,
                department_name=dept.name,
            )
            base = worksheet_basename(rnd.fiscal_year, dept.name, blank=blank, check_copy=True)
            xlsx = write_department_worksheet_xlsx(
                report, out_dir / f"{base}.xlsx", keys=keys, blank=blank, paper_size=paper_size
            )
            docx = write_department_worksheet_docx(
                report,
                out_dir / f"{base}.docx",
                department_name=dept.name,
                blank=blank,
                paper_size=paper_size,
                submitter=None if blank else worksheet_submitter(wb, rnd.id, dept.id),
            )
            done.append(ExportedWorksheet(dept.id, dept.name, report.entry_count(), xlsx, docx))
    return done
