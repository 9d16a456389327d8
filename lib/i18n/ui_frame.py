"""UI words, the frame, the start page and the import page; column headings shared by tables."""

UI: dict[str, tuple[str, str]] = {
    # frame
    "app.title": ("Sollecito", "Sollecito"),
    "app.tagline": ("Recupero crediti stragiudiziale", "Out-of-court credit collection"),
    "nav.start": ("Inizio", "Start"),
    "nav.import": ("Importa", "Import"),
    "nav.data": ("Dati", "Data"),
    "sidebar.language": ("Lingua", "Language"),
    "sidebar.workspace": ("Area di lavoro", "Workspace"),
    "sidebar.latest": ("Ultima fotografia", "Latest snapshot"),
    "sidebar.none": ("Nessuna fotografia salvata", "No snapshot saved yet"),
    "sidebar.snapshot": (
        "{file} al {as_of}: {items} partite, {customers} clienti",
        "{file} as of {as_of}: {items} items, {customers} customers",
    ),
    # start page
    "start.title": ("Sollecito", "Sollecito"),
    "start.line1": (
        "Carica lo scadenzario clienti esportato dal gestionale (Excel, ODS o CSV).",
        "Upload the receivables ageing report exported from your accounting system (Excel, ODS or CSV).",
    ),
    "start.line2": (
        "Sollecito legge partite aperte, scadenze e totali, e segnala ogni riga che non torna.",
        "Sollecito reads the open items, due dates and totals, and flags every row that does not add up.",
    ),
    "start.line3": (
        "Ogni importazione diventa una fotografia datata del portafoglio crediti.",
        "Each import becomes a dated snapshot of your receivables.",
    ),
    "start.sample": ("Carica dati di esempio", "Load sample data"),
    "start.sample_help": (
        "Importa e salva otto settimane dello scadenzario di esempio di un gestionale italiano, con le"
        " azioni di quelle settimane (solleciti, promesse, una contestazione, un piano di rientro) e un"
        " anno di vendite a credito.",
        "Imports and saves eight weeks of a sample Italian ageing report, with the actions of those"
        " weeks (reminders, promises, a dispute, a payment plan) and a year of credit sales.",
    ),
    "start.sample_loading": ("Caricamento delle otto settimane di esempio…", "Loading the eight sample weeks…"),
    "start.import": ("Importa un file", "Import a file"),
    "start.snapshots": ("Fotografie salvate", "Saved snapshots"),
    "start.sample_done": (
        "Dati di esempio caricati: {snapshots} fotografie settimanali dal {first} al {last}; l'ultima è la"
        " fotografia #{id} ({items} partite, {customers} clienti).",
        "Sample data loaded: {snapshots} weekly snapshots from {first} to {last}; the newest is snapshot"
        " #{id} ({items} items, {customers} customers).",
    ),
    "start.sample_again": (
        "I dati di esempio erano già stati caricati (fotografia #{id}).",
        "The sample data was already loaded (snapshot #{id}).",
    ),
    # import page
    "import.title": ("Importa lo scadenzario", "Import an ageing report"),
    "import.upload": ("File da importare", "Files to import"),
    "import.upload_help": (
        "Excel (xlsx, xlsm, xls), ODS o CSV/TXT, fino a {mb} MB ciascuno.",
        "Excel (xlsx, xlsm, xls), ODS or CSV/TXT, up to {mb} MB each.",
    ),
    "import.reading": ("Lettura di {file}…", "Reading {file}…"),
    "import.size": ("{mb} MB: lettura in corso…", "{mb} MB: reading…"),
    "import.read_done": ("{file} letto", "{file} read"),
    "import.failed": ("{file} non importato", "{file} not imported"),
    "import.settings": ("Impostazioni di lettura", "Reading settings"),
    "import.sheet": ("Foglio", "Sheet"),
    "import.sheet_help": (
        "Proposto il foglio che sembra uno scadenzario; puoi sceglierne un altro.",
        "The sheet that looks like an ageing report is proposed; you can choose another.",
    ),
    "import.as_of": ("Data di riferimento", "As-of date"),
    "import.as_of_found": ("Letta dal file: {date}", "Read from the file: {date}"),
    "import.as_of_missing": (
        "Il file non riporta la data di riferimento: indicala qui.",
        "The file does not state its as-of date: enter it here.",
    ),
    "import.currency": ("Valuta delle righe senza valuta", "Currency of rows without one"),
    "import.mapping": ("Colonne", "Columns"),
    "import.mapping_help": (
        "Intestazione trovata alla riga {row} del foglio {sheet}. Cambia l'associazione di qualsiasi colonna.",
        "Header found on row {row} of sheet {sheet}. Change the mapping of any column.",
    ),
    "import.mapping_field": ("Campo", "Field"),
    "import.mapping_column": ("Colonna del file", "File column"),
    "import.mapping_none": ("(nessuna)", "(none)"),
    "import.mapping_examples": ("Esempi", "Examples"),
    "import.apply": ("Rileggi con queste impostazioni", "Read again with these settings"),
    "import.summary": ("Riepilogo", "Summary"),
    "import.items": ("Partite aperte", "Open items"),
    "import.customers": ("Clienti", "Customers"),
    "import.open": ("Aperto {currency}", "Open {currency}"),
    "import.overdue": ("Scaduto {currency}", "Overdue {currency}"),
    "import.estimated": (
        "Riepilogo per fasce di anzianità: una partita per cliente e fascia, con scadenza stimata a metà fascia.",
        "Summary by ageing bucket: one item per customer and bucket, due date estimated at the bucket's middle.",
    ),
    "import.preview": ("Anteprima delle partite", "Preview of the items"),
    "import.issues": ("Segnalazioni ({n})", "Issues ({n})"),
    "import.no_issues": ("Nessuna segnalazione.", "No issues."),
    "import.issues_filter": ("Gravità", "Severity"),
    "import.issues_download": ("Scarica le segnalazioni (CSV)", "Download the issues (CSV)"),
    "import.unsaved_formulas": (
        "{n} celle contengono formule mai calcolate e risultano vuote: apri il file in Excel, salvalo e "
        "importalo di nuovo.",
        "{n} cells hold formulas that were never calculated and read as empty: open the file in Excel, "
        "save it and import it again.",
    ),
    "import.excluded": (
        "{n} righe escluse per errori: vedi le segnalazioni.",
        "{n} rows left out because of errors: see the issues.",
    ),
    "import.reconciliation": ("Quadratura con i totali del file", "Reconciliation with the file's totals"),
    "import.reconciled": (
        "Tutti i totali del file ({n}) tornano con le righe.",
        "All {n} totals in the file match their rows.",
    ),
    "import.not_reconciled": (
        "Totali del file che non tornano con le righe: {n} su {total}. Controlla le segnalazioni.",
        "File totals that do not match their rows: {n} of {total}. Check the issues.",
    ),
    "import.detected": (
        "Foglio **{sheet}**, intestazione alla riga {row}, {layout}; data di riferimento {as_of} ({source}).",
        "Sheet **{sheet}**, header on row {row}, {layout}; as-of date {as_of} ({source}).",
    ),
    "layout.detail": ("una riga per documento", "one row per document"),
    "layout.summary": ("riepilogo per fasce", "summary by ageing bucket"),
    "source.file": ("dal file", "from the file"),
    "source.user": ("indicata da te", "entered by you"),
    "source.none": ("mancante", "missing"),
    "import.no_totals": ("Il file non ha righe di totale da confrontare.", "The file has no total rows to compare."),
    "import.save": ("Salva fotografia", "Save snapshot"),
    "import.saved": ("Fotografia #{id} salvata.", "Snapshot #{id} saved."),
    "import.duplicate": (
        "Questo file era già stato importato il {when} (fotografia #{id}): nulla di nuovo salvato.",
        "This file was already imported on {when} (snapshot #{id}): nothing new saved.",
    ),
    "import.need_as_of": (
        "Indica la data di riferimento per salvare.",
        "Enter the as-of date to save.",
    ),
    "import.save_failed": (
        "Salvataggio non riuscito ({error}): nulla è stato modificato.",
        "Saving failed ({error}): nothing was changed.",
    ),
    "import.fix_no_as_of": (
        "Indica la data di riferimento qui sotto e rileggi il file.",
        "Enter the as-of date below and read the file again.",
    ),
    "import.fix_missing_columns": (
        "Scegli le colonne mancanti qui sotto e rileggi il file.",
        "Choose the missing columns below and read the file again.",
    ),
    # table columns
    "col.sheet": ("Foglio", "Sheet"),
    "col.file": ("File", "File"),
    "col.open": ("Aperto", "Open"),
    "col.imported_at": ("Importata il (UTC)", "Imported at (UTC)"),
    "col.row": ("Riga", "Row"),
    "col.column": ("Colonna", "Column"),
    "col.severity": ("Gravità", "Severity"),
    "col.code": ("Codice", "Code"),
    "col.value": ("Valore", "Value"),
    "col.message": ("Messaggio", "Message"),
    "col.label": ("Totale del file", "File total"),
    "col.report": ("Secondo il file", "Per the file"),
    "col.rows": ("Somma delle righe", "Sum of rows"),
    "col.difference": ("Differenza", "Difference"),
    "col.due_estimated": ("Scadenza stimata", "Due date estimated"),
    # the simulator
}
