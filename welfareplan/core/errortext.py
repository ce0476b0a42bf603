"""Japanese phrases for the errors of SQLite and of the operating system.

The text of an SQLite error ("database disk image is malformed") or of the system
("No space left on device") is English and means nothing to the user; a message names the
reason in Japanese instead, by SQLite's result code or the system's error number. The
original text goes to the crash log when a bug is suspected, never into a message.
"""

from __future__ import annotations

import errno

_SQLITE = (
    ("SQLITE_CORRUPT", "データベースの構造が壊れています"),
    ("SQLITE_NOTADB", "SQLite のデータベースとして読めません"),
    ("SQLITE_FULL", "ディスクの空き容量が足りません"),
    ("SQLITE_IOERR", "ディスクの読み書きに失敗しました"),
    ("SQLITE_CANTOPEN", "ファイルを開けません"),
    ("SQLITE_READONLY", "書き込みできない場所にあるか、読み取り専用です"),
    ("SQLITE_PERM", "権限がありません"),
    ("SQLITE_AUTH", "権限がありません"),
    ("SQLITE_BUSY", "他のプログラムが使用中です"),
    ("SQLITE_LOCKED", "他のプログラムが使用中です"),
    ("SQLITE_NOMEM", "メモリが足りません"),
    ("SQLITE_CONSTRAINT", "ファイルの決まりに合わない内容があります"),
    ("SQLITE_MISMATCH", "データの種類が合いません"),
    ("SQLITE_TOOBIG", "大きすぎるデータがあります"),
    ("SQLITE_RANGE", "データの指定が合いません"),
    ("SQLITE_FORMAT", "データベースの形式が違います"),
    ("SQLITE_SCHEMA", "ファイルの構造が想定と違います"),
    ("SQLITE_ERROR", "ファイルの構造が想定と違います"),
)

_OS = {
    errno.ENOENT: "見つかりません",
    errno.EACCES: "権限がありません",
    errno.EPERM: "権限がありません",
    errno.ENOSPC: "ディスクの空き容量が足りません",
    errno.EROFS: "読み取り専用の場所にあります",
    errno.EIO: "ディスクの読み書きに失敗しました",
    errno.EBUSY: "他のプログラムが使用中です",
    errno.ENAMETOOLONG: "名前が長すぎます",
    errno.EISDIR: "フォルダです",
    errno.ENOTDIR: "フォルダではないものがパスの途中にあります",
    errno.ELOOP: "リンクが循環しています",
    errno.ENXIO: "デバイスがありません",
    errno.ENODEV: "デバイスがありません",
    errno.EEXIST: "既にあります",
    errno.EINVAL: "名前やパスが正しくありません",
    errno.EMFILE: "開いているファイルが多すぎます",
}


def sqlite_reason(exc: BaseException) -> str:
    """A Japanese phrase for an ``sqlite3`` error (by its result code)."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    for prefix, phrase in _SQLITE:
        if name.startswith(prefix):
            return phrase
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text:
        return "データベースの構造が壊れています"
    return "データベースの処理に失敗しました"


def os_reason(exc: OSError) -> str:
    """A Japanese phrase for an ``OSError`` (by its error number)."""
    if isinstance(exc, PermissionError):
        return "権限がないか、他のプログラムが使用中です"
    phrase = _OS.get(exc.errno or 0)
    if phrase is not None:
        return phrase
    return f"システムのエラーです（番号 {exc.errno}）" if exc.errno else "システムのエラーです"
