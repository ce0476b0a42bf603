"""The PySide6 GUI: a thin layer of views over the Qt-free core services.

Import order matters for start-up time. Once PySide6 is loaded, its ``__feature__`` import hook
(PYSIDE-2029) reads the source text of every module imported afterwards, looking for
``from __feature__ import``; for the few hundred modules of SQLAlchemy and the standard library
that the core pulls in, that is about 0.2 s of a 0.8 s start (benchmarks/bench_gui.py). So the
core modules that opening a file in the window needs are imported here, before any GUI module
imports PySide6. Exports (openpyxl, python-docx) load later, when the user asks for them.
"""

import welfareplan.core.checks
import welfareplan.core.previous
import welfareplan.core.settings
import welfareplan.core.submission
import welfareplan.core.workcopy
import welfareplan.core.worklist  # noqa: F401
