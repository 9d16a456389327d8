"""Login and roles in the UI: the login page (a password from the built-in user list, or the
company's identity provider through st.login), the user in the sidebar, and what the pages ask
before they show a form: the operator (the user, no longer typed) and whether the role may
(lib/permissions.py).

Login is off on a workspace whose server listens on loopback only and that has no users; it is
required (nothing is shown before it) when the server listens on anything else or users exist.
"""

from __future__ import annotations

import contextlib
import math
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lib import audit, clock, permissions, users
from lib.ui.core import KEYS, end_page, plain, store, t
from lib.users import User
from lib.workspace import ReadOnly


def _users() -> dict[str, User]:
    try:
        return users.load(users.users_file(store().home))
    except users.UsersError as error:  # a damaged list must not let anyone in: say so and stop
        st.error(plain(error), icon=":material/error:")
        st.stop()


def _providers() -> list[str | None]:
    """The identity providers of `[auth]` in .streamlit/secrets.toml: None for the one set in
    `[auth]` itself, else the names of its sub-tables (`[auth.microsoft]`); none: empty."""
    try:
        auth = st.secrets.get("auth") if st.secrets.load_if_toml_exists() else None
    except Exception:
        return []
    return users.providers(auth)


def required() -> bool:
    """Whether this session must log in (lib.permissions.login_required)."""
    configured = bool(_users()) or bool(_providers())
    return permissions.login_required(st.get_option("server.address"), configured)


def current() -> User | None:
    """The user logged in (None: nobody, or login is off)."""
    listed = _users()
    user: User | None = st.session_state.get(KEYS.user)
    if user is not None:
        kept = listed.get(user.name)  # removed from the list or given another role meanwhile
        if kept is None or kept.role != user.role:
            st.session_state.pop(KEYS.user, None)
        return kept
    if _providers() and st.user.is_logged_in:
        return users.by_email(listed, str(st.user.get("email") or ""))
    return None


def locked() -> bool:
    """Whether this session must log in before anything is shown."""
    return required() and current() is None


def gate() -> None:
    """Called by app.py before any page: without login required, nothing; else the login page
    until someone logs in (st.stop: no data, no navigation)."""
    if not locked():
        return
    st.title(t("login.title"))
    providers = _providers()
    if providers and st.user.is_logged_in:  # the provider knows them, the user list does not
        st.error(t("login.not_listed", email=plain(st.user.get("email") or "?")), icon=":material/person_off:")
        st.button(t("login.logout"), on_click=st.logout, key="login-logout-unknown")
        st.stop()
    listed = _users()
    if not listed and not providers:
        st.warning(t("login.no_users"), icon=":material/group_off:")
        st.code("python -m lib users add NAME --role manager", language="bash")
        st.stop()
    if any(u.password for u in listed.values()):
        _password_form(listed)
    for provider in providers:
        label = t("login.with_provider", provider=provider.title()) if provider else t("login.with_company")
        if st.button(label, key=f"login-oidc-{provider}", icon=":material/badge:"):
            st.login(provider) if provider else st.login()
    st.stop()


def _password_form(listed: dict[str, User]) -> None:
    with st.form("login"):
        name = st.text_input(t("login.name"), autocomplete="username")
        password = st.text_input(t("login.password"), type="password", autocomplete="current-password")
        if st.form_submit_button(t("login.submit"), type="primary", icon=":material/login:"):
            name = name.strip()[:100]
            now = clock.now()
            until = users.locked_until(audit.logins(store(), name), now)
            if until is not None:
                minutes = math.ceil((until - now).total_seconds() / 60)
                st.error(t("login.throttled", tries=users.TRIES, minutes=minutes), icon=":material/timer:")
                return
            user = users.verify(listed, name, password)
            _note_login("login_failed" if user is None else "login", name)
            if user is None:
                st.error(t("login.wrong"), icon=":material/lock:")
                return
            st.session_state[KEYS.user] = user
            st.rerun()


def _note_login(what: str, name: str) -> None:
    with contextlib.suppress(ReadOnly):  # a read-only workspace keeps no trace of logins
        audit.note(store(), what, name, name if what == "login" else None)


def members() -> dict[str, User]:
    """The users of the list, by name (for assigning accounts)."""
    return _users()


def sidebar(slot: DeltaGenerator) -> None:
    """Who is logged in, with their role, and the way out (nothing when login is off)."""
    user = current()
    if user is None:
        return
    slot.caption(t("login.as", name=plain(user.name), role=t(f"role.{user.role}")))
    if slot.button(t("login.logout"), key="sidebar-logout", icon=":material/logout:"):
        st.session_state.pop(KEYS.user, None)
        st.session_state.pop(KEYS.operator, None)  # the next one in this browser is not them
        if _providers() and st.user.is_logged_in:
            st.logout()
        st.rerun()


# --- what the pages ask --------------------------------------------------------------------------


def role() -> str | None:
    """The logged-in user's role; None when login is off (the one user may do everything)."""
    user = current()
    return None if user is None else user.role


def allowed(what: str) -> bool:
    return permissions.can(role(), what)


def refused(what: str, container: Any = st) -> bool:
    """True (and a line saying so) when the user's role may not do `what`."""
    if allowed(what):
        return False
    container.caption(t("roles.refused", role=t(f"role.{role()}")))
    return True


def need(what: str) -> None:
    """End the page, saying why, when the role may not do `what` (imports, settings)."""
    if not allowed(what):
        st.info(t("roles.page_refused", role=t(f"role.{role()}")), icon=":material/lock:")
        end_page()


def operator() -> str | None:
    """Who does what is being saved: the user logged in, else the name typed in this session."""
    user = current()
    return user.name if user else (st.session_state.get(KEYS.operator) or None)


def operator_input(container: Any, key: str | None = None, help: str | None = None) -> str:
    """The operator: the user logged in (nothing drawn), else a text field remembered for the session."""
    user = current()
    if user is not None:
        return user.name
    return str(container.text_input(t("log.operator"), value=st.session_state.get(KEYS.operator, ""), key=key,
                                    help=help))  # fmt: skip


def noted(what: str, subject: str | None) -> None:
    """Remember who changed a setting or imported a file (logged in only: otherwise there is one user)."""
    user = current()
    if user is not None:
        audit.note(store(), what, subject, user.name)
