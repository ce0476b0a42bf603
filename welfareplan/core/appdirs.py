"""Where welfareplan keeps its own files: settings, working copies, logs.

Always inside the user's profile (``%APPDATA%``/``%LOCALAPPDATA%`` on Windows via
platformdirs), never in the program folder or the registry. ``WELFAREPLAN_HOME`` moves all of
it under one folder (portable use and tests).
"""

from __future__ import annotations

import os
from pathlib import Path

from welfareplan import APP_NAME


def _home_override() -> Path | None:
    value = os.environ.get("WELFAREPLAN_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    home = _home_override()
    if home:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=True))


def data_dir() -> Path:
    home = _home_override()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = _home_override()
    if home:
        return home / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def working_dir() -> Path:
    """Local working copies of files opened from shared folders."""
    return data_dir() / "working"
