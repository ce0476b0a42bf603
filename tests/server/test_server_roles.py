"""The PostgreSQL roles of a master on a server (issue 16): division staff write, viewers only
read — set with ``welfareplan server grant`` by the master's owner, shown by ``server check``,
and checked whenever a master is opened to write (a viewer gets it read-only, with a note)."""

from __future__ import annotations

import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from welfareplan.cli.main import main
from welfareplan.core.errors import ReadOnlyError, WelfareplanError

#: A role name a careless GRANT built from text would break on (quotes, spaces, a statement).
ODD_NAME = 'Staff "A"; DROP TABLE entry; --'


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


def new_role(cluster: object, prefix: str, *, login: bool = True) -> str:
    """A new role on the test cluster (roles belong to the cluster: a fresh name each time)."""
    from psycopg import sql

    name = f"{prefix}_{uuid.uuid4().hex[:6]}"
    statement = sql.SQL("CREATE ROLE {} " + ("LOGIN" if login else "NOLOGIN")).format(
        sql.Identifier(name)
    )
    superuser_sql(cluster, statement)
    return name


def superuser_sql(cluster: object, statement: object, database: str = "postgres") -> None:
    import psycopg

    port = cluster.port  # type: ignore[attr-defined]
    with psycopg.connect(
        host="127.0.0.1", port=port, user="postgres", dbname=database, autocommit=True
    ) as con:
        con.execute(statement)  # type: ignore[arg-type]


@dataclass(frozen=True)
class RolesMaster:
    """A master in its own database, made and owned by a login role that is not a superuser
    (as docs/server.md sets it up), and roles to give it to."""

    cluster: object
    database: str
    owner: str
    staff: str
    viewer: str

    def url(self, role: str) -> str:
        user = urllib.parse.quote(role, safe="")
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.cluster.port}/{self.database}"  # type: ignore[attr-defined]

    def digests(self) -> object:
        from welfareplan.core.mastercopy import content_digests
        from welfareplan.core.serverdb import connected, parse_server_url

        with connected(parse_server_url(self.url("postgres"))) as engine, engine.connect() as c:
            return content_digests(c)


@pytest.fixture(scope="module")
def roles_template(pg_cluster: object, demo_master: Path) -> tuple[str, str]:
    """A database holding the demo master, made by its owner role; (database, owner)."""
    from welfareplan.core.mastercopy import copy_master

    owner = new_role(pg_cluster, "owner")
    name = f"tpl_{uuid.uuid4().hex[:10]}"
    superuser_sql(pg_cluster, f'CREATE DATABASE "{name}" OWNER "{owner}"')
    port = pg_cluster.port  # type: ignore[attr-defined]
    copy_master(demo_master, f"postgresql+psycopg://{owner}@127.0.0.1:{port}/{name}")
    return name, owner


@pytest.fixture
def roles_master(pg_cluster: object, roles_template: tuple[str, str]) -> Iterator[RolesMaster]:
    template, owner = roles_template
    database = f"t_{uuid.uuid4().hex[:12]}"
    superuser_sql(pg_cluster, f'CREATE DATABASE "{database}" TEMPLATE "{template}" OWNER "{owner}"')
    yield RolesMaster(
        pg_cluster, database, owner, new_role(pg_cluster, "staff"), new_role(pg_cluster, "viewer")
    )


def grant(capsys: pytest.CaptureFixture[str], m: RolesMaster, role: str, kind: str) -> str:
    code, out = run(capsys, "server", "grant", m.url(m.owner), role, f"--{kind}")
    assert code == 0, out
    return out


def test_staff_write_and_a_viewer_gets_the_master_read_only(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers.masters import opened_master
    from welfareplan.core.plainsql import execute

    m = roles_master
    assert "課の職員（読み書き）にしました" in grant(capsys, m, m.staff, "staff")
    assert "閲覧用（読み取りのみ）にしました" in grant(capsys, m, m.viewer, "viewer")

    with opened_master(m.url(m.staff)) as wb:
        assert not wb.read_only and wb.note == ""
        with wb.writer() as con:
            execute(con, "INSERT INTO wp_meta (key, value) VALUES ('by_staff', '1')")
        assert wb.meta()["by_staff"] == "1"
    assert "読み取り専用" not in capsys.readouterr().err

    before = m.digests()
    with opened_master(m.url(m.viewer)) as wb:
        assert wb.read_only
        assert f"ロール「{m.viewer}」にはこのマスターに書き込む権限がない" in wb.note
        refusal = "読み取り専用で開いています。ロール「"
        with pytest.raises(ReadOnlyError, match=refusal) as refused, wb.writer() as con:
            execute(con, "INSERT INTO wp_meta (key, value) VALUES ('by_viewer', '1')")
        assert "書き込む権限がありません" in refused.value.message
        with pytest.raises(ReadOnlyError), wb.transaction():
            pass
        assert "by_viewer" not in wb.meta()  # reading works
    assert "注意: ロール" in capsys.readouterr().err  # the command line tells the user
    assert m.digests() == before


def test_the_database_refuses_a_viewer_even_past_the_app(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str]
) -> None:
    """The roles are the server's own privileges, not just what welfareplan checks."""
    from sqlalchemy.exc import ProgrammingError

    from welfareplan.core.serverdb import connected, parse_server_url

    m = roles_master
    grant(capsys, m, m.viewer, "viewer")
    with connected(parse_server_url(m.url(m.viewer))) as engine:
        with pytest.raises(ProgrammingError, match="permission denied"), engine.begin() as c:
            c.exec_driver_sql("DELETE FROM entry")
        with pytest.raises(ProgrammingError, match="permission denied"), engine.begin() as c:
            c.exec_driver_sql("SELECT secret FROM issue_secret")


