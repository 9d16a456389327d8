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
}
