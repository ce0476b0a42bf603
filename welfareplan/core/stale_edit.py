"""An edit made from stale values (issue 16: several division staff on one server master).

The editor saves with the values it loaded or last saved (``base``). A field the user changed
is written only when the stored value is still ``base``; if someone else has changed it since
to something other than the user's new text, it is not written and comes back as a
:class:`FieldConflict` (the other's text kept, the user's shown beside it). Overwriting after
seeing it is saving again with ``base`` = the other's text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from welfareplan.core.plainsql import rows
from welfareplan.core.timestamps import time_from_text

if TYPE_CHECKING:
    from welfareplan.core.entry_values import EntryValues
    from welfareplan.core.evaluation_form import EvaluationForm
    from welfareplan.core.plainsql import Reader


@dataclass(frozen=True)
class FieldConflict:
    """One field another user changed after this user's editor loaded it.

    ``base`` what the editor loaded, ``theirs`` what is stored now (kept), ``yours`` what this
    user typed (not written); ``by``/``at`` from the latest audit row of the field ('' / None
    if it has none)."""

    field: str
    label: str
    base: str
    theirs: str
    yours: str
    by: str = ""
    at: dt.datetime | None = None


def stale_fields(
    form: EvaluationForm, stored: EntryValues, new: EntryValues, base: EntryValues
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(fields to write, fields in conflict) of a save of ``new`` made from ``base``: only the
    fields the user changed from ``base``; one whose stored value is no longer ``base`` is in
    conflict unless it already holds the user's text (then there is nothing to write)."""
    write: list[str] = []
    conflict: list[str] = []
    for key in form.keys:
        mine, was, now = new.get(key), base.get(key), stored.get(key)
        if mine in (was, now):
            continue
        (write if now == was else conflict).append(key)
    return tuple(write), tuple(conflict)


_LAST_CHANGE_SQL = (
    "SELECT os_user, at FROM audit_event WHERE round_id = :round_id "
    "AND project_id = :project_id AND department_id = :department_id AND field = :field "
    "ORDER BY id DESC LIMIT 1"
)


def field_conflicts(
    con: Reader,
    form: EvaluationForm,
    where: dict[str, str],
    fields: tuple[str, ...],
    *,
    stored: EntryValues,
    new: EntryValues,
    base: EntryValues,
) -> tuple[FieldConflict, ...]:
    """The conflicts of ``fields`` of the entry at ``where`` (round_id, project_id,
    department_id), each with who changed it last and when (its latest audit row)."""
    out = []
    for key in fields:
        last = rows(con, _LAST_CHANGE_SQL, {**where, "field": key})
        by, at = (str(last[0][0] or ""), time_from_text(last[0][1])) if last else ("", None)
        label = form.field(key).label
        out.append(FieldConflict(key, label, base.get(key), stored.get(key), new.get(key), by, at))
    return tuple(out)
