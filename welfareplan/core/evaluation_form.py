"""The evaluation form of a plan: what a department fills in for each project.

A form is a list of fields — text fields, at most one rating field with its scale, and number
fields (e.g. 目標値 / 実績値 with a unit) — stored with the plan. Everything that shows, checks,
exchanges or counts what departments write follows the form; no field key or rating code is
spelled in code outside this module's users' data and Koganei's default form
(:mod:`welfareplan.core.koganei_form`).

Field kinds: ``text`` (free text), ``rating`` (one code of :attr:`EvaluationForm.scale`) and
``number`` (a number stored as normalised text, :mod:`welfareplan.core.numbers`). A field is
*required* when an entry is complete only with it filled in; a rating code may require more
fields (Koganei: C and D require 今後の事業計画・展望).

Text field flags: ``year_in_heading`` (the report column reads 「事業実績・評価理由（令和6年度）」),
``explains_rating`` (the field that must give the reason when the rating changed from last
year), ``warn_same_as_last_year`` (the 前年と同一 check), ``copy_from_last_year`` (the
department window offers to copy last year's text). Number fields: ``unit`` and
``target_attribute`` (the project attribute holding the target shown beside the input).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache
from typing import Any

from welfareplan.core.errors import DataError

#: The kinds of field (as the plan file spells them).
TEXT, RATING, NUMBER = "text", "rating", "number"
FIELD_KINDS: tuple[str, ...] = (TEXT, RATING, NUMBER)
#: What a field key may look like (stored in ``entry_value.field``, at most 32 characters).
FIELD_KEY = re.compile(r"[a-z][a-z0-9_]{0,31}")
_FLAGS = ("year_in_heading", "explains_rating", "warn_same_as_last_year", "copy_from_last_year")


def key_problems(what: str, key: str, label: str, seen: set[str], *, label_word: str) -> list[str]:
    """The problems of one keyed item of a list (a form field, a project attribute): a key that
    is not a :data:`FIELD_KEY`, a key already in ``seen`` (which it is added to), an empty
    label. ``what`` names the list ('評価項目'), ``label_word`` its label ('見出し')."""
    out = []
    if not FIELD_KEY.fullmatch(key):
        out.append(
            f"{what}「{label or key}」のキー「{key}」は使えません"
            "（英小文字で始まる英小文字・数字・_ の32文字以内）。"
        )
    if key in seen:
        out.append(f"{what}のキー「{key}」が重複しています。")
    seen.add(key)
    if not label.strip():
        out.append(f"{what}「{key}」の{label_word}が空です。")
    return out


@dataclass(frozen=True)
class RatingCode:
    """One code of a rating scale.

    ``code`` is what is stored ('A', '◎', 'S'); ``label`` what buttons and reports show
    (defaults to the code); ``criteria`` the text of the report's criteria block; ``key`` the
    keyboard key that selects it in the department window; ``requires`` the keys of fields
    that must be filled in when this code is chosen.
    """

    code: str
    label: str = ""
    criteria: str = ""
    key: str = ""
    requires: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.code)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "label": self.label}
        if self.criteria:
            data["criteria"] = self.criteria
        if self.key:
            data["key"] = self.key
        if self.requires:
            data["requires"] = list(self.requires)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any], where: str = "評価区分") -> RatingCode:
        _expect_mapping(data, where)
        return cls(
            code=_text(data, "code", where, required=True),
            label=_text(data, "label", where),
            criteria=_text(data, "criteria", where),
            key=_text(data, "key", where),
            requires=tuple(_texts(data, "requires", where)),
        )


@dataclass(frozen=True)
class FormField:
    """One field of the evaluation form (see the module docstring for the flags)."""

    key: str
    label: str
    kind: str = TEXT
    required: bool = False
    unit: str = ""
    note: str = ""
    year_in_heading: bool = False
    explains_rating: bool = False
    warn_same_as_last_year: bool = False
    copy_from_last_year: bool = False
    target_attribute: str = ""

    @property
    def is_text(self) -> bool:
        return self.kind == TEXT

    @property
    def is_rating(self) -> bool:
        return self.kind == RATING

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER

    def heading(self, year_label: str) -> str:
        """The column heading in reports: '事業実績・評価理由（令和6年度）' for a field with
        ``year_in_heading``, else the label."""
        return f"{self.label}（{year_label}）" if self.year_in_heading else self.label

    def display(self, value: str) -> str:
        """A stored value as printed: a number with its unit ('300人'), anything else as is."""
        if self.is_number and value and self.unit:
            return f"{value}{self.unit}"
        return value

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key,
            "label": self.label,
            "kind": self.kind,
            "required": self.required,
        }
        for name in ("unit", "note", "target_attribute"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        for name in _FLAGS:
            if getattr(self, name):
                data[name] = True
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any], where: str = "評価項目") -> FormField:
        _expect_mapping(data, where)
        return cls(
            key=_text(data, "key", where, required=True),
            label=_text(data, "label", where, required=True),
            kind=_text(data, "kind", where) or TEXT,
            required=_flag(data, "required", where),
            unit=_text(data, "unit", where),
            note=_text(data, "note", where),
            target_attribute=_text(data, "target_attribute", where),
            **{name: _flag(data, name, where) for name in _FLAGS},
        )


@dataclass(frozen=True)
class EvaluationForm:
    """The fields of a plan's evaluation form, in the order of the report's columns, and the
    rating scale (best first) of its rating field, if it has one."""

    fields: tuple[FormField, ...]
    scale_heading: str = ""
    scale: tuple[RatingCode, ...] = ()
    _by_key: dict[str, FormField] = dataclass_field(init=False, repr=False, compare=False)
    #: derived once (the form is immutable and asked on every entry of a merge or report)
    keys: tuple[str, ...] = dataclass_field(init=False, repr=False, compare=False)
    codes: tuple[str, ...] = dataclass_field(init=False, repr=False, compare=False)
    rating_field: FormField | None = dataclass_field(init=False, repr=False, compare=False)
    text_fields: tuple[FormField, ...] = dataclass_field(init=False, repr=False, compare=False)
    number_fields: tuple[FormField, ...] = dataclass_field(init=False, repr=False, compare=False)
    required_keys: tuple[str, ...] = dataclass_field(init=False, repr=False, compare=False)
    _by_code: dict[str, RatingCode] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        derived = {
            "_by_key": {f.key: f for f in self.fields},
            "keys": tuple(f.key for f in self.fields),
            "codes": tuple(c.code for c in self.scale),
            "rating_field": next((f for f in self.fields if f.is_rating), None),
            "text_fields": tuple(f for f in self.fields if f.is_text),
            "number_fields": tuple(f for f in self.fields if f.is_number),
            "required_keys": tuple(f.key for f in self.fields if f.required),
            "_by_code": {c.code: c for c in reversed(self.scale)},  # the first of a code wins
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    # ------------------------------------------------------------------ fields

    def field(self, key: str) -> FormField:
        return self._by_key[key]

    def has(self, key: str) -> bool:
        return key in self._by_key

    @property
    def rating_key(self) -> str | None:
        rating = self.rating_field
        return rating.key if rating is not None else None

    def flagged(self, flag: str) -> tuple[FormField, ...]:
        """The fields with one of the text flags set (e.g. ``warn_same_as_last_year``)."""
        return tuple(f for f in self.fields if getattr(f, flag))

    # ------------------------------------------------------------------ scale

    def code(self, code: str) -> RatingCode | None:
        return self._by_code.get(code)

    def code_range(self) -> str:
        """'A〜D': the first and last code of the scale (for messages)."""
        if not self.scale:
            return ""
        return f"{self.scale[0].code}〜{self.scale[-1].code}"

    def normalize_code(self, typed: str) -> str | None:
        """The code a typed rating stands for: width-folded, trimmed and, where that makes
        it one, upper-cased ('Ａ', ' a ' → 'A'); '' for an empty cell; None when it is none."""
        text = unicodedata.normalize("NFKC", typed).strip()
        if not text:
            return ""
        folded = {unicodedata.normalize("NFKC", c).strip(): c for c in self.codes}
        if text in folded:
            return folded[text]
        upper = {k.upper(): c for k, c in folded.items()}
        return upper.get(text.upper())

    def code_requiring(self, code: str) -> tuple[str, ...]:
        found = self.code(code)
        return found.requires if found is not None else ()

    def codes_requiring(self, key: str) -> tuple[str, ...]:
        """The codes that require field ``key`` ('C', 'D' for Koganei's 今後の事業計画・展望)."""
        return tuple(c.code for c in self.scale if key in c.requires)

    # ------------------------------------------------------------------ JSON

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"fields": [f.to_json() for f in self.fields]}
        if self.scale_heading:
            data["scale_heading"] = self.scale_heading
        data["scale"] = [c.to_json() for c in self.scale]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any], where: str = "評価項目") -> EvaluationForm:
        _expect_mapping(data, where)
        raw_fields = data.get("fields")
        raw_scale = data.get("scale") or []
        if not isinstance(raw_fields, list) or not isinstance(raw_scale, list):
            raise DataError(
                f"{where}: 「fields」と「scale」は一覧にしてください。", code="plan-json"
            )
        return cls(
            fields=tuple(
                FormField.from_json(f, f"{where} {n}") for n, f in enumerate(raw_fields, 1)
            ),
            scale_heading=_text(data, "scale_heading", where),
            scale=tuple(
                RatingCode.from_json(c, f"評価区分 {n}") for n, c in enumerate(raw_scale, 1)
            ),
        )

    # ------------------------------------------------------------------ validation

    def problems(self) -> list[str]:
        """Everything wrong with this form, as Japanese sentences (empty when sound)."""
        out: list[str] = []
        if not self.fields:
            out.append("評価項目がありません。")
        seen: set[str] = set()
        for f in self.fields:
            name = f"評価項目「{f.label or f.key}」"
            out += key_problems("評価項目", f.key, f.label, seen, label_word="見出し")
            if f.kind not in FIELD_KINDS:
                out.append(f"{name}の種類「{f.kind}」は使えません（文章・評価・数値のどれか）。")
            if not f.is_number and (f.unit or f.target_attribute):
                out.append(f"{name}は数値の項目ではないため、単位や目標の属性は指定できません。")
            if not f.is_text and any(getattr(f, flag) for flag in _FLAGS):
                out.append(f"{name}は文章の項目ではないため、文章の項目の設定は指定できません。")
        ratings = [f for f in self.fields if f.is_rating]
        if len(ratings) > 1:
            out.append(
                f"評価の項目は1つまでです（{'、'.join(f.label for f in ratings)} の {len(ratings)} つがあります）。"
            )
        if ratings and not self.scale:
            out.append(f"評価の項目「{ratings[0].label}」に評価区分がありません。")
        if self.scale and not ratings:
            out.append("評価区分がありますが、評価の項目がありません。")
        codes: set[str] = set()
        keys: set[str] = set()
        for c in self.scale:
            if not c.code.strip() or c.code != c.code.strip():
                out.append(f"評価区分「{c.code}」が空か、前後に空白があります。")
            if c.code in codes:
                out.append(f"評価区分「{c.code}」が重複しています。")
            codes.add(c.code)
            if c.key:
                if len(c.key) != 1 or not c.key.isascii() or not c.key.isalnum():
                    out.append(
                        f"評価区分「{c.code}」のキー「{c.key}」は英数字1文字にしてください。"
                    )
                elif c.key.upper() in keys:
                    out.append(f"評価区分のキー「{c.key}」が重複しています。")
                keys.add(c.key.upper())
            for key in c.requires:
                if key not in self._by_key:
                    out.append(
                        f"評価区分「{c.code}」が必要とする項目「{key}」は評価項目にありません。"
                    )
                elif self._by_key[key].is_rating:
                    out.append(f"評価区分「{c.code}」が必要とする項目「{key}」は評価の項目です。")
        return out


