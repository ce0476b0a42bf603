"""Issuing registered Excel worksheets (``welfareplan distribute --format xlsx``).

For departments that cannot run the app: one ``.xlsx`` per department (the input form of
:mod:`welfareplan.exports.worksheet_xlsx`), optionally with a printable ``.docx`` beside it.
Unlike the print/check copies of ``welfareplan worksheets``, these can be merged back, because
each is recorded in the master exactly like a department file:

* an ``issued_file`` row with ``file_format = 'xlsx'``: a new file id, the round, the
  department, the entry keys, the plan-context digests and the record's MAC;
* ``issued_value`` rows holding the values *as written into the sheet* (read back the way the
  importer reads them; all empty with ``blank``): the first merge base, so an untouched return
  is "no changes" and a blank sheet never erases what the master holds;
* the worksheet itself carries the file id in its hidden keys and a MAC over its canonical
  payload made with the master's secret (:func:`welfareplan.workflow.issuing.signing.worksheet_signer`).

As in :func:`welfareplan.workflow.issuing.distribute.distribute`: the master is only read while the
files are written (each atomically, never over an existing file: a second issue to the same
folder gets ``_2``); then the records are written in one transaction under the write lock, and
only if the master did not change meanwhile. A failed or cancelled run removes the files it
wrote and leaves the master unchanged.

**Re-issues and the three-way base.** Every issue is a new file with its own base. Issuing again
(either format) does not revoke earlier files: a return of any of them is compared with *its
own* base, so what the division or another return changed since that file was issued shows as
a conflict instead of being overwritten. A department may therefore hold a department file and
a worksheet at the same time; whichever comes back first is applied, the other is applied where
it does not collide and reports conflicts where it does. A re-issued worksheet carries the
master's current values (unless ``blank``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.labels import project_title
from welfareplan.core.model import Entry, Project, ReviewComment, ReviewNote, Round
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import ReportData, build_report
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text
from welfareplan.exports.paper import PaperSize
from welfareplan.exports.textsafe import excel_text
from welfareplan.exports.worksheet_keys import WorksheetKeys, cell_text
from welfareplan.exports.worksheet_review import SheetComment
from welfareplan.workflow.issuing.issue_record import IssueDraft, prepare_issue
from welfareplan.workflow.issuing.issue_run import (
    DistributeResult,
    IssuedFileInfo,
    departments_to_issue,
    output_folder,
    record_issues,
    removed_if_failed,
    start_issue,
)
from welfareplan.workflow.issuing.signing import worksheet_signer
from welfareplan.workflow.master.locking import master_fingerprint
from welfareplan.workflow.progress import CancelFn, ProgressFn, Steps


def as_read_back(text: str) -> str:
    """``text`` as the importer will read it from the sheet it is written into."""
    return clean_text(cell_text(excel_text(text)))


def _sheet_draft(draft: IssueDraft, report: ReportData, *, blank: bool) -> IssueDraft:
    """``draft`` with the issued values (the merge base) taken from what the sheet holds."""
    written = {e.entry_id: e for g in report.goals for e in g.entries()}
    if set(written) != set(draft.claims.entry_keys):
        raise WelfareplanError(
            "評価シートの記入と配布の記録が一致しません（計画の構成を確認してください）。"
            "何も配布していません。",
            code="issue-mismatch",
        )
    values = {}
    for entry_id in draft.values:
        w = written[entry_id]
        if blank:
            values[entry_id] = EntryValues()
        else:
            values[entry_id] = EntryValues(
                {
                    f.key: as_read_back(w.value(f.key)) if f.is_text else w.value(f.key)
                    for f in report.form.fields
                }
            )
    return replace(draft, values=values)


def _free_names(
    out_dir: Path, fiscal_year: int, name: str, taken: set[str], *, print_copy: bool
) -> tuple[Path, Path | None]:
    from welfareplan.exports.round_export import worksheet_basename

    counter = 1
    while True:
        base = worksheet_basename(fiscal_year, name) + ("" if counter == 1 else f"_{counter}")
        xlsx, docx = out_dir / f"{base}.xlsx", out_dir / f"{base}.docx"
        if base not in taken and not xlsx.exists() and not (print_copy and docx.exists()):
            taken.add(base)
            return xlsx, docx if print_copy else None
        counter += 1


def _open_comments(s: Session, rnd: Round, department_id: str) -> list[SheetComment]:
    """The department's open 差戻し comments, as the worksheet shows them."""
    form = rnd.plan.evaluation_form
    out = []
    rows = s.execute(
        select(ReviewComment, Project.label, Project.name)
        .join(Entry, Entry.id == ReviewComment.entry_id)
        .join(Project, Project.id == Entry.project_id)
        .where(
            ReviewComment.round_id == rnd.id,
            ReviewComment.status == "open",
            Entry.department_id == department_id,
        )
        .order_by(Project.sort, ReviewComment.created_at)
    ).all()
    for comment, label, name in rows:
        asks = s.scalars(
            select(ReviewNote.text)
            .where(ReviewNote.comment_id == comment.id, ReviewNote.kind.in_(("comment", "keep")))
            .order_by(ReviewNote.seq.desc(), ReviewNote.at.desc())
        ).first()
        out.append(
            SheetComment(
                comment_id=comment.id,
                entry_id=comment.entry_id,
                field=comment.field,
                project_title=project_title(label, name),
                field_label=form.field(comment.field).label
                if form.has(comment.field)
                else comment.field,
                text=asks or "",
            )
        )
    return out


