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
    # the simulator
    "nav.simulator": ("Simulatore", "Simulator"),
    "sim.title": ("Simulatore: piano, sconto, agenzia o causa", "Simulator: plan, discount, agency or lawsuit"),
    "sim.intro": (
        "Quattro strade per lo stesso credito, valutate al {date}: saldo e stralcio, piano di rientro, affido "
        "all'agenzia e azione legale. Imposta le ipotesi e premi Simula.",
        "Four ways to collect the same claim, valued at {date}: a discount for payment now, an instalment plan, "
        "an agency and legal action. Set the assumptions and press Simulate.",
    ),
    "sim.simulate": ("Simula un accordo", "Simulate an agreement"),
    "sim.claim": ("Il credito e il rischio", "The claim and the risk"),
    "sim.capital": ("Credito ({currency})", "Claim ({currency})"),
    "sim.capital_help": (
        "Proposto: lo scaduto del cliente, {overdue}. Puoi scrivere un altro importo.",
        "Proposed: the account's overdue amount, {overdue}. You can type another amount.",
    ),
    "sim.add_interest": ("+ interessi di mora maturati ({amount})", "+ late interest accrued ({amount})"),
    "sim.add_compensation": ("+ 40 EUR × {n} fatture scadute ({amount})", "+ EUR 40 × {n} late invoices ({amount})"),
    "sim.cost_of_capital": ("Costo del capitale (%)", "Cost of capital (%)"),
    "sim.cost_of_capital_help": (
        "Quanto costa aspettare: gli incassi futuri sono scontati a questo tasso annuo.",
        "What waiting costs: future cash is discounted at this yearly rate.",
    ),
    "sim.default_probability": ("Rischio di insolvenza (%)", "Risk of default (%)"),
    "sim.default_probability_help": (
        "Proposto dalla politica per il rating {rating}. Vale per ogni rata e per il pagamento scontato; "
        "chi non paga passa all'agenzia.",
        "Proposed by the policy for rating {rating}. It applies to each instalment and to the discounted "
        "payment; a debtor who does not pay goes to the agency.",
    ),
    "sim.discount": ("Saldo e stralcio", "Discount for payment now"),
    "sim.discount_pct": ("Sconto (%)", "Discount (%)"),
    "sim.deadline": ("Da pagare entro", "To pay by"),
    "sim.plan": ("Piano di rientro", "Instalment plan"),
    "sim.down": ("Anticipo ({currency})", "Down payment ({currency})"),
    "sim.down_help": (
        "Pagato alla firma, alla data della fotografia; le rate ripartiscono il resto.",
        "Paid at signing, on the snapshot's date; the instalments share the rest.",
    ),
    "sim.instalments": ("Numero di rate", "Number of instalments"),
    "sim.frequency": ("Cadenza", "Frequency"),
    "sim_frequency.monthly": ("mensile", "monthly"),
    "sim_frequency.biweekly": ("ogni due settimane", "every two weeks"),
    "sim_frequency.quarterly": ("trimestrale", "quarterly"),
    "sim.first": ("Prima rata il", "First instalment on"),
    "sim.interest": ("Interessi", "Interest"),
    "sim_interest.none": ("nessuno", "none"),
    "sim_interest.contractual": ("concordato", "agreed rate"),
    "sim_interest.late": ("mora {rate}", "late rate {rate}"),
    "sim.contractual_pct": ("Tasso concordato (%)", "Agreed rate (%)"),
    "sim.contractual_help": (
        "Tasso annuo, usato solo con interessi «concordato». Proposto: il costo del capitale.",
        'A yearly rate, used only with the interest "agreed rate". Proposed: the cost of capital.',
    ),
    "sim.method": ("Tipo di rate", "Instalment type"),
    "sim_method.annuity": ("costanti", "equal (annuity)"),
    "sim_method.equal_capital": ("a capitale costante", "equal capital"),
    "sim.rate_unconfirmed": (
        "Il tasso di mora del semestre dal {since} ({rate}) non è confermato: verificalo prima di usarlo.",
        "The late-payment rate of the semester from {since} ({rate}) is unconfirmed: check it before relying on it.",
    ),
    "sim.rate_stale": (
        "La tabella dei tassi di mora finisce prima del {date}: vale l'ultimo tasso pubblicato ({rate}, dal {since}).",
        "The late-payment rate table ends before {date}: the last rate published ({rate}, from {since}) applies.",
    ),
    "sim.agency": ("Affido all'agenzia", "Collection agency"),
    "sim.agency_fee": ("Compenso (%)", "Fee (%)"),
    "sim.agency_days": ("Tempo di recupero (gg)", "Time to recover (days)"),
    "sim.recoverable": ("Recuperabile oggi (%)", "Recoverable today (%)"),
    "sim.recoverable_help": (
        "Proposta: la quota ancora recuperabile a {days} giorni di scaduto. Lasciata così, un affido più tardi "
        "(dopo una rata non pagata) recupera la quota più bassa di quell'età; un valore scritto da te vale sempre.",
        "Proposed: the share still recoverable at {days} days overdue. Left as proposed, a later hand-over "
        "(after a missed instalment) recovers the lower share of that age; a value you type applies at any age.",
    ),
    "sim.legal": ("Azione legale", "Legal action"),
    "sim.legal_costs": ("Spese legali ({currency})", "Legal costs ({currency})"),
    "sim.legal_costs_help": ("Anticipate subito, qualunque sia l'esito.", "Paid up front, whatever the outcome."),
    "sim.legal_days": ("Durata (giorni)", "Duration (days)"),
    "sim.legal_success": ("Probabilità di successo (%)", "Chance of success (%)"),
    "sim.run": ("Simula", "Simulate"),
    "sim.problem_claim": ("Il credito deve essere maggiore di zero.", "The claim must be more than zero."),
    "sim.problem_down": ("L'anticipo deve essere minore del credito.", "The down payment must be less than the claim."),
    "sim.problem_first": (
        "La prima rata deve cadere dopo oggi, {date}.",
        "The first instalment must fall after today, {date}.",
    ),
    "sim.problem_deadline": (
        "La scadenza dello sconto non può essere passata: al più presto oggi, {date}.",
        "The discount's deadline cannot be in the past: today, {date}, at the earliest.",
    ),
    "sim.problem_instalments": ("Serve almeno una rata.", "At least one instalment is needed."),
    "sim.problem_percent": ("Le percentuali vanno da 0 a 100.", "Percentages go from 0 to 100."),
    "sim.results": ("Il confronto", "The comparison"),
    "sim.valued": (
        "Credito {claim}. Valori attuali al {date}, scontati al {rate} annuo. «Se va come concordato»: ogni "
        "pagamento puntuale, la causa vinta; «atteso»: con il rischio di insolvenza e di insuccesso.",
        'Claim {claim}. Present values at {date}, discounted at {rate} a year. "As agreed": every payment on '
        'time, the lawsuit won; "expected": with the risk of default and of losing.',
    ),
    "sim.break_even": ("Sconto di pareggio", "Break-even discount"),
    "sim.break_even_help": (
        "Lo sconto per pagamento immediato che vale quanto il piano, in valore atteso: fino a questo sconto, "
        "incassare subito conviene.",
        "The discount for payment now worth as much as the plan in expected value: up to it, cash now is better.",
    ),
    "sim.settlement_metric": ("Saldo e stralcio entro il {date}", "Settlement by {date}"),
    "sim.instalment_metric": ("Rata ({n} × {frequency})", "Instalment ({n} × {frequency})"),
    "sim_option.discount": ("Saldo e stralcio", "Discount for payment now"),
    "sim_option.plan": ("Piano di rientro", "Instalment plan"),
    "sim_option.agency": ("Affido all'agenzia", "Collection agency"),
    "sim_option.legal": ("Azione legale", "Legal action"),
    "sim.col_option": ("Strada", "Option"),
    "sim.col_npv": ("VAN se va come concordato", "NPV if it goes as agreed"),
    "sim.col_expected": ("Valore atteso", "Expected value"),
    "sim.col_cash": ("Incasso atteso (nominale)", "Expected cash (nominal)"),
    "sim.col_last_cash": ("Ultimo incasso atteso", "Last cash expected"),
    "sim.col_last_cash_help": (
        "Compreso quanto recupera l'agenzia se il debitore non paga.",
        "Including what the agency recovers if the debtor does not pay.",
    ),
    "chart.sim_by_discount": ("Valore atteso secondo lo sconto", "Expected value by discount"),
    "chart.sim_by_instalments": ("Valore atteso del piano secondo le rate", "Plan's expected value by instalments"),
    "chart.sim_cash": ("Incasso atteso cumulato", "Expected cash received over time"),
    "chart.sim_chosen": ("sconto scelto", "discount chosen"),
    "chart.sim_break_even": ("pareggio con il piano", "break-even with the plan"),
    "chart.sim_discount_axis": ("Sconto", "Discount"),
    "chart.sim_instalments_axis": ("Numero di rate", "Number of instalments"),
    "chart.sim_value_axis": ("Valore atteso ({currency})", "Expected value ({currency})"),
    "chart.sim_cash_axis": ("Incasso atteso ({currency})", "Expected cash ({currency})"),
    "sim.schedule": ("Il piano delle rate", "The plan's schedule"),
    "sim.tab_values": ("Valore secondo sconto e rate", "Value by discount and instalments"),
    "sim.tab_cash": ("Incassi attesi nel tempo", "Expected cash over time"),
    "sim.col_n": ("Rata", "Instalment"),
    "sim.col_date": ("Scadenza", "Due"),
    "sim.col_capital": ("Capitale", "Capital"),
    "sim.col_interest": ("Interessi", "Interest"),
    "sim.col_payment": ("Da pagare", "Payment"),
    "sim.col_residual": ("Capitale residuo", "Capital still owed"),
    "sim.total": ("Totale", "Total"),
    "sim.down_payment": ("anticipo", "down payment"),
    "sim.schedule_check": (
        "Il capitale delle rate somma il credito, {claim}; gli interessi ({interest}) si aggiungono: {total} in tutto.",
        "The capital of the instalments adds up to the claim, {claim}; the interest ({interest}) comes on top: "
        "{total} in all.",
    ),
    "sim.download_schedule": ("Scarica il piano (xlsx)", "Download the schedule (xlsx)"),
    "sim.download_comparison": ("Scarica il confronto (xlsx)", "Download the comparison (xlsx)"),
    "sim.agree": ("Registra l'accordo preso", "Record the agreement"),
    "sim.agree_help": (
        "L'accordo è datato oggi, {date}, il giorno da cui è valutato; ogni pagamento ha {grace} giorni di "
        "tolleranza, poi l'accordo decade e il residuo è dovuto subito.",
        "The agreement is dated today, {date}, the day it is valued from; each payment has {grace} days' grace, "
        "then the agreement defaults and the residual is due at once.",
    ),
    "sim.already": (
        "Il cliente ha già un accordo in corso: uno nuovo prende il suo posto; annulla il vecchio se non vale più.",
        "This account already has an agreement in force: a new one takes its place; cancel the old one if it no "
        "longer holds.",
    ),
    "sim.save_plan": ("Salva il piano ({n} rate)", "Save the plan ({n} instalments)"),
    "sim.save_settlement": (
        "Salva il saldo e stralcio ({amount} entro il {date})",
        "Save the settlement ({amount} by {date})",
    ),
    "sim.saved_plan": ("Piano di rientro salvato: {customer}", "Instalment plan saved: {customer}"),
    "sim.saved_settlement": ("Saldo e stralcio salvato: {customer}", "Settlement saved: {customer}"),
    "sim.agreements": ("Accordi in corso", "Agreements in force"),
    "sim.no_agreements": ("Nessun accordo salvato per questo cliente.", "No agreement saved for this account."),
    "sim.status_at": (
        "Stato secondo l'ultima fotografia ({date}), con gli accordi e i pagamenti registrati dopo.",
        "Status from the latest snapshot ({date}), with the agreements and payments recorded since.",
    ),
    "sim_kind.instalments": ("Piano di rientro", "Instalment plan"),
    "sim_kind.settlement": ("Saldo e stralcio", "Settlement"),
    "sim.agreement_title": ("{kind} del {date} · {state}", "{kind} agreed {date} · {state}"),
    "sim.agreement_figures": (
        "Pagato {paid} su {scheduled}; ancora dovuto {residual}.",
        "Paid {paid} of {scheduled}; still due {residual}.",
    ),
    "sim.next": ("Prossimo pagamento: {amount} entro il {date}.", "Next payment: {amount} by {date}."),
    "sim.defaulted": (
        "Decaduto il {date}: è dovuto tutto il residuo.",
        "Defaulted on {date}: the whole residual is due at once.",
    ),
    "sim.col_deadline": ("Termine con tolleranza", "Deadline with grace"),
    "sim.col_cumulative": ("Cumulato", "Cumulative"),
    "sim.col_paid": ("Pagato entro il termine", "Paid by the deadline"),
    "sim.col_paid_on": ("Coperta il", "Covered on"),
    "sim.col_status": ("Stato", "Status"),
    "sim.cancel": ("Annulla l'accordo", "Cancel the agreement"),
    "sim.cancel_help": (
        "L'accordo non conterà più (dal {date}) e il cliente torna alla scala dei solleciti.",
        "The agreement stops counting (from {date}) and the account goes back to the reminder ladder.",
    ),
    "sim.cancelled": ("Accordo annullato.", "Agreement cancelled."),
    "sim.payment": ("Registra un pagamento ricevuto", "Record a payment received"),
    "sim.paid_on": ("Pagato il", "Paid on"),
    "sim.payment_help": (
        "Con la data della banca: il pagamento conta subito, in quella data; quando una fotografia successiva al "
        "{date} lo mostra, valgono i conti (nulla conta due volte).",
        "With the bank's date: the payment counts at once, on that date; once a snapshot after {date} shows it, "
        "the books take over (nothing counts twice).",
    ),
    "sim.save_payment": ("Registra il pagamento", "Record the payment"),
    "sim.saved_payment": ("Pagamento di {amount} registrato.", "Payment of {amount} recorded."),
    "severity.error": ("errore", "error"),
    "severity.warning": ("avviso", "warning"),
    "severity.info": ("nota", "note"),
    # pages of the collection work
    "nav.portfolio": ("Portafoglio", "Portfolio"),
    "nav.weekly": ("Azioni della settimana", "Weekly actions"),
    "nav.account": ("Scheda cliente", "Account"),
    "nav.settings": ("Impostazioni", "Settings"),
    "empty.no_snapshot": (
        "Nessuna fotografia salvata: importa uno scadenzario o carica i dati di esempio.",
        "No snapshot saved yet: import an ageing report or load the sample data.",
    ),
    "empty.sample": ("Dati di esempio (pagina Inizio)", "Sample data (Start page)"),
    "empty.import": ("Importa uno scadenzario", "Import an ageing report"),
    "book.as_of": ("Fotografia al {date} ({file})", "Snapshot as of {date} ({file})"),
    "book.compared": ("confronto con il {date}", "compared with {date}"),
    "book.estimated": (
        "Le scadenze di questa fotografia sono stimate dalle fasce del riepilogo: giorni e fasce sono approssimati.",
        "This snapshot's due dates are estimated from the summary's buckets: days and buckets are approximate.",
    ),
    "filters.track": ("Percorso", "Track"),
    "filters.rating": ("Rating", "Rating"),
    "filters.salesperson": ("Agente", "Salesperson"),
    "filters.payment_method": ("Pagamento", "Payment method"),
    "filters.currency": ("Valuta", "Currency"),
    "filters.all": ("Tutti", "All"),
    "filters.none": ("(non indicato)", "(not given)"),
    "filters.nothing": ("Nessun cliente corrisponde ai filtri.", "No account matches the filters."),
    "kpi.open": ("Aperto", "Open"),
    "kpi.overdue": ("Scaduto", "Overdue"),
    "kpi.share": ("Quota scaduta", "Overdue share"),
    "kpi.days": ("Giorni medi di ritardo", "Avg days delinquent"),
    "kpi.days_help": (
        "Giorni di scaduto delle partite scadute, ponderati per importo aperto.",
        "Days overdue of the overdue items, weighted by open amount.",
    ),
    "kpi.accounts_overdue": ("Clienti con scaduto", "Accounts overdue"),
    "kpi.collected": ("Incassato", "Collected"),
    "kpi.collected_help": (
        "Riduzione dell'aperto dei documenti a debito dalla fotografia del {date}.",
        "Fall in the open amount of debit documents since the snapshot of {date}.",
    ),
    "kpi.no_previous": (
        "Serve una fotografia precedente per vedere l'incassato.",
        "A previous snapshot is needed to see what was collected.",
    ),
    "kpi.dso": ("DSO (giorni)", "DSO (days)"),
    "kpi.dso_help": (
        "Metodo countback sulle vendite a credito mensili inserite sotto; ≥ quando i mesi inseriti non bastano.",
        "Countback over the monthly credit sales entered below; ≥ when the months given are not enough.",
    ),
    "kpi.best_dso": ("DSO migliore possibile", "Best possible DSO"),
    "kpi.add": ("Giorni di ritardo (ADD)", "Days delinquent (ADD)"),
    "kpi.cei": ("CEI", "CEI"),
    "kpi.cei_help": (
        "Indice di efficacia dell'incasso dalla fotografia precedente: 100% = incassato tutto l'incassabile.",
        "Collection effectiveness since the previous snapshot: 100% = everything collectable was collected.",
    ),
    "portfolio.title": ("Salute del portafoglio", "Portfolio health"),
    "portfolio.tab_ageing": ("Fasce di scaduto", "Ageing"),
    "portfolio.tab_trend": ("Andamento", "Trend"),
    "portfolio.tab_top": ("Maggiori debitori", "Top debtors"),
    "portfolio.tab_risk": ("Mappa del rischio", "Risk map"),
    "portfolio.tab_roll": ("Passaggi tra fasce", "Roll rates"),
    "portfolio.tab_breakdown": ("Per agente e pagamento", "By salesperson and payment"),
    "portfolio.one_snapshot": (
        "Serve almeno una seconda fotografia (una data precedente) per vedere come cambiano le fasce.",
        "At least a second snapshot (an earlier date) is needed to see how the buckets change.",
    ),
    "portfolio.risk_help": (
        "Ogni bolla è un cliente: punteggio di rating in orizzontale (linee: confini A/B/C/D), scaduto in verticale"
        " (scala logaritmica), dimensione = documenti. Clicca una bolla per aprire la scheda.",
        "Each bubble is an account: rating score across (lines: A/B/C/D boundaries), overdue up (log scale),"
        " size = documents. Click a bubble to open the account.",
    ),
    "portfolio.roll_help": (
        "Dove è finito l'importo di ogni fascia del {before} al {after}: stessa fascia, fascia successiva o incassato.",
        "Where each bucket's amount of {before} went by {after}: same bucket, an older one, or paid.",
    ),
    "portfolio.no_breakdown": (
        "Il file non indica agente né modalità di pagamento.",
        "The file gives neither salesperson nor payment method.",
    ),
    "sales.title": ("Vendite a credito mensili (per DSO e CEI)", "Monthly credit sales (for DSO and CEI)"),
    "sales.help": (
        "Lo scadenzario non contiene le vendite: inserisci il fatturato a credito di ogni mese per vedere DSO,"
        " DSO migliore, ADD e CEI.",
        "An ageing report has no sales: enter each month's credit sales to see DSO, best DSO, ADD and CEI.",
    ),
    "sales.month": ("Mese", "Month"),
    "sales.save": ("Salva le vendite", "Save the sales"),
    "sales.saved": ("Vendite a credito salvate.", "Credit sales saved."),
    "bucket.not_due": ("non scaduto", "not due"),
    "bucket.over": ("oltre {days} gg", "over {days} days"),
    "bucket.range": ("{days} gg", "{days} days"),
    "chart.ageing": ("Aperto per fascia di scaduto", "Open amount by ageing bucket"),
    "chart.trend": ("Fasce di scaduto nelle fotografie", "Ageing buckets across snapshots"),
    "chart.pareto": ("Maggiori debitori ({currency})", "Top debtors ({currency})"),
    "chart.overdue": ("Scaduto {currency}", "Overdue {currency}"),
    "chart.cumulative": ("Quota cumulata dello scaduto", "Cumulative share of overdue"),
    "chart.risk": ("Mappa del rischio ({currency})", "Risk map ({currency})"),
    "chart.rating": ("Rating {rating}", "Rating {rating}"),
    "chart.score_axis": ("Punteggio di rating (più alto = più rischioso)", "Rating score (higher = riskier)"),
    "chart.roll": ("Passaggi tra fasce dalla fotografia precedente", "Roll rates since the previous snapshot"),
    "chart.from": ("Da", "From"),
    "chart.to": ("A", "To"),
    "chart.paid": ("incassato", "paid"),
    "chart.by_salesperson": ("Per agente ({currency})", "By salesperson ({currency})"),
    "chart.by_payment_method": ("Per modalità di pagamento ({currency})", "By payment method ({currency})"),
    "chart.unassigned": ("(non indicato)", "(not given)"),
    "chart.timeline": ("Storia del cliente ({currency})", "Account history ({currency})"),
    "timeline.issued": ("Emessi", "Issued"),
    "timeline.due": ("Scadenze", "Due"),
    "timeline.action": ("Azioni", "Actions"),
    "timeline.promise": ("Promesse", "Promises"),
    "timeline.paid": ("Pagati", "Paid"),
    "timeline.promised_on": ("promessa del", "promised on"),
    "nav.letters": ("Lettere", "Letters"),
    "weekly.letters_link": ("Prepara le lettere della settimana (zip)", "Prepare this week's letters (zip)"),
    "sim.letter_pdf": ("Scarica la lettera d'accordo (PDF)", "Download the agreement letter (PDF)"),
    "sim.letter_needs_company": (
        "Per la lettera d'accordo servono i dati dell'azienda (Impostazioni).",
        "The agreement letter needs the company details (Settings).",
    ),
    "start.next_weekly": ("Apri le azioni della settimana", "Open this week's actions"),
    "start.next_portfolio": ("Guarda la salute del portafoglio", "See the portfolio's health"),
    "letters.title": ("Lettere di sollecito", "Collection letters"),
    "letters.tab_week": ("Della settimana", "This week's"),
    "letters.tab_one": ("Per un cliente", "For one account"),
    "letters.no_company": (
        "Per scrivere le lettere servono i dati dell'azienda (mancano: {missing}): completali in Impostazioni.",
        "Letters need the company details (missing: {missing}): fill them in under Settings.",
    ),
    "letters.none_due": ("Nessuna lettera dovuta nella settimana {week}.", "No letter due in week {week}."),
    "letters.prepare": ("Prepara le {n} lettere", "Prepare the {n} letters"),
    "letters.list_changed": (
        "L'elenco della settimana è cambiato da quando le lettere sono state preparate: preparale di nuovo prima "
        "di confermarne l'invio.",
        "The week's list changed since the letters were prepared: prepare them again before confirming them as sent.",
    ),
    "book.stale": (
        "L'ultima fotografia è del {date}, {days} giorni fa: nel frattempo i clienti possono aver pagato. Importa "
        "uno scadenzario aggiornato prima di inviare lettere o proporre accordi.",
        "The latest snapshot is from {date}, {days} days ago: customers may have paid since. Import a fresh ageing "
        "report before sending letters or offering agreements.",
    ),
    "letters.download_zip": (
        "Scarica le {n} lettere (zip: PDF e testo)",
        "Download the {n} letters (zip: PDF and text)",
    ),
    "letters.confirm_all": ("Conferma: {n} lettere inviate", "Confirm: {n} letters sent"),
    "letters.kind": ("Lettera", "Letter"),
    "letters.kind.courtesy": ("Promemoria di cortesia", "Courtesy reminder"),
    "letters.kind.reminder": ("Sollecito", "Reminder"),
    "letters.kind.formal_demand": ("Diffida (messa in mora)", "Formal demand"),
    "letters.pdf": ("Scarica il PDF", "Download the PDF"),
    "letters.txt": ("Scarica il testo per e-mail", "Download the e-mail text"),
    "letters.confirm_one": ("Conferma l'invio", "Confirm it was sent"),
    "letters.sent": ("Lettera a {customer} registrata come inviata.", "Letter to {customer} recorded as sent."),
    "account.letters": ("Lettere di questo cliente", "This account's letters"),
    "account.simulator": ("Simula un piano o uno sconto", "Simulate a plan or a discount"),
    "col.account": ("Codice", "Account"),
    "col.score": ("Punteggio", "Score"),
    "col.documents": ("Documenti", "Documents"),
    "col.customer": ("Cliente", "Customer"),
    "col.overdue": ("Scaduto", "Overdue"),
    "col.cum_share": ("Quota cumulata", "Cumulative share"),
    "col.rating": ("Rating", "Rating"),
    "col.step": ("Passo", "Step"),
    "col.channel": ("Canale", "Channel"),
    "col.due": ("Scadenza", "Due"),
    "col.late_days": ("Giorni di ritardo", "Days late"),
    "col.late_days_help": (
        "Giorni passati dalla data in cui il passo era dovuto.",
        "Days since the step fell due.",
    ),
    "col.oldest_days": ("Scaduto più vecchio (gg)", "Oldest overdue (days)"),
    "col.track": ("Percorso", "Track"),
    "col.phone": ("Telefono", "Phone"),
    "col.email": ("E-mail", "E-mail"),
    "col.pec": ("PEC", "PEC"),
    "col.vat_id": ("P. IVA", "VAT number"),
    "col.trace": ("Perché", "Why"),
    "col.reason": ("Motivo", "Reason"),
    "col.disputed": ("Contestato", "Disputed"),
    "col.doc_number": ("Documento", "Document"),
    "col.doc_type": ("Tipo", "Type"),
    "col.doc_date": ("Data documento", "Document date"),
    "col.days_overdue": ("Giorni di scaduto", "Days overdue"),
    "col.bucket": ("Fascia", "Bucket"),
    "col.interest": ("Interessi di mora a oggi", "Late interest to date"),
    "col.compensation": ("Indennizzo 40 EUR", "EUR 40 compensation"),
    "col.prescribes_on": ("Prescrizione", "Prescribes on"),
    "col.details": ("Dettagli", "Details"),
    "doc.invoice": ("fattura", "invoice"),
    "doc.credit_note": ("nota di credito", "credit note"),
    "doc.payment": ("pagamento", "payment"),
    "doc.other": ("altro", "other"),
    "channel.email": ("e-mail", "e-mail"),
    "channel.phone": ("telefono", "phone"),
    "channel.email_or_pec": ("e-mail o PEC", "e-mail or PEC"),
    "channel.pec_or_raccomandata": ("PEC o raccomandata", "PEC or registered letter"),
    "channel.pec": ("PEC", "PEC"),
    "channel.raccomandata": ("raccomandata A/R", "registered letter"),
    "channel.agency": ("agenzia", "agency"),
    "channel.lawyer": ("legale", "lawyer"),
    "outcome.reached": ("parlato con il cliente", "spoke to the customer"),
    "outcome.no_answer": ("nessuna risposta", "no answer"),
    "outcome.wrong_number": ("numero errato", "wrong number"),
    "outcome.sent": ("inviata", "sent"),
    "outcome.delivered": ("consegnata", "delivered"),
    "outcome.returned": ("tornata indietro", "returned"),
    "outcome.handed_over": ("pratica affidata", "handed over"),
    "weekly.title": ("Azioni della settimana", "Weekly actions"),
    "weekly.week": ("Settimana del", "Week of"),
    "weekly.week_is": ("{week}: da lunedì {monday} a domenica {sunday}", "{week}: Monday {monday} to Sunday {sunday}"),
    "weekly.calls": ("Telefonate a settimana", "Calls per week"),
    "weekly.letters": ("Lettere a settimana", "Letters per week"),
    "weekly.actions": ("Azioni in lista", "Actions listed"),
    "weekly.calls_listed": ("Telefonate", "Calls"),
    "weekly.letters_listed": ("Lettere", "Letters"),
    "weekly.left_out": ("Oltre la capacità", "Over capacity"),
    "weekly.nothing": ("Nessuna azione dovuta nella settimana {week}.", "No action due in week {week}."),
    "weekly.select_hint": (
        "Seleziona delle righe (casella a sinistra) per segnare più lettere come inviate.",
        "Select rows (box on the left) to mark several letters as sent.",
    ),
    "weekly.mark_sent": ("Segna come inviate le {n} lettere selezionate", "Mark the {n} selected letters as sent"),
    "weekly.marked": ("{n} lettere segnate come inviate.", "{n} letters marked as sent."),
    "weekly.record": ("Registra su un cliente", "Record on an account"),
    "weekly.account": ("Cliente", "Account"),
    "weekly.not_fitting": (
        "Non entrano nella capacità della settimana ({n})",
        "Not fitting this week's capacity ({n})",
    ),
    "weekly.download": ("Scarica la lista (xlsx)", "Download the list (xlsx)"),
    "log.kind": ("Cosa registrare", "What to record"),
    "log.on_account": (
        "Registrazione su **{customer}** ({code} · {currency})",
        "Recording on **{customer}** ({code} · {currency})",
    ),
    "log.step": ("Passo fatto", "Step done"),
    "log.promise": ("Promessa", "Promise"),
    "log.dispute": ("Contestazione", "Dispute"),
    "log.hold": ("Pausa", "Hold"),
    "log.note": ("Nota", "Note"),
    "log.date": ("Data", "Date"),
    "log.operator": ("Operatore", "Operator"),
    "log.step_done": ("Passo", "Step"),
    "log.channel": ("Inviato / fatto con", "Sent / done by"),
    "log.outcome": ("Esito", "Outcome"),
    "log.promised_date": ("Pagherà entro il", "Will pay by"),
    "log.amount": ("Importo ({currency})", "Amount ({currency})"),
    "log.documents": ("Documenti contestati", "Disputed documents"),
    "log.reason": ("Motivo", "Reason"),
    "log.until": ("In pausa fino al", "On hold until"),
    "log.text": ("Testo della nota", "Note text"),
    "log.save_step": ("Registra il passo", "Record the step"),
    "log.save_promise": ("Registra la promessa", "Record the promise"),
    "log.save_dispute": ("Apri la contestazione", "Open the dispute"),
    "log.save_hold": ("Metti in pausa", "Put on hold"),
    "log.save_note": ("Aggiungi la nota", "Add the note"),
    "log.saved_step": ("Passo registrato per {customer}.", "Step recorded for {customer}."),
    "log.saved_promise": ("Promessa registrata per {customer}.", "Promise recorded for {customer}."),
    "log.saved_dispute": ("Contestazione aperta per {customer}.", "Dispute opened for {customer}."),
    "log.saved_hold": ("{customer} in pausa.", "{customer} put on hold."),
    "log.saved_note": ("Nota aggiunta per {customer}.", "Note added for {customer}."),
    "log.need_documents": ("Scegli almeno un documento da contestare.", "Choose at least one document to dispute."),
    "log.need_text": ("Scrivi il testo della nota.", "Write the note's text."),
    "log.need_until": ("La pausa deve finire dopo la data di oggi.", "The hold must end after its start date."),
    "account.title": ("Scheda cliente", "Account"),
    "account.pick": ("Cliente", "Account"),
    "account.not_found": (
        "Il cliente {customer} ({currency}) non è nell'ultima fotografia.",
        "Account {customer} ({currency}) is not in the newest snapshot.",
    ),
    "account.rating_why": ("Perché questo rating:", "Why this rating:"),
    "account.next": ("Prossimo passo", "Next step"),
    "account.late": ("in ritardo di {days} giorni", "{days} days late"),
    "account.due_on": ("entro il {date}", "due {date}"),
    "account.nothing_to_do": ("Nessun passo da fare su questo cliente.", "Nothing to do on this account."),
    "account.prescribes": (
        "Il primo documento aperto si prescrive il {date}.",
        "The first open document prescribes on {date}.",
    ),
    "account.prescribing": (
        "{n} documenti si prescrivono entro {months} mesi (o sono già prescritti): {numbers}."
        " Una diffida via PEC o raccomandata interrompe la prescrizione.",
        "{n} documents prescribe within {months} months (or already have): {numbers}."
        " A formal demand by PEC or registered letter interrupts prescription.",
    ),
    "account.tab_documents": ("Documenti", "Documents"),
    "account.tab_timeline": ("Storia", "Timeline"),
    "account.tab_log": ("Registro", "Log"),
    "account.totals": (
        "Aperto **{open}** + interessi di mora **{interest}** + indennizzi **{compensation}** = **{total}**",
        "Open **{open}** + late interest **{interest}** + compensation **{compensation}** = **{total}**",
    ),
    "account.interest_help": (
        "Interessi di mora (D.Lgs. 231/2002: tasso BCE + 8 punti, semestre per semestre) dal giorno dopo la scadenza"
        " alla data della fotografia; 40 EUR per fattura scaduta. Tassi: data/late_payment_rates_it.csv.",
        "Late-payment interest (D.Lgs. 231/2002: ECB rate + 8 points, half-year by half-year) from the day after"
        " the due date to the snapshot date; EUR 40 per overdue invoice. Rates: data/late_payment_rates_it.csv.",
    ),
    "account.record": ("Registra un'azione", "Record an action"),
    "account.no_log": ("Nulla registrato su questo cliente.", "Nothing recorded on this account yet."),
    "settings.title": ("Impostazioni", "Settings"),
    "settings.tab_company": ("Azienda e lingua", "Company and language"),
    "settings.tab_policy": ("Politica di recupero", "Collection policy"),
    "settings.tab_file": ("Esporta / importa", "Export / import"),
    "settings.language": ("Lingua all'apertura", "Language at start"),
    "settings.language_saved": ("Lingua salvata.", "Language saved."),
    "language.it": ("Italiano", "Italian"),
    "language.en": ("Inglese", "English"),
    "settings.company": ("Dati dell'azienda per le lettere", "Company details for letters"),
    "company.name": ("Ragione sociale", "Company name"),
    "company.vat_id": ("Partita IVA", "VAT number"),
    "company.address": ("Indirizzo", "Address"),
    "company.iban": ("IBAN", "IBAN"),
    "company.email": ("E-mail", "E-mail"),
    "company.pec": ("PEC", "PEC"),
    "company.phone": ("Telefono", "Phone"),
    "company.place": ("Luogo (per la data delle lettere)", "Place (dates the letters)"),
    "company.signature": ("Firma", "Signature"),
    "company.problem_missing": ("Manca: {field}.", "Missing: {field}."),
    "company.problem_iban": (
        "{field}: il codice non è valido (controlla le cifre di controllo).",
        "{field}: the code is not valid (check digits do not match).",
    ),
    "settings.save_company": ("Salva i dati dell'azienda", "Save company details"),
    "settings.company_saved": ("Dati dell'azienda salvati.", "Company details saved."),
    "settings.policy_help": (
        "Le modifiche valgono per tutte le pagine dopo il salvataggio; il file config/policy.toml resta il default.",
        "Changes apply to every page once saved; config/policy.toml stays the default.",
    ),
    "settings.buckets": ("Fasce di scaduto", "Ageing buckets"),
    "settings.edges": ("Confini delle fasce (giorni)", "Bucket edges (days)"),
    "settings.edges_help": (
        "Da 0, crescenti, separati da virgole: 0, 30, 60 dà non scaduto, 1-30, 31-60, oltre 60.",
        "From 0, rising, separated by commas: 0, 30, 60 gives not due, 1-30, 31-60, over 60.",
    ),
    "settings.tracks": ("Percorsi", "Tracks"),
    "settings.fast_ratings": ("Percorso rapido: rating", "Fast track: ratings"),
    "settings.fast_days": ("Percorso rapido: scaduto da oltre (giorni)", "Fast track: overdue for over (days)"),
    "settings.white_ratings": ("Guanti bianchi: rating", "White gloves: ratings"),
    "settings.tracks_help": (
        "Vince la prima regola che vale: rapido (inattivo, rating o giorni), poi guanti bianchi, poi standard."
        " Sotto, i passi di ogni percorso.",
        "The first rule that holds wins: fast (inactive, rating or days), then white gloves, then standard."
        " Below, each track's steps.",
    ),
    "settings.template": ("Modello di lettera", "Letter template"),
    "settings.offset": ("Giorni dalla scadenza", "Days from due date"),
    "settings.offset_help": (
        "Il passo è dovuto questo numero di giorni dopo la scadenza più vecchia (negativo = prima).",
        "The step falls due this many days after the oldest due date (negative = before).",
    ),
    "settings.after": ("Dopo il passo", "After step"),
    "settings.gap": ("Giorni dopo", "Days after"),
    "settings.gap_help": (
        "Giorni minimi dopo il passo indicato in «Dopo il passo»; non può essere negativo.",
        "Minimum days after the step named in «After step»; cannot be negative.",
    ),
    "settings.required": ("Mai saltato", "Never skipped"),
    "settings.required_help": (
        "Un debito vecchio senza storia si ferma a questo passo invece di saltarlo.",
        "An old debt with no history stops at this step instead of skipping it.",
    ),
    "settings.capacity": ("Capacità settimanale", "Weekly capacity"),
    "settings.offers": ("Offerte e lettere", "Offers and letters"),
    "settings.cost_of_capital": ("Costo del capitale (% annuo)", "Cost of capital (% a year)"),
    "settings.agency_fee": ("Compenso dell'agenzia (%)", "Agency fee (%)"),
    "settings.demand_days": ("Termine della diffida (giorni)", "Formal demand term (days)"),
    "settings.diffida": ("Diffida ad adempiere (art. 1454 c.c.)", "Diffida ad adempiere (art. 1454 c.c.)"),
    "settings.diffida_help": (
        "La diffida risolve il contratto se il termine passa: la legge chiede almeno 15 giorni.",
        "The diffida terminates the contract when the term passes: the law asks for at least 15 days.",
    ),
    "settings.save_policy": ("Salva la politica", "Save the policy"),
    "settings.policy_saved": ("Politica salvata: le pagine la usano da ora.", "Policy saved: the pages use it now."),
    "settings.invalid": ("Non salvata: {error}", "Not saved: {error}"),
    "settings.invalid_saved": (
        "Le impostazioni salvate non sono valide ({error}): uso i valori predefiniti. Correggile in Impostazioni.",
        "The saved settings do not hold ({error}): the defaults are in use. Fix them in Settings.",
    ),
    "settings.reset": ("Ripristina i valori predefiniti", "Reset to defaults"),
    "settings.reset_help": ("Torna a config/policy.toml.", "Back to config/policy.toml."),
    "settings.reset_done": ("Politica riportata ai valori predefiniti.", "Policy reset to the defaults."),
    "settings.export": ("Scarica la politica (TOML)", "Download the policy (TOML)"),
    "settings.import": ("Carica una politica (TOML)", "Load a policy (TOML)"),
    "settings.import_help": (
        "Un file come config/policy.toml; le chiavi mancanti prendono il valore predefinito.",
        "A file like config/policy.toml; missing keys take the default.",
    ),
    "settings.import_ok": ("{file} è valido.", "{file} holds."),
    "settings.import_use": ("Usa questa politica", "Use this policy"),
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
    "negative": ("{key} non può essere negativo", "{key} cannot be negative"),
    "percent": ("{key} deve essere una percentuale da 0 a 100", "{key} must be a percentage from 0 to 100"),
    "grades": ("{key} vuole un valore per ogni rating {grades}", "{key} needs one value for each rating {grades}"),
    "ladder_row": (
        "riga {row} del percorso: servono il passo e i giorni dalla scadenza",
        "ladder row {row}: a step and its offset (days from the due date) are required",
    ),
    "not_text": ("{key} non è un file di testo (UTF-8)", "{key} is not a text file (UTF-8)"),
    "toml": ("{key} non è un TOML valido: {detail}", "{key} is not valid TOML: {detail}"),
    "shape": (
        "{key}: un valore ha il tipo sbagliato o manca una chiave ({detail})",
        "{key}: a value has the wrong type or a key is missing ({detail})",
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
    "step.check_instalment": ("verifica della rata", "check the instalment"),
    "instalment_status.paid_on_time": ("pagata puntuale", "paid on time"),
    "instalment_status.paid_late": ("pagata in ritardo, entro la tolleranza", "paid late, within grace"),
    "instalment_status.missed": ("non pagata", "missed"),
    "instalment_status.due": ("scaduta, in tolleranza", "due, within grace"),
    "instalment_status.upcoming": ("in scadenza", "upcoming"),
    "plan_state.honoured": ("rispettato", "honoured"),
    "plan_state.defaulted": ("decaduto", "defaulted"),
    "plan_state.completed": ("concluso", "completed"),
    "plan_state.cancelled": ("annullato", "cancelled"),
    "plan_kind.instalments": ("piano di rientro", "instalment plan"),
    "plan_kind.settlement": ("saldo e stralcio", "settlement"),
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
    "trace.instalment_open": (
        "rata {n} di {count} ({amount}) in scadenza il {date} + {days} giorni di tolleranza, "
        "piano concordato il {agreed}",
        "instalment {n} of {count} ({amount}) due {date} + {days} days' grace, plan agreed {agreed}",
    ),
    "trace.down_payment": (
        "acconto di {amount} in scadenza il {date} + {days} giorni di tolleranza, piano concordato il {agreed}",
        "down payment of {amount} due {date} + {days} days' grace, plan agreed {agreed}",
    ),
    "trace.settlement_open": (
        "saldo e stralcio di {amount} entro il {date} + {days} giorni di tolleranza, concordato il {agreed}",
        "settlement of {amount} by {date} + {days} days' grace, agreed {agreed}",
    ),
    "trace.plan_defaulted": (
        "piano del {agreed} non rispettato il {date}: decade il beneficio del termine, "
        "l'intero residuo di {amount} è dovuto subito",
        "plan agreed {agreed} defaulted on {date}: the whole residual of {amount} is due at once",
    ),
    "trace.settlement_defaulted": (
        "saldo e stralcio del {agreed} non pagato in tempo ({date}): torna dovuto subito l'intero credito di {amount}",
        "settlement agreed {agreed} not paid in time ({date}): the full claim of {amount} is due at once",
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


def policy_message(code: str, params: dict[str, object], lang: str) -> str:
    """Why a policy cannot work, in `lang` (lib.policy.PolicyError carries the code and params)."""
    return _pick(POLICY[code], lang).format(**params)


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


def names(column: str, prefix: str, codes: tuple[str, ...], lang: str) -> pl.Expr:
    """Codes of a column (steps, tracks, channels) in words: the ENGINE or UI entry `prefix.code`."""
    table = ENGINE if f"{prefix}.{codes[0]}" in ENGINE else UI
    return pl.col(column).replace_strict(
        {c: _pick(table[f"{prefix}.{c}"], lang) for c in codes}, default=pl.col(column)
    )


def format_count(number: int, lang: str) -> str:
    """`1.234` in Italian, `1,234` in English."""
    grouped = f"{number:,}"
    return grouped.replace(",", ".") if lang == "it" else grouped


_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def format_money(cents: int, currency: str, lang: str) -> str:
    """`1.234,56 EUR` in Italian, `€1,234.56` in English; exact (no float)."""
    sign = "-" if cents < 0 else ""
    units, hundredths = divmod(abs(cents), 100)
    grouped = format_count(units, lang)
    if lang == "it":
        return f"{sign}{grouped},{hundredths:02d} {currency}"
    symbol = _SYMBOLS.get(currency, currency)
    return f"{sign}{symbol}{'' if len(symbol) == 1 else ' '}{grouped}.{hundredths:02d}"


def money(cents: pl.Expr, currency: pl.Expr | str, lang: str) -> pl.Expr:
    """`format_money` as an expression, for whole columns (null cents give null)."""
    currency = pl.lit(currency) if isinstance(currency, str) else currency
    units = (cents.abs() // 100).cast(pl.String)
    # group thousands: reverse, dot (comma) every three digits, reverse back
    mark = "." if lang == "it" else ","
    grouped = units.str.reverse().str.replace_all(r"(\d{3})", f"${{1}}{mark}").str.strip_suffix(mark).str.reverse()
    hundredths = (cents.abs() % 100).cast(pl.String).str.zfill(2)
    sign = pl.when(cents < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    if lang == "it":
        return pl.concat_str(sign, grouped, pl.lit(","), hundredths, pl.lit(" "), currency)
    symbol = currency.replace_strict(_SYMBOLS, default=currency + " ")
    return pl.concat_str(sign, symbol, grouped, pl.lit("."), hundredths)


def format_date(day: dt.date | None, lang: str) -> str:
    """`20/11/2026` in Italian, `20 Nov 2026` in English (never the ambiguous 11/20)."""
    if day is None:
        return "—"
    return day.strftime(date_format(lang))
