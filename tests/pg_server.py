"""A throw-away PostgreSQL server from Debian's `postgresql` package, for the tests and the bench.

`Server.start()` runs initdb and pg_ctl (as the `postgres` user when we are root: the server
refuses to run as root) in a temporary folder, on a private port with its socket in that folder
and trust authentication on loopback only; `stop()` stops it and removes the folder.
`database()` makes a fresh, empty database and returns its URL.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg


def binaries() -> Path | None:
    """The newest installed server's bin folder (/usr/lib/postgresql/<version>/bin), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    bin: Path
    folder: Path
    port: int

    @classmethod
    def start(cls) -> Server:
        bin_folder = binaries()
        if bin_folder is None:
            msg = "PostgreSQL is not installed (make postgresql)"
            raise RuntimeError(msg)
        folder = Path(tempfile.mkdtemp(prefix="sollecito-pg-"))
        server = cls(bin_folder, folder, _free_port())
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(folder, user.pw_uid, user.pw_gid)
        server._run("initdb", "-D", str(folder / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--no-sync", "--locale=C")  # fmt: skip
        options = f"-p {server.port} -k {folder} -h 127.0.0.1 -F -c fsync=off -c max_connections=200"
        server._run("pg_ctl", "-D", str(folder / "data"), "-o", options, "-l", str(folder / "log"), "-w", "start")
        return server

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def database(self) -> str:
        """A new empty database; its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
