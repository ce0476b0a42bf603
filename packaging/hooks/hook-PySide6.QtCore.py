"""PySide6.QtCore with Qt's Japanese translations only (see bundle_rules.py).

Replaces PyInstaller's own hook, which collects ``qtbase_*.qm`` in every language; adds
``qt_ja.qm``, which it does not collect.
"""

import os
import sys

from PyInstaller.utils.hooks.qt import pyside6_library_info

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bundle_rules import TRANSLATIONS, keep

hiddenimports, binaries, datas = pyside6_library_info.collect_module("PySide6.QtCore")
datas = [(src, dest) for src, dest in datas if keep(f"{dest}/{os.path.basename(src)}")]
_folder = pyside6_library_info.location["TranslationsPath"]
_dest = os.path.join(pyside6_library_info.qt_rel_dir, "translations")
for _name in TRANSLATIONS:
    _src = os.path.join(_folder, _name)
    if os.path.isfile(_src) and (_src, _dest) not in datas:
        datas.append((_src, _dest))
