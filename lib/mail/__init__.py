"""E-mail and PEC: the receipts a PEC provider sends back (lib/mail/receipts.py), the mail
settings, the outbox in the store and the sending of the week's letters."""
