"""Every user-facing string in Italian and English, and how numbers and dates are written.

Each entry is `key: (italiano, english)`; placeholders use `str.format` names. Codes stay
English in data (issue codes, failure codes, field names); they are translated only here.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

LANGUAGES = ("it", "en")
DEFAULT_LANGUAGE = "it"

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
        "Importa e salva lo scadenzario di esempio di un gestionale italiano.",
        "Imports and saves a sample Italian ageing report.",
    ),
    "start.import": ("Importa un file", "Import a file"),
    "start.snapshots": ("Fotografie salvate", "Saved snapshots"),
    "start.sample_done": (
        "Dati di esempio caricati: fotografia #{id} ({items} partite, {customers} clienti).",
        "Sample data loaded: snapshot #{id} ({items} items, {customers} customers).",
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
    "severity.error": ("errore", "error"),
    "severity.warning": ("avviso", "warning"),
    "severity.info": ("nota", "note"),
}

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
    "phone": ("Telefono", "Phone"),
    "notes": ("Note", "Notes"),
    "customer": ("cliente", "customer"),
}

# Issues found in cells: {column} is the header label, {value} the cell as written.
ISSUES: dict[str, tuple[str, str]] = {
    "bad_amount": ("{column}: '{value}' non è un importo", "{column}: '{value}' is not an amount"),
    "bad_date": ("{column}: '{value}' non è una data", "{column}: '{value}' is not a date"),
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
}

# Why a whole file could not be imported; placeholders come from ImportFailed.params.
FAILURES: dict[str, tuple[str, str]] = {
    "too_large": (
        "{file} pesa {size_mb} MB, oltre il limite di {limit_mb} MB.",
        "{file} is {size_mb} MB, over the {limit_mb} MB limit.",
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
        "Il foglio {sheet} di {file} non ha una colonna per: {missing}. Scegli le colonne nell'editor qui sotto.",
        "Sheet {sheet} of {file} has no column for: {missing}. Choose the columns in the editor below.",
    ),
    "no_as_of": (
        "{file} è un riepilogo per fasce senza data di riferimento: indicala per stimare le scadenze.",
        "{file} is a summary by ageing bucket with no as-of date: give one so due dates can be estimated.",
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


# The collection engine's words: step, track and factor names, and the phrases of rule traces.
ENGINE: dict[str, tuple[str, str]] = {
    "step.courtesy": ("promemoria di cortesia", "courtesy reminder"),
    "step.call_1": ("telefonata 1", "call 1"),
    "step.letter_1": ("lettera 1 (sollecito)", "letter 1 (reminder)"),
    "step.call_2": ("telefonata 2", "call 2"),
    "step.letter_2": ("lettera 2 (diffida)", "letter 2 (formal demand)"),
    "step.agency": ("affido all'agenzia", "hand-over to the agency"),
    "step.legal_review": ("valutazione legale", "legal review"),
    "step.check_promise": ("verifica della promessa", "check the promise"),
    "step.resolve_dispute": ("risolvere la contestazione", "resolve the dispute"),
    "track.fast": ("percorso rapido", "fast track"),
    "track.white_gloves": ("percorso guanti bianchi", "white-gloves track"),
    "track.standard": ("percorso standard", "standard track"),
    "why.inactive": ("inattivo", "inactive"),
    "why.fast_rating": ("rating {rating}", "rating {rating}"),
    "why.fast_oldest": ("scaduto da oltre {days} giorni", "overdue for over {days} days"),
    "why.active_rating": ("attivo, rating {rating}", "active, rating {rating}"),
    "trace.due": ("{step} entro il {date}", "{step} due {date}"),
    "trace.track": ("{track} perché {why}", "{track} because {why}"),
    "trace.after": ("{step} fatta il {date} + {days} giorni", "{step} done {date} + {days} days"),
    "trace.offset": ("scadenza più vecchia {date} {sign} {days} giorni", "oldest due date {date} {sign} {days} days"),
    "trace.required": ("prima la diffida, mai saltata", "the formal demand comes first, never skipped"),
    "trace.oldest": ("documento più vecchio scaduto da {days} giorni", "oldest document {days} days overdue"),
    "trace.not_due": ("nulla di scaduto", "nothing overdue yet"),
    "trace.promise_open": (
        "promessa di pagamento per il {date} + {days} giorni di tolleranza",
        "promise to pay by {date} + {days} days' grace",
    ),
    "trace.promise_broken": (
        "promessa del {date} non mantenuta: passo successivo subito",
        "promise for {date} broken: next step at once",
    ),
    "trace.dispute_all": (
        "tutti i documenti scaduti sono contestati (dal {date}) + {days} giorni",
        "every overdue document is disputed (since {date}) + {days} days",
    ),
    "trace.disputed_out": ("documenti contestati esclusi", "disputed documents left out"),
    "trace.hold": ("in pausa fino al {date}", "on hold until {date}"),
    "factor.oldest": ("scaduto più vecchio", "oldest overdue"),
    "factor.share": ("quota scaduta", "overdue share"),
    "factor.risk": ("importo a rischio", "amount at risk"),
    "factor.history": ("ritardo medio nei pagamenti", "average days late when paid"),
    "factor.trend": ("tendenza dei ritardi", "trend of days late"),
    "factor.promises": ("promesse mancate", "broken promises"),
    "factor.dispute": ("contestazione aperta", "open dispute"),
    "factor.flag": ("segnalazione negativa", "negative flag"),
    "factor.inactive": ("inattivo", "inactive"),
    "word.days": ("gg", "days"),
    "word.none": ("nessuno", "none"),
    "word.yes": ("sì", "yes"),
    "word.no": ("no", "no"),
    "word.worse": ("peggiora", "worse"),
    "word.better": ("migliora", "better"),
    "word.steady": ("stabile", "steady"),
    "offer.discount": ("il saldo e stralcio", "the discount for payment now"),
    "offer.plan": ("il piano di rientro", "the instalment plan"),
    "offer.agency": ("l'affido all'agenzia", "the hand-over to an agency"),
    "offer.legal": ("l'azione legale", "legal action"),
    "offer.best": (
        "Conviene {option}: valore atteso {value}, {gap} più dell'alternativa seguente ({second}).",
        "Best: {option}, expected value {value}, {gap} more than the next one ({second}).",
    ),
    "offer.break_even": (
        "Uno sconto fino al {pct} per pagamento immediato vale quanto il piano o di più.",
        "A discount of up to {pct} for payment now is worth at least as much as the plan.",
    ),
    "offer.no_break_even": (
        "Nessuno sconto per pagamento immediato raggiunge il valore atteso del piano.",
        "No discount for payment now reaches the plan's expected value.",
    ),
    "capacity.calls": (
        "oltre la capacità settimanale di {limit} telefonate",
        "over the weekly capacity of {limit} calls",
    ),
    "capacity.letters": (
        "oltre la capacità settimanale di {limit} lettere",
        "over the weekly capacity of {limit} letters",
    ),
}


def _pick(entry: tuple[str, str], lang: str) -> str:
    return entry[LANGUAGES.index(lang)] if lang in LANGUAGES else entry[1]


def t(key: str, lang: str, **params: object) -> str:
    """The UI string `key` in `lang`, with its placeholders filled."""
    text = _pick(UI[key], lang)
    return text.format(**params) if params else text


def word(key: str, lang: str, **params: object) -> str:
    """An ENGINE phrase in `lang`, with its placeholders filled."""
    text = _pick(ENGINE[key], lang)
    return text.format(**params) if params else text


def date_format(lang: str) -> str:
    """The strftime pattern of `format_date`, for formatting date columns in expressions."""
    return "%d/%m/%Y" if lang == "it" else "%d %b %Y"


def field_name(field: str, lang: str) -> str:
    return _pick(FIELD_NAMES[field], lang)


def failure(code: str, lang: str, params: dict[str, object]) -> str:
    """One sentence saying why a file could not be imported."""
    safe = {k: v for k, v in params.items() if isinstance(v, (str, int, float))}
    if code == "missing_columns" and isinstance(params.get("missing"), str):
        safe["missing"] = ", ".join(field_name(m.strip(), lang) for m in str(params["missing"]).split(","))
    try:
        return _pick(FAILURES[code], lang).format(**safe)
    except KeyError:
        return _pick(FAILURES["unexpected"], lang).format(file=safe.get("file", "?"), error=code)


def issue_messages(code: pl.Expr, column: pl.Expr, value: pl.Expr, lang: str) -> pl.Expr:
    """Vectorised issue text: the template for `code` with `{column}` and `{value}` filled."""
    templates = {c: _pick(texts, lang) for c, texts in ISSUES.items()}
    template = code.replace_strict(templates, default="{value}", return_dtype=pl.String)
    return template.str.replace("{column}", column.fill_null(""), literal=True).str.replace(
        "{value}", value.fill_null(""), literal=True
    )


def format_count(number: int, lang: str) -> str:
    """`1.234` in Italian, `1,234` in English."""
    grouped = f"{number:,}"
    return grouped.replace(",", ".") if lang == "it" else grouped


def format_money(cents: int, currency: str, lang: str) -> str:
    """`€ 1.234,56` in Italian, `EUR 1,234.56` in English; exact (no float)."""
    sign = "-" if cents < 0 else ""
    units, hundredths = divmod(abs(cents), 100)
    grouped = format_count(units, lang)
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency, currency)
    if lang == "it":
        return f"{sign}{symbol} {grouped},{hundredths:02d}"
    return f"{sign}{symbol}{'' if len(symbol) == 1 else ' '}{grouped}.{hundredths:02d}"


def format_date(day: dt.date | None, lang: str) -> str:
    """`20/11/2026` in Italian, `20 Nov 2026` in English (never the ambiguous 11/20)."""
    if day is None:
        return "—"
    return day.strftime(date_format(lang))
