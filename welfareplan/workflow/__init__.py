"""The division's yearly cycle, Qt-free: rounds, issued department files, merging returns,
status, backups, plan import/export and department master edits.

Every service takes a :class:`welfareplan.core.storage.Workbook` (or paths) and returns plain
frozen dataclasses, so the CLI (``welfareplan.cli.workflow``) and the GUI call the same code.
Long operations accept ``progress(done, total, message)`` and ``cancelled()`` callables
(:mod:`welfareplan.workflow.progress`); a cancelled operation leaves the master unchanged.
"""
