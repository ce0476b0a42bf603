"""What every issue run shares, department files (:mod:`.distribute`) or Excel worksheets
(:mod:`.worksheets`): the output folder, the preparation read from the master before anything
is written (closed-round refusal, signing secret, earlier issues, one issue time), the choice of
departments, and at the end the issuance records written in one transaction under the write
lock — or, when the run fails or is cancelled, the removal of the files it wrote.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.errors import DataError, WelfareplanError
from welfareplan.core.heldwrite import write_from_here
from welfareplan.core.identity import os_user
from welfareplan.core.model import Entry, IssuedFile, ReviewComment, Round, now
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import results_label
from welfareplan.workflow.issuing.issue_record import IssueDraft, record_issue
from welfareplan.workflow.issuing.round_state import round_state
from welfareplan.workflow.issuing.signing import load_secret, new_secret, store_secret
from welfareplan.workflow.master.locking import master_fingerprint
from welfareplan.workflow.progress import Steps
from welfareplan.workflow.rounds.lifecycle import ensure_round_open


@dataclass(frozen=True)
class IssuedFileInfo:
    path: Path
    file_id: str
    department_id: str
    department_name: str
    entries: int
    reissue: bool
    #: 'wpdb' (department file) or 'xlsx' (Excel worksheet)
    file_format: str = "wpdb"
    #: the printable Word copy written beside an Excel worksheet, if asked for
    print_copy: Path | None = None


@dataclass(frozen=True)
class DistributeResult:
    fiscal_year: int
    out_dir: Path
    files: tuple[IssuedFileInfo, ...]


@dataclass(frozen=True)
class IssueStart:
    """What every issue run (department files or Excel worksheets) takes from the master
    before writing anything: the signing secret (new on the first issue of this workbook),
    the departments issued to before (a new file is then a re-issue) and one issue time."""

    secret: bytes
    new_secret: bool
    already_issued: frozenset[str]
    issued_at: dt.datetime
    #: on a server master, what the run starts from (:mod:`.round_state`); '' on a file
    round_state: str = ""


def output_folder(out_dir: Path | str) -> Path:
    out = Path(out_dir)
    if not out.is_dir():
        raise WelfareplanError(f"出力先のフォルダ「{out}」がありません。", code="no-folder")
    return out


def start_issue(s: Session, rnd: Round) -> IssueStart:
    """Refuse a closed round and read what an issue run needs (see :class:`IssueStart`)."""
    ensure_round_open(rnd)
    secret = load_secret(s)
    already = frozenset(
        s.scalars(select(IssuedFile.department_id).where(IssuedFile.round_id == rnd.id))
    )
    state = "" if s.get_bind().dialect.name == "sqlite" else round_state(s, rnd.id)
    return IssueStart(
        new_secret() if secret is None else secret, secret is None, already, now(), state
    )


def departments_to_issue(
    session: Session, rnd: Round, names: Sequence[str] | None
) -> list[tuple[str, str]]:
    """(id, name) of the departments to issue files to, in master order: every department
    with entries in ``rnd``, or the named ones (names or aliases; every problem reported)."""
    from welfareplan.exports.round_export import round_departments

    in_round = {d.id: d.name for d in round_departments(session, rnd)}
    if names is None:
        return list(in_round.items())
    resolver = DepartmentResolver.from_session(session)
    chosen: list[tuple[str, str]] = []
    problems = []
    for name in names:
        dept = resolver.resolve(name)
        if dept is None:
            problems.append(f"担当課「{name}」は担当課マスタにありません。")
        elif dept.id not in in_round:
            problems.append(
                f"担当課「{dept.name}」には{results_label(rnd.fiscal_year)}に記入する事業がありません。"
            )
        elif dept.id not in {did for did, _ in chosen}:
            chosen.append((dept.id, dept.name))
    if problems:
        raise DataError("\n".join(problems), code="bad-department")
    return chosen


def record_issues(
    wb: Workbook,
    fingerprint: str,
    start: IssueStart,
    *,
    issued: Sequence[tuple[IssuedFileInfo, IssueDraft]],
    round_id: str,
    steps: Steps,
) -> None:
    """Record the issued files in the master in one transaction, under the write lock, only
    if the master is still the file ``fingerprint`` was taken of (else nothing is written).
    The signing secret is stored when it is new (the first issue of this workbook)."""
    steps.step("配布の記録をマスターワークブックに書き込んでいます")
    secret = start.secret if start.new_secret else None
    with write_if_unchanged(
        wb, fingerprint, round_id=round_id, state=start.round_state, what=_label(issued)
    ) as s:
        if secret is not None:
            store_secret(s, secret)
        for info, draft in issued:
            record_issue(s, draft, file_name=info.path.name, issued_by=os_user())
            kind = "・Excel 評価シート" if info.file_format == "xlsx" else ""
            sent = _mark_comments_sent(s, round_id, info, start.issued_at)
            if sent:
                kind += f"・差戻し（指摘 {sent} 件）"
            audittrail.record(
                s,
                "distribute",
                round_id=round_id,
                department_id=info.department_id,
                source_file=info.path.name,
                note=("再配布" if info.reissue else "配布") + f"{kind}（{info.entries} 件）",
                at=start.issued_at,
            )


def _mark_comments_sent(s: Session, round_id: str, info: IssuedFileInfo, at: dt.datetime) -> int:
    """The department's open 差戻し comments travel with this file: it is a send-back."""
    entry_ids = select(Entry.id).where(
        Entry.round_id == round_id, Entry.department_id == info.department_id
    )
    ids = list(
        s.scalars(
            select(ReviewComment.id).where(
                ReviewComment.round_id == round_id,
                ReviewComment.status == "open",
                ReviewComment.entry_id.in_(entry_ids),
            )
        )
    )
    if ids:
        s.execute(
            update(ReviewComment)
            .where(ReviewComment.id.in_(ids))
            .values(sent_file_id=info.file_id, sent_at=at)
        )
    return len(ids)


