"""Issuing files to departments (配布): department files (:mod:`.distribute`) and registered
Excel worksheets (:mod:`.worksheets`), what every issue run shares (:mod:`.issue_run`), the
issuance record kept in the master (:mod:`.issue_record`) and signed with the workbook's secret
(:mod:`.signing`), and the department file's own metadata (:mod:`.department_file`)."""
