"""Words of the import (field names, cell issues, whole-file failures) and of the policy check."""

# Canonical fields, as the mapping editor names them.
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "customer_id": ("Codice cliente", "Customer code"),
    "customer_name": ("Ragione sociale", "Customer name"),
    "vat_id": ("Partita IVA / C.F.", "VAT / tax id"),
    "doc_type": ("Tipo documento", "Document type"),
    "doc_number": ("Numero documento", "Document number"),
    "doc_date": ("Data documento", "Document date"),
    "due_date": ("Data scadenza", "Due date"),
    "amount": ("Importo", "Amount"),
    "open": ("Residuo", "Open amount"),
    "paid": ("Pagato", "Paid"),
    "currency": ("Valuta", "Currency"),
    "payment_method": ("Tipo pagamento", "Payment method"),
    "salesperson": ("Agente", "Salesperson"),
    "email": ("Email", "Email"),
    "pec": ("PEC", "PEC"),
    "address": ("Indirizzo", "Address"),
    "phone": ("Telefono", "Phone"),
    "notes": ("Note", "Notes"),
    "customer": ("cliente", "customer"),
}

# Issues found in cells: {column} is the header label, {value} the cell as written.
ISSUES: dict[str, tuple[str, str]] = {
    "bad_amount": ("{column}: '{value}' non è un importo", "{column}: '{value}' is not an amount"),
    "bad_date": ("{column}: '{value}' non è una data", "{column}: '{value}' is not a date"),
    # the limits are lib/ingest/values.py MAX_WHOLE_DIGITS and lib/ingest/limits.py (a test keeps them in step)
    "amount_too_large": (
        "{column}: '{value}' supera l'importo massimo per documento (10.000.000.000.000)",
        "{column}: '{value}' is over the largest amount a document may have (10,000,000,000,000)",
    ),
    "implausible_date": (
        "{column}: '{value}' non è una data plausibile (prima del 1990 o oltre 10 anni dopo la data di riferimento)",
        "{column}: '{value}' is not a plausible date (before 1990 or more than 10 years after the as-of date)",
    ),
    "missing_due_date": (
        "manca la data di scadenza (e la data documento)",
        "no due date (and no document date)",
    ),
    "due_from_doc_date": (
        "senza scadenza: considerata scaduta alla data documento {value}",
        "no due date: taken as due on its document date {value}",
    ),
    "missing_customer": ("manca il cliente", "no customer"),
    "missing_amount": ("manca l'importo", "no amount"),
    "zero_open": ("residuo zero: partita chiusa, non importata", "zero open amount: closed, not imported"),
    "credit_note_sign": (
        "nota di credito con importo positivo: importata come negativa ({value} centesimi)",
        "credit note with a positive amount: imported as negative ({value} cents)",
    ),
    "duplicate": (
        "documento {value} ripetuto con stessa scadenza e importo",
        "document {value} repeated with the same due date and amount",
    ),
    "total_mismatch": (
        "{column}: il totale non torna con le righe ({value})",
        "{column}: the total does not match its rows ({value})",
    ),
    "formula_without_value": (
        "cella {value}: formula senza valore salvato, letta come vuota",
        "cell {value}: formula with no saved value, read as empty",
    ),
    "ignored_row": ("riga non riconosciuta, ignorata: '{value}'", "row not recognised, ignored: '{value}'"),
    "estimated_due_date": (
        "{value}: scadenze stimate dalle fasce di anzianità",
        "{value}: due dates estimated from the ageing buckets",
    ),
    # column choices made by looking at the values (lib/ingest/columns.py)
    "column_status": (
        "{column}: contiene lo stato del pagamento ('{value}'), non importi: le righe pagate sono chiuse",
        "{column}: holds the payment state ('{value}'), not amounts: rows marked paid are closed",
    ),
    "column_not_amount": (
        "{column}: i valori ('{value}') non sono importi, colonna non usata come importo",
        "{column}: its values ('{value}') are not amounts, so it is not used as an amount",
    ),
    "column_not_date": (
        "{column}: i valori ('{value}') non sono date, colonna non usata come data",
        "{column}: its values ('{value}') are not dates, so it is not used as a date",
    ),
    "column_not_customer": (
        "{column}: contiene conti di pagamento o contabili ('{value}'), non clienti: non usata come cliente",
        "{column}: holds payment or ledger accounts ('{value}'), not customers: not used as the customer",
    ),
    "as_of_column": (
        "{column}: data di riferimento letta da questa colonna ({value})",
        "{column}: the as-of date is read from this column ({value})",
    ),
    "column_empty": (
        "{column}: colonna vuota, non usata",
        "{column}: an empty column, not used",
    ),
    "column_residual": (
        "{column}: usata come residuo da incassare ('{value}'), non l'importo della rata",
        "{column}: used as the open amount, what is still due ('{value}'), not the instalment amount",
    ),
    "column_by_values": (
        "{column}: colonna scelta in base ai valori ('{value}')",
        "{column}: column chosen by its values ('{value}')",
    ),
    "column_split": (
        "{column}: una cella con tipo, numero e data del documento ('{value}'), divisa nei tre campi",
        "{column}: one cell holds the document's type, number and date ('{value}'), split into the three fields",
    ),
    "column_direction": (
        "{column}: incassi e pagamenti insieme ('{value}'): si importano solo gli incassi",
        "{column}: receipts and payments together ('{value}'): only the receipts are imported",
    ),
    "no_doc_numbers": (
        "nessuna colonna con i numeri dei documenti: le lettere non citeranno le fatture",
        "no column holds document numbers: letters will not cite the invoices",
    ),
    "paid_row": (
        "segnata come pagata ('{value}'): partita chiusa, non importata",
        "marked paid ('{value}'): closed, not imported",
    ),
    "partly_paid_no_residual": (
        "pagata in parte ('{value}') e il file non ha il residuo: importata per l'intero importo",
        "partly paid ('{value}') and the file has no open amount: imported for the whole amount",
    ),
    "payable_row": (
        "un pagamento a un fornitore ('{value}'), non un credito: non importato",
        "a payment to a supplier ('{value}'), not a receivable: not imported",
    ),
}

