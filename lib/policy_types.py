"""The collection policy's shape: one frozen dataclass per table of config/policy.toml, built from
the file (with the saved settings laid over it) and turned back into a plain mapping for export.

The values live in config/policy.toml alone, each key documented where it stands: every field
below is a key there and every key there is a field (tests/test_meta.py checks both ways). The
rules a policy must follow are lib/policy.py's `check`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lib.i18n import policy_message


class PolicyError(ValueError):
    """A policy that cannot work: `code` says what (lib.i18n.POLICY words it in each language) and
    `params["key"]` where; str() is the English sentence."""

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(policy_message(code, params, "en"))


class FrozenMap(Mapping[str, float]):
    """A read-only mapping for a TOML inline table: hashable and picklable (the app caches the book
    the policy is part of), unlike types.MappingProxyType."""

    def __init__(self, items: Mapping[str, float]) -> None:
        self._items = tuple(items.items())

    def __getitem__(self, key: str) -> float:
        return dict(self._items)[key]

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items))

    def __repr__(self) -> str:
        return f"FrozenMap({dict(self._items)!r})"


@dataclass(frozen=True)
class Ageing:
    bucket_edges: tuple[int, ...]


@dataclass(frozen=True)
class Activity:
    active_months: int


@dataclass(frozen=True)
class Rating:
    a_max: int
    b_max: int
    c_max: int
    oldest_days_over: tuple[int, ...]
    oldest_days_points: tuple[int, ...]
    overdue_share_over: tuple[float, ...]
    overdue_share_points: tuple[int, ...]
    at_risk_over: tuple[float, ...]
    at_risk_points: tuple[int, ...]
    history_months: int
    paid_late_over: tuple[int, ...]
    paid_late_points: tuple[int, ...]
    trend_recent_days: int
    trend_days: int
    trend_worse_points: int
    trend_better_points: int
    broken_promise_points: int
    broken_promises_max: int
    dispute_points: int
    negative_flag_points: int
    inactive_points: int


@dataclass(frozen=True)
class Step:
    """One step of a ladder. `after` and `required` may be left out (config/policy.toml says what
    that means); the other keys are always given."""

    step: str
    channel: str
    template: str
    offset: int
    gap: int
    after: str | None = None
    required: bool = False

    def to_mapping(self) -> dict[str, Any]:
        """The step as a TOML table (and a settings override): `after` and `required` only when set."""
        return _plain(self)


@dataclass(frozen=True)
class Track:
    ladder: tuple[Step, ...]


@dataclass(frozen=True)
class FastTrack(Track):
    ratings: tuple[str, ...]
    oldest_days_over: int


@dataclass(frozen=True)
class WhiteGlovesTrack(Track):
    ratings: tuple[str, ...]


@dataclass(frozen=True)
class Tracks:
    fast: FastTrack
    white_gloves: WhiteGlovesTrack
    standard: Track


@dataclass(frozen=True)
class Promises:
    grace_days: int
    default_days: int


@dataclass(frozen=True)
class Disputes:
    review_days: int


@dataclass(frozen=True)
class Holds:
    default_days: int


@dataclass(frozen=True)
class Weekly:
    calls: int
    letters: int
    urgency_broken_promise: float
    urgency_prescription: float
    prescription_warning_months: int


@dataclass(frozen=True)
class Recovery:
    half_life_days: int


@dataclass(frozen=True)
class Prescription:
    years: int
    periodic_years: int
    professional_years: int
    retail_years: int

    def years_of(self, term: str | None) -> int:
        """The years of a prescription term's kind (lib.customers.TERMS; None: ordinary)."""
        return self.years if term in (None, "ordinary") else int(getattr(self, f"{term}_years"))


@dataclass(frozen=True)
class Offers:
    cost_of_capital_pct: float
    default_probability_pct: Mapping[str, float]  # by rating: a FrozenMap
    agency_fee_pct: float
    agency_days: int
    legal_costs: float
    legal_days: int
    legal_success_pct: float
    discount_pct: float
    discount_deadline_days: int
    instalments: int
    max_instalments: int
    vat_pct: float


@dataclass(frozen=True)
class Letters:
    reminder_days: int
    demand_days: int
    diffida: bool
    diffida_min_days: int
    delivery_days: Mapping[str, int]  # by channel: a FrozenMap
    term_margin_days: int
    claim_paid_late: bool
    interest_first: bool
    courtesy_days: int
    stale_after_days: int

    @property
    def demand_term(self) -> int:
        """The days a formal demand gives to pay, from its receipt: a diffida's at least its minimum."""
        return max(self.demand_days, self.diffida_min_days) if self.diffida else self.demand_days


@dataclass(frozen=True)
class Plans:
    grace_days: int
    waive_interest: bool


