"""What the settings page edits, pure: the policy's tables as rows and back, and the policy as a
TOML file (export and import). The company details for letters are lib/company.py's."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from typing import Any

import tomli_w

from lib.policy import Policy, PolicyError, Step, load_policy

LADDER_COLUMNS = ("step", "channel", "template", "offset", "after", "gap", "required")


def ladder_rows(ladder: Sequence[Step]) -> list[dict[str, Any]]:
    """A ladder as rows with every column (no `after` → None, not `required` → False)."""
    return [{name: getattr(step, name) for name in LADDER_COLUMNS} for step in ladder]


def ladder_from_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows back to a ladder as overrides write it (as Step.to_mapping does): blank rows dropped,
    empty `after` and false `required` left out, numbers as integers. A row without a step or an
    offset raises PolicyError."""
    ladder = []
    for number, row in enumerate(rows, start=1):
        if all(value in (None, "", False) for value in row.values()):
            continue
        if not row.get("step") or row.get("offset") is None:
            raise PolicyError("ladder_row", key="ladder", row=number)
        step: dict[str, Any] = {
            "step": row["step"],
            "channel": row.get("channel"),
            "template": row.get("template") or row["step"],
            "offset": int(row["offset"]),
            "gap": int(row.get("gap") or 0),
        }
        if row.get("after"):
            step["after"] = row["after"]
        if row.get("required"):
            step["required"] = True
        ladder.append(step)
    return ladder


def parse_edges(text: str) -> list[int]:
    """`0, 30, 60` → [0, 30, 60]; PolicyError naming the part that is not a whole number."""
    parts = [p.strip() for p in re.split(r"[,;\s]+", text) if p.strip()]
    try:
        return [int(p) for p in parts]
    except ValueError as error:
        raise PolicyError("edges_text", key="ageing.bucket_edges") from error


def policy_toml(policy: Policy) -> str:
    """The whole policy as TOML text, loadable by `policy_from_toml` and as config/policy.toml."""
    return tomli_w.dumps(policy.to_mapping())


def policy_from_toml(data: bytes, file_name: str) -> Policy:
    """The policy a TOML file describes (missing keys take the defaults), checked; saved as
    settings through `Policy.to_mapping()`.

    PolicyError names the file and the line for a syntax error, or the key that does not hold.
    """
    try:
        overrides = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise PolicyError("not_text", key=file_name) from error
    except tomllib.TOMLDecodeError as error:
        raise PolicyError("toml", key=file_name, detail=str(error)) from error
    return checked(overrides, file_name)


def checked(overrides: Mapping[str, Any], where: str = "settings") -> Policy:
    """The default policy with `overrides` laid over it, typed and checked; PolicyError when it
    cannot work (a value of the wrong type or an unknown key is named by lib.policy_types)."""
    try:
        return load_policy(overrides)
    except PolicyError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise PolicyError("shape", key=where, detail=f"{type(error).__name__}: {error}") from error


def revision(value: object) -> str:
    """A short digest of a saved setting's value: two forms that drew the same revision drew the same value."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _leaves(mapping: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted keys to their values (lists, such as a ladder, kept whole)."""
    leaves: dict[str, Any] = {}
    for key, value in mapping.items():
        if isinstance(value, Mapping):
            leaves |= _leaves(value, f"{prefix}{key}.")
        else:
            leaves[f"{prefix}{key}"] = value
    return leaves


def differences(mine: Policy, saved: Policy) -> tuple[str, str]:
    """The keys on which two policies differ, each policy's values as `key = value` lines (the
    values in JSON): what a user reads before choosing which to keep."""
    ours, theirs = _leaves(mine.to_mapping()), _leaves(saved.to_mapping())
    keys = [k for k in dict.fromkeys([*ours, *theirs]) if ours.get(k) != theirs.get(k)]

    def lines(values: dict[str, Any]) -> str:
        return "\n".join(f"{k} = {json.dumps(values.get(k), ensure_ascii=False, default=str)}" for k in keys)

    return lines(ours), lines(theirs)
