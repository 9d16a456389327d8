"""lib/permissions.py: what each role may do, and when a login is required."""

from __future__ import annotations

import pytest

from lib.permissions import ROLES, THINGS, can, login_required, loopback


def test_each_role_may_do_all_the_role_before_it_may() -> None:
    allowed = {role: {what for what in THINGS if can(role, what)} for role in ROLES}
    assert allowed["viewer"] == {"read", "download"}
    assert allowed["collector"] == allowed["viewer"] | {"record", "send_letters", "agree_plan", "correct"}
    assert allowed["manager"] == set(THINGS)


@pytest.mark.parametrize("what", ["record", "send_letters", "agree_plan", "import", "settings", "approve"])
def test_a_viewer_only_reads(what: str) -> None:
    assert not can("viewer", what)


@pytest.mark.parametrize("what", ["import", "settings", "approve", "assign", "agree_beyond_limits"])
def test_a_collector_does_not_manage(what: str) -> None:
    assert not can("collector", what)


def test_without_login_the_one_user_may_do_everything_and_an_unknown_role_nothing() -> None:
    assert all(can(None, what) for what in THINGS)
    assert not any(can("intern", what) for what in THINGS)


def test_an_unknown_thing_is_a_bug_not_a_refusal() -> None:
    with pytest.raises(ValueError, match="unknown thing"):
        can("manager", "fly")


@pytest.mark.parametrize(
    ("address", "expected"),
    [("127.0.0.1", True), ("127.0.1.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("", False), (None, False), ("192.168.1.10", False), ("::", False),
     ("sollecito.example.com", False)],
)  # fmt: skip
def test_loopback(address: str | None, expected: bool) -> None:
    assert loopback(address) is expected


def test_login_is_off_on_loopback_without_users_and_required_otherwise() -> None:
    assert not login_required("127.0.0.1", users_configured=False)
    assert login_required("127.0.0.1", users_configured=True)
    assert login_required("0.0.0.0", users_configured=False)
    assert login_required(None, users_configured=False)  # unset: Streamlit listens on every interface
