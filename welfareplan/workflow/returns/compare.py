"""Merging returned files, phase 1: :func:`preview_merge` (reads only, writes nothing).

Each file is read (:mod:`welfareplan.workflow.returns.reading`) and accepted only if it is our format
and schema (older schemas upgraded in a temporary copy), passes ``quick_check``, was issued by
this workbook (known file UUID, valid MAC), belongs to an open round and changes only its own
department's entries — no added or removed entries, no unknown project keys, no edited plan
rows. Anything else rejects the whole file with a Japanese reason.

Accepted files are compared field by field, three ways: the merge base (the value as issued,
or as last received from the same file), the file's value and the master's value now. Changed
only in the file → applied; changed in both to different values → a conflict. Returns of the
same issued file are ordered by ``revision`` (a department file's save counter, an Excel
worksheet's saved time: :mod:`welfareplan.workflow.returns.returned_file`): the identical file again is
"no changes", an older one after a newer was merged is stale, and within one run only the
newest counts. Department files and Excel worksheets may be given together.

Phase 2, :func:`welfareplan.workflow.returns.apply.apply_merge`, writes exactly the preview.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.model import now
from welfareplan.core.roundlookup import RoundRow
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master.locking import master_fingerprint
from welfareplan.workflow.progress import CancelFn, ProgressFn, Steps
from welfareplan.workflow.returns.checks import (
    IssueRecord,
    MasterView,
    dept_name,
    validate_return,
)
from welfareplan.workflow.returns.merge_types import (
    Conflict,
    FieldChange,
    FileOutcome,
    FilePreview,
    MasterSide,
    MergePreview,
    ReplyChange,
    ReturnedValues,
    base_label,
)
from welfareplan.workflow.returns.read_many import read_all
from welfareplan.workflow.returns.reading import ReturnedFile
from welfareplan.workflow.returns.replies import checked_replies
from welfareplan.workflow.returns.returned_file import revision_label
from welfareplan.workflow.returns.worksheet_reader import typed_notes, typed_value


def _values(
    rf: ReturnedFile, keys: Iterable[str], form: EvaluationForm
) -> dict[str, ReturnedValues]:
    """The values of the issued entries as the file holds them (a worksheet's cells read
    as their field's kind: 'Ａ' as the code A, numbers normalised)."""
    wanted = set(keys)
    sheet = rf.worksheet is not None
    out = {}
    for e in rf.entries:
        if e.entry_id not in wanted:
            continue
        raw = {k: str(v) for k, v in e.values.items() if form.has(k)}
        if sheet:
            raw = {k: typed_value(form, k, v) or "" for k, v in raw.items()}
        out[e.entry_id] = ReturnedValues(e.entry_id, EntryValues(raw), e.updated_at, e.updated_by)
    return out


def _base(preview: FilePreview, **kw: object) -> FilePreview:
    return replace(preview, **kw)  # type: ignore[arg-type]


def _notes(rf: ReturnedFile, form: EvaluationForm) -> dict[str, str]:
    """entry id → how its rating was read, for a worksheet whose ratings needed folding."""
    return typed_notes(form, rf)


def _accepted(rf: ReturnedFile, record: IssueRecord, rnd: RoundRow, m: MasterView) -> FilePreview:
    return FilePreview(
        path=rf.path,
        sha256=rf.sha256,
        outcome=FileOutcome.APPLY,
        issued_file_id=record.id,
        round_id=rnd.id,
        fiscal_year=rnd.fiscal_year,
        department_id=record.department_id,
        department_name=dept_name(m, record.department_id),
        revision=rf.revision,
        state=rf.state,
        upgraded_from=rf.upgraded_from,
        file_format=rf.file_format,
        notes=tuple(_notes(rf, m.form_of(rnd.id)).values()),
        fields=m.form_of(rnd.id).keys,
    )


def _three_way(
    preview: FilePreview,
    values: dict[str, ReturnedValues],
    record: IssueRecord,
    m: MasterView,
    current: dict[tuple[str, str], str],
    *,
    notes: dict[str, str],
) -> FilePreview:
    bases = m.bases.get(record.id, {})
    base_text = base_label(record.file_format, m.last_revision.get(record.id))
    form = m.form_of(record.round_id)
    rating = form.rating_key
    changes: list[FieldChange] = []
    conflicts: list[Conflict] = []
    unchanged = 0
    for entry_id in sorted(values, key=lambda k: (m.ref(k).project_sort, k)):
        file_v = values[entry_id].values
        base_v = bases.get(entry_id)
        for f in form.fields:
            fname = f.key
            new = file_v.get(fname)
            base = base_v.get(fname) if base_v is not None else ""
            master = current[(entry_id, fname)]
            if new in (base, master):
                unchanged += 1
            elif master == base:
                note = notes.get(entry_id, "") if fname == rating else ""
                changes.append(FieldChange(m.ref(entry_id), fname, master, new, note, f.label))
                current[(entry_id, fname)] = new
            else:
                conflicts.append(
                    Conflict(
                        m.ref(entry_id),
                        fname,
                        base,
                        new,
                        master,
                        preview.name,
                        base_label=base_text,
                        field_label=f.label,
                        kind=f.kind,
                        codes=form.codes if f.is_rating else (),
                    )
                )
    outcome = FileOutcome.APPLY if changes or conflicts else FileOutcome.UNCHANGED
    reason = "" if changes or conflicts else "変更された項目はありません。"
    return _base(
        preview,
        outcome=outcome,
        reason=reason,
        changes=tuple(changes),
        conflicts=tuple(conflicts),
        unchanged_fields=unchanged,
        record=True,
        values=tuple(values[k] for k in sorted(values)),
    )


def _rejected(
    path: Path, exc: WelfareplanError, m: MasterView | None, rf: ReturnedFile | None
) -> FilePreview:
    sha = rf.sha256 if rf is not None else ""
    preview = FilePreview(
        path=path,
        sha256=sha,
        outcome=FileOutcome.REJECTED,
        reason=exc.message,
        code=exc.code,
        file_format=rf.file_format if rf is not None else "",
    )
    if m is not None and rf is not None and rf.claims.file_id in m.issued:
        record = m.issued[rf.claims.file_id]
        rnd = m.rounds.get(record.round_id)
        preview = _base(
            preview,
            issued_file_id=record.id,
            round_id=record.round_id,
            fiscal_year=rnd.fiscal_year if rnd else None,
            department_id=record.department_id,
            department_name=dept_name(m, record.department_id),
            revision=rf.revision,
            state=rf.state,
        )
    return preview


def preview_merge(
    wb: Workbook,
    paths: Sequence[Path | str],
    *,
    fiscal_year: int | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> MergePreview:
    """Read and check every file and work out what merging them would change. Writes nothing.

    With ``fiscal_year``, files of any other round are rejected as the wrong round.
    """
    steps = Steps(len(paths) + 1, progress, cancelled, what="取り込み")
    # A file master's state before reading (apply checks it again); a server master has none:
    # what the preview saw is kept instead (master_side, below).
    master_sha = "" if wb.on_server else master_fingerprint(wb)
    scratch = Path(tempfile.gettempdir())  # readers make private folders there if needed
    read = read_all([Path(raw) for raw in paths], scratch, steps)
    steps.step("変更点を調べています")
    with wb.session() as s:
        m = MasterView(s, wb.file_uuid, [rf for _, rf, _ in read if rf is not None])
        checked: list[tuple[Path, ReturnedFile, IssueRecord, RoundRow] | FilePreview] = []
        replies: dict[int, tuple[ReplyChange, ...]] = {}
        for path, rf, err in read:
            if rf is None:
                assert err is not None
                checked.append(_rejected(path, err, None, None))
                continue
            try:
                record, rnd = validate_return(s, m, rf, fiscal_year)
                replies[len(checked)] = checked_replies(
                    s,
                    rf.replies,
                    file_name=rf.name,
                    round_id=record.round_id,
                    entry_keys=record.entry_keys,
                    ref=m.ref,
                    labels={f.key: f.label for f in m.form_of(record.round_id).fields},
                )
            except WelfareplanError as exc:
                checked.append(_rejected(path, exc, m, rf))
                continue
            checked.append((path, rf, record, rnd))
        result = _with_replies(_order_and_compare(checked, m), replies)
    steps.finish("確認が終わりました")
    return MergePreview(
        workbook=wb.path,
        master_fingerprint=master_sha,
        created_at=now(),
        files=tuple(result),
        master_side=_master_side(result, m) if wb.on_server else None,
    )


def _master_side(files: Sequence[FilePreview], m: MasterView) -> MasterSide:
    """What the preview decided from, for the files it would record (a server master)."""
    values: dict[tuple[str, str], str] = {}
    returns: dict[str, frozenset[str]] = {}
    for f in files:
        if not f.record or f.issued_file_id is None:
            continue
        record = m.issued[f.issued_file_id]
        keys = m.form_of(record.round_id).keys
        for eid in record.entry_keys:
            current = m.values.get(eid)
            if current is not None:
                values.update({(eid, key): current.get(key) for key in keys})
        returns[record.id] = frozenset(m.received_sha.get(record.id, set()))
    return MasterSide(values=values, returns=returns)


def _order_and_compare(
    checked: list[tuple[Path, ReturnedFile, IssueRecord, RoundRow] | FilePreview], m: MasterView
) -> list[FilePreview]:
    """Decide each accepted file's fate and run the three-way comparison in a fixed order."""
    out: dict[int, FilePreview] = {}
    groups: dict[str, list[tuple[int, ReturnedFile, IssueRecord, RoundRow]]] = {}
    for i, item in enumerate(checked):
        if isinstance(item, FilePreview):
            out[i] = item
            continue
        _, rf, record, rnd = item
        if rf.sha256 in m.received_sha.get(record.id, set()):
            out[i] = _base(
                _accepted(rf, record, rnd, m),
                outcome=FileOutcome.UNCHANGED,
                reason="このファイルは取込済みです（変更なし）。",
            )
        else:
            groups.setdefault(record.id, []).append((i, rf, record, rnd))
    current = {
        (eid, f): v.get(f)
        for eid, v in m.values.items()
        for f in m.form_of(m.entries[eid]["round_id"]).keys
    }
    order = sorted(groups.values(), key=lambda g: (g[0][2].issued_at, g[0][2].id))
    for group in order:
        group.sort(key=lambda t: (-t[1].revision, t[0]))
        _, top, record, rnd = group[0]
        form = m.form_of(record.round_id)
        top_values = _values(top, record.entry_keys, form)
        forks = [
            t
            for t in group[1:]
            if t[1].revision == top.revision
            and _values(t[1], record.entry_keys, form) != top_values
        ]
        for i, rf, _, _ in group:
            preview = _accepted(rf, record, rnd, m)
            if forks and rf.revision == top.revision:
                out[i] = _base(
                    preview,
                    outcome=FileOutcome.REJECTED,
                    code="revision-fork",
                    reason=f"ファイル「{rf.name}」と同じ版（{rf.revision_label}）で内容の違うファイルが同時に指定されました。"
                    "ファイルが複製されて別々に編集された可能性があるため、どちらも取り込みません。",
                )
            elif i != group[0][0]:
                same = rf.revision == top.revision
                out[i] = _base(
                    preview,
                    outcome=FileOutcome.UNCHANGED if same else FileOutcome.SUPERSEDED,
                    reason="同じファイルが重複して指定されています。"
                    if same
                    else f"同時に指定された新しい版（{top.revision_label}: {top.name}）があるため、この版は取り込みません。",
                )
        if forks:
            continue
        i0 = group[0][0]
        preview = _accepted(top, record, rnd, m)
        last = m.last_revision.get(record.id)
        last_label = revision_label(record.file_format, last) if last is not None else ""
        if last is not None and top.revision < last:
            out[i0] = _base(
                preview,
                outcome=FileOutcome.STALE,
                reason=f"このファイル（{top.revision_label}）より新しい版（{last_label}）が取込済みのため、取り込みません。",
            )
        elif last is not None and top.revision == last:
            bases = m.bases.get(record.id, {})
            if all(bases.get(k) == v.values for k, v in top_values.items()):
                out[i0] = _base(
                    preview,
                    outcome=FileOutcome.UNCHANGED,
                    reason="この版は取込済みです（変更なし）。",
                )
            else:
                out[i0] = _base(
                    preview,
                    outcome=FileOutcome.REJECTED,
                    code="revision-fork",
                    reason=f"ファイル「{top.name}」は取込済みの版（{last_label}）と同じ版なのに内容が違います。"
                    + (
                        "どちらが新しいか判断できないため、取り込みません。"
                        "この担当課には評価シートを配布し直してください。"
                        if record.file_format == "xlsx"
                        else "ファイルが複製されて別々に編集された可能性があるため、取り込みません。"
                    ),
                )
        else:
            compared = _three_way(preview, top_values, record, m, current, notes=_notes(top, form))
            if compared.outcome is FileOutcome.UNCHANGED and _new_confirmation(top, record.id, m):
                # its only news is the section chief's confirmation: recorded with the return
                compared = _base(compared, outcome=FileOutcome.APPLY, reason="")
            out[i0] = compared
    return _mark_superseded_conflicts([out[i] for i in range(len(checked))])


def _new_confirmation(rf: ReturnedFile, issued_file_id: str, m: MasterView) -> bool:
    """The file carries a confirmation the master has not recorded for its latest return."""
    found = rf.state.confirmation
    if found is None:
        return False
    return (found.kind, found.name, found.revision) != m.last_confirmation.get(issued_file_id)


def _with_replies(
    files: list[FilePreview], replies: dict[int, tuple[ReplyChange, ...]]
) -> list[FilePreview]:
    """The replies of each file that is recorded; a file whose only news is a reply is
    applied (the reply is stored)."""
    out = []
    for i, f in enumerate(files):
        found = replies.get(i, ())
        if not (found and f.record):
            out.append(f)
        elif f.outcome is FileOutcome.UNCHANGED:
            out.append(_base(f, outcome=FileOutcome.APPLY, reason="", replies=found))
        else:
            out.append(_base(f, replies=found))
    return out


def _mark_superseded_conflicts(files: list[FilePreview]) -> list[FilePreview]:
    """A conflict is choosable only if no later file of the run touches the same field."""
    touched_later: set[tuple[str, str]] = set()
    result: list[FilePreview] = []
    for original in reversed(files):
        f = original
        if f.conflicts:
            marked = tuple(
                replace(c, superseded=True) if c.key in touched_later else c for c in f.conflicts
            )
            f = _base(f, conflicts=marked)
        touched_later |= {(c.entry.entry_id, c.field) for c in f.changes}
        touched_later |= {c.key for c in f.conflicts}
        result.append(f)
    return list(reversed(result))
