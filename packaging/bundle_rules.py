"""What goes into the bundle: the Qt modules, plugins and translations welfareplan uses.

Shared by the spec file, the Qt hooks in ``packaging/hooks/`` and the tests. Plain Python (no
PyInstaller import), so the rules can be checked without building.

The GUI uses exactly four Qt modules (QtCore, QtGui, QtWidgets, QtPrintSupport — see
``welfareplan/gui``); every other PySide6 module is excluded. Of Qt's plugins only these are
kept (by plugin folder; ``None`` keeps every plugin of that folder):

* ``platforms``: ``windows`` (Windows), ``xcb`` (Linux desktops), ``offscreen`` (the self-test
  and CI without a display). Wayland sessions use ``xcb`` through XWayland.
* ``imageformats``: ``ico`` only (PNG is built into QtGui; the icon and the status icons are
  PNG or drawn in code).
* ``styles``: all (Windows 11/Vista style ``qmodernwindowsstyle``; nothing on Linux).
* ``printsupport``: all (the Windows / CUPS printer back ends, for printing the worksheet).
* ``platforminputcontexts``: ``ibus`` and ``compose`` (Japanese input on Linux; on Windows the
  IME is part of the ``windows`` platform plugin).
* ``xcbglintegrations``: all (small; what ``xcb`` loads when a GL context is asked for).

Dropped: ``platformthemes`` (GTK 3 would pull in GTK), ``iconengines`` and the SVG image format
(QtSvg), ``qpdf`` (QtPdf), the virtual keyboard (Qt Quick), Wayland, EGLFS, ``generic``
input, ``networkinformation``, ``tls``, ``sqldrivers``, ``qmltooling``.

Translations: Qt's Japanese only — ``qtbase_ja.qm`` (the buttons and dialogs) and ``qt_ja.qm``.
"""

from __future__ import annotations

import re
from pathlib import PurePath

#: The PySide6 modules welfareplan imports.
USED_QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport")

KEEP_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qwindows", "qxcb", "qoffscreen"}),
    "imageformats": frozenset({"qico"}),
    "styles": None,
    "printsupport": None,
    "platforminputcontexts": frozenset(
        {"ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"}
    ),
    "xcbglintegrations": None,
}

TRANSLATIONS = ("qtbase_ja.qm", "qt_ja.qm")

#: Python packages that must never be bundled (tests, tools, other GUI toolkits).
EXCLUDED_PACKAGES = (
    "tkinter",
    "_tkinter",
    "tests",
    "benchmarks",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "IPython",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "numpy",
    "PIL",
    # lxml's other APIs (python-docx and openpyxl use lxml.etree only); its doctest helpers
    # would pull in doctest, pdb and readline
    "lxml.objectify",
    "lxml.html",
    "lxml.isoschematron",
    "lxml.doctestcompare",
    "lxml.usedoctest",
)
# ssl is kept: a master on a PostgreSQL server is reached through psycopg, which imports ssl
# (and libpq encrypts the connection: sslmode, docs/server.md)

_PLUGIN_NAME = re.compile(r"^(?:lib)?(?P<name>.+?)(?:\.so(?:\.\d+)*|\.dll|\.dylib)$")


def plugin_name(filename: str) -> str:
    """'libqxcb.so' / 'qxcb.dll' → 'qxcb'."""
    match = _PLUGIN_NAME.match(filename)
    return match.group("name") if match else filename


def unused_qt_modules(available: list[str]) -> list[str]:
    """``PySide6.X`` for every available PySide6 module welfareplan does not use."""
    return [f"PySide6.{m}" for m in available if m not in USED_QT_MODULES]


def plugin_of(dest: str) -> tuple[str, str] | None:
    """(plugin folder, plugin name) if ``dest`` (a path inside the bundle) is a Qt plugin."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if "plugins" not in parts or parts[0] != "PySide6":
        return None
    i = parts.index("plugins")
    if len(parts) != i + 3:
        return None
    return parts[i + 1], plugin_name(parts[i + 2])


def keep_plugin(dest: str) -> bool:
    found = plugin_of(dest)
    if found is None:
        return True
    folder, name = found
    if folder not in KEEP_PLUGINS:
        return False
    names = KEEP_PLUGINS[folder]
    return names is None or name in names


def keep_translation(dest: str) -> bool:
    path = PurePath(dest.replace("\\", "/"))
    if path.suffix != ".qm" or "translations" not in path.parts:
        return True
    return path.name in TRANSLATIONS


def keep(dest: str) -> bool:
    """Whether a file bound for ``dest`` inside the bundle belongs there."""
    return keep_plugin(dest) and keep_translation(dest)
