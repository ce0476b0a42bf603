"""What a department wrote for one entry: a frozen mapping of form field key → text.

An absent key means an empty value (as an absent ``entry_value`` row does), so two values that
differ only by empty fields are equal. The same type carries what is typed and saved, last
year's values, the values issued in a file and those a returned file holds. Whether values are
blank or complete depends on the plan's form (:mod:`welfareplan.core.evaluation_form`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from welfareplan.core.evaluation_form import EvaluationForm


class EntryValues(Mapping[str, str]):
    """Field key → value; only non-empty values are kept."""

    __slots__ = ("_hash", "_values")

    def __init__(
        self, values: Mapping[str, str] | Iterable[tuple[str, str]] = (), /, **more: str
    ) -> None:
        items = dict(values)
        items.update(more)
        self._values: dict[str, str] = {k: v for k, v in items.items() if v}
        self._hash: int | None = None

    # ------------------------------------------------------------------ mapping

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: str, default: str = "") -> str:  # type: ignore[override]
        """The value of ``key`` ('' when absent)."""
        return self._values.get(key, default)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EntryValues):
            return self._values == other._values
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._values.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"EntryValues({self._values!r})"

    def replaced(self, **changes: str) -> EntryValues:
        """A copy with ``changes`` applied (an empty text removes the value)."""
        return EntryValues({**self._values, **changes})

    def only(self, keys: Iterable[str]) -> EntryValues:
        """The values of ``keys`` only."""
        wanted = set(keys)
        return EntryValues({k: v for k, v in self._values.items() if k in wanted})

    # ------------------------------------------------------------------ by the form

    def is_blank(self, form: EvaluationForm) -> bool:
        """Nothing written in any field of the form (white space counts as nothing)."""
        return not any(self.get(f.key).strip() for f in form.fields)

    def missing(self, form: EvaluationForm) -> list[str]:
        """The keys of the fields still needed for a complete entry: the required fields and
        those the chosen rating code requires."""
        needed = list(form.required_keys)
        rating = form.rating_key
        if rating is not None:
            needed += [k for k in form.code_requiring(self.get(rating)) if k not in needed]
        return [k for k in needed if not self.get(k).strip()]

    def is_complete(self, form: EvaluationForm) -> bool:
        return not self.missing(form)

    def rating(self, form: EvaluationForm) -> str:
        """The chosen rating code ('' when none, or when the form has no rating)."""
        key = form.rating_key
        return self.get(key) if key is not None else ""
