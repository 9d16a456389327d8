import streamlit as st

from lib import ui

st.title(ui.t("settings.title"))
ui.flash()

company_tab, policy_tab, file_tab = st.tabs(
    [ui.t("settings.tab_company"), ui.t("settings.tab_policy"), ui.t("settings.tab_file")]
)
with company_tab:
    ui.language_setting()
    ui.company_form()
with policy_tab:
    ui.policy_form()
with file_tab:
    ui.policy_file()
