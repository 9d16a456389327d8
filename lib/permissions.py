"""Who may do what: three roles, each allowed a set of things (`can`), and whether the app must ask
for a login (`login_required`). Pure: lib/ui asks here before it shows a form or writes.

    viewer     reads every page and downloads (lists, letters' PDFs, exports)
    collector  a viewer who also records actions, sends letters and agrees plans and settlements
               within the policy's `[team]` limits (beyond them the offer waits for a manager)
    manager    everything: imports, settings and policy, approvals, assigning accounts
"""

from __future__ import annotations

import ipaddress

ROLES = ("viewer", "collector", "manager")

# What each role may do; each role may do all that the role before it may.
_READ = frozenset({"read", "download"})
_COLLECT = _READ | {"record", "send_letters", "agree_plan", "correct"}
_MANAGE = _COLLECT | {"approve", "agree_beyond_limits", "assign", "import", "settings"}
ALLOWED: dict[str, frozenset[str]] = {"viewer": _READ, "collector": _COLLECT, "manager": _MANAGE}
THINGS = tuple(sorted(_MANAGE))


def can(role: str | None, what: str) -> bool:
    """Whether `role` may do `what` (one of THINGS); None is the embedded workspace without login,
    whose one user may do everything. An unknown role may do nothing; an unknown thing is a bug."""
    if what not in _MANAGE:
        msg = f"permissions: unknown thing {what!r} (one of {', '.join(THINGS)})"
        raise ValueError(msg)
    if role is None:
        return True
    return what in ALLOWED.get(role, frozenset())


def loopback(address: str | None) -> bool:
    """Whether a server bound to `address` (Streamlit's server.address) is reachable from this
    machine only: 127.0.0.0/8, ::1 or `localhost`. Unset means every interface: not loopback."""
    if not address:
        return False
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def login_required(address: str | None, users_configured: bool) -> bool:
    """A login is asked when the server listens beyond loopback (whatever else), or when someone
    configured users (a users file or an identity provider) for a loopback workspace."""
    return users_configured or not loopback(address)