# Why a whole file could not be imported; placeholders come from ImportFailed.params.
FAILURES: dict[str, tuple[str, str]] = {
    "too_large": (
        "{file} pesa {size_mb} MB, oltre il limite di {limit_mb} MB.",
        "{file} is {size_mb} MB, over the {limit_mb} MB limit.",
    ),
    "too_many_rows": (
        "Il foglio {sheet} di {file} ha {rows} righe, oltre il limite di {limit} righe.",
        "Sheet {sheet} of {file} has {rows} rows, over the limit of {limit} rows.",
    ),
    "too_many_columns": (
        "Il foglio {sheet} di {file} ha {columns} colonne, oltre il limite di {limit} colonne.",
        "Sheet {sheet} of {file} has {columns} columns, over the limit of {limit} columns.",
    ),
    "too_much_memory": (
        "Il foglio {sheet} di {file} ({rows} righe per {columns} colonne) richiederebbe circa {size_mb} MB di"
        " memoria, oltre il limite di {limit_mb} MB.",
        "Sheet {sheet} of {file} ({rows} rows by {columns} columns) would need about {size_mb} MB of memory,"
        " over the {limit_mb} MB limit.",
    ),
    "cell_too_long": (
        "{sheet} di {file} ha una cella di oltre {limit} caratteri, il limite per una cella.",
        "{sheet} of {file} has a cell longer than {limit} characters, the limit for one cell.",
    ),
    "total_too_large": (
        "Gli importi di {file} sommano a oltre {limit} in valore assoluto, il limite per un file.",
        "The amounts of {file} add up to more than {limit} in absolute value, the limit for one file.",
    ),
    "empty": ("{file} non contiene dati.", "{file} has no data."),
    "no_rows": (
        "Il foglio {sheet} di {file} ha l'intestazione alla riga {row} ma nessun documento sotto.",
        "Sheet {sheet} of {file} has a header on row {row} but no documents below it.",
    ),
    "not_spreadsheet": (
        "{file} non è un foglio di calcolo ({what}): carica un file Excel, ODS o CSV.",
        "{file} is not a spreadsheet ({what}): upload an Excel, ODS or CSV file.",
    ),
    "corrupt": (
        "{file} è danneggiato e non si può leggere: esportalo di nuovo dal gestionale.",
        "{file} is damaged and cannot be read: export it again from the accounting system.",
    ),
    "encrypted": (
        "{file} è protetto da password: salvalo senza password e ricaricalo.",
        "{file} is protected by a password: save it without one and upload it again.",
    ),
    "unsupported_format": (
        "{file} è un file XML di Excel 2003: aprilo in Excel e salvalo come .xlsx.",
        "{file} is an Excel 2003 XML file: open it in Excel and save it as .xlsx.",
    ),
    "not_ageing": (
        "{file} non sembra uno scadenzario: nessun foglio ha colonne per cliente, importo e scadenza.",
        "{file} does not look like an ageing report: no sheet has columns for customer, amount and due date.",
    ),
    "payables": (
        "{file} è uno scadenzario fornitori, non clienti: esporta lo scadenzario clienti.",
        "{file} is a payables report (suppliers), not receivables: export the customers' ageing report.",
    ),
    "ledger": (
        "{file} è un partitario (dare/avere), non un elenco di partite aperte: esporta lo scadenzario.",
        "{file} is a ledger (debit/credit), not a list of open items: export the open-items report.",
    ),
    "missing_columns": (
        "Il foglio {sheet} di {file} non ha una colonna per: {missing}.",
        "Sheet {sheet} of {file} has no column for: {missing}.",
    ),
    "no_as_of": (
        "{file} è un riepilogo per fasce senza data di riferimento: indicala per stimare le scadenze.",
        "{file} is a summary by ageing bucket with no as-of date: give one so due dates can be estimated.",
    ),
    "no_items": (
        "Nessuna riga del foglio {sheet} di {file} si può importare: {errors} delle {rows} righe di documenti"
        " hanno errori (la prima alla riga {first}) e le altre sono chiuse.",
        "No row of sheet {sheet} of {file} can be imported: {errors} of its {rows} document rows have errors"
        " (the first on row {first}) and the others are closed.",
    ),
    "nothing_open": (
        "Nel foglio {sheet} di {file} non resta nulla da incassare: le {rows} righe di documenti sono chiuse o pagate.",
        "Sheet {sheet} of {file} has nothing left to collect: its {rows} document rows are all closed or paid.",
    ),
    "no_sheet": (
        "{file} non ha un foglio visibile chiamato '{sheet}'.",
        "{file} has no visible sheet named '{sheet}'.",
    ),
    "bad_mapping": (
        "{file} non ha la colonna '{label}' da usare come {field}.",
        "{file} has no column '{label}' to use as {field}.",
    ),
    "unreadable": ("{file} non si può aprire: {error}.", "{file} cannot be opened: {error}."),
    "no_as_of_cli": (
        "{file} non riporta la data di riferimento: indicala con --as-of AAAA-MM-GG.",
        "{file} does not state its as-of date: give one with --as-of YYYY-MM-DD.",
    ),
    "unexpected": (
        "{file} non si può importare per un errore inatteso ({error}). Nulla è stato salvato.",
        "{file} could not be imported because of an unexpected error ({error}). Nothing was saved.",
    ),
}


