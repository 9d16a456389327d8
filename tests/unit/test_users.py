"""lib/users.py and `python -m lib users`: the built-in user list with argon2id hashes."""

from __future__ import annotations

import datetime as dt
import io
import json
import tomllib
from pathlib import Path

import pytest

from lib import backup, users
from lib.__main__ import main
from lib.store import Store


def test_a_user_added_logs_in_with_their_password_only(tmp_path: Path) -> None:
    file = tmp_path / "users.toml"
    added = users.add(file, " anna ", "collector", "correct horse")
    assert added.name == "anna" and added.password and added.password.startswith("$argon2id$")
    listed = users.load(file)
    assert users.verify(listed, "anna", "correct horse") == added
    assert users.verify(listed, "anna", "wrong horse") is None
    assert users.verify(listed, "bruno", "correct horse") is None  # nobody of that name


def test_the_file_keeps_hashes_never_passwords(tmp_path: Path) -> None:
    file = tmp_path / "users.toml"
    users.add(file, "anna", "manager", "correct horse")
    text = file.read_text()
    assert "correct horse" not in text
    assert tomllib.loads(text)["users"]["anna"]["role"] == "manager"
    assert file.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_the_same_password_hashes_differently_each_time(tmp_path: Path) -> None:
    assert users.hash_password("correct horse") != users.hash_password("correct horse")  # salted


def test_adding_again_changes_role_and_password(tmp_path: Path) -> None:
    file = tmp_path / "users.toml"
    users.add(file, "anna", "viewer", "first password")
    users.add(file, "anna", "collector", "second password")
    listed = users.load(file)
    assert list(listed) == ["anna"] and listed["anna"].role == "collector"
    assert users.verify(listed, "anna", "first password") is None
    assert users.verify(listed, "anna", "second password") is not None


def test_an_identity_provider_user_has_no_password_and_is_found_by_email(tmp_path: Path) -> None:
    file = tmp_path / "users.toml"
    users.add(file, "Marco@Example.com", "manager", None)
    listed = users.load(file)
    assert users.by_email(listed, "marco@example.COM") == users.User("Marco@Example.com", "manager")
    assert users.by_email(listed, "other@example.com") is None and users.by_email(listed, None) is None
    assert users.verify(listed, "Marco@Example.com", "") is None  # no password: never by the form


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [("anna", "boss", "correct horse", "role"), ("", "viewer", "correct horse", "name"),
     ("anna", "viewer", "short", "8 characters")],
)  # fmt: skip
def test_what_cannot_be_added(tmp_path: Path, name: str, role: str, password: str, message: str) -> None:
    file = tmp_path / "users.toml"
    with pytest.raises(users.UsersError, match=message):
        users.add(file, name, role, password)
    assert not file.exists()


@pytest.mark.parametrize(
    "text",
    ['[users.anna]\nrole = "boss"\n', '[users.anna]\nrole = "viewer"\npassword = "plain"\n', "users = 1\n", "[users"],
)
def test_a_damaged_list_is_refused_not_half_read(tmp_path: Path, text: str) -> None:
    file = tmp_path / "users.toml"
    file.write_text(text)
    with pytest.raises(users.UsersError):
        users.load(file)


def test_no_file_is_no_users_and_removing(tmp_path: Path) -> None:
    file = tmp_path / "users.toml"
    assert users.load(file) == {}
    users.add(file, "anna", "viewer", None)
    assert users.remove(file, "anna") and not users.remove(file, "anna")
    assert users.load(file) == {}


def test_the_file_is_in_the_workspace_unless_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert users.users_file(tmp_path) == tmp_path / "users.toml"
    monkeypatch.setenv("SOLLECITO_USERS", str(tmp_path / "team.toml"))
    assert users.users_file(tmp_path) == tmp_path / "team.toml"


def test_the_command_line_reads_the_password_from_stdin(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    assert main(["users", "add", "anna", "--role", "collector"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"file": str(workspace.resolve() / "users.toml"), "user": "anna", "role": "collector",
                   "password": True}  # fmt: skip
    assert users.verify(users.load(workspace / "users.toml"), "anna", "correct horse") is not None
    assert main(["users", "add", "marco@example.com", "--role", "manager", "--no-password"]) == 0
    capsys.readouterr()
    assert main(["users", "list"]) == 0
    listed = json.loads(capsys.readouterr().out)["users"]
    assert listed == [{"user": "anna", "role": "collector", "password": True},
                      {"user": "marco@example.com", "role": "manager", "password": False}]  # fmt: skip


def test_the_command_line_refuses_a_short_password_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "add", "anna", "--role", "viewer"]) == 2
    assert capsys.readouterr().err == "error: a password has at least 8 characters\n"


def test_a_restore_keeps_who_may_log_in(workspace: Path, tmp_path: Path) -> None:
    store = Store.open(workspace)
    backup.write(store.home, tmp_path / "before.zip")
    users.add(users.users_file(workspace), "anna", "manager", "correct horse")
    backup.restore(store.home, tmp_path / "before.zip")  # a backup taken before anna was listed
    assert list(users.load(users.users_file(workspace))) == ["anna"]
    assert backup.USERS == users.FILE_NAME


def test_the_identity_providers_of_the_auth_secrets() -> None:
    single = {
        "redirect_uri": "https://x/oauth2callback",
        "cookie_secret": "s",
        "client_id": "id",
        "client_secret": "c",
        "server_metadata_url": "https://idp/.well-known",
        "client_kwargs": {"prompt": "x"},
    }
    assert users.providers(single) == [None]  # st.login() with no provider name
    several = {"redirect_uri": "u", "cookie_secret": "s", "microsoft": {"client_id": "a"}, "google": {"client_id": "b"}}
    assert users.providers(several) == ["microsoft", "google"]
    assert users.providers({"redirect_uri": "u"}) == [] and users.providers(None) == []


def test_five_wrong_passwords_in_a_row_wait_fifteen_minutes_from_the_first() -> None:
    now = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
    minutes = [now - dt.timedelta(minutes=m) for m in (1, 2, 3, 4, 5, 6)]  # newest first
    failed = [("login_failed", at) for at in minutes]
    assert users.locked_until(failed[:4], now) is None  # four: one more try
    assert users.locked_until(failed[:5], now) == minutes[4] + users.LOCKOUT  # 10:10
    assert users.locked_until(failed, now) == minutes[4] + users.LOCKOUT  # the fifth newest counts
    assert users.locked_until([("login", now), *failed], now) is None  # a login since clears them
    assert users.locked_until([*failed[:4], ("login", minutes[4]), *failed[5:]], now) is None  # not in a row
    assert users.locked_until(failed[:5], now + dt.timedelta(minutes=14)) is None  # the first is 15 minutes old
    assert users.locked_until(failed[:5], now + dt.timedelta(minutes=10)) is None  # 10:10: over
    assert users.locked_until(failed[:5], now + dt.timedelta(minutes=9)) == minutes[4] + users.LOCKOUT