@dataclass(frozen=True)
class Insolvency:
    clawback_months: int


@dataclass(frozen=True)
class Mail:
    batch_size: int
    per_minute: int


@dataclass(frozen=True)
class Team:
    collector_max_discount_pct: float
    collector_max_instalments: int
    calls: Mapping[str, int]  # by collector: a FrozenMap
    letters: Mapping[str, int]
    by_overdue_over: Mapping[str, str]  # an amount (as text) -> collector
    by_salesperson: Mapping[str, str]
    by_rating: Mapping[str, str]
    default_collector: str


@dataclass(frozen=True)
class Policy:
    """The whole policy, one field per table of config/policy.toml."""

    ageing: Ageing
    activity: Activity
    rating: Rating
    tracks: Tracks
    promises: Promises
    disputes: Disputes
    holds: Holds
    weekly: Weekly
    recovery: Recovery
    prescription: Prescription
    offers: Offers
    letters: Letters
    plans: Plans
    insolvency: Insolvency
    mail: Mail
    team: Team

    def track(self, name: str) -> Track:
        """The track called `name` (fast, white_gloves, standard); KeyError for any other name."""
        if name not in {field.name for field in dataclasses.fields(Tracks)}:
            raise KeyError(name)
        track: Track = getattr(self.tracks, name)
        return track

    def to_mapping(self) -> dict[str, Any]:
        """The policy as plain tables, lists and values: TOML export and saved settings."""
        return _plain(self)

    @classmethod
    def from_mapping(cls, tables: Mapping[str, Any]) -> Policy:
        """The policy of `tables` (config/policy.toml as read, overrides laid over it), not checked.

        PolicyError `shape` names a key that is missing or has a value of the wrong type,
        `unknown_key` a key no field reads.
        """
        try:
            policy: Policy = _build(cls, tables, "")
        except _WrongShape as error:
            raise PolicyError("shape", key=error.key, detail=str(error)) from error
        return policy


# --- building from TOML tables and back -------------------------------------------------------------


class _WrongShape(TypeError):
    def __init__(self, key: str, detail: str) -> None:
        super().__init__(detail)
        self.key = key


_EXPECTED = {int: "a whole number", float: "a number", str: "text", bool: "true or false"}


def _join(where: str, key: object) -> str:
    return f"{where}.{key}" if where else str(key)


def _build(cls: type[Any], table: object, where: str) -> Any:
    """An instance of the dataclass `cls` from `table`, each value converted by its field's type."""
    if not isinstance(table, Mapping):
        raise _WrongShape(where or "policy", f"a table expected, got {table!r}")
    fields = {field.name: field for field in dataclasses.fields(cls)}
    unknown = [key for key in table if key not in fields]
    if unknown:
        raise PolicyError("unknown_key", key=_join(where, unknown[0]), keys=", ".join(fields))
    hints = typing.get_type_hints(cls)
    values = {}
    for name, field in fields.items():
        if name in table:
            values[name] = _value(hints[name], table[name], _join(where, name))
        elif field.default is dataclasses.MISSING:
            raise _WrongShape(_join(where, name), "missing")
    return cls(**values)


def _value(hint: Any, value: object, key: str) -> object:
    if dataclasses.is_dataclass(hint):
        return _build(typing.cast(type[Any], hint), value, key)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is types.UnionType:  # `X | None`: a key that may be left out
        return None if value is None else _value(args[0], value, key)
    if origin is tuple:  # tuple[X, ...]: a TOML array
        if not isinstance(value, list | tuple):
            raise _WrongShape(key, f"a list expected, got {value!r}")
        return tuple(_value(args[0], item, _item(key, item, n)) for n, item in enumerate(value, start=1))
    if origin is Mapping:  # an inline table
        if not isinstance(value, Mapping):
            raise _WrongShape(key, f"a table expected, got {value!r}")
        return FrozenMap({str(k): typing.cast(float, _value(args[1], v, _join(key, k))) for k, v in value.items()})
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if type(value) is hint:  # exactly: true is not a number
        return value
    raise _WrongShape(key, f"{_EXPECTED.get(hint, hint)} expected, got {value!r}")


def _item(key: str, item: object, number: int) -> str:
    """Where an element of a list is: a ladder step by its name (as `check` names it), else by number."""
    if isinstance(item, Mapping) and isinstance(item.get("step"), str):
        return _join(key, item["step"])
    return f"{key}[{number}]"


def _plain(value: Any) -> Any:
    """Dataclasses as dicts (a field left at its default, such as a step's absent `after`, left
    out: TOML has no null), tuples as lists, mappings as dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _plain(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.default is dataclasses.MISSING or getattr(value, field.name) != field.default
        }
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value
