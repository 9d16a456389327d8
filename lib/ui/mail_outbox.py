"""The letters page's outbox: the week's letters as messages (preview, send the batch, status per
message with the server's reply, retry), the PEC receipts uploaded and attached, and on the
account page the receipts of the account, downloadable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl
import streamlit as st

from lib import i18n, letters
from lib.book import Book
from lib.mail import imap, outbox, proofs
from lib.mail import settings as mail
from lib.mail.smtp import MailError
from lib.ui import login
from lib.ui.core import labels, lang, saved, store, t
from lib.ui.mail_settings import current, error_text

KINDS = ("acceptance", "delivery", "non_delivery", "non_acceptance")
REPORT = "mail-report"  # what the last send did, shown after the rerun that refreshes the statuses


def put_button(due: pl.DataFrame, made: Sequence[letters.Letter], week: str) -> None:
    """Under the letters prepared: put them in the week's outbox (drawing their PDFs)."""
    settings = current()
    if not made or mail.problems(settings):
        return
    if login.allowed("send_letters") and st.button(
        t("mail.put", n=len(made)), icon=":material/outbox:", key=f"mail-put-{week}"
    ):
        bar = st.progress(0.0, text=t("mail.drawing", done=0, total=len(made)))

        def drawn_so_far(done: int, total: int) -> None:
            bar.progress(done / total, t("mail.drawing", done=done, total=total))

        drawn = outbox.drafts(made, due, drawn_so_far)
        added = outbox.put(store(), week, drawn, settings.domain)
        saved(t("mail.put_done", n=added))


def outbox_panel(current_book: Book, week: str) -> None:
    """The week's outbox: what each message is, where it stands, and the batch to send."""
    st.subheader(t("mail.outbox"))
    settings = current()
    if mail.problems(settings):
        st.info(t("mail.not_configured"), icon=":material/outgoing_mail:")
        st.page_link("views/settings.py", label=t("nav.settings"), icon=":material/settings:")
        return
    for level, text in st.session_state.pop(REPORT, []):
        getattr(st, level)(text)
    outbox.recover(store())
    messages = outbox.messages(store(), week)
    if messages.is_empty():
        st.caption(t("mail.empty"))
        return
    _table(messages)
    _preview(messages)
    _send(messages, settings, current_book, week)
    _retry(messages, week)


def _table(messages: pl.DataFrame) -> None:
    kinds, channels = letters.LADDER_KINDS, ("email", "pec")
    st.dataframe(
        messages.select(
            "customer_id",
            pl.col("kind").replace_strict({k: t(f"letters.kind.{k}") for k in kinds}, default=pl.col("kind")),
            pl.col("channel").replace_strict({c: t(f"channel.{c}") for c in channels}, default=pl.col("channel")),
            pl.col("recipient").fill_null("—"),
            pl.col("status").replace_strict({s: t(f"mail.status.{s}") for s in outbox.STATUSES}),
            pl.col("reply").fill_null(""),
            "message_id",
        ),
        hide_index=True,
        width="stretch",
        column_config={name: t(f"mail.col_{name}") for name in
                       ("customer_id", "kind", "channel", "recipient", "status", "reply", "message_id")},
    )  # fmt: skip


def _preview(messages: pl.DataFrame) -> None:
    ready = messages.filter(pl.col("recipient").is_not_null())
    if ready.is_empty():
        return
    with st.expander(t("mail.preview"), icon=":material/preview:"):
        ids = ready["id"].to_list()
        names = dict(zip(ids, (f"{c} · {s}" for c, s in ready.select("customer_id", "subject").rows()), strict=True))
        chosen = st.selectbox(t("mail.preview"), ids, format_func=names.__getitem__, key="mail-preview",
                              label_visibility="collapsed")  # fmt: skip
        row = ready.filter(id=chosen).row(0, named=True)
        st.markdown(t("mail.preview_head", to=row["recipient"], subject=row["subject"]))
        st.text(row["body"])
        st.download_button(t("mail.pdf"), data=outbox.pdf(store(), chosen), file_name=row["file_name"],
                           mime="application/pdf", icon=":material/picture_as_pdf:", on_click="ignore",
                           key=f"mail-pdf-{chosen}")  # fmt: skip


