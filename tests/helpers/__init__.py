"""Helpers shared by the test folders (no fixtures, no Qt): issuing a department file from the
demo (:mod:`.department_file`), writing into department files as the department app does
(:mod:`.department_edits`) and filling returned Excel worksheets as a department does in Excel
(:mod:`.worksheet_edits`)."""
