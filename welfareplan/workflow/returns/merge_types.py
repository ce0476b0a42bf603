"""What a merge preview and a merge result consist of (plain frozen dataclasses for the GUI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Literal

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.evaluation_form import TEXT
from welfareplan.core.labels import project_title
from welfareplan.core.textclean import display_name
from welfareplan.core.wareki import results_label
from welfareplan.workflow.issuing.department_file import DepartmentFileState
from welfareplan.workflow.returns.returned_file import (
    ReturnedReply,
    file_format_label,
    revision_label,
)

#: A per-field decision on a conflict: keep the file's value, the master's, or a typed text.
Choice = Literal["file", "master"] | tuple[Literal["manual"], str]
Choices = Mapping[tuple[str, str], Choice]

#: The merge base of a file's first return: what the department was given.
ISSUED_BASE = "配布したときの内容"


def base_label(file_format: str, last_revision: int | None) -> str:
    """What a conflict's merge base is: the values as issued, or as last received from the
    same file (a second return is compared with the first, not with the issued file)."""
    if last_revision is None:
        return ISSUED_BASE
    return f"前回取り込んだこのファイルの内容（{revision_label(file_format, last_revision)}）"


class FileOutcome(StrEnum):
    APPLY = "apply"
    UNCHANGED = "unchanged"
    STALE = "stale"
    SUPERSEDED = "superseded"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {
            "apply": "取込",
            "unchanged": "変更なし",
            "stale": "古い版（取り込みません）",
            "superseded": "新しい版に置き換え",
            "rejected": "却下",
        }[self.value]


@dataclass(frozen=True)
class EntryRef:
    """Which entry a change or conflict is about, for display."""

    entry_id: str
    round_id: str
    fiscal_year: int
    project_id: str
    #: 事業No as printed ('4', '31～34', '新')
    project_number: str
    project_name: str
    department_id: str
    department_name: str
    #: the project's order in its plan
    project_sort: int = 0

    @property
    def project_label(self) -> str:
        """'事業4 移送サービスへの支援'."""
        return project_title(self.project_number, self.project_name)

    @property
    def year_label(self) -> str:
        return results_label(self.fiscal_year)


@dataclass(frozen=True)
class FieldChange:
    entry: EntryRef
    field: str
    old: str
    new: str
    #: How the new value was read, when that is worth recording (a worksheet's 'Ａ' read as
    #: 'A'); written to the audit row.
    note: str = ""
    #: the field's label in the plan's form ('事業評価')
    field_label: str = ""


@dataclass(frozen=True)
class Conflict:
    """A field changed by the department and, since issue, in the master too.

    ``issued`` is the merge base: the value as issued, or as last received from this file;
    ``base_label`` says which of the two it is.
    """

    entry: EntryRef
    field: str
    issued: str
    file: str
    master: str
    file_name: str
    #: A later file of the same run touches the same field: this conflict is not choosable.
    superseded: bool = False
    base_label: str = ISSUED_BASE
    #: the field's label in the plan's form ('事業評価')
    field_label: str = ""
    #: the field's kind ('text', 'rating' or 'number') and, for a rating, the codes of the
    #: plan's scale (offered when resolving by hand)
    kind: str = TEXT
    codes: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.entry.entry_id, self.field)


@dataclass(frozen=True)
class ReplyChange:
    """A department's reply to a 差戻し comment that the merge stores: new, or with its text
    changed since the last merge (:mod:`welfareplan.workflow.returns.replies`)."""

    reply: ReturnedReply
    entry: EntryRef
    field: str
    field_label: str
    #: the division's comment (its latest ask) the reply answers
    comment_text: str
    #: the reply's text as the master has it (None: a new reply)
    old_text: str | None = None

    @property
    def comment_id(self) -> str:
        return self.reply.comment_id


@dataclass(frozen=True)
class ReturnedValues:
    """One issued entry as an accepted returned file holds it: its values, and when and by
    whom they were last saved there."""

    entry_id: str
    values: EntryValues
    updated_at: str | None = None
    updated_by: str = ""


@dataclass(frozen=True)
class FilePreview:
    """One returned file in a merge preview: accepted (with its changes) or rejected."""

    path: Path
    sha256: str
    outcome: FileOutcome
    reason: str = ""
    code: str = ""
    issued_file_id: str | None = None
    round_id: str | None = None
    fiscal_year: int | None = None
    department_id: str | None = None
    department_name: str = ""
    revision: int | None = None
    state: DepartmentFileState | None = None
    upgraded_from: int | None = None
    changes: tuple[FieldChange, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    unchanged_fields: int = 0
    #: Whether applying writes a received-return row and advances this file's merge base.
    record: bool = False
    values: tuple[ReturnedValues, ...] = field(default=(), repr=False)
    #: the field keys of the round's form (the merge base advances for each)
    fields: tuple[str, ...] = ()
    #: 'wpdb' (department file) or 'xlsx' (Excel worksheet); '' when the file could not be read.
    file_format: str = ""
    #: What the reader noticed and the user should know (e.g. a rating read as 'A' from 'Ａ').
    notes: tuple[str, ...] = ()
    #: the department's replies to 差戻し comments that applying stores
    replies: tuple[ReplyChange, ...] = ()

    @property
    def name(self) -> str:
        """The file's name as stored and shown (undecodable bytes and control characters
        made safe: :func:`welfareplan.core.textclean.display_name`)."""
        return display_name(self.path.name)

    @property
    def file_label(self) -> str:
        """'担当課ファイル' or 'Excel 評価シート' ('' when unknown)."""
        return file_format_label(self.file_format)

    @property
    def revision_label(self) -> str:
        """'版 3' for a department file, '2026-05-10 10:23:45 保存' for a worksheet."""
        if self.revision is None:
            return ""
        return revision_label(self.file_format, self.revision)

    @property
    def accepted(self) -> bool:
        return self.outcome is not FileOutcome.REJECTED


@dataclass(frozen=True)
class MasterSide:
    """What a preview on a server master saw of the master for the files it would record
    (no fingerprint there: other staff change other entries all the time). Applying re-reads
    exactly this under the files' locks and refuses if any of it changed."""

    #: (entry id, field) → the master's value, for every entry the recorded files were issued
    values: Mapping[tuple[str, str], str]
    #: issued-file id → the SHA-256 of the returns of that file merged so far
    returns: Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class MergePreview:
    workbook: Path
    master_fingerprint: str
    created_at: dt.datetime
    files: tuple[FilePreview, ...]
    #: on a server master (:class:`MasterSide`); None on a file (its fingerprint says it all)
    master_side: MasterSide | None = None

    @property
    def rejected(self) -> tuple[FilePreview, ...]:
        return tuple(f for f in self.files if not f.accepted)

    @property
    def changes(self) -> tuple[FieldChange, ...]:
        return tuple(c for f in self.files for c in f.changes)

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """The conflicts a choice can be made for (one per entry and field)."""
        return tuple(c for f in self.files for c in f.conflicts if not c.superseded)

    @property
    def writes(self) -> bool:
        """Whether applying would change the master at all."""
        return any(f.record for f in self.files)


@dataclass(frozen=True)
class FileResult:
    name: str
    outcome: FileOutcome
    reason: str
    applied: int
    conflicts_open: int
    conflicts_resolved: int


@dataclass(frozen=True)
class MergeResult:
    files: tuple[FileResult, ...]
    applied: int
    conflicts_open: int
    conflicts_resolved: int
    rejected: int
    backup: Path | None
    applied_at: dt.datetime

    @property
    def ok(self) -> bool:
        """Nothing rejected and no conflict left (the CLI's exit status 0)."""
        return self.rejected == 0 and self.conflicts_open == 0
