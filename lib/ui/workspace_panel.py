"""The Settings page's Data tab: where the workspace is, its integrity check (a damaged snapshot can
be removed), a backup to download and a backup to restore (lib/integrity.py, lib/backup.py)."""

from __future__ import annotations

import io

import streamlit as st

from lib import backup, clock, integrity
from lib.ui.core import lang, plain, saved, store, t
from lib.workspace import WorkspaceError

_PROBLEMS = "workspace-problems"  # the last check's problems, shown until the next check


def panel() -> None:
    workspace = store()
    st.caption(t("data.where", home=plain(workspace.where)))
    if workspace.read_only:
        st.info(t("data.read_only"), icon=":material/lock:")
    check()
    if not workspace.folders:  # a database server: backed up with pg_dump by whoever runs it
        st.info(t("data.server_backup"), icon=":material/dns:")
        return
    st.subheader(t("data.backup"))
    st.caption(t("data.backup_help"))
    st.download_button(
        t("data.backup_download"),
        data=_backup,
        file_name=f"sollecito-backup-{clock.today().isoformat()}.zip",
        mime="application/zip",
        on_click="ignore",
        icon=":material/download:",
        key="backup-download",
    )
    restore(disabled=workspace.read_only)


def _backup() -> bytes:
    """The whole workspace as one zip, made when the button is pressed."""
    buffer = io.BytesIO()
    backup.write(store().home, buffer, read_only=store().read_only)
    return buffer.getvalue()


def check() -> None:
    """Check on request; list what is wrong; offer to remove each damaged snapshot."""
    st.subheader(t("data.check"))
    if st.button(t("data.check_button"), key="workspace-check", icon=":material/health_and_safety:"):
        st.session_state[_PROBLEMS] = integrity.check(store())
    problems: list[integrity.Problem] | None = st.session_state.get(_PROBLEMS)
    if problems is None:
        return
    if not problems:
        st.success(t("data.check_ok"), icon=":material/check_circle:")
    for problem in problems:
        st.warning(plain(problem.words(lang())), icon=":material/warning:")
    for snapshot_id in sorted({p.snapshot_id for p in problems if p.repairable and p.snapshot_id is not None}):
        if st.button(t("data.remove", id=snapshot_id), key=f"remove-{snapshot_id}", disabled=store().read_only):
            store().delete_snapshot(snapshot_id)
            st.session_state[_PROBLEMS] = integrity.check(store())
            saved(t("data.removed", id=snapshot_id))


def restore(disabled: bool) -> None:
    """Upload a backup; restoring it replaces the whole workspace, or (a bad file) nothing."""
    st.subheader(t("data.restore"))
    upload = st.file_uploader(
        t("data.restore"), type=["zip"], key="restore-upload", help=t("data.restore_help"), disabled=disabled,
        label_visibility="collapsed",
    )  # fmt: skip
    if upload is None:
        return
    if st.button(t("data.restore_button"), key="restore-confirm", type="primary", icon=":material/restore:"):
        try:
            manifest = backup.restore(store().home, io.BytesIO(upload.getvalue()), name=upload.name)
        except WorkspaceError as error:
            st.error(plain(error.words(lang())), icon=":material/error:")
            return
        st.session_state.pop(_PROBLEMS, None)
        saved(t("data.restored", snapshots=len(manifest["snapshots"])))
