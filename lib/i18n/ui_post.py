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
    # raccomandate
    "post.title": ("Raccomandate A/R ({n})", "Registered letters ({n})"),
    "post.print": (
        "Stampa le {n} diffide per raccomandata (un PDF, busta a finestra DL)",
        "Print the {n} formal demands by registered letter (one PDF, DL window envelope)",
    ),
    "post.form_help": (
        "Dopo la spedizione, scrivi il numero e la data di ogni raccomandata: la lettera è registrata come inviata.",
        "Once posted, enter each registered letter's number and date: the letter is logged as sent.",
    ),
    "post.number": ("Numero della raccomandata", "Registered letter number"),
    "post.date": ("Spedita il", "Posted on"),
    "post.record": ("Registra le raccomandate spedite", "Log the registered letters posted"),
    "post.note": ("Raccomandata A/R n. {number}", "Registered letter no. {number}"),
    "post.need_date": (
        "{customer}: la data di spedizione manca o è nel futuro.",
        "{customer}: the posting date is missing or in the future.",
    ),
    "post.none": ("Nessun numero di raccomandata scritto.", "No registered letter number entered."),
    "post.recorded": ("{n} raccomandate registrate come inviate.", "{n} registered letters logged as sent."),
}
