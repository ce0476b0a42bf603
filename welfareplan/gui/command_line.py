"""A master named on the window's command line — ``welfareplan FILE``, ``welfareplan URL``,
``welfareplan --startup-check FILE`` — read from the arguments and opened in the window: a
server's URL connects (:func:`welfareplan.gui.server_open.open_server`), anything else opens
as a file's path.

No PySide6 here (:func:`welfareplan.gui.app.main` reads the arguments before it loads), and
the server modules load only when a URL is named: a file's start-up never imports them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan.core.serverdb import is_server_url, master_location

if TYPE_CHECKING:
    from welfareplan.gui.main_window import MainWindow


def named_masters(argv: Sequence[str]) -> list[Path | str]:
    """What ``argv`` names (its arguments that are not options), each a server's URL as typed
    or a file's path (:func:`welfareplan.core.serverdb.master_location`)."""
    return [master_location(arg) for arg in argv if not arg.startswith("-")]


def open_named(window: MainWindow, location: Path | str, *, remember: bool = True) -> bool:
    """Open ``location`` in ``window``; whether it is shown. Why it is not is told in a box
    (a file's reason by :meth:`MainWindow.open_path`, a server's here); ``remember``: add a
    file to the recent files."""
    if is_server_url(str(location)):
        from welfareplan.gui.server_open import open_server

        reason = open_server(window, str(location))
        if reason:
            window.error(reason, "サーバーに接続できません")
        return not reason and window.view is not None
    return window.open_path(Path(location), remember=remember) and window.view is not None