# Why a policy cannot work (lib.policy.PolicyError codes); {key} names where.
POLICY: dict[str, tuple[str, str]] = {
    "edges": (
        "{key}: le fasce devono partire da 0 e crescere (ora: {edges})",
        "{key}: the edges must start at 0 and rise (now: {edges})",
    ),
    "edges_text": (
        "{key}: scrivi numeri interi di giorni separati da virgole",
        "{key}: write whole numbers of days separated by commas",
    ),
    "ceilings": (
        "{key}: i limiti devono crescere, a_max < b_max < c_max",
        "{key}: the ceilings must rise, a_max < b_max < c_max",
    ),
    "same_length": (
        "{key} e {other} devono avere lo stesso numero di valori",
        "{key} and {other} must have the same length",
    ),
    "rise": ("{key} deve crescere", "{key} must rise"),
    "no_steps": ("{key} non ha passi", "{key} has no steps"),
    "unknown_step": (
        "{key}: passo sconosciuto {step!r}; i passi sono {steps}",
        "{key}: unknown step {step!r}; steps are {steps}",
    ),
    "order": (
        "{key}: {step} deve venire dopo {before} (ordine: {steps})",
        "{key}: {step} must come after {before} (order: {steps})",
    ),
    "channel": ("{key}: il canale deve essere uno tra {channels}", "{key}: channel must be one of {channels}"),
    "gap": ("{key}: i giorni dopo il passo precedente non possono essere negativi", "{key}: a gap cannot be negative"),
    "after": (
        "{key}: «dopo» = {after!r} non è un passo precedente di questo percorso",
        "{key}: after = {after!r} is not an earlier step of this ladder",
    ),
    "offset": (
        "{key}: i giorni dalla scadenza ({offset}) vengono prima di quelli del passo precedente",
        "{key}: offset {offset} is before the previous step's",
    ),
    "capacity": ("{key}: le capacità non possono essere negative", "{key}: capacities cannot be negative"),
    "letter_days": (
        "{key}: i giorni per pagare devono essere almeno 1",
        "{key}: the days given to pay must be at least 1",
    ),
    "diffida": (
        "{key}: una diffida ad adempiere dà almeno {days} giorni",
        "{key}: a diffida ad adempiere gives at least {days} days",
    ),
    "agency_gap": (
        "{key}: l'affido all'agenzia deve venire almeno {days} giorni dopo la lettera 2, i giorni che la diffida "
        "dà per pagare",
        "{key}: the hand-over to the agency must come at least {days} days after letter 2, the days the formal "
        "demand gives to pay",
    ),
    "negative": ("{key} non può essere negativo", "{key} cannot be negative"),
    "positive": ("{key} deve essere maggiore di zero", "{key} must be greater than zero"),
    "range": ("{key} deve essere tra {low} e {high}", "{key} must be from {low} to {high}"),
    "percent": ("{key} deve essere una percentuale da 0 a 100", "{key} must be a percentage from 0 to 100"),
    "threshold": (
        '{key}: la soglia deve essere un importo non negativo, come "50000"',
        '{key}: the threshold must be an amount that is not negative, like "50000"',
    ),
    "grades": ("{key} vuole un valore per ogni rating {grades}", "{key} needs one value for each rating {grades}"),
    "ladder_row": (
        "riga {row} del percorso: servono il passo e i giorni dalla scadenza",
        "ladder row {row}: a step and its offset (days from the due date) are required",
    ),
    "not_text": ("{key} non è un file di testo (UTF-8)", "{key} is not a text file (UTF-8)"),
    "toml": ("{key} non è un file di regole leggibile: {detail}", "{key} is not a readable policy file: {detail}"),
    "unknown_key": (
        "{key}: chiave sconosciuta (le chiavi sono {keys})",
        "{key}: unknown key (the keys are {keys})",
    ),
    "shape": (
        "{key}: un valore ha il tipo sbagliato o manca una chiave ({detail})",
        "{key}: a value has the wrong type or a key is missing ({detail})",
    ),
}
