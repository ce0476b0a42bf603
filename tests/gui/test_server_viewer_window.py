"""The division window on a server master for a viewer's role (issue 16, roles): opened
read-only with the reason in the banner, the editor read-only, nothing written."""

from __future__ import annotations

from typing import Any

import pytest

from tests.gui.test_server_window import _on_entry, _stored, open_master_on_server
from tests.server.test_server_roles import new_role, run

__all__ = ["open_master_on_server"]  # the fixture, for pytest

pytestmark = pytest.mark.gui


def test_a_viewer_gets_the_window_read_only_and_is_told_why(  # type: ignore[no-untyped-def]
    window, qtbot, open_master_on_server: str, pg_cluster: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from welfareplan.core.serverdb import parse_server_url

    url = open_master_on_server
    viewer = new_role(pg_cluster, "viewer")
    code, out = run(capsys, "server", "grant", url, viewer, "--viewer")
    assert code == 0, out
    as_viewer = parse_server_url(url).set(username=viewer).render_as_string(hide_password=False)
    ev, item = _on_entry(window, qtbot, as_viewer, "1")
    assert window.document.read_only and ev.read_only
    banner = window.ui.bannerLabel
    assert (
        banner.isVisible()
        and f"ロール「{viewer}」にはこのマスターに書き込む権限がない" in banner.text()
    )
    assert ev.editor.text_edit("result").isReadOnly()
    before = _stored(url, item.entry_id, "result")
    assert not ev.save_current() or _stored(url, item.entry_id, "result") == before
    assert _stored(url, item.entry_id, "result") == before
