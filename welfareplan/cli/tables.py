"""Plain-text tables for the terminal, aligned for Japanese (full-width characters take two
columns), and times as the tables show them."""

from __future__ import annotations

import datetime as dt
import unicodedata


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, n: int) -> str:
    return text + " " * max(0, n - width(text))


def table(rows: list[list[str]]) -> str:
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )


def when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"