def test_check_shows_who_i_am_and_every_role(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str]
) -> None:
    m = roles_master
    grant(capsys, m, m.staff, "staff")
    grant(capsys, m, m.viewer, "viewer")
    for role, mine, writing in (
        (m.owner, "所有者（すべての権限）", "できます"),
        (m.staff, "課の職員（読み書き）", "できます"),
        (m.viewer, "閲覧用（読み取りのみ）", "できません（welfareplan はマスターを読み取り専用"),
    ):
        code, out = run(capsys, "server", "check", m.url(role))
        assert code == 0, out
        assert f"接続しているロール: {role}（{mine}）" in out
        assert f"このロールでの書き込み: {writing}" in out
        listed = out.split("このマスターに権限のあるロール:\n", 1)[1].splitlines()
        lines = {line.split()[0]: line for line in listed}
        assert "所有者" in lines[m.owner]
        assert "課の職員（読み書き） — 合っています" in lines[m.staff]
        assert "閲覧用（読み取りのみ） — 合っています" in lines[m.viewer]
        assert "注意: PUBLIC" not in out


def test_check_names_a_role_that_fits_neither_and_grants_to_public(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str]
) -> None:
    m = roles_master
    odd = new_role(m.cluster, "odd")
    superuser_sql(m.cluster, f'GRANT SELECT, UPDATE ON entry TO "{odd}"', m.database)
    superuser_sql(m.cluster, "GRANT SELECT ON plan TO PUBLIC", m.database)
    code, out = run(capsys, "server", "check", m.url(m.owner))
    assert code == 0, out
    line = next(x for x in out.splitlines() if x.strip().startswith(odd))
    assert "どちらとも合いません" in line and "書き込める表があります（entry）" in line
    assert "welfareplan server grant で設定し直してください" in line
    assert "注意: PUBLIC（すべてのロール）に権限が与えられています（plan）" in out

    # granting puts it right: exactly the viewer's privileges
    grant(capsys, m, odd, "viewer")
    code, out = run(capsys, "server", "check", m.url(m.owner))
    line = next(x for x in out.splitlines() if x.strip().startswith(odd))
    assert "閲覧用（読み取りのみ） — 合っています" in line


def test_staff_through_a_group_and_switching_staff_to_viewer(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers.masters import opened_master

    m = roles_master
    group = new_role(m.cluster, "wp_staff", login=False)
    out = grant(capsys, m, group, "staff")
    assert "ログインできないグループです" in out
    superuser_sql(m.cluster, f'GRANT "{group}" TO "{m.staff}"')
    code, out = run(capsys, "server", "check", m.url(m.staff))
    assert f"接続しているロール: {m.staff}（課の職員（読み書き））" in out
    assert f"グループ {group} の一員" in out
    with opened_master(m.url(m.staff)) as wb:
        assert not wb.read_only

    # a viewer cannot be made of a member of the staff group: said, and nothing changed
    code, out = run(capsys, "server", "grant", m.url(m.owner), m.staff, "--viewer")
    assert code == 2
    assert f"ロール「{m.staff}」を閲覧用（読み取りのみ）にできません" in out
    assert f"所属するグループ: {group}" in out and "何も変更していません" in out
    with opened_master(m.url(m.staff)) as wb:
        assert not wb.read_only

    # the group itself switched to viewer: its members can no longer write
    grant(capsys, m, group, "viewer")
    with opened_master(m.url(m.staff)) as wb:
        assert wb.read_only and "閲覧用" in wb.note


def test_a_role_name_is_never_sql(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers.masters import opened_master
    from welfareplan.core.plainsql import execute, rows

    m = roles_master
    from psycopg import sql

    superuser_sql(m.cluster, sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(ODD_NAME)))
    try:
        out = grant(capsys, m, ODD_NAME, "staff")
        assert f"ロール「{ODD_NAME}」を課の職員（読み書き）にしました" in out
        with opened_master(m.url(ODD_NAME)) as wb:
            assert not wb.read_only
            with wb.writer() as con:
                execute(con, "INSERT INTO wp_meta (key, value) VALUES ('odd', '1')")
            with wb.reader() as con:
                assert rows(con, "SELECT count(*) FROM entry")[0][0] > 0  # still there
        code, out = run(capsys, "server", "check", m.url(ODD_NAME))
        assert code == 0
        assert f"接続しているロール: {ODD_NAME}（課の職員（読み書き））" in out
    finally:
        superuser_sql(
            m.cluster, sql.SQL("DROP OWNED BY {}").format(sql.Identifier(ODD_NAME)), m.database
        )
        superuser_sql(m.cluster, sql.SQL("DROP ROLE {}").format(sql.Identifier(ODD_NAME)))


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("missing", "ロール「{missing}」はサーバーにありません"),
        ("upper", "ロール「{upper}」はサーバーにありません（「{staff}」のことですか"),
        ("owner", "マスターの所有者で、権限の確認を受けずに"),
        ("postgres", "スーパーユーザーで、権限の確認を受けずに"),
    ],
)
def test_grant_refuses_what_it_cannot_do_and_changes_nothing(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str], who: str, message: str
) -> None:
    m = roles_master
    names = {
        "missing": "nobody_here",
        "upper": m.staff.upper(),
        "owner": m.owner,
        "postgres": "postgres",
        "staff": m.staff,
    }
    before = m.digests()
    code, out = run(capsys, "server", "grant", m.url(m.owner), names[who], "--staff")
    assert code == 2
    assert message.format(**names) in out
    assert "Traceback" not in out
    code, out = run(capsys, "server", "check", m.url(m.owner))
    assert m.staff not in out  # nothing was granted to anyone
    assert m.digests() == before


