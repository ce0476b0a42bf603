"""docs/server.md stays true: its SQL for the database and the roles, run as written on the
test cluster, gives the ``welfareplan server check`` output the page shows — and
``welfareplan server grant`` gives the same as the page's GRANT statements."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from welfareplan.cli.main import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "server.md"


def block_after(text: str, marker: str, lang: str = "") -> str:
    """The first fenced block after ``marker`` in the page."""
    rest = text[text.index(marker) :]
    found = re.search(rf"```{lang}\n(.*?)```", rest, re.DOTALL)
    assert found, marker
    return found.group(1)


def statements(block: str) -> list[str]:
    """The SQL statements of a block (psql's \\password lines and comments left out)."""
    lines = [
        line
        for line in block.splitlines()
        if line.strip() and not line.lstrip().startswith(("--", "\\"))
    ]
    return [s.strip() for s in " ".join(lines).split(";") if s.strip()]


def run_sql(port: int, user: str, database: str, sql: list[str]) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=port, user=user, dbname=database, autocommit=True
    ) as con:
        for statement in sql:
            con.execute(statement)  # type: ignore[arg-type]


def check_lines(capsys: pytest.CaptureFixture[str], url: str) -> list[str]:
    code = main(["server", "check", url])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    return out.splitlines()


def test_the_pages_setup_gives_the_pages_check(
    pg_cluster: object, demo_master: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from welfareplan.core.mastercopy import copy_master

    text = DOC.read_text(encoding="utf-8")
    port = pg_cluster.port  # type: ignore[attr-defined]
    setup = statements(block_after(text, "### 1. ロールとデータベースを作る", "sql"))
    assert any("CREATE DATABASE welfareplan_master" in s for s in setup)
    run_sql(port, "postgres", "postgres", setup)

    def url(user: str) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{port}/welfareplan_master"

    copy_master(demo_master, url("welfareplan_owner"))  # "ファイルのマスターをサーバーに移す"
    grants = statements(block_after(text, "`server grant` がすることは", "sql"))
    run_sql(port, "welfareplan_owner", "welfareplan_master", grants)

    shown = block_after(text, "### 4. 確かめる").strip()
    command = f"welfareplan server check {url('tanaka')}"
    assert shown.replace("127.0.0.1:" + str(port), "db01") == command.replace(
        f"127.0.0.1:{port}", "db01"
    )
    expected = block_after(text, "表示の例:").splitlines()
    assert expected[3] == "通信の暗号化: TLSv1.3（TLS）"
    got = check_lines(capsys, url("tanaka"))
    assert got[3].startswith("通信の暗号化: なし（")  # the test cluster speaks no TLS
    expected[3] = got[3]
    assert got[1:] == expected[1:]
    assert got[0] == expected[0].replace("@db01/", f"@127.0.0.1:{port}/")

    # the command does what the page's GRANTs do: switched away and back, the same check
    for kind in ("--viewer", "--staff"):
        assert main(["server", "grant", url("welfareplan_owner"), "welfareplan_staff", kind]) == 0
    capsys.readouterr()
    assert check_lines(capsys, url("tanaka"))[1:] == expected[1:]
    # and a viewer's check says what the page says it does
    viewer = check_lines(capsys, url("jimukyoku1"))
    assert "接続しているロール: jimukyoku1（閲覧用（読み取りのみ））" in viewer
