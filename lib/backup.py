"""The whole workspace as one file, and back: a zip of the catalogue (SQLite's online backup API, so
a workspace in use is copied consistently), the Parquet files of its snapshots and a manifest
(format, schema version, each file's SHA-256).

`restore` checks everything before it touches the workspace (a damaged or tampered file, a schema
newer than this version knows: one sentence, nothing changed), builds the new workspace in a
staging folder next to it, brings its schema up to date, then swaps the two folders: never a
half-restored workspace. `before_migration` is the automatic backup `Store` takes before it
migrates a workspace (kept in its `backups` folder, which a restore keeps too).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from pathlib import Path
from typing import IO, Any

from lib import clock, workspace
from lib.migrations import MIGRATIONS, migrate
from lib.workspace import BACKUPS, DB_NAME, WorkspaceError

FORMAT = 1
MANIFEST = "manifest.json"
USERS = "users.toml"  # lib.users.FILE_NAME: kept by a restore, never in a backup
_MEMBER = re.compile(rf"{re.escape(DB_NAME)}|snapshots/[0-9]+/[a-z_]+\.parquet")


def write(home: Path, target: Path | IO[bytes], *, read_only: bool = False) -> dict[str, Any]:
    """Write the workspace at `home` to `target` (a path, written whole or not at all, or a binary
    stream); returns the manifest. The snapshots are those of the catalogue copied. `read_only`: the
    workspace is read as it is, writing nothing to it (no journal), as `Store` reads one."""
    with tempfile.TemporaryDirectory(prefix=".backup-") as scratch:
        copy = Path(scratch) / DB_NAME
        original = home / DB_NAME
        as_is = read_only and not original.with_name(DB_NAME + "-wal").exists()
        source_uri = f"{original.absolute().as_uri()}?{'immutable=1' if as_is else 'mode=ro'}"
        with closing(sqlite3.connect(source_uri, uri=True, timeout=30)) as source, closing(sqlite3.connect(copy)) as db:
            source.backup(db)
            db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            ids = [row[0] for row in db.execute("SELECT id FROM snapshot ORDER BY id")] if version else []
        members = {DB_NAME: copy}
        for snapshot_id in ids:
            folder = home / "snapshots" / str(snapshot_id)
            for path in sorted(folder.glob("*.parquet")):
                members[f"snapshots/{snapshot_id}/{path.name}"] = path
        manifest = {
            "app": "sollecito",
            "format": FORMAT,
            "schema_version": version,
            "created_at": clock.now().isoformat(timespec="seconds"),
            "snapshots": ids,
            "files": {name: _sha256(path) for name, path in members.items()},
        }
        if isinstance(target, Path):
            partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
            try:
                _zip(partial, members, manifest)
                partial.replace(target)
            finally:
                partial.unlink(missing_ok=True)
        else:
            _zip(target, members, manifest)
    return manifest


def _zip(target: Path | IO[bytes], members: dict[str, Path], manifest: dict[str, Any]) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
        for name, path in members.items():
            archive.write(path, name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def before_migration(home: Path, target_version: int) -> Path:
    """The automatic backup taken before migrating to `target_version`, in `home/backups`."""
    folder = home / BACKUPS
    folder.mkdir(exist_ok=True)
    stamp = clock.now().strftime("%Y%m%dT%H%M%S")
    path = folder / f"before-schema-{target_version}-{stamp}-{secrets.token_hex(2)}.zip"
    write(home, path)
    return path


def restore(home: Path, source: Path | IO[bytes], name: str | None = None) -> dict[str, Any]:
    """Replace the workspace at `home` with the backup `source` (`name`: how to call it in a message);
    returns its manifest. Refuses (WorkspaceError, nothing changed) a damaged or foreign file and a
    schema newer than this version's."""
    label = name or (source.name if isinstance(source, Path) else "backup")
    home.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{home.name}.restoring-", dir=home.parent))
    try:
        manifest = _unpack(source, staging, label)
        _settle_database(staging / DB_NAME, label)
        if (home / USERS).is_file():  # who may log in is the server's, not the backup's (lib/users.py)
            shutil.copy2(home / USERS, staging / USERS)
        _swap(home, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _unpack(source: Path | IO[bytes], staging: Path, label: str) -> dict[str, Any]:
    """Check the backup and extract it into `staging`; the manifest."""
    try:
        with zipfile.ZipFile(source) as archive:
            manifest = json.loads(archive.read(MANIFEST))
            if not isinstance(manifest, dict) or manifest.get("app") != "sollecito":
                raise WorkspaceError("backup_damaged", file=label)
            version = manifest.get("schema_version")
            if not isinstance(version, int) or manifest.get("format") != FORMAT:
                raise WorkspaceError("backup_damaged", file=label)
            if version > len(MIGRATIONS):
                raise WorkspaceError("backup_newer", file=label, version=version, known=len(MIGRATIONS))
            files = manifest.get("files")
            if not isinstance(files, dict) or DB_NAME not in files or not all(map(_MEMBER.fullmatch, files)):
                raise WorkspaceError("backup_damaged", file=label)
            for member, digest in files.items():
                target = staging / member
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(member))
                if _sha256(target) != digest:
                    raise WorkspaceError("backup_damaged", file=label)
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError) as error:
        if isinstance(error, WorkspaceError):
            raise
        raise WorkspaceError("backup_damaged", file=label) from error
    (staging / "snapshots").mkdir(exist_ok=True)
    return manifest


def _settle_database(db: Path, label: str) -> None:
    """The restored catalogue must be whole; bring its schema up to date and move its revision on
    (the pages' caches must not take it for a state they have seen)."""
    try:
        with closing(sqlite3.connect(db)) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise WorkspaceError("backup_damaged", file=label)
            conn.execute("PRAGMA journal_mode=WAL")
            migrate(conn)
            with conn:
                conn.execute("UPDATE revision SET n = n + 1 + abs(random() % 1000000000)")
    except sqlite3.DatabaseError as error:
        raise WorkspaceError("backup_damaged", file=label) from error


def _swap(home: Path, staging: Path) -> None:
    """Put `staging` in the place of `home` (its automatic backups kept), the old one removed after."""
    if not home.exists():
        staging.rename(home)
        return
    with workspace.lock(home, exclusive=True):  # no save in progress
        if (home / BACKUPS).is_dir():
            shutil.copytree(home / BACKUPS, staging / BACKUPS)
        aside = home.with_name(f".{home.name}.replaced-{secrets.token_hex(4)}")
        home.rename(aside)
        try:
            staging.rename(home)
        except BaseException:
            aside.rename(home)
            raise
    shutil.rmtree(aside, ignore_errors=True)
