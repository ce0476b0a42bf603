"""Where this computer keeps what belongs *beside* a server master (issue 16): its ``.wpdb``
snapshots (backups). (Its refused returns are journaled in the master itself, for every user:
:mod:`welfareplan.workflow.returns.rejections`.)

A file master keeps them beside itself (``NAME.backups/``). A server master has no folder, so
each user keeps them in their own data folder (:func:`welfareplan.core.appdirs.data_dir`), one
folder per server master: ``servers/HOST_PORT_DATABASE/DATABASE.backups/``. The rest of the
code reaches both the same way, through :func:`master_home`: a path whose ``NAME.backups``
folder is that place (for a server master, a stand-in path that is never a file).
"""

from __future__ import annotations

import re
from pathlib import Path

from welfareplan.core.appdirs import data_dir
from welfareplan.core.storage import Workbook

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def server_home(host: str, port: int | None, database: str) -> Path:
    """The stand-in path of the server master ``database`` on ``host``:``port``."""
    place = _UNSAFE.sub("-", f"{host or 'local'}_{port or 5432}_{database}")
    return data_dir() / "servers" / place / f"{_UNSAFE.sub('-', database)}.wpdb"


def master_home(wb: Workbook) -> Path:
    """The master's own file, or a server master's stand-in path (see the module's text)."""
    url = getattr(wb, "url", None)
    if not wb.on_server or url is None:
        return wb.path
    return server_home(url.host or "", url.port, url.database or "")
