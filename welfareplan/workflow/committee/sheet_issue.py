"""Issuing opinion sheets to the committee's members (意見・提案シートの配布).

One Excel sheet per member (:mod:`welfareplan.exports.opinion_sheet_xlsx`) with the round's
projects and this year's ratings and texts as reference, signed with the master's worksheet
signer (:mod:`welfareplan.workflow.issuing.signing`: one signing scheme for every issued file).
As with department files, the master is only read while the sheets are written (each
atomically, never over an existing file: a second issue gets ``_2``); then the issues are
recorded in one transaction under the write lock, only if the master did not change meanwhile.
On a server master (others keep working meanwhile) the recording transaction checks what it
relies on instead: the chosen members are still on the list, and the signing key is the one the
sheets were signed with (a new key is created under an advisory lock, once).
A failed run removes the sheets it wrote and leaves the master unchanged. Issuing again gives a
member a new sheet; any of their sheets can come back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError, WelfareplanError
from welfareplan.core.identity import os_user
from welfareplan.core.model import CommitteeMember, OpinionSheet, new_id, now
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import build_report
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import fiscal_year_label
from welfareplan.exports.opinion_sheet_xlsx import OpinionSheetKeys, write_opinion_sheet_xlsx
from welfareplan.exports.paper import PaperSize, paper
from welfareplan.workflow.issuing.issue_run import output_folder, write_if_unchanged
from welfareplan.workflow.issuing.signing import (
    load_secret,
    new_secret,
    store_secret,
    worksheet_signer,
)
from welfareplan.workflow.master.locking import master_fingerprint

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class IssuedSheet:
    member_name: str
    path: Path
    sheet_id: str


def _free_path(out_dir: Path, fiscal_year: int, name: str, taken: set[Path]) -> Path:
    base = f"{fiscal_year_label(fiscal_year)}_意見・提案シート_{name}"
    counter = 1
    while True:
        path = out_dir / (base + ("" if counter == 1 else f"_{counter}") + ".xlsx")
        if path not in taken and not path.exists():
            taken.add(path)
            return path
        counter += 1


def _chosen(members: list[CommitteeMember], names: Sequence[str] | None) -> list[CommitteeMember]:
    if names is None:
        if not members:
            raise DataError(
                "委員名簿に委員がいません。先に委員を登録してください。", code="no-member"
            )
        return members
    by_name = {m.name: m for m in members}
    missing = [n for n in names if n not in by_name]
    if missing:
        raise DataError(
            "\n".join(f"委員「{n}」は名簿にありません。" for n in missing), code="no-member"
        )
    return [by_name[n] for n in dict.fromkeys(names)]


def issue_opinion_sheets(
    wb: Workbook,
    fiscal_year: int,
    out_dir: Path | str,
    *,
    members: Sequence[str] | None = None,
    paper_size: PaperSize | str = PaperSize.A4,
) -> list[IssuedSheet]:
    """Write one opinion sheet per member (or per named member) into ``out_dir`` and record
    the issues in the master."""
    paper(paper_size)
    out = output_folder(out_dir)
    fingerprint = "" if wb.on_server else master_fingerprint(wb)
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        stored = load_secret(s)
        secret = stored if stored is not None else new_secret()
        listed = s.scalars(
            select(CommitteeMember)
            .where(CommitteeMember.round_id == rnd.id)
            .order_by(CommitteeMember.sort)
        ).all()
        chosen = [(m.id, m.name) for m in _chosen(list(listed), members)]
        report = build_report(s, rnd)
        round_id = rnd.id
    sign = worksheet_signer(secret)
    written: list[IssuedSheet] = []
    taken: set[Path] = set()
    macs: list[str] = []
    try:
        for member_id, name in chosen:
            keys = OpinionSheetKeys(
                workbook_uuid=wb.file_uuid,
                sheet_id=new_id(),
                round_id=round_id,
                fiscal_year=fiscal_year,
                member_id=member_id,
                member_name=name,
            )
            path = _free_path(out, fiscal_year, name, taken)
            written.append(IssuedSheet(name, path, keys.sheet_id))
            macs.append(
                write_opinion_sheet_xlsx(report, path, keys=keys, sign=sign, paper_size=paper_size)
            )
        _record(
            wb,
            fingerprint,
            new=secret if stored is None else None,
            round_id=round_id,
            chosen=chosen,
            written=written,
            macs=macs,
        )
    except BaseException:
        for sheet in written:
            with contextlib.suppress(OSError):
                sheet.path.unlink(missing_ok=True)
        raise
    return written


def _record(
    wb: Workbook,
    fingerprint: str,
    *,
    new: bytes | None,
    round_id: str,
    chosen: list[tuple[str, str]],
    written: list[IssuedSheet],
    macs: list[str],
) -> None:
    at = now()
    with _recording(wb, fingerprint, new=new, members=[m for m, _ in chosen]) as s:
        if new is not None:
            store_secret(s, new)
        for (member_id, name), sheet, mac in zip(chosen, written, macs, strict=True):
            s.add(
                OpinionSheet(
                    id=sheet.sheet_id,
                    round_id=round_id,
                    member_id=member_id,
                    file_name=sheet.path.name,
                    issued_at=at,
                    issued_by=os_user(),
                    mac=mac,
                )
            )
            audittrail.record(
                s,
                "opinion-sheet-issue",
                round_id=round_id,
                field="opinion_sheet",
                source_file=sheet.path.name,
                note=f"意見・提案シートを配布（{name}）",
                at=at,
            )


def _changed_meanwhile() -> WelfareplanError:
    return WelfareplanError(
        "意見・提案シートの作成中に、ほかの人が委員名簿か署名の鍵を変更しました。"
        "もう一度作成してください（作成途中のシートは削除しました）。",
        code="master-changed",
    )


@contextlib.contextmanager
def _recording(
    wb: Workbook, fingerprint: str, *, new: bytes | None, members: list[str]
) -> Iterator[Session]:
    """The transaction that records the issue: on a file only if the master is unchanged
    (``fingerprint``); on a server if what the sheets were made from still holds."""
    if not wb.on_server:
        with write_if_unchanged(wb, fingerprint) as s:
            yield s
        return
    from welfareplan.core.serverlocks import take_locks

    with wb.transaction() as s:
        if new is not None:
            take_locks(s.connection(), "issue-secret", ["1"])
            if load_secret(s) is not None:  # another user's first issue made one meanwhile
                raise _changed_meanwhile()
        found = s.scalars(select(CommitteeMember.id).where(CommitteeMember.id.in_(members)))
        if len(set(found)) != len(set(members)):
            raise _changed_meanwhile()
        yield s