def test_only_the_owner_grants(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str]
) -> None:
    m = roles_master
    grant(capsys, m, m.staff, "staff")
    code, out = run(capsys, "server", "grant", m.url(m.staff), m.viewer, "--staff")
    assert code == 2
    assert f"いまのロール「{m.staff}」は所有者ではありません" in out
    code, out = run(capsys, "server", "check", m.url(m.owner))
    assert m.viewer not in out


def test_a_role_without_privileges_cannot_open_the_master(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers.masters import opened_master

    m = roles_master
    for read_only in (True, False):
        refusal = f"ロール「{m.viewer}」では.*開けません"
        with (
            pytest.raises(WelfareplanError, match=refusal) as e,
            opened_master(m.url(m.viewer), read_only=read_only),
        ):
            pass
        assert e.value.code == "no-privilege"
        assert "server grant" in e.value.message
    code, out = run(capsys, "status", m.url(m.viewer), "--year", "2024")
    assert code == 2 and "開けません" in out
    code, out = run(capsys, "server", "check", m.url(m.viewer))
    assert code == 0
    assert "このロールでの書き込み: できません。読むこともできません" in out


def test_a_viewer_cannot_copy_the_whole_master(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A copy holds the signing secret a viewer may not read: refused in Japanese, no file."""
    m = roles_master
    grant(capsys, m, m.viewer, "viewer")
    grant(capsys, m, m.staff, "staff")
    code, out = run(capsys, "master", "copy", m.url(m.viewer), tmp_path / "v.wpdb")
    assert code == 2, out
    assert f"ロール「{m.viewer}」では" in out and "マスター全体を写せません" in out
    assert "配布の署名の鍵（issue_secret）を読めません" in out
    assert not (tmp_path / "v.wpdb").exists()
    code, out = run(capsys, "master", "copy", m.url(m.staff), tmp_path / "s.wpdb")
    assert code == 0, out


def test_check_and_grant_on_a_database_without_a_master(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (("check", pg_url), ("grant", pg_url, "postgres", "--viewer")):
        code, out = run(capsys, "server", *args)
        assert code == 2
        assert "には welfareplan のマスターがありません" in out


def test_staff_take_and_restore_a_backup_and_a_viewer_is_told_why_not(
    roles_master: RolesMaster,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A snapshot reads every table and a restore replaces every row (sequences set again):
    the staff role's privileges are enough; a viewer's are not, and it is said."""
    import re

    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path / "home"))
    m = roles_master
    grant(capsys, m, m.staff, "staff")
    grant(capsys, m, m.viewer, "viewer")
    before = m.digests()
    code, out = run(capsys, "backups", m.url(m.viewer), "--now")
    assert code == 2, out
    assert "Traceback" not in out and "予期しないエラー" not in out
    assert f"ロール「{m.viewer}」では" in out and "マスター全体を写せません" in out
    assert "配布の署名の鍵（issue_secret）を読めません" in out
    assert not list((tmp_path / "home").rglob("*.wpdb"))  # no snapshot left
    assert m.digests() == before

    code, out = run(capsys, "backups", m.url(m.staff), "--now")
    assert code == 0, out
    (name,) = re.findall(r"「([^」]+\.now\.wpdb)」", out)
    from tests.helpers.masters import opened_master
    from welfareplan.core.plainsql import execute

    with opened_master(m.url(m.staff)) as wb, wb.writer() as con:  # a change after the backup
        execute(con, "UPDATE entry_value SET value = 'あとの変更' WHERE field = 'result'")
    assert m.digests() != before
    code, out = run(capsys, "backups", m.url(m.staff), "--restore", name)
    assert code == 0, out
    after = m.digests()
    assert {t: d for t, d in after.items() if t != "audit_event"} == {  # type: ignore[attr-defined]
        t: d
        for t, d in before.items()  # type: ignore[attr-defined]
        if t != "audit_event"
    }
