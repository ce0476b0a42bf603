"""TLS options in a server's URL (docs/server.md, 「TLS」): libpq's ``sslmode`` reaches the
connection, and a server whose certificate cannot be checked is refused with a message."""

from __future__ import annotations

import pytest

from welfareplan.cli.main import main


def test_verify_full_refuses_a_server_it_cannot_check(
    demo_on_server: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGSSLMODE", raising=False)
    # the test cluster speaks no TLS: with verify-full nothing is sent to it
    code = main(["server", "check", demo_on_server + "?sslmode=verify-full"])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert "に接続できません（" in err and "Traceback" not in err
    assert "SSL" in err or "root certificate" in err

    # the option is passed on as written: without TLS the same server answers
    code = main(["server", "check", demo_on_server + "?sslmode=disable"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "接続しているロール: postgres（所有者（すべての権限））" in out
