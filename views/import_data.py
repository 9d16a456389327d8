import hashlib

import streamlit as st

from lib import ui
from lib.ingest import MAX_UPLOAD_MB, ImportFailed
from lib.ui import import_page as page

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
            result = page.read_upload(data, upload.name, sha)
        failed = isinstance(result, ImportFailed)
        status.update(
            label=ui.t("import.failed" if failed else "import.read_done", file=upload.name),
            state="error" if failed else "complete",
            expanded=False,
        )
    reading = page.reading_of(result, page.settings_for(sha))
    if isinstance(result, ImportFailed):
        page.show_failure(result)
        if result.code in ("missing_columns", "no_as_of"):  # fixable here: a column to map, a date to give
            st.info(ui.t(f"import.fix_{result.code}"))
            page.settings_form(sha, reading)
        continue

    report = result.report
    page.import_summary(result)
    with st.expander(ui.t("import.settings"), icon=":material/tune:", expanded=report.as_of is None):
        page.settings_form(sha, reading)
    page.import_details(result, key=sha)
    if report.as_of is None:
        st.warning(ui.t("import.need_as_of"))
    if st.button(
        ui.t("import.save"), key=f"save-{sha}", type="primary", disabled=report.as_of is None, icon=":material/save:"
    ):
        page.save(result)
