"""差戻し (sending fields back with comments) and their closing, on the master's side; the
department's side is :mod:`welfareplan.core.review_file`."""
