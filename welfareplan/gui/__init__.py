"""The PySide6 GUI: a thin layer of views over the Qt-free core services."""
