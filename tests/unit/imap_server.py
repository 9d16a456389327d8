"""A real local IMAP server for the tests: Debian's dovecot (`make test` installs dovecot-imapd),
run as a throw-away instance: its own config in a temporary folder, loopback and a free port,
implicit TLS with a trustme certificate, one user from a static passwd-file, maildir in the
folder. The tests APPEND receipts to it with imaplib and read them through the app's code.

Run as root, dovecot's own users (dovenull, dovecot) do the unprivileged work and own the mail;
run as anyone else, that user does everything."""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import trustme

from lib.mail.settings import MailSettings
from tests.unit.smtp_server import _free_port

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD, FOLDER = "crediti", "imap-s3cret", "Ricevute PEC"
CONFIG = """\
base_dir = {home}/run
state_dir = {home}/state
log_path = {home}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{home}/cert.pem
ssl_key = <{home}/key.pem
auth_mechanisms = plain
first_valid_uid = {uid}
default_login_user = {login_user}
default_internal_user = {internal_user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {home}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={home}/mail/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
"""


@dataclass(frozen=True)
class Imap:
    """The running server: the settings that reach it (SMTP's left as they were) and a client."""

    settings: MailSettings
    home: Path

    def append(self, data: bytes, folder: str = FOLDER) -> None:
        context = ssl.create_default_context(cafile=str(self.home / "ca.pem"))
        with imaplib.IMAP4_SSL("127.0.0.1", self.settings.imap_port, ssl_context=context) as client:
            client.login(USER, PASSWORD)
            client.create(f'"{folder}"')  # NO when it exists: fine
            status, _ = client.append(f'"{folder}"', "", None, data)
            assert status == "OK"

    def log(self) -> str:
        return (self.home / "dovecot.log").read_text(errors="replace")


def _users() -> tuple[int, int, str, str]:
    """(uid, gid, login user, internal user) the instance runs its unprivileged parts as."""
    if os.geteuid() == 0:
        internal = pwd.getpwnam("dovecot")
        return internal.pw_uid, internal.pw_gid, "dovenull", "dovecot"
    me = pwd.getpwuid(os.geteuid())
    return me.pw_uid, me.pw_gid, me.pw_name, me.pw_name


def _wait_for(port: int, process: subprocess.Popen[bytes], home: Path, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dovecot stopped: {(home / 'dovecot.log').read_text(errors='replace')}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"dovecot did not listen on {port} within {seconds}s")


@contextmanager
def imap_server(settings: MailSettings | None = None) -> Iterator[Imap]:
    """A running dovecot; `settings` (the SMTP ones, say) get its IMAP host, port, user and folder."""
    # not under pytest's tmp_path: its parents are private to the test's user, and dovecot's are not it
    home = Path(tempfile.mkdtemp(prefix="sollecito-dovecot-"))
    home.chmod(0o755)
    uid, gid, login_user, internal_user = _users()
    ca = trustme.CA()
    certificate = ca.issue_cert("127.0.0.1", "localhost")
    certificate.cert_chain_pems[0].write_to_path(str(home / "cert.pem"))
    certificate.private_key_pem.write_to_path(str(home / "key.pem"))
    (home / "key.pem").chmod(0o600)
    ca.cert_pem.write_to_path(str(home / "ca.pem"))
    (home / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    (home / "mail").mkdir()
    os.chown(home / "mail", uid, gid)
    port = _free_port()
    config = home / "dovecot.conf"
    config.write_text(
        CONFIG.format(home=home, uid=uid, gid=gid, login_user=login_user, internal_user=internal_user, port=port)
    )
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, process, home)
        # one CA file for both servers: the SMTP server's CA (when given) and this one's
        bundle = home / "ca-bundle.pem"
        smtp_ca = Path(settings.ca_file).read_text() if settings and settings.ca_file else ""
        bundle.write_text(smtp_ca + (home / "ca.pem").read_text())
        yield Imap(
            replace(settings or MailSettings(), imap_host="127.0.0.1", imap_port=port, imap_user=USER,
                    imap_folder=FOLDER, ca_file=str(bundle)),
            home,
        )  # fmt: skip
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
        shutil.rmtree(home, ignore_errors=True)
