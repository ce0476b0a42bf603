"""The master workbook itself: its fingerprint and write lock (:mod:`.locking`), backup copies
(:mod:`.backups`), the audit log (:mod:`.audit_log`) and the department master (担当課マスタ,
:mod:`.departments`)."""
