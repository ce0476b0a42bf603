"""The gentle checks of the text fields (issue 15 item 6), for any form."""

from __future__ import annotations

import pytest

from tests.test_evaluation_form import fixture_form
from welfareplan.core.checks import Level
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.koganei_form import KOGANEI_FORM
from welfareplan.core.text_checks import CellLimit, is_vendor_char, text_checks


def codes(checks) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.code for c in checks]


@pytest.mark.parametrize("char", list("①⑳ⅠⅩⅰ㈱㈲㍻㌔㎝№℡∑髙﨑"))
def test_vendor_characters(char: str) -> None:
    assert is_vendor_char(char)


@pytest.mark.parametrize("char", [*"高崎(1)株∵≒〜～ｱアa　、。", "𠮷"])
def test_ordinary_characters(char: str) -> None:
    assert not is_vendor_char(char)


def test_koganei_texts() -> None:
    values = EntryValues(result="ｶﾞｲﾄﾞを配布した。", rating="A", outlook="①研修\t②訪問、㈱と連携")
    checks = text_checks(KOGANEI_FORM, values)
    assert codes(checks) == ["result-halfwidth-kana", "outlook-vendor-chars", "outlook-tab"]
    assert all(c.level is Level.WARNING for c in checks)
    assert "（ｶﾞｲﾄﾞ）" in checks[0].message
    assert "（①、②、㈱）" in checks[1].message


def test_length_hint() -> None:
    limit = CellLimit(chars_per_line=20, lines=3)
    assert limit.lines_of("あ" * 41) == 3 and limit.lines_of("あ\nい\nう\nえ") == 4
    short = EntryValues(result="あ" * 60, rating="A", outlook="")
    assert text_checks(KOGANEI_FORM, short, limits={"result": limit}) == []
    long = EntryValues(result="あ" * 61, rating="A", outlook="")
    (check,) = text_checks(KOGANEI_FORM, long, limits={"result": limit})
    assert check.code == "result-very-long" and "約4行" in check.message


def test_copied_from_last_year_and_left_unchanged() -> None:
    last = EntryValues(result="昨年の実績", rating="A", outlook="引き続き実施する。")
    same = EntryValues(result="今年の実績", rating="A", outlook="引き続き 実施する。")
    (check,) = text_checks(KOGANEI_FORM, same, last)
    assert check.code == "outlook-copied-unchanged" and check.message.startswith("前年と同一")
    edited = EntryValues(result="今年の実績", rating="A", outlook="引き続き実施し、拡充する。")
    assert text_checks(KOGANEI_FORM, edited, last) == []


def test_other_forms() -> None:
    form = fixture_form("other-city-five-codes.json")
    values = EntryValues(actual="118", achievement="A", activities="ﾃｽﾄ", next_steps="髙橋")
    assert codes(text_checks(form, values)) == [
        "activities-halfwidth-kana",
        "next_steps-vendor-chars",
    ]
    shakyo = fixture_form("shakyo-katsudo-3.json")
    key = shakyo.text_fields[0].key
    assert codes(text_checks(shakyo, EntryValues({key: "a\tb"}))) == [f"{key}-tab"]
