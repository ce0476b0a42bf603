"""PySide6.QtGui without the Qt plugins welfareplan does not use (see bundle_rules.py).

Replaces PyInstaller's own hook (user hooks take priority). Filtering here, before the
analysis, rather than in the spec afterwards, keeps the libraries that only the dropped
plugins need (Wayland, EGLFS, QtSvg, QtPdf, Qt Quick …) out of the bundle too.
"""

import os
import sys

from PyInstaller.utils.hooks.qt import pyside6_library_info

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bundle_rules import keep

hiddenimports, binaries, datas = pyside6_library_info.collect_module("PySide6.QtGui")
binaries = [(src, dest) for src, dest in binaries if keep(f"{dest}/{os.path.basename(src)}")]