def issue_worksheets(
    wb: Workbook,
    fiscal_year: int,
    out_dir: Path | str,
    *,
    departments: Sequence[str] | None = None,
    blank: bool = False,
    print_copy: bool = False,
    paper_size: PaperSize | str = PaperSize.A4,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> DistributeResult:
    """Write one registered Excel worksheet per department (or per named department) into
    ``out_dir`` and record the issues in the master; with ``print_copy`` also a Word copy."""
    from welfareplan.exports.paper import paper
    from welfareplan.exports.worksheet_docx import write_department_worksheet_docx
    from welfareplan.exports.worksheet_xlsx import write_department_worksheet_xlsx

    paper(paper_size)  # reject a bad paper before any work
    out_dir = output_folder(out_dir)
    workbook_uuid = wb.file_uuid
    fingerprint = "" if wb.on_server else master_fingerprint(wb)  # a server: round_state
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        start = start_issue(s, rnd)
        chosen = departments_to_issue(s, rnd, departments)
        jobs = []
        sheet_comments: dict[str, list[SheetComment]] = {}
        for did, name in chosen:
            report = build_report(s, rnd, department_id=did)
            draft = prepare_issue(
                s,
                secret=start.secret,
                workbook_uuid=workbook_uuid,
                rnd=rnd,
                department_id=did,
                issued_at=start.issued_at,
                file_format="xlsx",
            )
            keys = WorksheetKeys(
                workbook_uuid=workbook_uuid,
                file_uuid=draft.claims.file_id,
                round_id=rnd.id,
                fiscal_year=rnd.fiscal_year,
                department_id=did,
                department_name=name,
            )
            jobs.append((did, name, _sheet_draft(draft, report, blank=blank), report, keys))
            sheet_comments[did] = _open_comments(s, rnd, did)
        round_id = rnd.id
    sign = worksheet_signer(start.secret)
    steps = Steps(len(jobs) + 1, progress, cancelled, what="配布")
    written: list[IssuedFileInfo] = []
    taken: set[str] = set()
    with removed_if_failed(written):
        for did, name, draft, report, keys in jobs:
            steps.step(f"{name} の評価シートを作成しています")
            xlsx, docx = _free_names(out_dir, fiscal_year, name, taken, print_copy=print_copy)
            info = IssuedFileInfo(
                path=xlsx,
                file_id=draft.claims.file_id,
                department_id=did,
                department_name=name,
                entries=len(draft.values),
                reissue=did in start.already_issued,
                file_format="xlsx",
                print_copy=docx,
            )
            written.append(info)  # before writing: a half-done run removes what exists
            write_department_worksheet_xlsx(
                report,
                xlsx,
                keys=keys,
                blank=blank,
                sign=sign,
                paper_size=paper_size,
                comments=sheet_comments[did],
            )
            if docx is not None:
                write_department_worksheet_docx(
                    report, docx, department_name=name, blank=blank, paper_size=paper_size
                )
        issued = [(info, job[2]) for info, job in zip(written, jobs, strict=True)]
        record_issues(wb, fingerprint, start, issued=issued, round_id=round_id, steps=steps)
    steps.finish("配布が終わりました")
    return DistributeResult(fiscal_year=fiscal_year, out_dir=out_dir, files=tuple(written))
