"""Times and dates as welfareplan files store them: ISO-8601 text.

A time is stored timezone-aware to the second (``'2026-05-31T09:30:00+09:00'``; a naive time is
taken as local), a date as ``'2026-05-31'``. This is the one format of every file: the ORM's
column types (:class:`welfareplan.core.columntypes.IsoDateTime`, ``IsoDate``), the plain-SQL reads
and writes that bypass the ORM (saving an entry, applying a merge, the status and work lists),
the department file's ``wp_meta`` (issue and submission times), the issuance record a MAC
covers and the journal of rejected returns. ``None`` stays ``None`` both ways.
"""

from __future__ import annotations

import datetime as dt
from typing import overload


@overload
def time_to_text(value: dt.datetime) -> str: ...
@overload
def time_to_text(value: None) -> None: ...
def time_to_text(value: dt.datetime | None) -> str | None:
    """``value`` as stored: ISO-8601 with its UTC offset, to the second."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.astimezone()
    return value.isoformat(timespec="seconds")


@overload
def time_from_text(text: str) -> dt.datetime: ...
@overload
def time_from_text(text: None) -> None: ...
def time_from_text(text: str | None) -> dt.datetime | None:
    """A stored time (raises ``ValueError`` for text that is not one)."""
    return None if text is None else dt.datetime.fromisoformat(text)


@overload
def date_to_text(value: dt.date) -> str: ...
@overload
def date_to_text(value: None) -> None: ...
def date_to_text(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


@overload
def date_from_text(text: str) -> dt.date: ...
@overload
def date_from_text(text: None) -> None: ...
def date_from_text(text: str | None) -> dt.date | None:
    """A stored date (raises ``ValueError`` for text that is not one)."""
    return None if text is None else dt.date.fromisoformat(text)
