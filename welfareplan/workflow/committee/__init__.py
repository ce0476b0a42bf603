"""The citizens' committee's round trip: its members (:mod:`.members`), their opinion sheets
issued (:mod:`.sheet_issue`), read back (:mod:`.sheet_reading`) and merged (:mod:`.sheet_merge`),
the received opinions chosen into the report (:mod:`.choose`), and the city's answers to the
report's opinions (:mod:`.answers`)."""
