"""The content digest of a table's rows that is the same whichever database they were read
from (a ``.wpdb`` file or a PostgreSQL server): :mod:`welfareplan.core.mastercopy` checks a
copied master with it on both sides."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

#: One encoder for every digested row (``json.dumps`` with an option builds one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False)


@dataclass(frozen=True)
class TableDigest:
    rows: int
    sha256: str


def _canonical(value: Any) -> list[Any]:
    """A stored value of a kind no table uses today (a float, bytes), as JSON that is the same
    from either database (its kind and value); see :func:`_line`."""
    if value is None:
        return ["null"]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", value]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, bytes | memoryview):
        return ["bytes", bytes(value).hex()]
    return ["text", str(value)]


#: the Python types of the values stored today (text, integer and boolean columns)
_PLAIN_TYPES = frozenset({str, int, bool, type(None)})


def _line(row: tuple[Any, ...]) -> str:
    """A row as one line that is the same from either database: ``repr`` of its values when
    each is text, an integer, a boolean or None (``repr`` tells each kind apart: ``'1'``,
    ``1``, ``True``), else each value's kind and value as JSON."""
    if all(type(v) in _PLAIN_TYPES for v in row):
        return repr(row)
    return _ENCODER.encode([_canonical(v) for v in row])


def digest_rows(rows: list[tuple[Any, ...]]) -> TableDigest:
    """Rows and SHA-256 of one table's rows: each row as one canonical line, sorted (the order
    the database returns them in, and how each sorts text, does not matter)."""
    kinds: set[type] = set().union(*(map(type, column) for column in zip(*rows, strict=True)))
    lines = sorted(map(repr if kinds <= _PLAIN_TYPES else _line, rows))
    return TableDigest(len(lines), hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest())
