"""Sollecito: the frame around every page (page config, sidebar, navigation)."""

import streamlit as st

from lib import ui

st.set_page_config(page_title="Sollecito", page_icon=":material/receipt_long:", layout="wide")
ui.init_state()

pages = st.navigation(
    [
        st.Page("pages/start.py", title=ui.t("nav.start"), icon=":material/home:", default=True),
        st.Page("pages/import_data.py", title=ui.t("nav.import"), icon=":material/upload_file:"),
    ]
)
sidebar = st.sidebar.container()  # filled after the page, so it shows what the page just saved
try:
    pages.run()
finally:
    ui.sidebar(sidebar)
