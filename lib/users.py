"""The built-in user list, for a team without an identity provider: each user a name, a role
(lib/permissions.py) and an argon2id hash of the password (argon2-cffi's defaults, RFC 9106).

The list is the file `users.toml` in the workspace folder (or the file `$SOLLECITO_USERS` names),
written by `python -m lib users add NAME --role ROLE`. Why a file of its own and not
`.streamlit/secrets.toml`: the command line owns it whole (it never rewrites a file that holds
other secrets, such as the identity provider's client secret), it is re-read on every run (a new
user, or one removed, needs no restart), and it sits with the data it guards. It holds hashes
only. Who may log in belongs to the server, not to the data: a backup leaves it out and a restore
keeps the file in place (lib/backup.py).

A user with no password logs in through the company's identity provider (st.login): the name
is the e-mail address the provider gives, and the role is the one listed here.

    [users."anna"]
    role = "collector"
    password = "$argon2id$v=19$m=65536,t=3,p=4$…"

    [users."marco@example.com"]
    role = "manager"
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from lib.permissions import ROLES

FILE_NAME = "users.toml"
TRIES = 5  # wrong passwords in a row for one name…
LOCKOUT = dt.timedelta(minutes=15)  # …within this time, and that name waits this long from the first
_HASHER = PasswordHasher()  # argon2id with the library's recommended cost
_DUMMY = _HASHER.hash("not a password")  # verified against for an unknown name: the same time spent


class UsersError(ValueError):
    """A user list or a user that cannot be used; the message names what."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password: str | None = None  # the argon2id hash; None: the identity provider logs them in


def users_file(home: str | os.PathLike[str]) -> Path:
    """Where the workspace at `home` keeps its users: $SOLLECITO_USERS, else users.toml in it."""
    return Path(os.environ.get("SOLLECITO_USERS") or Path(home) / FILE_NAME)


def load(file: Path) -> dict[str, User]:
    """The users of `file` by name (none: an empty dict when the file does not exist)."""
    try:
        tables = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        msg = f"the user list {file} cannot be read: {error}"
        raise UsersError(msg) from error
    users = tables.get("users", {})
    if not isinstance(users, Mapping):
        msg = f"the user list {file}: [users] must be a table"
        raise UsersError(msg)
    return {name: _user(name, fields, file) for name, fields in users.items()}


def _user(name: str, fields: object, file: Path) -> User:
    if not isinstance(fields, Mapping) or fields.get("role") not in ROLES:
        msg = f"the user list {file}: {name!r} needs a role, one of {', '.join(ROLES)}"
        raise UsersError(msg)
    password = fields.get("password")
    if password is not None and not (isinstance(password, str) and password.startswith("$argon2id$")):
        msg = f"the user list {file}: {name!r} has a password that is not an argon2id hash"
        raise UsersError(msg)
    return User(name, str(fields["role"]), password)


def check_name(name: str) -> str:
    """A user's name as kept: trimmed, 1 to 100 printable characters."""
    kept = name.strip()
    if not 0 < len(kept) <= 100 or not kept.isprintable():
        msg = f"a user's name is 1 to 100 printable characters, not {name!r}"
        raise UsersError(msg)
    return kept


def hash_password(password: str) -> str:
    if len(password) < 8:
        msg = "a password has at least 8 characters"
        raise UsersError(msg)
    return _HASHER.hash(password)


def add(file: Path, name: str, role: str, password: str | None) -> User:
    """Add `name` with `role` to the list at `file`, or change them (a new password, a new role);
    without a password the identity provider logs them in. The file is replaced whole."""
    if role not in ROLES:
        msg = f"the role is one of {', '.join(ROLES)}, not {role!r}"
        raise UsersError(msg)
    user = User(check_name(name), role, None if password is None else hash_password(password))
    _save(file, {**load(file), user.name: user})
    return user


def remove(file: Path, name: str) -> bool:
    """Take `name` off the list; False when they were not on it."""
    users = load(file)
    if users.pop(name.strip(), None) is None:
        return False
    _save(file, users)
    return True


def _save(file: Path, users: Mapping[str, User]) -> None:
    tables = {
        "users": {u.name: {"role": u.role, **({"password": u.password} if u.password else {})} for u in users.values()}
    }
    file.parent.mkdir(parents=True, exist_ok=True)
    staged = file.with_name(f".{file.name}.new")
    staged.write_text("# Sollecito's users: python -m lib users add NAME --role ROLE\n" + tomli_w.dumps(tables))
    staged.chmod(0o600)
    os.replace(staged, file)


def verify(users: Mapping[str, User], name: str, password: str) -> User | None:
    """The user whose name and password these are, else None (an unknown name, a wrong password,
    a user of the identity provider): the same work is done either way."""
    user = users.get(name.strip())
    stored = user.password if user and user.password else _DUMMY
    try:
        _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return user if user and user.password else None


def locked_until(logins: Sequence[tuple[str, dt.datetime]], now: dt.datetime) -> dt.datetime | None:
    """When a name may try a password again, given its latest logins and failed logins (newest
    first, lib/audit.py `logins`): after TRIES failures in a row within LOCKOUT, LOCKOUT from the
    first of them; None: it may try now. Guessing costs 15 minutes per 5 tries, for a name known or not."""
    failed: list[dt.datetime] = []
    for what, at in logins:
        if what != "login_failed" or now - at >= LOCKOUT:
            break
        failed.append(at)
    return failed[TRIES - 1] + LOCKOUT if len(failed) >= TRIES else None


def providers(auth: object) -> list[str | None]:
    """The identity providers of secrets.toml's `[auth]` (st.login's configuration): None for the
    one set in `[auth]` itself, else the names of its provider tables (`[auth.microsoft]`)."""
    if not isinstance(auth, Mapping):
        return []
    named: list[str | None] = [str(k) for k, v in auth.items() if isinstance(v, Mapping) and k != "client_kwargs"]
    return named or ([None] if auth.get("client_id") else [])


def by_email(users: Mapping[str, User], email: str | None) -> User | None:
    """The user the identity provider's e-mail address names (without regard to case), if listed."""
    if not email:
        return None
    wanted = email.strip().casefold()
    return next((u for u in users.values() if u.name.casefold() == wanted), None)
