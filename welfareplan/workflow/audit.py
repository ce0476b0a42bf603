"""Writing audit rows (``audit_event``): who changed what, when, and from which file."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from welfareplan.core.identity import os_user
from welfareplan.core.model import AuditEvent, now


def record(
    session: Session,
    action: str,
    *,
    round_id: str | None = None,
    project_id: str | None = None,
    department_id: str | None = None,
    field: str = "",
    old: str | None = None,
    new: str | None = None,
    source_file: str = "",
    source_sha256: str = "",
    note: str = "",
    at: dt.datetime | None = None,
    user: str | None = None,
) -> None:
    """Add one audit row to ``session`` (committed with the change it describes)."""
    session.add(
        AuditEvent(
            at=at or now(),
            os_user=user if user is not None else os_user(),
            action=action,
            round_id=round_id,
            project_id=project_id,
            department_id=department_id,
            field=field,
            old=old,
            new=new,
            source_file=source_file,
            source_sha256=source_sha256,
            note=note,
        )
    )
