import streamlit as st

from lib import ui
from lib.ui import frame, login, saving
from lib.ui import import_page as importing

st.title(ui.t("start.title"))
st.markdown("\n\n".join(ui.t(f"start.line{i}") for i in (1, 2, 3)))

ui.flash()
left, right = st.columns(2)
if left.button(
    ui.t("start.sample"),
    key="save-sample",
    type="primary",
    help=ui.t("start.sample_help"),
    icon=":material/dataset:",
    disabled=not login.allowed("import"),
):
    with st.spinner(ui.t("start.sample_loading")):
        loaded = saving.load_sample(importing.sample_file)
    if loaded:
        st.session_state[ui.KEYS.last_sample] = ([s.snapshot_id for s in loaded], all(s.duplicate for s in loaded))
right.page_link("views/import_data.py", label=ui.t("start.import"), icon=":material/upload_file:")

if ui.KEYS.last_sample in st.session_state:
    imported = importing.sample()
    saving.sample_message(*st.session_state[ui.KEYS.last_sample], importing.sample_file)
    left, right = st.columns(2)
    left.page_link("views/weekly.py", label=ui.t("start.next_weekly"), icon=":material/checklist:")
    right.page_link("views/portfolio.py", label=ui.t("start.next_portfolio"), icon=":material/monitoring:")
    st.subheader(ui.t("import.summary"))
    importing.import_summary(imported)
    importing.import_details(imported, key="sample")

frame.snapshots_table()
