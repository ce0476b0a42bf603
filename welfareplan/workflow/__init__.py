"""The division's yearly cycle, Qt-free, in subpackages that follow the story of a year:
:mod:`.plans` (the plan and its Excel template), :mod:`.rounds` (a round's life, the
committee's opinions), :mod:`.issuing` (department files and worksheets out), :mod:`.returns`
(a returned file read, checked, compared and applied), :mod:`.master` (the master workbook's
lock, backups, audit log and department master), and :mod:`.status` over all of them.
docs/architecture.md follows a returned file through them.

Every service takes a :class:`welfareplan.core.storage.Workbook` (or paths) and returns plain
frozen dataclasses, so the CLI (``welfareplan.cli.workflow``) and the GUI call the same code.
Long operations accept ``progress(done, total, message)`` and ``cancelled()`` callables
(:mod:`welfareplan.workflow.progress`); a cancelled operation leaves the master unchanged.
"""
