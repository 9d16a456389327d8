import streamlit as st

from lib import ui
from lib.ingest import Imported
from lib.ui import frame, saving
from lib.ui import import_page as importing

st.title(ui.t("start.title"))
st.markdown("\n\n".join(ui.t(f"start.line{i}") for i in (1, 2, 3)))

ui.flash()
left, right = st.columns(2)


def _sample() -> tuple[Imported, str]:
    """The sample goes to its own ledger, named after its company: it never mixes with the user's files."""
    sample = importing.sample()
    return sample, saving.sample_ledger(sample)


saved = saving.save_button(
    left, ui.t("start.sample"), "sample", _sample, help=ui.t("start.sample_help"), icon=":material/dataset:"
)
if saved is not None:
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
