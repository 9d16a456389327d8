"""UI words, what the mail says back: addresses that bounced, letters the outbox logged, PEC
receipts read from an IMAP folder, and the raccomandata batch."""

UI: dict[str, tuple[str, str]] = {
    # bounces and the manual "sent"
    "post.bounced.pec": (
        "PEC non consegnata ({reason}): indirizzo mancante, invia per raccomandata",
        "PEC not delivered ({reason}): address missing, send by registered letter",
    ),
    "post.bounced.email": (
        "E-mail non consegnata ({reason}): indirizzo mancante",
        "E-mail not delivered ({reason}): address missing",
    ),
    "post.col_note": ("Nota", "Note"),
    "post.outbox_logged": (
        "{n} erano già registrate: le ha inviate la posta in uscita.",
        "{n} were logged already: the outbox sent them.",
    ),
    # the IMAP mailbox the PEC receipts arrive in
    "mail.imap_section": ("Ricevute PEC dalla casella (IMAP)", "PEC receipts from the mailbox (IMAP)"),
    "mail.imap_host": (
        "Server IMAP (vuoto: le ricevute si caricano a mano)",
        "IMAP server (empty: receipts are uploaded)",
    ),
    "mail.imap_port": ("Porta IMAP (TLS)", "IMAP port (TLS)"),
    "mail.imap_user": ("Utente IMAP", "IMAP user name"),
    "mail.imap_folder": ("Cartella delle ricevute", "Receipts folder"),
    "mail.imap_password_found": ("Password IMAP: trovata.", "IMAP password: found."),
    "mail.imap_password_missing": (
        'Password IMAP: non trovata. Mettila in `.streamlit/secrets.toml` (`[imap]` `password = "…"`) o nella '
        "variabile `SOLLECITO_IMAP_PASSWORD`.",
        'IMAP password: not found. Put it in `.streamlit/secrets.toml` (`[imap]` `password = "…"`) or in the '
        "`SOLLECITO_IMAP_PASSWORD` variable.",
    ),
    "mail.error_folder": ("La cartella non si può leggere: {reply}", "The folder cannot be read: {reply}"),
    "mail.imap_read": ("Leggi le ricevute dalla casella PEC", "Read the receipts from the PEC mailbox"),
    "mail.imap_none": ("Nessuna ricevuta PEC nella cartella {folder}.", "No PEC receipt in the folder {folder}."),
}
