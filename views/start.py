import streamlit as st

from lib import ui
from lib.ui import frame
from lib.ui import import_page as importing

st.title(ui.t("start.title"))
st.markdown("\n\n".join(ui.t(f"start.line{i}") for i in (1, 2, 3)))

left, right = st.columns(2)
if left.button(ui.t("start.sample"), help=ui.t("start.sample_help"), type="primary", icon=":material/dataset:"):
    saved = ui.store().save_snapshot(importing.sample())
    st.session_state[ui.KEYS.last_sample] = (saved.snapshot_id, saved.duplicate)
right.page_link("views/import_data.py", label=ui.t("start.import"), icon=":material/upload_file:")

if ui.KEYS.last_sample in st.session_state:
    snapshot_id, duplicate = st.session_state[ui.KEYS.last_sample]
    imported = importing.sample()
    key = "start.sample_again" if duplicate else "start.sample_done"
    st.success(
        ui.t(key, id=snapshot_id, items=imported.items.height, customers=imported.items["customer_id"].n_unique())
    )
    left, right = st.columns(2)
    left.page_link("views/weekly.py", label=ui.t("start.next_weekly"), icon=":material/checklist:")
    right.page_link("views/portfolio.py", label=ui.t("start.next_portfolio"), icon=":material/monitoring:")
    st.subheader(ui.t("import.summary"))
    importing.import_summary(imported)
    importing.import_details(imported, key="sample")

frame.snapshots_table()
