"""The command line's workspace commands (lib/__main__.py): check, backup, restore, workspace copy.

    python -m lib check [--repair]   what is wrong with the workspace; --repair removes damaged snapshots
    python -m lib backup FILE        the whole workspace as one zip (lib/backup.py)
    python -m lib restore FILE       replace the workspace with a backup (checked first, swapped whole)
    python -m lib workspace copy --to URL|FOLDER [--from URL|FOLDER]
                                     the whole workspace into an empty one on either backend, verified
                                     (lib/workspace_copy.py; --from defaults to the workspace in use)

`check` prints its JSON and exits 1 when something is wrong (after `--repair`: still wrong); `workspace
copy` exits 1 when the counts and totals of the copy differ from the source's.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from lib import backup, db, integrity, workspace, workspace_copy
from lib.store import Store

COMMANDS = ("check", "backup", "restore", "workspace")


def add_commands(commands: Any) -> None:
    """Add the workspace commands to the CLI's subparsers."""
    cmd = commands.add_parser("check", help="list what is wrong with the workspace (exit 1 if anything)")
    cmd.add_argument("--repair", action="store_true", help="remove the snapshots whose files are missing or damaged")
    cmd = commands.add_parser("backup", help="write the whole workspace to one zip file")
    cmd.add_argument("file", type=Path)
    cmd = commands.add_parser("restore", help="replace the workspace with a backup file")
    cmd.add_argument("file", type=Path)
    cmd = commands.add_parser("workspace", help="move a workspace between backends")
    actions = cmd.add_subparsers(dest="action", required=True)
    cmd = actions.add_parser("copy", help="copy the whole workspace into an empty one, verified (exit 1 if not)")
    cmd.add_argument("--to", required=True, help="a postgresql:// URL or a workspace folder")
    cmd.add_argument("--from", dest="source", help="a postgresql:// URL or a folder (default: the one in use)")


def home() -> Path:
    """The workspace folder as `Store.open` finds it, without opening it (a damaged one can be restored)."""
    return Path(os.environ.get("SOLLECITO_HOME") or "workspace").resolve()


def run(args: argparse.Namespace) -> dict[str, object]:
    if args.command == "workspace":  # copy
        try:
            return workspace_copy.copy(Store.open(args.source), Store.open(args.to))
        except workspace_copy.NotEmpty as error:
            raise workspace.WorkspaceError("copy_refused", reason=str(error)) from error
    if args.command in ("backup", "restore") and db.database_url():
        raise workspace.WorkspaceError("server_backup", url=db.shown(str(db.database_url())))
    if args.command == "restore":
        if workspace.is_read_only(home()):
            raise workspace.ReadOnly(home=str(home()))
        manifest = backup.restore(home(), args.file)
        return {"restored": str(args.file), "schema_version": manifest["schema_version"],
                "snapshots": manifest["snapshots"]}  # fmt: skip
    store = Store.open()
    if args.command == "backup":
        manifest = backup.write(store.home, args.file, read_only=store.read_only)
        return {"file": str(args.file), "schema_version": manifest["schema_version"],
                "snapshots": manifest["snapshots"]}  # fmt: skip
    problems = integrity.check(store)
    removed = integrity.repair(store, problems) if args.repair else []
    if removed:
        problems = integrity.check(store)
    return {"ok": not problems, "problems": [p.to_dict() for p in problems], "removed": removed}


def status(result: object) -> int:
    """The exit status of a command's result: 1 for a check that found something wrong."""
    return 1 if isinstance(result, dict) and result.get("ok") is False else 0
