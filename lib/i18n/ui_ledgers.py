"""UI words of ledgers (a company or business unit per snapshot), of managing snapshots (deleting,
replacing one of the same date) and of the corrections kept per layout on the import page."""

UI: dict[str, tuple[str, str]] = {
    # ledgers
    "ledger.default": ("Principale", "Main"),
    "sidebar.ledger": ("Azienda", "Ledger"),
    "sidebar.ledger_help": (
        "L'azienda o la divisione di cui vedi le fotografie: ogni pagina ne mostra una sola, e confronta "
        "solo le sue fotografie.",
        "The company or business unit whose snapshots you see: every page shows one, and compares only "
        "its own snapshots.",
    ),
    "ledger.choose": ("Azienda in cui salvarla", "Ledger to save it in"),
    "ledger.choose_help": (
        "L'azienda o la divisione a cui appartiene il file; scrivi un nome nuovo per crearne una. I file di "
        "aziende diverse non si mescolano mai.",
        "The company or business unit the file belongs to; type a new name to make one. Files of different "
        "ledgers never mix.",
    ),
    "ledger.new": (
        "Nuova azienda, le cui pagine partono da questo file: {ledger}",
        "A new ledger, whose pages start from this file: {ledger}",
    ),
    "ledger.saved_in": ("Salvata nell'azienda: {ledger}.", "Saved in the ledger: {ledger}."),
    "ledger.replaced": ("Ha sostituito la fotografia {ids}.", "It replaced snapshot {ids}."),
    "ledger.same_date": (
        "{ledger} ha già una fotografia al {date} (#{id}, {file}). Vuoi sostituirla con questo file?",
        "{ledger} already has a snapshot as of {date} (#{id}, {file}). Replace it with this file?",
    ),
    "ledger.replace": ("Sostituisci la fotografia #{id}", "Replace snapshot #{id}"),
    "ledger.keep": ("Annulla", "Cancel"),
    "ledger.kept": (
        "Nulla è stato salvato: la fotografia #{id} resta com'è.",
        "Nothing was saved: snapshot #{id} stays as it is.",
    ),
    # snapshots
    "snapshots.of_ledger": ("Azienda {ledger}.", "Ledger {ledger}."),
    "snapshots.delete": ("Elimina una fotografia", "Delete a snapshot"),
    "snapshots.which": ("Fotografia", "Snapshot"),
    "snapshots.delete_button": ("Elimina…", "Delete…"),
    "snapshots.confirm": (
        "Eliminare la fotografia #{id} al {date} ({file})? Le pagine torneranno a quella precedente. Il registro "
        "delle azioni resta com'è.",
        "Delete snapshot #{id} as of {date} ({file})? The pages go back to the one before it. The action log "
        "stays as it is.",
    ),
    "snapshots.confirm_yes": ("Sì, elimina la #{id}", "Yes, delete #{id}"),
    "snapshots.confirm_no": ("Annulla", "Cancel"),
    "snapshots.deleted": ("Fotografia #{id} al {date} eliminata.", "Snapshot #{id} as of {date} deleted."),
    # corrections kept per layout
    "layouts.applied": (
        "Letto con le correzioni salvate per questo tracciato il {date}: {what}.",
        "Read with the corrections saved for this layout on {date}: {what}.",
    ),
    "layouts.misfit": (
        "Le correzioni salvate il {date} per questo tracciato non si applicano a questo file: letto senza.",
        "The corrections saved for this layout on {date} do not fit this file: it was read without them.",
    ),
    "layouts.forget": ("Dimentica queste correzioni", "Forget these corrections"),
    "layouts.remember": (
        "Ricorda le correzioni per i prossimi file con questo tracciato",
        "Remember the corrections for the next files of this layout",
    ),
    "layouts.sheet": ("il foglio", "the sheet"),
    "source.name": ("dal nome del file", "from the file name"),
    "layouts.currency": ("valuta {currency}", "currency {currency}"),
    "layouts.as_of_name": ("data di riferimento dal nome del file", "as-of date from the file name"),
    "layouts.as_of_ask": ("data di riferimento da indicare", "as-of date to be entered"),
    "layouts.ask_as_of": (
        "Per questo tracciato la data di riferimento è stata indicata a mano: controllala nelle impostazioni "
        "di lettura e rileggi il file per poterlo salvare.",
        "For this layout the as-of date was entered by hand: check it in the reading settings and read the "
        "file again to save it.",
    ),
}
