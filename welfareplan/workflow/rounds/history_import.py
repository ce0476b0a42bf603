"""Past years (``welfareplan history import``, 計画・担当課 → 過去の年度を取り込む…): a published
evaluation brought in as a **closed** round with its publication month.

The file is the product's own exported Excel report or a plain table
(:mod:`~welfareplan.workflow.rounds.history_read`). Its rows are matched against the plan of the
year (the plan whose period covers it, or the one named): the project by its label (事業番号 as
printed; '31' is the group '31～34'), the department by the 担当課 master and the project's
assignments, every form field by its column (the label, or the report's heading such as
「事業実績・評価理由（令和6年度）」 or 「実績値（人）」). :func:`preview_history` lists what would be
imported and every problem with its row (an unknown project, an unknown department or one not
assigned to the project, a rating not of the scale, a number that is not one, a row twice, a
missing column); :func:`import_history` writes only a file without problems, after a backup.

A published evaluation is taken as published: rows may be incomplete (no completeness and no
``requires`` check), and only the rows of the file become entries. Imported entries are not
typed today by the current user: their editor is :data:`HISTORY_EDITOR` and their date the
publication month (without one, the end of the fiscal year). The import is audited
(``history-import``) with the file's name and SHA-256.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.departments import DepartmentResolver, display_label
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.errors import DataError
from welfareplan.core.evaluation_form import EvaluationForm, FormField
from welfareplan.core.labels import plan_row_label
from welfareplan.core.model import Entry, EntryValue, Plan, Project, Round, new_id
from welfareplan.core.numbers import normalize_number
from welfareplan.core.planspec import Problem
from welfareplan.core.report_texts import ReportTexts
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import loose_key
from welfareplan.core.wareki import fiscal_year_label, month_label, results_label
from welfareplan.workflow.master.backups import backed_up
from welfareplan.workflow.rounds.history_read import HistoryFile, read_history_file
from welfareplan.workflow.rounds.lifecycle import choose_plan

#: The editor of imported entries (they were not typed by the user who imports them).
HISTORY_EDITOR = "（過去の報告から取込）"
#: Headings of the project and department columns of a plain table (the report's come from
#: the plans' texts).
TABLE_PROJECT_HEADING = "事業番号"
TABLE_DEPARTMENT_HEADING = "担当課"


@dataclass(frozen=True)
class HistoryEntry:
    where: str
    project_label: str
    project_name: str
    #: the 担当課 as the plan prints it
    department: str
    values: EntryValues
    project_id: str = field(repr=False, default="")
    department_id: str = field(repr=False, default="")
    sort: int = field(repr=False, default=0)


@dataclass(frozen=True)
class HistoryPreview:
    file_name: str
    sha256: str
    is_report: bool
    fiscal_year: int | None
    published_on: dt.date | None
    plan_key: str
    plan_label: str
    form: EvaluationForm | None
    entries: tuple[HistoryEntry, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and self.fiscal_year is not None

    @property
    def label(self) -> str:
        return results_label(self.fiscal_year) if self.fiscal_year else "（年度不明）"


class HistoryImportError(DataError):
    code = "history-invalid"

    def __init__(self, preview: HistoryPreview) -> None:
        lines = "\n".join(f"・{p}" for p in preview.problems)
        super().__init__(
            f"ファイル「{preview.file_name}」に {len(preview.problems)} 件の問題があるため"
            f"取り込みませんでした（何も変更していません）:\n{lines}"
        )
        self.preview = preview


def _headings(s: Session) -> tuple[tuple[str, ...], tuple[str, ...]]:
    texts = [ReportTexts(), *(p.report_texts for p in s.scalars(select(Plan)))]
    projects = dict.fromkeys([TABLE_PROJECT_HEADING, *(t.project_number_column for t in texts)])
    departments = dict.fromkeys([TABLE_DEPARTMENT_HEADING, *(t.department_column for t in texts)])
    return tuple(projects), tuple(departments)


def _field_columns(
    form: EvaluationForm, headings: list[str], year: int, texts: ReportTexts, *, is_report: bool
) -> tuple[dict[str, str], list[str]]:
    """field key → column key, and the problems of the header."""
    keys = [loose_key(h) for h in headings if h]
    year_label = fiscal_year_label(year)
    columns: dict[str, str] = {}
    problems: list[str] = []
    for f in form.fields:
        names = {loose_key(f.label), loose_key(f.heading(year_label))}
        if f.unit:
            names.add(loose_key(f"{f.label}（{f.unit}）"))
        found = next((k for k in keys if k in names), None)
        if found is not None:
            columns[f.key] = found
        elif f.required:
            problems.append(f"評価項目「{f.label}」の列がありません。")
    if not is_report:
        known = {
            loose_key(h)
            for h in (
                TABLE_PROJECT_HEADING,
                TABLE_DEPARTMENT_HEADING,
                texts.project_number_column,
                texts.department_column,
                texts.project_name_column,
                texts.description_column,
                texts.node_column,
                "事業名",
            )
        }
        for h in headings:
            if h and loose_key(h) not in known and loose_key(h) not in columns.values():
                problems.append(f"列「{h}」はこの計画の評価項目にありません。")
    return columns, problems


def _value(f: FormField, form: EvaluationForm, text: str) -> tuple[str, str | None]:
    """The stored value of ``text`` in field ``f`` and the problem, if any."""
    if f.is_rating:
        code = form.normalize_code(text)
        if code is None:
            return "", f"{f.label}の「{text}」は評価区分（{'・'.join(form.codes)}）にありません。"
        return code, None
    if f.is_number:
        number = normalize_number(text, unit=f.unit)
        if number is None:
            return "", f"{f.label}の「{text}」は数値ではありません。"
        return number, None
    return text, None


def _find_project(projects: dict[str, Project], label: str) -> Project | None:
    found = projects.get(label)
    if found is None and label:
        found = next((p for lab, p in projects.items() if lab.startswith(f"{label}～")), None)
    return found


def _preview(
    s: Session,
    path: Path,
    plan_key: str | None,
    fiscal_year: int | None,
    published_on: dt.date | None,
) -> HistoryPreview:
    project_headings, department_headings = _headings(s)
    file = read_history_file(
        path, project_headings=project_headings, department_headings=department_headings
    )
    problems: list[Problem] = []
    year = fiscal_year if fiscal_year is not None else file.fiscal_year
    empty = HistoryPreview(
        file.name, file.sha256, file.is_report, year, published_on, "", "", None, (), ()
    )
    if fiscal_year is not None and file.fiscal_year not in (None, fiscal_year):
        problems.append(
            Problem(
                file.name,
                f"ファイルは{results_label(file.fiscal_year)}の評価表で、指定の"
                f"{results_label(fiscal_year)}ではありません。",
            )
        )
    if year is None:
        problems.append(Problem(file.name, "年度がわかりません。取り込む年度を指定してください。"))
        return _with(empty, problems)
    if s.scalar(select(Round.id).where(Round.fiscal_year == year)) is not None:
        problems.append(
            Problem(file.name, f"{results_label(year)}の評価は既にこのワークブックにあります。")
        )
    try:
        plan = choose_plan(s, year, plan_key)
    except DataError as exc:
        return _with(empty, [*problems, Problem(file.name, exc.message)])
    return _match(s, file, plan, year, published_on=published_on, problems=problems)


def _with(preview: HistoryPreview, problems: list[Problem]) -> HistoryPreview:
    return HistoryPreview(**{**preview.__dict__, "problems": tuple(problems)})


def _match(
    s: Session,
    file: HistoryFile,
    plan: Plan,
    year: int,
    *,
    published_on: dt.date | None,
    problems: list[Problem],
) -> HistoryPreview:
    form, texts = plan.evaluation_form, plan.report_texts
    columns, header_problems = _field_columns(
        form, file.headings, year, texts, is_report=file.is_report
    )
    problems += [Problem(file.name, p) for p in header_problems]
    projects = {p.label: p for p in s.scalars(select(Project).where(Project.plan_id == plan.id))}
    resolver = DepartmentResolver.from_session(s)
    entries: list[HistoryEntry] = []
    seen: dict[tuple[str, str], str] = {}
    for row in file.rows:
        project = _find_project(projects, row.project)
        if project is None:
            what = f"「{row.project}」" if row.project else "が空で"
            problems.append(Problem(row.where, f"事業番号{what}は計画「{plan.key}」にありません。"))
            continue
        printed = display_label(row.department)
        assignment = next((a for a in project.assignments if a.label == printed), None)
        if assignment is None:
            dept = resolver.resolve(row.department) if row.department else None
            if dept is None:
                problems.append(
                    Problem(
                        row.where,
                        f"担当課「{row.department}」は担当課マスタにありません。"
                        if row.department
                        else "担当課が空です。",
                    )
                )
                continue
            assignment = next((a for a in project.assignments if a.department_id == dept.id), None)
            if assignment is None:
                problems.append(
                    Problem(
                        row.where,
                        f"担当課「{row.department}」は事業{project.label}の担当ではありません。",
                    )
                )
                continue
        key = (project.id, assignment.department_id)
        if key in seen:
            problems.append(
                Problem(
                    row.where,
                    f"事業{project.label}の「{assignment.label}」が重複しています（{seen[key]}と同じ）。",
                )
            )
            continue
        seen[key] = row.where
        values: dict[str, str] = {}
        for f in form.fields:
            text = row.cells.get(columns.get(f.key, ""), "")
            value, problem = _value(f, form, text)
            if problem:
                problems.append(Problem(row.where, problem))
            elif value:
                values[f.key] = value
        entries.append(
            HistoryEntry(
                row.where,
                project.label,
                project.name,
                assignment.label,
                EntryValues(values),
                project.id,
                assignment.department_id,
                assignment.sort,
            )
        )
    if not file.rows:
        problems.append(Problem(file.name, "取り込む行がありません。"))
    return HistoryPreview(
        file.name,
        file.sha256,
        file.is_report,
        year,
        published_on,
        plan.key,
        plan_row_label(plan),
        form,
        tuple(entries),
        tuple(problems),
    )


def preview_history(
    wb: Workbook,
    path: Path | str,
    *,
    plan_key: str | None = None,
    fiscal_year: int | None = None,
    published_on: dt.date | None = None,
) -> HistoryPreview:
    """What importing ``path`` would bring in, and every problem (reads only)."""
    with wb.session() as s:
        return _preview(s, Path(path), plan_key, fiscal_year, published_on)


def import_history(
    wb: Workbook,
    path: Path | str,
    *,
    plan_key: str | None = None,
    fiscal_year: int | None = None,
    published_on: dt.date | None = None,
) -> HistoryPreview:
    """Import ``path`` as a closed round; raises :class:`HistoryImportError` listing every
    problem (nothing changed)."""
    path = Path(path)
    preview = preview_history(
        wb, path, plan_key=plan_key, fiscal_year=fiscal_year, published_on=published_on
    )
    if not preview.ok:
        raise HistoryImportError(preview)
    year = preview.fiscal_year
    assert year is not None
    with backed_up(wb, "history", what=f"{results_label(year)}（{path.name}）") as (s, _):
        preview = _preview(s, path, plan_key, fiscal_year, published_on)
        if not preview.ok:  # pragma: no cover - the master is locked between the reads
            raise HistoryImportError(preview)
        plan = s.scalar(select(Plan).where(Plan.key == preview.plan_key))
        rnd = Round(
            id=new_id(), plan=plan, fiscal_year=year, status="closed", published_on=published_on
        )
        s.add(rnd)
        day = published_on or dt.date(year + 1, 3, 31)
        saved_at = dt.datetime.combine(day, dt.time(9, 0)).astimezone()
        for e in preview.entries:
            s.add(
                Entry(
                    id=new_id(),
                    round=rnd,
                    project_id=e.project_id,
                    department_id=e.department_id,
                    label=e.department,
                    sort=e.sort,
                    updated_at=saved_at,
                    updated_by=HISTORY_EDITOR,
                    value_rows=[EntryValue(field=k, value=v) for k, v in e.values.items()],
                )
            )
        s.flush()
        published = f"、公表 {month_label(published_on)}" if published_on else ""
        audittrail.record(
            s,
            "history-import",
            round_id=rnd.id,
            source_file=path.name,
            source_sha256=preview.sha256,
            note=f"{results_label(year)}（計画 {preview.plan_key}、記入 {len(preview.entries)} 件"
            f"{published}）を{'評価表' if preview.is_report else '表'} {path.name} から取込",
        )
    return preview
