"""ファイル › 「サーバーに接続…」: the saved connections to server masters, one to edit, 接続.

The profiles live in the user's settings (:mod:`welfareplan.core.serverprofiles`) — never a
password. 接続 builds the URL from the fields (checked like a URL on the command line) and
hands it to ``connect``, which opens the master or returns the Japanese reason it could not;
the reason is shown here and nothing is saved. After a connection the profile is saved.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.serverdb import SSL_MODES
from welfareplan.core.serverprofiles import (
    DEFAULT_PORT,
    ServerProfile,
    load_profiles,
    remove_profile,
    store_profile,
)
from welfareplan.core.settings import Settings
from welfareplan.gui.style import ERROR_BANNER_STYLE

#: sslmode → what the TLS box says
TLS_LABELS = {
    "": "既定（prefer: 使えれば暗号化）",
    "disable": "disable（暗号化しない）",
    "allow": "allow",
    "prefer": "prefer",
    "require": "require（必ず暗号化）",
    "verify-ca": "verify-ca（暗号化し、証明書を確認）",
    "verify-full": "verify-full（暗号化し、証明書とサーバー名を確認）",
}
assert set(TLS_LABELS) == {"", *SSL_MODES}

#: opens the master at a URL: '' when it is open, else the Japanese reason
Connect = Callable[[str], str]


class ServerDialog(QDialog):
    def __init__(self, settings: Settings, connect: Connect, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("サーバーに接続")
        self.settings = settings
        self._connect = connect
        self.connected_url = ""

        self.profiles = QListWidget(self)
        self.profiles.setAccessibleName("保存した接続先")
        list_label = QLabel("保存した接続先(&L)", self)
        list_label.setBuddy(self.profiles)
        self.new_button = QPushButton("新しい接続先(&N)", self)
        self.delete_button = QPushButton("削除(&D)", self)
        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.profiles, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)

        self.name = QLineEdit(self)
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("例: db01.city.local")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(self)
        self.database.setPlaceholderText("例: welfareplan")
        self.user = QLineEdit(self)
        self.tls = QComboBox(self)
        for mode, label in TLS_LABELS.items():
            self.tls.addItem(label, mode)
        self.root_cert = QLineEdit(self)
        self.root_cert.setPlaceholderText("verify-ca / verify-full のときのルート証明書（.crt）")
        self.browse_button = QPushButton("参照(&B)…", self)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.root_cert, 1)
        cert_row.addWidget(self.browse_button)
        form = QFormLayout()
        for text, widget in (
            ("名前(&A)", self.name),
            ("ホスト(&H)", self.host),
            ("ポート(&P)", self.port),
            ("データベース(&S)", self.database),
            ("ユーザー(&U)", self.user),
            ("TLS(&T)", self.tls),
        ):
            buddy = QLabel(text, self)
            buddy.setBuddy(widget)
            widget.setAccessibleName(text.split("(")[0])
            form.addRow(buddy, widget)
        cert_label = QLabel("ルート証明書(&R)", self)
        cert_label.setBuddy(self.root_cert)
        self.root_cert.setAccessibleName("ルート証明書")
        form.addRow(cert_label, cert_row)
        note = QLabel(
            "パスワードはここには保存しません。pgpass ファイルか環境変数 PGPASSWORD にあれば"
            "それを使い、なければ接続のときに尋ねます（このアプリを閉じるまで覚えています）。",
            self,
        )
        note.setWordWrap(True)
        self.error_label = QLabel("", self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_BANNER_STYLE)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setVisible(False)
        self.error_label.setAccessibleName("接続できない理由")
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(note)
        right.addStretch(1)

        self.buttons = QDialogButtonBox(self)
        self.connect_button = self.buttons.addButton(
            "接続(&C)", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button.setDefault(True)
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addWidget(self.error_label)
        outer.addWidget(self.buttons)

        order = [
            self.profiles,
            self.new_button,
            self.delete_button,
            self.name,
            self.host,
            self.port,
            self.database,
            self.user,
            self.tls,
            self.root_cert,
            self.browse_button,
            self.connect_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self.profiles.currentItemChanged.connect(self._profile_chosen)
        self.new_button.clicked.connect(self.new_profile)
        self.delete_button.clicked.connect(self.delete_profile)
        self.browse_button.clicked.connect(self._browse)
        self.resize(760, 420)
        self._fill()

    # ------------------------------------------------------------------ profiles

    def _fill(self, select: str = "") -> None:
        self.profiles.blockSignals(True)
        self.profiles.clear()
        for p in load_profiles(list(self.settings.server_profiles)):
            item = QListWidgetItem(p.name, self.profiles)
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(f"{p.user}@{p.host}:{p.port}/{p.database}")
        self.profiles.blockSignals(False)
        self.delete_button.setEnabled(self.profiles.count() > 0)
        if self.profiles.count():
            names = [self.profiles.item(i).text() for i in range(self.profiles.count())]
            self.profiles.setCurrentRow(names.index(select) if select in names else 0)
            self.profiles.setFocus()
        else:
            self.new_profile()

    def _profile_chosen(self, item: QListWidgetItem | None) -> None:
        profile = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(profile, ServerProfile):
            self.show_profile(profile)

    def show_profile(self, p: ServerProfile) -> None:
        self.name.setText(p.name)
        self.host.setText(p.host)
        self.port.setValue(p.port)
        self.database.setText(p.database)
        self.user.setText(p.user)
        self.tls.setCurrentIndex(max(self.tls.findData(p.sslmode), 0))
        self.root_cert.setText(p.sslrootcert)
        self._say("")

    def new_profile(self) -> None:
        self.profiles.setCurrentRow(-1)
        self.show_profile(ServerProfile(name="", host="", database="", user=""))
        self.name.setFocus()

    def delete_profile(self) -> None:
        item = self.profiles.currentItem()
        if item is None:
            return
        self.settings.server_profiles = remove_profile(
            list(self.settings.server_profiles), item.text()
        )
        self.settings.save()
        self._fill()

    def profile(self) -> ServerProfile:
        """The fields as a profile (named after the server when no name was given)."""
        host, database = self.host.text().strip(), self.database.text().strip()
        return ServerProfile(
            name=self.name.text().strip() or f"{database}（{host}）",
            host=host,
            port=self.port.value(),
            database=database,
            user=self.user.text().strip(),
            sslmode=str(self.tls.currentData() or ""),
            sslrootcert=self.root_cert.text().strip(),
        )

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "ルート証明書",
            self.root_cert.text(),
            "証明書 (*.crt *.pem *.cer);;すべてのファイル (*)",
        )
        if path:
            self.root_cert.setText(path)

    # ------------------------------------------------------------------ connecting

    def _say(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def try_connect(self) -> None:
        """Open the master of the fields; on success save the profile and close, else say
        why (nothing saved, the fields as they are)."""
        profile = self.profile()
        try:
            url = profile.url()
        except WelfareplanError as exc:
            self._say(exc.message)
            return
        self._say("")
        self.setEnabled(False)
        try:
            reason = self._connect(url)
        finally:
            self.setEnabled(True)
        if reason:
            self._say(reason)
            self.connect_button.setFocus()
            return
        self.connected_url = url
        self.settings.server_profiles = store_profile(list(self.settings.server_profiles), profile)
        self.settings.save()
        self.accept()
