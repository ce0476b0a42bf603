"""The PySide6 GUI: a thin layer of views over the Qt-free core services.

Start-up time. The department window reads and writes its file with plain ``sqlite3`` (the core's
worklist, editing and submission modules), so it starts without loading SQLAlchemy; the ORM
loads when the division's views, printing or an export first need it.

Import order matters too. Once PySide6 is loaded, its ``__feature__`` import hook (PYSIDE-2029)
reads the source text of every module imported afterwards, looking for ``from __feature__
import``. So the core modules that opening a file in the window needs are imported here, before
any GUI module imports PySide6 (tests/gui/test_startup_imports.py keeps both promises).
"""

import welfareplan.core.checks
import welfareplan.core.confirmation
import welfareplan.core.previous
import welfareplan.core.review_file
import welfareplan.core.settings
import welfareplan.core.submission
import welfareplan.core.workcopy
import welfareplan.core.worklist  # noqa: F401
