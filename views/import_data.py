import hashlib

import streamlit as st

from lib import ui
from lib.ingest import MAX_UPLOAD_MB, ImportFailed
from lib.ui import import_page as page
from lib.ui import login, saving

st.title(ui.t("import.title"))
login.need("import")
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
    shown = ui.plain(upload.name)  # a file's name is text, not Markdown
    st.header(shown)
    with st.status(ui.t("import.reading", file=shown)) as status:
        # elapsed time on screen: a large export takes seconds (about 1 s per 100,000 rows)
        with st.spinner(ui.t("import.size", mb=f"{len(data) / 2**20:.1f}"), show_time=True):
            read = page.read_upload(data, upload.name, sha)
        result = read.result
        failed = isinstance(result, ImportFailed)
        status.update(
            label=ui.t("import.failed" if failed else "import.read_done", file=shown),
            state="error" if failed else "complete",
            expanded=False,
        )
    reading = page.reading_of(result, read.settings)
    if isinstance(result, ImportFailed):
        page.show_failure(result)
        page.layout_notice(read, key=sha)
        if result.code in ("missing_columns", "no_as_of"):  # fixable here: a column to map, a date to give
            st.info(ui.t(f"import.fix_{result.code}"))
            page.settings_form(sha, reading)
        continue

    report = result.report
    page.import_summary(result, "name" if read.settings.as_of_from_name else None)
    page.layout_notice(read, key=sha)
    asking = report.as_of is None or read.settings.ask_as_of  # a date to give: the settings open, saving waits
    with st.expander(ui.t("import.settings"), icon=":material/tune:", expanded=asking):
        page.settings_form(sha, reading)
    page.import_details(result, key=sha)
    if report.as_of is None:
        st.warning(ui.t("import.need_as_of"))
    ledger = saving.choose_ledger(result, sha, read.saved.ledger if read.saved else None)
    keep = page.has_corrections(read, sha) and st.checkbox(ui.t("layouts.remember"), value=True, key=f"remember-{sha}")
    saved = saving.save_button(
        st.container(),
        ui.t("import.save"),
        sha,
        lambda result=result, ledger=ledger: (result, ledger),
        disabled=asking,
    )
    if saved is not None:
        if keep or not page.has_corrections(read, sha):  # without corrections, the layout keeps its ledger
            page.remember(read, sha, saved.ledger)
        saving.saved_message(saved)
