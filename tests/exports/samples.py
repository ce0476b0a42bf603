"""Report data with awkward text, derived from the demo's report (for text-safety tests)."""

from __future__ import annotations

import dataclasses

from welfareplan.core.reportdata import ReportData, ReportEntry, ReportProject

#: Texts a spreadsheet would take for formulas, and text with control characters.
FORMULA_TEXTS = (
    '=HYPERLINK("http://example.invalid","x")',
    "+81 42-387-9999",
    "-2件（前年度比）",
    "@SUM(A1:A3)",
    "=1+1",
)
CONTROL_TEXT = "前\x00半\x07と\x1b後\x7f半\r\n次の行\rその次\t字下げ\x0b"
CONTROL_CLEAN = "前半と後半\n次の行\nその次\t字下げ"
LONG_TEXT = ("長い記入のテスト。" * 1112)[:9999] + "終"


def _replace_entries(report: ReportData, texts: dict[int, dict[str, str]]) -> ReportData:
    """A copy of ``report`` whose n-th entries (0-based, report order) get new field values
    (and, with the key ``label``, a new 担当課 label)."""
    n = 0
    goals = []
    for g in report.goals:
        projects = []
        for p in g.projects:
            entries: list[ReportEntry] = []
            for e in p.entries:
                change = dict(texts.get(n, {}))
                label = change.pop("label", e.label)
                entries.append(
                    dataclasses.replace(e, label=label, values=e.values.replaced(**change))
                )
                n += 1
            projects.append(dataclasses.replace(p, entries=entries))
        goals.append(dataclasses.replace(g, projects=projects))
    return dataclasses.replace(report, goals=goals)


def long_text_report(report: ReportData) -> ReportData:
    """The report with a 10,000-character result in its first entry."""
    assert len(LONG_TEXT) == 10_000
    return _replace_entries(report, {0: {"result": LONG_TEXT}})


def tricky_report(report: ReportData) -> ReportData:
    """Formula-looking texts in results, outlooks and a 担当課 label; control characters;
    a 10,000-character outlook."""
    changes: dict[int, dict[str, str]] = {}
    for i, text in enumerate(FORMULA_TEXTS):
        changes[i] = {"result": text, "outlook": text}
    changes[0]["label"] = "=地域福祉課"
    changes[len(FORMULA_TEXTS)] = {"result": CONTROL_TEXT}
    changes[len(FORMULA_TEXTS) + 1] = {"outlook": LONG_TEXT}
    return _replace_entries(report, changes)


def first_project(report: ReportData) -> ReportProject:
    return report.goals[0].projects[0]