def _label(issued: Sequence[tuple[IssuedFileInfo, IssueDraft]]) -> str:
    from welfareplan.workflow.master.backups import files_label

    return files_label([info.path.name for info, _ in issued])


@contextlib.contextmanager
def write_if_unchanged(
    wb: Workbook,
    fingerprint: str,
    *,
    round_id: str | None = None,
    state: str = "",
    what: str = "",
) -> Iterator[Session]:
    """One write transaction on ``wb``, under the write lock, only if the master is still the
    file ``fingerprint`` was taken of (else nothing is written and the issue run is refused).

    On a server master: a ``.wpdb`` snapshot first, then the transaction takes the advisory
    lock of ``round_id`` (and of the signing secret) and checks that the round is still
    ``state`` (:func:`.round_state.round_state`), else the same refusal."""

    def changed() -> WelfareplanError:
        return WelfareplanError(
            "配布の準備中にマスターワークブックが変更されました。"
            "もう一度配布してください（作成途中のファイルは削除しました）。",
            code="master-changed",
        )

    if wb.on_server:
        with _write_on_server(wb, round_id, state, what, changed) as s:
            yield s
        return

    def before(_: object) -> None:
        if master_fingerprint(wb) != fingerprint:
            raise changed()

    with write_from_here(wb, before=before, changed=changed) as s:
        yield s


@contextlib.contextmanager
def removed_if_failed(written: Sequence[IssuedFileInfo]) -> Iterator[None]:
    """When the block fails or is cancelled, remove the files in ``written`` (best effort):
    a run that does not finish leaves no issued file behind."""
    try:
        yield
    except BaseException:
        for info in written:
            for path in (info.path, info.print_copy):
                if path is not None:
                    with contextlib.suppress(OSError):
                        path.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _write_on_server(
    wb: Workbook,
    round_id: str | None,
    state: str,
    what: str,
    changed: Callable[[], WelfareplanError],
) -> Iterator[Session]:
    from sqlalchemy import Connection

    from welfareplan.core.serverlocks import take_locks
    from welfareplan.workflow.master.backups import (
        DEFAULT_KEEP,
        discard_backup,
        rotate,
        take_snapshot,
    )
    from welfareplan.workflow.master.server_folder import master_home

    snapshot = take_snapshot(wb, "distribute", what=what, keep=None)
    try:
        with wb.transaction() as s:
            conn = s.connection()
            assert isinstance(conn, Connection)
            if round_id is not None:
                take_locks(conn, "round", [round_id])
                take_locks(conn, "issue-secret", ["1"])
                if round_state(conn, round_id) != state:
                    raise changed()
            yield s
    except BaseException:
        discard_backup(snapshot)
        raise
    rotate(master_home(wb), keep=DEFAULT_KEEP)
