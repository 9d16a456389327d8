import streamlit as st

from lib import ui
from lib.ui import login, mail_settings, team_page, workspace_panel
from lib.ui import settings_page as page

st.title(ui.t("settings.title"))
login.need("settings")
ui.flash()

company_tab, policy_tab, file_tab, data_tab = st.tabs(
    [ui.t("settings.tab_company"), ui.t("settings.tab_policy"), ui.t("settings.tab_file"), ui.t("settings.tab_data")]
)
with company_tab:
    page.language_setting()
    page.company_form()
    mail_settings.mail_section()
with policy_tab:
    page.policy_form()
with file_tab:
    page.policy_file()
with data_tab:
    workspace_panel.panel()
    team_page.audit_table()
