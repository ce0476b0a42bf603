"""The division window on a master on a PostgreSQL server (issue 16), driven like a user:
「サーバーに接続…」 with a saved profile (never a password), the failures said in Japanese with
nothing changed, the window on the server master (no lock file, no working copy)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.gui.conftest import click_button, type_text
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
    try:
        odd.url()
    except DataError as exc:
        assert "verify-ca" in exc.message
    else:
        raise AssertionError("a root certificate without verification was accepted")
    for text in ("postgresql://u@h/d?password=x", "postgresql://u@h/d?sslmode=maybe"):
        try:
            parse_server_url(text)
        except DataError:
            continue
        raise AssertionError(f"{text} was accepted")


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
