"""The division window on a master on a PostgreSQL server (issue 16), driven like a user:
「サーバーに接続…」 with a saved profile (never a password), the failures said in Japanese with
nothing changed, the window on the server master (no lock file, no working copy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.gui.conftest import click_button, new_window, type_text
from welfareplan.core.serverdb import describe, parse_server_url
from welfareplan.core.settings import Settings
from welfareplan.gui.server_dialog import ServerDialog
from welfareplan.gui.server_open import open_server


def _fill(dialog: QWidget, qtbot, url: str, *, name: str = "本番", database: str = "") -> None:  # type: ignore[no-untyped-def]
    """Type a new profile for ``url`` into the dialog, field after field with Tab."""
    assert isinstance(dialog, ServerDialog)
    u = parse_server_url(url)
    click_button(dialog, "新しい接続先(N)")
    assert dialog.name.hasFocus()
    type_text(qtbot, dialog.name, name)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    assert dialog.host.hasFocus()
    qtbot.keyClicks(dialog.host, str(u.host))
    qtbot.keyClick(dialog.host, Qt.Key.Key_Tab)
    assert dialog.port.hasFocus()
    dialog.port.setValue(int(u.port or 5432))
    qtbot.keyClick(dialog.port, Qt.Key.Key_Tab)
    assert dialog.database.hasFocus()
    qtbot.keyClicks(dialog.database, database or str(u.database))
    qtbot.keyClick(dialog.database, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.user, str(u.username))


def safely(action):  # type: ignore[no-untyped-def]
    """``action`` on the dialog; a failure closes the dialog (the test then fails, never hangs)."""

    def run(dialog: QWidget) -> None:
        try:
            action(dialog)
        except BaseException:
            dialog.reject()  # type: ignore[attr-defined]
            raise

    return run


def _shown_dialog(window, qtbot) -> ServerDialog:  # type: ignore[no-untyped-def]
    """The dialog of ファイル › サーバーに接続…, shown (not modal: the test types into it)."""
    dialog = ServerDialog(window.settings, lambda url: open_server(window, url), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _settings_text(home: Path) -> str:
    assert home in Settings.path().parents
    return Settings.path().read_text(encoding="utf-8")


def test_connect_through_the_dialog_and_reuse_the_profile(  # type: ignore[no-untyped-def]
    window, qtbot, answer, demo_on_server: str, home: Path
) -> None:
    dialog = _shown_dialog(window, qtbot)
    _fill(dialog, qtbot, demo_on_server)
    dialog.grab().save("/tmp/h16g-connect-dialog.png")
    qtbot.keyClick(dialog.user, Qt.Key.Key_Return)  # the default button: 接続
    assert not dialog.error_label.text()
    assert dialog.result() == ServerDialog.DialogCode.Accepted
    shown = describe(parse_server_url(demo_on_server))
    assert window.windowTitle().startswith(shown)
    assert "地域福祉課（マスターワークブック）" in window.windowTitle()
    doc = window.document
    assert doc.server == shown and doc.working_copy is None and not doc.read_only
    assert doc.watch is not None
    window.grab().save("/tmp/h16g-division-on-server.png")

    # the profile is kept, never a password (there is none to keep: loopback is trusted)
    saved = json.loads(_settings_text(home))["server_profiles"]
    assert [p["name"] for p in saved] == ["本番"]
    assert "password" not in _settings_text(home).lower()
    assert set(saved[0]) == {"name", "host", "port", "database", "user", "sslmode", "sslrootcert"}

    # closed and connected again from the saved profile: chosen, 接続
    assert window.close_document()

    def reuse(dialog: QWidget) -> None:
        assert isinstance(dialog, ServerDialog)
        assert dialog.profiles.count() == 1 and dialog.profiles.currentRow() == 0
        assert dialog.database.text() == parse_server_url(demo_on_server).database
        click_button(dialog, "接続(C)")

    answer(safely(reuse))
    window.welcome.ui.serverButton.click()
    assert window.document is not None and window.document.server == shown


def test_a_wrong_database_is_said_and_changes_nothing(  # type: ignore[no-untyped-def]
    window, qtbot, answer, demo_on_server: str, demo_copy: Path, home: Path
) -> None:
    assert window.open_path(demo_copy)
    before = window.document
    settings_before = _settings_text(home)
    messages: list[str] = []
    dialog = _shown_dialog(window, qtbot)
    _fill(dialog, qtbot, demo_on_server, database="no_such_database")
    click_button(dialog, "接続(C)")
    assert dialog.isVisible()  # still open, the fields as typed
    messages.append(dialog.error_label.text())
    dialog.database.setText("postgres")  # a database that is not a master of ours
    click_button(dialog, "接続(C)")
    messages.append(dialog.error_label.text())
    dialog.host.clear()  # an incomplete profile never reaches the server
    click_button(dialog, "接続(C)")
    messages.append(dialog.error_label.text())
    dialog.grab().save("/tmp/h16g-connect-failed.png")
    click_button(dialog, "キャンセル")
    assert not dialog.isVisible()
    assert "接続できません" in messages[0] and "no_such_database" in messages[0]
    assert "welfareplan のマスターではない" in messages[1] or "空です" in messages[1]
    assert messages[2] == "ホストを入力してください。"
    assert window.document is before  # the file still open, as it was
    assert _settings_text(home) == settings_before  # no profile saved


def test_profiles_never_hold_a_password_or_an_odd_tls_mode() -> None:
    from welfareplan.core.errors import DataError
    from welfareplan.core.serverprofiles import ServerProfile, load_profiles, store_profile

    p = ServerProfile(
        name="庁内",
        host="db01.city.local",
        database="wp",
        user="staff",
        sslmode="verify-full",
        sslrootcert="/etc/ssl/city-root.crt",
    )
    url = p.url()
    assert url.startswith("postgresql+psycopg://staff@db01.city.local:5432/wp?")
    assert "sslmode=verify-full" in url and "sslrootcert=" in url
    saved = store_profile([{"name": "x", "password": "secret"}], p)
    assert all("password" not in s for s in saved)
    assert [q.name for q in load_profiles(list(saved))] == ["庁内", "x"]
    odd = ServerProfile(name="a", host="h", database="d", user="u", sslrootcert="/c.crt")
    with pytest.raises(DataError, match="verify-ca"):
        odd.url()
    with pytest.raises(DataError, match="パスワードを書かないで"):
        parse_server_url("postgresql://u@h/d?password=x")
    with pytest.raises(DataError, match="sslmode「maybe」"):
        parse_server_url("postgresql://u@h/d?sslmode=maybe")


def test_the_settings_file_keeps_profiles_and_drops_hand_edits(home: Path) -> None:
    settings = Settings()
    settings.server_profiles = [
        {"name": "本番", "host": "h", "port": "5432", "database": "d", "user": "u"},
        {"name": "", "host": "h"},
    ]
    settings.save()
    from welfareplan.core.serverprofiles import load_profiles

    loaded = load_profiles(list(Settings.load().server_profiles))
    assert [p.name for p in loaded] == ["本番"]
    assert home in Settings.path().parents


# ---------------------------------------------------------------------- two staff at once


@pytest.fixture
def open_master_on_server(pg_cluster, demo_master: Path, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """A master with FY2025 open (tests/gui/workbench.py:make_master), copied to a new
    database on the test server; its URL."""
    from tests.gui.workbench import make_master
    from welfareplan.core.mastercopy import copy_master

    url = str(pg_cluster.url(pg_cluster.new_database()))
    copy_master(make_master(demo_master, tmp_path), url)
    return url


def _on_entry(window, qtbot, url: str, number: str):  # type: ignore[no-untyped-def]
    """``window`` connected to ``url``, on 記入内容 at (the first entry of) project ``number``."""
    from welfareplan.gui.division.view import TAB_ENTRIES

    assert open_server(window, url) == ""
    view = window.view
    view.ui.tabs.setCurrentIndex(TAB_ENTRIES)
    ev = view.entry_view()
    item = next(i for i in ev.worklist.items if i.label == number)
    ev.select_entry(item.entry_id)
    return ev, item


def _stored(url: str, entry_id: str, field: str) -> str:
    from tests.helpers.masters import opened_master
    from welfareplan.core.plainsql import rows

    with opened_master(url, read_only=True) as wb, wb.reader() as con:
        found = rows(
            con,
            "SELECT value FROM entry_value WHERE entry_id = :e AND field = :f",
            {"e": entry_id, "f": field},
        )
    return str(found[0][0]) if found else ""


def test_two_windows_on_one_server_master(  # type: ignore[no-untyped-def]
    window, qtbot, answer, open_master_on_server: str, monkeypatch
) -> None:
    from welfareplan.gui import server_watch
    from welfareplan.gui.server_open import CHANGES_SHOWN

    monkeypatch.setattr(server_watch, "POLL_MS", 200)
    url = open_master_on_server
    other = new_window(qtbot)
    a, item = _on_entry(window, qtbot, url, "1")
    b, _ = _on_entry(other, qtbot, url, "1")
    assert window.document.working_copy is None and other.document.working_copy is None

    # A writes; B shows it by itself (the watch), keeping the entry selected
    edit_a = a.editor.text_edit("result")
    edit_a.setFocus()
    type_text(qtbot, edit_a, "Aが書いた実績")
    assert a.save_current()
    assert _stored(url, item.entry_id, "result") == "Aが書いた実績"
    qtbot.waitUntil(
        lambda: b.editor.text_edit("result").toPlainText() == "Aが書いた実績", timeout=10000
    )
    assert b.current_id == item.entry_id
    assert other.statusBar().currentMessage() == CHANGES_SHOWN
    other.grab().save("/tmp/h16g-two-windows-b.png")

    # both change the same field: A saves first, B's save meets it
    edit_a.selectAll()
    type_text(qtbot, edit_a, "Aの二度目")
    edit_b = b.editor.text_edit("result")
    edit_b.setFocus()
    edit_b.selectAll()
    type_text(qtbot, edit_b, "Bの書いた内容")
    assert a.save_current()
    shown: list[str] = []

    def later(dialog: QWidget) -> None:
        shown.append(dialog.text.toPlainText())  # type: ignore[attr-defined]
        dialog.grab().save("/tmp/h16g-edit-conflict.png")
        click_button(dialog, "あとで決める")

    answer(later)
    assert not b.save_current()
    assert "Aの二度目" in shown[0] and "Bの書いた内容" in shown[0]
    assert edit_b.toPlainText() == "Bの書いた内容"  # B's text stays, not written
    assert _stored(url, item.entry_id, "result") == "Aの二度目"
    assert "他の職員の変更と重なって" in b.last_save_error

    # B's own text stays through the watch's refreshes while undecided
    qtbot.wait(600)
    assert edit_b.toPlainText() == "Bの書いた内容"

    # saving again asks again; B overwrites with its text
    answer(lambda dialog: click_button(dialog, "自分の内容で上書き(O)"))
    assert b.save_current()
    assert _stored(url, item.entry_id, "result") == "Bの書いた内容"
    assert not b.last_save_error
    qtbot.waitUntil(lambda: edit_a.toPlainText() == "Bの書いた内容", timeout=10000)
    other.close()


def test_every_tab_reads_the_server_master(  # type: ignore[no-untyped-def]
    window, qtbot, open_master_on_server: str, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from welfareplan.core.storage import Workbook

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(str(a[2])))
    assert open_server(window, open_master_on_server) == ""
    view = window.view
    for index in range(view.ui.tabs.count()):
        view.ui.tabs.setCurrentIndex(index)
        qtbot.wait(50)
    assert warned == []
    assert not window.ui.bannerLabel.isVisible() or not window.ui.bannerLabel.text()
    # 名前を付けて保存: a .wpdb copy of the server master, checked
    copy = tmp_path / "写し.wpdb"
    window.document.save_as(copy)
    with Workbook.open(copy, read_only=True) as wb:
        assert wb.kind.value == "workbook"


def test_the_dashboard_shows_others_changes_keeping_the_selection(  # type: ignore[no-untyped-def]
    window, qtbot, open_master_on_server: str, monkeypatch
) -> None:
    from tests.helpers.masters import opened_master
    from welfareplan.core.checks import EntryValues
    from welfareplan.core.editing import save_entry
    from welfareplan.core.worklist import load_worklist
    from welfareplan.gui import server_watch
    from welfareplan.gui.server_open import CHANGES_SHOWN

    monkeypatch.setattr(server_watch, "POLL_MS", 200)
    url = open_master_on_server
    assert open_server(window, url) == ""
    dash = window.view.tab(0)
    table = dash.ui.statusTable
    row = next(r for r in range(dash.proxy.rowCount()) if dash.proxy.index(r, 0).data() == "健康課")
    table.setCurrentIndex(dash.proxy.index(row, 2))
    chart_before = dash._shown

    # another member of staff rates an entry of 健康課 (its audit row tells the watch)
    with opened_master(url) as wb:
        item = next(i for i in load_worklist(wb).items if "健康課" in i.department_label)
        values = dict(item.values.items())
        values[item.form.rating_key] = "A"
        save_entry(wb, item.entry_id, EntryValues(values), user="別の職員")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == CHANGES_SHOWN, timeout=10000)
    assert dash._shown != chart_before
    assert table.currentIndex().data() is not None
    assert dash.proxy.index(table.currentIndex().row(), 0).data() == "健康課"
    assert table.currentIndex().column() == 2


@pytest.fixture
def password_user(pg_cluster, open_master_on_server: str, tmp_path: Path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """The URL of the master for a role that must log in with a password (scram-sha-256 on
    loopback for that role only), with neither PGPASSWORD nor a pgpass file to find it."""
    import uuid

    role = f"wp_pw_{uuid.uuid4().hex[:8]}"
    database = parse_server_url(open_master_on_server).database
    pg_cluster.sql(f"CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'")
    pg_cluster.sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}", database)
    hba = pg_cluster.data_dir / "pg_hba.conf"
    hba.write_text(f"host all {role} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
    pg_cluster.sql("SELECT pg_reload_conf()")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    return open_master_on_server.replace("://postgres@", f"://{role}@")


def test_the_password_is_asked_hidden_and_kept_in_memory_only(  # type: ignore[no-untyped-def]
    window, qtbot, answer, password_user: str, home: Path
) -> None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    role = parse_server_url(password_user).username

    def type_password(text: str):  # type: ignore[no-untyped-def]
        def run(dialog: QWidget) -> None:
            assert isinstance(dialog, QInputDialog)
            edit = dialog.findChild(QLineEdit)
            assert edit.echoMode() == QLineEdit.EchoMode.Password  # hidden
            qtbot.keyClicks(edit, text)
            qtbot.keyClick(edit, Qt.Key.Key_Return)

        return run

    answer(type_password("wrong"))
    reason = open_server(window, password_user)
    assert "ログインできません" in reason and window.document is None

    answer(type_password(f"pw-{role}"))
    assert open_server(window, password_user) == ""
    assert window.document.server
    # asked once per process: connecting again does not ask
    assert window.close_document()
    assert open_server(window, password_user) == ""
    assert f"pw-{role}" not in Settings.path().read_text(encoding="utf-8")


def test_the_watch_says_when_the_server_cannot_be_asked(  # type: ignore[no-untyped-def]
    qtbot, demo_copy: Path, monkeypatch
) -> None:
    """The watch asks in the background; a server that does not answer is said (Japanese),
    and said no more once it answers again; a change is signalled once."""
    from welfareplan.core.storage import Workbook
    from welfareplan.gui.server_watch import ServerWatch

    with Workbook.open(demo_copy) as wb:
        watch = ServerWatch(wb)
        watch.timer.stop()  # polled by hand here
        troubles: list[str] = []
        changes: list[int] = []
        watch.trouble.connect(troubles.append)
        watch.changed.connect(lambda: changes.append(1))

        def down() -> object:
            raise OSError("connection refused")

        monkeypatch.setattr(wb, "reader", down)
        watch.poll()
        qtbot.waitUntil(lambda: bool(troubles), timeout=5000)
        assert "変更を確かめられません（connection refused）" in troubles[0]
        monkeypatch.undo()
        watch.poll()
        qtbot.waitUntil(lambda: len(troubles) == 2, timeout=5000)
        assert troubles[1] == "" and changes == []
        watch.seen -= 1  # as if another user changed something since
        watch.poll()
        qtbot.waitUntil(lambda: changes == [1], timeout=5000)
        watch.stop()


def test_unreachable_and_newer_masters_are_said_and_change_nothing(  # type: ignore[no-untyped-def]
    window, pg_cluster, demo_master: Path, demo_copy: Path
) -> None:
    from tests.helpers.pgcluster import free_port
    from welfareplan.core.mastercopy import copy_master

    assert window.open_path(demo_copy)
    before = window.document
    nobody = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/wp"
    assert "接続できません" in open_server(window, nobody)
    database = pg_cluster.new_database()
    url = pg_cluster.url(database)
    copy_master(demo_master, url)
    pg_cluster.sql("UPDATE wp_meta SET value = '999' WHERE key = 'schema_version'", database)
    reason = open_server(window, url)
    assert "新しい形式（999）" in reason and "新しい版に" in reason
    assert window.document is before and window.windowTitle().startswith(demo_copy.name)
