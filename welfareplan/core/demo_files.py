"""The built-in demo as files the user can open: a master workbook in the user's profile."""

from __future__ import annotations

from pathlib import Path

from welfareplan.core.appdirs import data_dir
from welfareplan.core.shipped import create_demo_workbook

DEMO_WORKBOOK_NAME = "デモ_地域福祉計画_マスター.wpdb"


def demo_folder() -> Path:
    folder = data_dir() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ensure_demo_workbook(*, fresh: bool = False) -> Path:
    """The demo master workbook (FY2024 published), created on first use."""
    path = demo_folder() / DEMO_WORKBOOK_NAME
    if fresh or not path.exists():
        create_demo_workbook(path, overwrite=True)
    return path
