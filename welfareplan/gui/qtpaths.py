"""Where Qt's own files are: plugins and translations, robust against non-ASCII paths.

PySide6 tells Qt where it lives through an embedded ``qt.conf`` whose prefix is computed from
the package's path. Qt builds have turned a path with Japanese characters into mojibake there
(on Windows, local 8-bit code page versus UTF-8), and then ``QLibraryInfo`` points at a folder
that does not exist: no platform plugin ("no Qt platform plugin could be initialized") and no
Japanese dialog buttons. The folders below are computed by Python from the package's own
``__file__`` (a proper Unicode path) and tried after ``QLibraryInfo``'s, so a program folder
such as ``C:\\Users\\山田 花子\\ドキュメント\\welfareplan`` works either way.

Layouts: a PyPI wheel and a Linux bundle have ``PySide6/Qt/{plugins,translations}``; a Windows
wheel and a Windows PyInstaller bundle have ``PySide6/{plugins,translations}``.
"""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo


def _package_dirs(name: str) -> list[Path]:
    package = Path(PySide6.__file__).resolve().parent
    return [d for d in (package / "Qt" / name, package / name) if d.is_dir()]


def translation_dirs() -> list[str]:
    """Folders to look for Qt's ``.qm`` files in, best first (no duplicates)."""
    found = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    found += [str(d) for d in _package_dirs("translations")]
    return list(dict.fromkeys(found))


def add_plugin_paths() -> list[str]:
    """Add the package's plugin folder(s) to Qt's library paths. Call before the
    application object is created (the platform plugin is loaded by its constructor)."""
    added = []
    for folder in _package_dirs("plugins"):
        QCoreApplication.addLibraryPath(str(folder))
        added.append(str(folder))
    return added