def form_fields(form: EvaluationForm, keys: Iterable[str]) -> list[FormField]:
    """The fields of ``form`` named by ``keys`` that exist, in the form's order."""
    wanted = set(keys)
    return [f for f in form.fields if f.key in wanted]


# ---------------------------------------------------------------------------- JSON helpers


def _expect_mapping(data: object, where: str) -> None:
    if not isinstance(data, Mapping):
        raise DataError(
            f"{where}: 形式が正しくありません（項目と値の組ではありません）。", code="plan-json"
        )


def _text(data: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise DataError(f"{where}: 「{key}」がありません。", code="plan-json")
        return ""
    if not isinstance(value, str):
        raise DataError(f"{where}: 「{key}」は文字で書いてください。", code="plan-json")
    return value


def _texts(data: Mapping[str, Any], key: str, where: str) -> Sequence[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{where}: 「{key}」は文字の一覧にしてください。", code="plan-json")
    return value


def _flag(data: Mapping[str, Any], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise DataError(f"{where}: 「{key}」は true か false にしてください。", code="plan-json")
    return value


@lru_cache(maxsize=32)
def form_from_text(text: str) -> EvaluationForm:
    """The form stored as JSON ``text`` (a plan's ``form`` column), parsed once per text: every
    file of one plan carries the same text, and a form is immutable. Raises ``ValueError`` for
    text that is not JSON and :class:`DataError` for JSON that is not a form."""
    return EvaluationForm.from_json(json.loads(text))
