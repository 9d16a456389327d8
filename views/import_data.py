import hashlib

import streamlit as st

from lib import ui
from lib.ingest import MAX_UPLOAD_MB, ImportFailed

st.title(ui.t("import.title"))
uploads = st.file_uploader(
    ui.t("import.upload"),
    type=["xlsx", "xlsm", "xls", "ods", "csv", "txt"],
    accept_multiple_files=True,
    help=ui.t("import.upload_help", mb=MAX_UPLOAD_MB),
)

for upload in uploads or []:
    data = upload.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    st.divider()
    st.header(upload.name)
    with st.status(ui.t("import.reading", file=upload.name)) as status:
        # elapsed time on screen: a large export takes seconds (about 1 s per 100,000 rows)
        with st.spinner(ui.t("import.size", mb=f"{len(data) / 2**20:.1f}"), show_time=True):
            result = ui.read_upload(data, upload.name, sha)
        failed = isinstance(result, ImportFailed)
        status.update(
            label=ui.t("import.failed" if failed else "import.read_done", file=upload.name),
            state="error" if failed else "complete",
            expanded=False,
        )
    reading = ui.reading_of(result, ui.settings_for(sha))
    if isinstance(result, ImportFailed):
        ui.show_failure(result)
        if result.code in ("missing_columns", "no_as_of"):  # fixable here: a column to map, a date to give
            st.info(ui.t(f"import.fix_{result.code}"))
            ui.settings_form(sha, reading)
        continue

    report = result.report
    ui.import_summary(result)
    with st.expander(ui.t("import.settings"), icon=":material/tune:", expanded=report.as_of is None):
        ui.settings_form(sha, reading)
    ui.import_details(result, key=sha)
    if report.as_of is None:
        st.warning(ui.t("import.need_as_of"))
    if st.button(
        ui.t("import.save"), key=f"save-{sha}", type="primary", disabled=report.as_of is None, icon=":material/save:"
    ):
        ui.save(result)
