"""How the model's values are stored: as text a person can read in any SQLite browser.

Times and dates in the one format of :mod:`welfareplan.core.timestamps` (which the plain-SQL
reads and writes use too), JSON as UTF-8 text with sorted keys.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Dialect, String, Text, TypeDecorator

from welfareplan.core.timestamps import date_from_text, date_to_text, time_from_text, time_to_text


class IsoDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime stored as ISO-8601 text ('2026-05-31T09:30:00+09:00'): the
    format of :mod:`welfareplan.core.timestamps`, shared with every plain-SQL write."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> str | None:
        return time_to_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> dt.datetime | None:
        return time_from_text(value)


class IsoDate(TypeDecorator[dt.date]):
    """A date stored as ISO-8601 text ('2026-05-31')."""

    impl = String(10)
    cache_ok = True

    def process_bind_param(self, value: dt.date | None, dialect: Dialect) -> str | None:
        return date_to_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> dt.date | None:
        return date_from_text(value)


class JsonText(TypeDecorator[Any]):
    """A JSON value stored as UTF-8 text that stays readable in any SQLite browser."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)