def _send(messages: pl.DataFrame, settings: mail.MailSettings, current_book: Book, week: str) -> None:
    waiting = messages.filter(status="draft").height
    if not waiting:
        return
    if login.refused("send_letters"):
        return
    if not st.button(t("mail.send", n=waiting), type="primary", icon=":material/send:", key=f"mail-send-{week}"):
        return
    operator = login.operator()
    try:
        with st.spinner(t("mail.sending")):
            report = outbox.send_batch(
                store(), week, settings, mail.password(), current_book.policy.mail, operator=operator
            )
    except MailError as error:
        st.error(error_text(error), icon=":material/error:")
        return
    shown = [("success", t("mail.sent", n=len(report.accepted)))] if report.accepted else []
    shown += [("error", t("mail.failed", id=m, reply=r)) for m, r in report.failed]
    shown += [("warning", t("mail.uncertain", id=m, reply=r)) for m, r in report.uncertain]
    if report.refused_not_pec:
        shown.append(("warning", t("mail.refused_not_pec", n=report.refused_not_pec)))
    if report.left:
        shown.append(("info", t("mail.left", n=report.left)))
    st.session_state[REPORT] = shown
    st.rerun()


def _retry(messages: pl.DataFrame, week: str) -> None:
    left, right = st.columns(2)
    for column, status, label in ((left, "failed", "mail.retry"), (right, "uncertain", "mail.resend")):
        ids = messages.filter(status=status)["id"].to_list()
        if ids and column.button(t(label, n=len(ids)), icon=":material/replay:", key=f"mail-{status}-{week}"):
            saved(t("mail.retried", n=outbox.retry(store(), ids)))


def receipts_upload() -> None:
    """PEC receipts (.eml) attached to the messages and actions they certify."""
    if not login.allowed("record"):
        return
    with st.form("mail-receipts", clear_on_submit=True):
        files = st.file_uploader(t("mail.receipts"), type=["eml"], accept_multiple_files=True, key="mail-eml")
        if not st.form_submit_button(t("mail.receipts_upload"), icon=":material/attach_file:"):
            return
    operator = login.operator()
    say_filed(proofs.file_receipts(store(), [(f.name, f.getvalue()) for f in files or []], operator))


def receipts_from_imap() -> None:
    """The PEC receipts in the settings' IMAP folder, filed as uploaded ones."""
    settings = current()
    if not settings.imap_host or mail.problems(settings) or not login.allowed("record"):
        return
    if not st.button(t("mail.imap_read"), icon=":material/move_to_inbox:", key="mail-imap-read"):
        return
    operator = login.operator()
    try:
        with st.spinner(t("mail.imap_read")):
            filed = imap.file_from_imap(store(), settings, mail.password(section="imap"), operator)
    except MailError as error:
        st.error(error_text(error), icon=":material/error:")
        return
    if not filed:
        st.info(t("mail.imap_none", folder=settings.imap_folder))
    say_filed(filed)


def say_filed(filed: Sequence[proofs.Filed]) -> None:
    kinds = labels("mail.kind", KINDS)
    for one in filed:
        kind = kinds(one.receipt.kind) if one.receipt.kind in KINDS else ""
        text = t(f"mail.filed.{one.outcome}", file=one.receipt.file, kind=kind, customer=one.customer_id or "")
        (st.success if one.outcome == "filed" else st.warning)(text)


def account_receipts(customer: str, currency: str) -> None:
    """The account's PEC receipts, newest first: "PEC delivered on …" and the .eml to download."""
    found = proofs.receipts(store(), customer).filter(currency=currency)
    for row in found.to_dicts():
        at = dt.datetime.fromisoformat(row["at"]) if row["at"] else None
        when = f"{i18n.format_date(at.date(), lang())} {at:%H:%M}" if at else "—"
        left, right = st.columns([3, 1])
        left.markdown(t(f"mail.receipt_line.{row['kind']}", at=when))
        right.download_button(t("mail.receipt_download"), data=proofs.receipt_file(store(), row["id"]),
                              file_name=row["file_name"], mime="message/rfc822", icon=":material/download:",
                              on_click="ignore", key=f"receipt-{row['id']}")  # fmt: skip
