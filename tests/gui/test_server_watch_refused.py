"""The dashboard's watch on a master on a server notices a refused return (issue 16): it
writes no audit row (it changes no content), yet every other user's dashboard must show the
department as 却下（再送待ち）."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.masters import opened_master
from tests.workflow import test_rejections_shared as shared
from tests.workflow.test_rejections_shared import DEPT, Issued, forged

#: staff A's master with FY2025 open and two department files issued
issued = shared.issued


@pytest.mark.parametrize("master_at", ["server"], indirect=True)
def test_a_refused_return_is_a_change_the_watch_sees(issued: Issued, tmp_path: Path) -> None:
    from welfareplan.gui.server_watch import latest_change

    with opened_master(issued.master, read_only=True) as wb:
        before = latest_change(wb)
        issued.merge(forged(issued.files[DEPT], tmp_path))
        assert latest_change(wb) != before
