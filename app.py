"""Sollecito: the frame around every page (page config, sidebar, navigation)."""

import contextlib

import streamlit as st

from lib import ui
from lib.ui import frame, login
from lib.ui.core import PageEnd
from lib.workspace import WorkspaceError

st.set_page_config(page_title="Sollecito", page_icon=":material/receipt_long:", layout="wide")
ui.init_state()
try:
    ui.store()  # a database that does not answer, a catalogue too new or damaged: one sentence, no page
except WorkspaceError as error:
    st.error(ui.plain(error.words(ui.lang())), icon=":material/error:")
    st.stop()
# Pages live in views/, not pages/: with a pages/ folder next to app.py, Streamlit 1.67 serves the
# first request of a fresh server in legacy multipage mode, so a bookmarked /import_data would run
# without this frame (no sidebar, file names as page titles) until someone opened the root URL.
pages = st.navigation(
    [
        st.Page("views/start.py", title=ui.t("nav.start"), icon=":material/home:", default=True),
        st.Page("views/import_data.py", title=ui.t("nav.import"), icon=":material/upload_file:"),
        st.Page("views/portfolio.py", title=ui.t("nav.portfolio"), icon=":material/monitoring:"),
        st.Page("views/weekly.py", title=ui.t("nav.weekly"), icon=":material/checklist:"),
        st.Page("views/account.py", title=ui.t("nav.account"), icon=":material/person_search:"),
        st.Page("views/simulator.py", title=ui.t("nav.simulator"), icon=":material/calculate:"),
        st.Page("views/letters.py", title=ui.t("nav.letters"), icon=":material/mail:"),
        st.Page("views/settings.py", title=ui.t("nav.settings"), icon=":material/settings:"),
    ],
    position="hidden" if login.locked() else "sidebar",  # chosen before the login: a link survives it
)
login.gate()  # required beyond loopback or with users listed: nothing is shown before it
sidebar = st.sidebar.container()  # filled after the page, so it shows what the page just saved
try:
    pages.run()
except WorkspaceError as error:  # a write to a read-only workspace, a damaged one: one sentence
    st.error(ui.plain(error.words(ui.lang())), icon=":material/error:")
except PageEnd:  # the page said all it could (empty workspace…): the sidebar still comes
    pass
finally:
    with contextlib.suppress(WorkspaceError):  # the page said it; the sidebar needs the same workspace
        frame.sidebar(sidebar)
    login.sidebar(st.sidebar)
