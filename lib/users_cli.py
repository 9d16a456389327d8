"""The command line's user list (lib/users.py), for a team that logs in without an identity provider.

    python -m lib users add NAME --role viewer|collector|manager [--no-password]
    python -m lib users remove NAME
    python -m lib users list

`add` asks the password twice on a terminal, or reads one line from standard input (a script:
`printf '%s\\n' "$PASSWORD" | python -m lib users add anna --role collector`); `--no-password`
lists someone who logs in through the company's identity provider (NAME is their e-mail address).
The users file is users.toml in the workspace folder, or $SOLLECITO_USERS.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from lib import users
from lib.permissions import ROLES
from lib.workspace_cli import home

COMMANDS = ("users",)


def add_commands(commands: Any) -> None:
    """Add `users add|remove|list` to the CLI's subparsers."""
    cmd = commands.add_parser("users", help="the built-in user list: add, remove, list")
    action = cmd.add_subparsers(dest="users_command", required=True)
    added = action.add_parser("add", help="add a user or change their role and password")
    added.add_argument("name")
    added.add_argument("--role", choices=ROLES, required=True)
    added.add_argument("--no-password", action="store_true", help="logs in through the identity provider")
    action.add_parser("remove", help="take a user off the list").add_argument("name")
    action.add_parser("list", help="the users and their roles (never the hashes)")


def run(args: argparse.Namespace) -> dict[str, object]:
    file = users.users_file(home())
    if args.users_command == "add":
        password = None if args.no_password else read_password()
        user = users.add(file, args.name, args.role, password)
        return {"file": str(file), "user": user.name, "role": user.role, "password": user.password is not None}
    if args.users_command == "remove":
        return {"file": str(file), "user": args.name.strip(), "removed": users.remove(file, args.name)}
    listed = users.load(file).values()
    return {"file": str(file), "users": [{"user": u.name, "role": u.role, "password": u.password is not None}
                                         for u in listed]}  # fmt: skip


def read_password() -> str:
    """The password typed twice on a terminal, else the first line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        msg = "the two passwords differ"
        raise users.UsersError(msg)
    return first
