"""Who is at the keyboard, and when: the OS user, the computer and the time, for audit records,
saves and lock files."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import socket


def os_user() -> str:
    """The logged-in user's name (the Windows user on department PCs)."""
    try:
        return getpass.getuser()
    except Exception:  # getuser raises OSError/KeyError when no name is configured
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"


def host_name() -> str:
    """The computer's name; never touches the network."""
    name = os.environ.get("COMPUTERNAME")
    if name:
        return name
    try:
        return socket.gethostname()
    except OSError:
        return "unknown"


def now() -> dt.datetime:
    """The current time, timezone-aware, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0)
