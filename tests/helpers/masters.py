"""Opening a master the tests name by location (a file or a server URL: the ``master_at``
fixture of tests/conftest.py) as a workflow service gets it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from welfareplan.core.storage import Workbook


@contextlib.contextmanager
def opened_master(location: str, *, read_only: bool = False) -> Iterator[Workbook]:
    """The master at ``location``: writable (a file through its lock file, like a command),
    or only to read."""
    from welfareplan.cli.master import open_master

    with open_master(location, command="test", writes=not read_only) as wb:
        yield wb


def content(location: str) -> dict[str, object]:
    """Every table of content of the master at ``location`` as rows and digest
    (:func:`welfareplan.core.mastercopy.content_digests`; a journal such as the refused returns
    is no content): "nothing changed" on either backend."""
    from welfareplan.core.mastercopy import content_digests, is_content

    with opened_master(location, read_only=True) as wb, wb.engine.connect() as conn:
        return dict(content_digests(conn, only=is_content))
