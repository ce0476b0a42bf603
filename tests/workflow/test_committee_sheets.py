"""Committee members' opinion sheets: issued, filled in, merged back (one twice), chosen into
the report's 委員意見, answered by the city, exported; and every sheet that must not be merged
refused with its reason, changing nothing. On a master file and on a server (``master_at``),
but for the two tests that change the file underneath."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.masters import content, opened_master
from tests.helpers.opinion_sheets import fill_opinions
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.storage import Workbook
from welfareplan.exports.opinion_sheet_xlsx import GENERAL_ID
from welfareplan.workflow.committee.answers import answers_of_round, set_answer
from welfareplan.workflow.committee.choose import choose_opinion, list_received, unchoose_opinion
from welfareplan.workflow.committee.members import add_member, list_members, remove_member
from welfareplan.workflow.committee.sheet_issue import issue_opinion_sheets
from welfareplan.workflow.committee.sheet_merge import merge_opinion_sheet
from welfareplan.workflow.rounds.opinions import list_opinions, move_opinion

YEAR = 2024


def _issue(master: str | Path, out: Path, year: int = YEAR) -> dict[str, Path]:
    out.mkdir(exist_ok=True)
    with opened_master(str(master)) as wb:
        if not list_members(wb, year):
            add_member(wb, year, "中山 太郎")
            add_member(wb, year, "石塚 花子")
        return {s.member_name: s.path for s in issue_opinion_sheets(wb, year, out)}


@pytest.fixture
def sheets(master_at: str, tmp_path: Path) -> dict[str, Path]:
    return _issue(master_at, tmp_path / "シート")


def test_two_members_sheets_merged_one_twice(master_at: str, sheets: dict[str, Path]) -> None:
    nakayama = fill_opinions(
        sheets["中山 太郎"],
        {"4": "移送サービスの担い手の確保を。", GENERAL_ID: "個人情報の扱いに留意を。"},
    )
    ishizuka = fill_opinions(sheets["石塚 花子"], {"10": "権利擁護の体制づくりの表現に。"})
    with opened_master(master_at) as wb:
        first = merge_opinion_sheet(wb, YEAR, nakayama)
        assert (first.outcome, first.changed, first.opinions) == ("applied", 2, 2)
    before = content(master_at)
    with opened_master(master_at) as wb:
        again = merge_opinion_sheet(wb, YEAR, nakayama)
    assert again.outcome == "already" and "取り込み済み" in again.message
    assert content(master_at) == before  # the same file twice never applies twice
    with opened_master(master_at) as wb:
        assert merge_opinion_sheet(wb, YEAR, ishizuka).changed == 1
        received = list_received(wb, YEAR)
        assert [(r.member_name, r.heading) for r in received] == [
            ("中山 太郎", "【事業番号4:移送サービスへの支援】"),
            ("石塚 花子", received[1].heading),
            ("中山 太郎", "【全般】"),
        ]
        assert received[1].heading.startswith("【事業番号10:")
        members = {m.name: m for m in list_members(wb, YEAR)}
        assert (members["中山 太郎"].sheets, members["中山 太郎"].opinions) == (1, 2)
        # a second file of the same sheet, re-saved by the member with one opinion changed
        changed = fill_opinions(
            nakayama, {"4": "移送サービスの担い手の確保と周知を。"}, nakayama.with_name("再.xlsx")
        )
        assert merge_opinion_sheet(wb, YEAR, changed).changed == 1
        assert "周知を" in list_received(wb, YEAR)[0].text


def test_chosen_opinions_answered_and_exported(
    master_at: str, sheets: dict[str, Path], tmp_path: Path
) -> None:
    from welfareplan.exports.round_export import export_report

    fill_opinions(sheets["中山 太郎"], {"4": "担い手の確保を。", GENERAL_ID: "周知の工夫を。"})
    with opened_master(master_at) as wb:
        merge_opinion_sheet(wb, YEAR, sheets["中山 太郎"])
        project, general = list_received(wb, YEAR)
        with pytest.raises(WelfareplanError, match="基本目標を選んでください"):
            choose_opinion(wb, YEAR, general.id)
        pid = choose_opinion(wb, YEAR, project.id)
        gid = choose_opinion(wb, YEAR, general.id, goal=1)
        with pytest.raises(WelfareplanError, match="すでに"):
            choose_opinion(wb, YEAR, project.id)
        goal1 = list_opinions(wb, YEAR)[0]
        assert [o.id for o in goal1.opinions][-2:] == [pid, gid]
        assert goal1.opinions[-2].heading == "【事業番号4:移送サービスへの支援】"
        move_opinion(wb, gid, -1)  # order editable
        assert [o.id for o in list_opinions(wb, YEAR)[0].opinions][-2:] == [gid, pid]
        set_answer(wb, pid, "令和7年度に担い手養成講座を開きます。", "交通対策課")
        with pytest.raises(WelfareplanError, match="担当課マスタにありません"):
            set_answer(wb, gid, "x", "存在しない課")
        assert set(answers_of_round(wb, YEAR)) == {pid}
        docx, xlsx = tmp_path / "報告.docx", tmp_path / "報告.xlsx"
        report, _ = export_report(wb, YEAR, docx=docx, xlsx=xlsx)
    assert report.has_answers
    from docx import Document
    from openpyxl import load_workbook

    text = "\n".join(c.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells)
    assert "担い手養成講座" in text and "交通対策課" in text
    ws = load_workbook(xlsx)["主な意見と市の考え方"]
    assert ws.cell(4, 3).value == "担い手の確保を。"
    assert ws.cell(4, 4).value == "令和7年度に担い手養成講座を開きます。"
    with opened_master(master_at) as wb:
        unchoose_opinion(wb, project.id)
        assert list_received(wb, YEAR)[0].chosen_id is None
        assert pid not in answers_of_round(wb, YEAR)  # the answer went with the opinion


def _refused(master: str, year: int, path: Path, match: str) -> None:
    before = content(master)
    with opened_master(master) as wb, pytest.raises(WelfareplanError, match=match):
        merge_opinion_sheet(wb, year, path)
    assert content(master) == before


def test_sheet_of_another_round_is_refused(
    master_at: str, sheets: dict[str, Path], tmp_path: Path
) -> None:
    from welfareplan.workflow.rounds.lifecycle import create_round

    with opened_master(master_at) as wb:
        create_round(wb, 2025)
    other = _issue(master_at, tmp_path / "2025", 2025)
    fill_opinions(other["中山 太郎"], {"4": "来年度の意見"})
    _refused(master_at, YEAR, other["中山 太郎"], "令和7年度の意見・提案シートです")


def test_department_files_and_opinion_sheets_are_told_apart(
    master_at: str, sheets: dict[str, Path], tmp_path: Path
) -> None:
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.issuing.worksheets import issue_worksheets
    from welfareplan.workflow.returns.compare import preview_merge
    from welfareplan.workflow.rounds.lifecycle import create_round

    out = tmp_path / "配布"
    out.mkdir()
    with opened_master(master_at) as wb:
        create_round(wb, 2025)
        (wpdb, *_) = [f.path for f in distribute(wb, 2025, out, departments=["介護福祉課"]).files]
        (xlsx, *_) = [
            f.path for f in issue_worksheets(wb, 2025, out, departments=["地域福祉課"]).files
        ]
    _refused(master_at, YEAR, xlsx, "担当課の評価シートです。意見・提案シートではありません")
    _refused(
        master_at, YEAR, wpdb, r"\.wpdb ファイル（担当課の記入ファイルやマスターワークブック）で"
    )
    fill_opinions(sheets["中山 太郎"], {"4": "意見"})
    with opened_master(master_at) as wb:
        (file,) = preview_merge(wb, [sheets["中山 太郎"]], fiscal_year=2025).rejected
    assert file.code == "opinion-sheet-as-worksheet"
    assert "推進委員会の委員の意見・提案シートです" in file.reason


def test_tampered_sheets_are_refused(master_at: str, sheets: dict[str, Path]) -> None:
    from welfareplan.exports.opinion_sheet_xlsx import KEYS_SHEET, MAIN_SHEET

    def rename(wb: object) -> None:
        ks = wb[KEYS_SHEET]  # type: ignore[index]
        for row in ks.iter_rows(max_col=2):
            if row[0].value == "member_name":
                row[1].value = "別人"

    def reference(wb: object) -> None:
        wb[MAIN_SHEET].cell(6, 5).value = "書き換えた実績"  # type: ignore[index]

    path = sheets["中山 太郎"]
    renamed = fill_opinions(path, {"4": "x"}, path.with_name("a.xlsx"), change=rename)
    _refused(master_at, YEAR, renamed, "署名が一致しません")
    edited = fill_opinions(path, {"4": "x"}, path.with_name("b.xlsx"), change=reference)
    _refused(master_at, YEAR, edited, "参考欄または行が配布したときから変わっています")
    (path.parent / "c.xlsx").write_bytes(b"not a workbook")
    _refused(master_at, YEAR, path.parent / "c.xlsx", "読み込めません")


def test_members_list_refuses_bad_names(master_at: str, sheets: dict[str, Path]) -> None:
    with opened_master(master_at) as wb:
        with pytest.raises(WelfareplanError, match="すでに名簿にあります"):
            add_member(wb, YEAR, "中山　太郎")
        with pytest.raises(WelfareplanError, match="氏名を入力"):
            add_member(wb, YEAR, "  ")
        member = list_members(wb, YEAR)[0]
        with pytest.raises(WelfareplanError, match="配布済み"):
            remove_member(wb, member.id)
        new = add_member(wb, YEAR, "小森 一郎")
        remove_member(wb, new)
        assert [m.name for m in list_members(wb, YEAR)] == ["中山 太郎", "石塚 花子"]


def test_answers_are_audited_and_a_round_goes_with_its_committee(
    demo_copy: Path, tmp_path: Path
) -> None:
    import sqlite3

    from welfareplan.workflow.rounds.lifecycle import create_round
    from welfareplan.workflow.rounds.round_delete import delete_round

    _issue(demo_copy, tmp_path / "2024")
    with Workbook.open(demo_copy) as wb:
        create_round(wb, 2025)
    sheets = _issue(demo_copy, tmp_path / "2025", 2025)
    fill_opinions(sheets["中山 太郎"], {"4": "意見です。"})
    with Workbook.open(demo_copy) as wb:
        merge_opinion_sheet(wb, 2025, sheets["中山 太郎"])
        (received,) = list_received(wb, 2025)
        chosen = choose_opinion(wb, 2025, received.id)
        set_answer(wb, chosen, "考え方です。", "交通対策課")
        set_answer(wb, chosen, "", None)  # an empty answer removes it
        set_answer(wb, chosen, "改めた考え方です。", None)
    con = sqlite3.connect(demo_copy)
    try:
        audited = con.execute(
            "SELECT old, new FROM audit_event WHERE action = 'opinion-answer' ORDER BY id"
        ).fetchall()
        assert audited == [
            (None, "考え方です。"),
            ("考え方です。", None),
            (None, "改めた考え方です。"),
        ]
        actions = {r[0] for r in con.execute("SELECT action FROM audit_event")}
        assert {"member-add", "opinion-sheet-issue", "opinion-sheet-merge", "member-opinion"} <= (
            actions
        )
    finally:
        con.close()
    with Workbook.open(demo_copy) as wb:
        delete_round(wb, 2025, with_entries=True)
    con = sqlite3.connect(demo_copy)
    try:
        tables = ("committee_member", "opinion_sheet", "opinion_sheet_return", "member_opinion")
        counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]
        assert counts == [2, 2, 0, 0]  # FY2024's members and sheets stay, FY2025's are gone
        assert con.execute("SELECT count(*) FROM opinion_answer").fetchone()[0] == 0
    finally:
        con.close()
    with Workbook.open(demo_copy) as wb:
        assert [m.name for m in list_members(wb, YEAR)] == ["中山 太郎", "石塚 花子"]


def test_reference_cut_to_excels_limit_still_merges(demo_copy: Path, tmp_path: Path) -> None:
    """A project whose texts together exceed a cell (cut with a mark when written) or hold a
    literal ``_x000D_`` is recognised as issued: the digest is of the cells as written."""
    import sqlite3

    con = sqlite3.connect(demo_copy)
    try:
        con.execute(
            "UPDATE entry_value SET value = ? WHERE field = 'result' AND entry_id IN ("
            "SELECT e.id FROM entry e JOIN project p ON p.id = e.project_id "
            "JOIN round r ON r.id = e.round_id WHERE p.label = '4' AND r.fiscal_year = 2024)",
            ("長い実績。" * 7000 + "_x000D_",),
        )
        con.commit()
    finally:
        con.close()
    sheets = _issue(demo_copy, tmp_path / "シート")
    fill_opinions(sheets["中山 太郎"], {"4": "長い実績への意見。"})
    with Workbook.open(demo_copy) as wb:
        assert merge_opinion_sheet(wb, YEAR, sheets["中山 太郎"]).changed == 1
