"""welfareplan — progress and evaluation reports for a municipal Regional Welfare Plan.

The package is split in two: everything except :mod:`welfareplan.gui` is the Qt-free core
(model, storage, workflow, exports, CLI); the GUI is a thin layer of views over it.
"""

__version__ = "0.1.0"
APP_NAME = "welfareplan"
