"""The division workbench: the master workbook's window (dashboard, merge, entries, opinions,
exports, year over year, plan, audit). Every tab works through core/workflow services."""
