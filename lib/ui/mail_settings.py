"""The settings page's mail section: the SMTP server, the sender, whether the mailbox is a PEC
mailbox, and a test message whose answer from the server is shown word for word. The password is
never asked for here (lib/mail/settings.py says where it comes from)."""

from __future__ import annotations

import streamlit as st

from lib.mail import settings as mail
from lib.mail.smtp import MailError, test_message
from lib.ui import login
from lib.ui.core import labels, saved, store, t


def current() -> mail.MailSettings:
    return mail.MailSettings.from_mapping(store().settings().get(mail.SETTING, {}))


def error_text(error: MailError) -> str:
    return t(f"mail.error_{error.code}", reply=error.reply)


def mail_section() -> None:
    st.subheader(t("mail.section"))
    st.caption(t("mail.intro"))
    saved_settings = current()
    with st.form("mail-settings"):
        left, middle, right = st.columns([3, 1, 2])
        host = left.text_input(t("mail.host"), value=saved_settings.host, key="mail-host")
        port = middle.number_input(t("mail.port"), 1, 65535, value=saved_settings.port, key="mail-port")
        security = right.selectbox(
            t("mail.security"), mail.SECURITY, index=mail.SECURITY.index(saved_settings.security),
            format_func=labels("mail.security", mail.SECURITY), key="mail-security",
        )  # fmt: skip
        left, right = st.columns(2)
        user = left.text_input(t("mail.user"), value=saved_settings.user, key="mail-user")
        sender = right.text_input(t("mail.sender"), value=saved_settings.sender, key="mail-sender")
        reply_to = left.text_input(t("mail.reply_to"), value=saved_settings.reply_to, key="mail-reply-to")
        ca_file = right.text_input(t("mail.ca_file"), value=saved_settings.ca_file, help=t("mail.ca_help"),
                                   key="mail-ca-file")  # fmt: skip
        pec = st.checkbox(t("mail.pec"), value=saved_settings.pec, help=t("mail.pec_help"), key="mail-pec")
        verify = st.checkbox(t("mail.verify_tls"), value=saved_settings.verify_tls, help=t("mail.verify_help"),
                             key="mail-verify")  # fmt: skip
        st.markdown(f"**{t('mail.imap_section')}**")
        left, middle, right = st.columns([3, 1, 2])
        imap_host = left.text_input(t("mail.imap_host"), value=saved_settings.imap_host, key="mail-imap-host")
        imap_port = middle.number_input(t("mail.imap_port"), 1, 65535, value=saved_settings.imap_port,
                                        key="mail-imap-port")  # fmt: skip
        imap_user = right.text_input(t("mail.imap_user"), value=saved_settings.imap_user, key="mail-imap-user")
        imap_folder = st.text_input(t("mail.imap_folder"), value=saved_settings.imap_folder, key="mail-imap-folder")
        if st.form_submit_button(t("mail.save"), type="primary", icon=":material/save:"):
            edited = mail.MailSettings(
                host=host.strip(), port=int(port), security=security, user=user.strip(), sender=sender.strip(),
                reply_to=reply_to.strip(), pec=pec, verify_tls=verify, ca_file=ca_file.strip(),
                imap_host=imap_host.strip(), imap_port=int(imap_port), imap_user=imap_user.strip(),
                imap_folder=imap_folder.strip(),
            )  # fmt: skip
            problems = mail.problems(edited)
            for field, problem in problems:
                st.error(t(f"mail.problem_{problem}", field=t(f"mail.{field}")))
            if not problems:
                store().save_setting(mail.SETTING, edited.to_mapping())
                login.noted("setting", mail.SETTING)
                saved(t("mail.saved"))
    secret = mail.password()
    st.caption(t("mail.password_found" if secret else "mail.password_missing"))
    if saved_settings.imap_host:
        st.caption(t("mail.imap_password_found" if mail.password(section="imap") else "mail.imap_password_missing"))
    ready = not mail.problems(saved_settings)
    if st.button(t("mail.test"), icon=":material/send:", disabled=not ready, key="mail-test"):
        try:
            reply = test_message(saved_settings, secret, t("mail.test_subject"), t("mail.test_body"))
        except MailError as error:
            st.error(error_text(error), icon=":material/error:")
        else:
            st.success(t("mail.test_ok", reply=reply), icon=":material/mark_email_read:")
