"""What the workflow commands' arguments become: a fiscal year and a date in any of the
accepted spellings (argparse types with the Japanese message of the parser). The master
workbook itself is opened by :mod:`welfareplan.cli.master` (as a writer, under its lock, or
read-only)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.serverdb import is_server_url
from welfareplan.core.wareki import parse_date, parse_fiscal_year, parse_month


def fiscal_year(text: str) -> int:
    """argparse type: a fiscal year ('2025', 'R7', '令和7年度')."""
    try:
        return parse_fiscal_year(text)
    except WelfareplanError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def a_date(text: str) -> dt.date:
    """argparse type: a date ('2026-05-31', '令和8年5月31日')."""
    try:
        return parse_date(text)
    except WelfareplanError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def a_month(text: str) -> dt.date:
    """argparse type: a month ('2026-03', '令和8年3月'), as its first day."""
    try:
        return parse_month(text)
    except WelfareplanError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def file_master(text: str) -> Path:
    """argparse type: a master file of a command that does not take a server's master yet."""
    if is_server_url(text):
        raise argparse.ArgumentTypeError(
            "サーバーのマスターには、このコマンドはまだ対応していません"
            "（welfareplan master copy でファイルに写してから行ってください）"
        )
    return Path(text)
