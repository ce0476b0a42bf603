"""A viewer runs a writing command on a server master (issue 16, roles): the command gets the
master read-only, says why, refuses the write in Japanese and changes nothing; the same
command as division staff writes."""

from __future__ import annotations

import pytest

from tests.server.test_server_roles import RolesMaster, grant, roles_master, roles_template, run

__all__ = ["roles_master", "roles_template"]  # the fixtures, for pytest


@pytest.mark.parametrize(
    "command",
    [
        ("round", "{url}", "--new", "2025"),
        ("department", "add", "{url}", "新しい課"),
    ],
)
def test_a_viewers_writing_command_is_refused_and_changes_nothing(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    m = roles_master
    grant(capsys, m, m.viewer, "viewer")
    grant(capsys, m, m.staff, "staff")
    before = m.digests()
    code, out = run(capsys, *(a.format(url=m.url(m.viewer)) for a in command))
    assert code == 2, out
    assert (
        f"注意: ロール「{m.viewer}」にはこのマスターに書き込む権限がないため、読み取り専用で" in out
    )
    assert "読み取り専用で開いています。" in out and "書き込む権限がありません" in out
    assert "Traceback" not in out
    assert m.digests() == before

    code, out = run(capsys, *(a.format(url=m.url(m.staff)) for a in command))
    assert code == 0, out
    assert "読み取り専用" not in out
    assert m.digests() != before
