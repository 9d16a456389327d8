"""UI words, the analysis pages: empty workspace, the book's caption, filters, KPI cards, charts, timeline."""

UI: dict[str, tuple[str, str]] = {
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
    "kpi.promises_kept": ("Promesse mantenute ({currency})", "Promises kept ({currency})"),
    "kpi.promises_broken": ("Promesse non mantenute ({currency})", "Promises broken ({currency})"),
    "kpi.promises_open": ("Promesse in attesa ({currency})", "Promises pending ({currency})"),
    "kpi.promises_help": (
        "Clienti per esito dell'ultima promessa di pagamento: mantenuta se una fotografia entro la data"
        " promessa (più la tolleranza) mostra l'aperto sceso dell'importo promesso, non mantenuta se"
        " una fotografia successiva non lo mostra, in attesa finché non c'è.",
        "Accounts by how their latest promise to pay went: kept when a snapshot by the promised date"
        " (plus the grace days) shows the open amount down by the promised sum, broken when a later"
        " snapshot does not, pending until there is one.",
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
        "C'è una sola fotografia (al {date}): l'andamento e i passaggi tra fasce confrontano due date. Importa lo"
        " scadenzario di un'altra data (la prossima settimana, o una precedente) e compariranno qui.",
        "There is one snapshot only (as of {date}): the trend and the roll rates compare two dates. Import the"
        " ageing report of another date (next week's, or an earlier one) and they appear here.",
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
    "portfolio.no_salesperson": (
        "Il file non indica l'agente: la ripartizione per agente non c'è.",
        "The file gives no salesperson: there is no breakdown by salesperson.",
    ),
    "portfolio.no_payment_method": (
        "Il file non indica la modalità di pagamento: la ripartizione per pagamento non c'è.",
        "The file gives no payment method: there is no breakdown by payment method.",
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
    "chart.cumulative_axis": ("Quota cumulata (%)", "Cumulative share (%)"),
    "chart.risk": ("Mappa del rischio ({currency})", "Risk map ({currency})"),
    "chart.risk_sampled": (
        "I {shown} debitori con più scaduto su {total}: gli altri non sono disegnati",
        "The {shown} debtors with the most overdue of {total}: the others are not drawn",
    ),
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
    "timeline.by": ("registrata da", "by"),
}
