"""UI words, the simulator page: the offers, their results, the agreements and their payments."""

UI: dict[str, tuple[str, str]] = {
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
        "Proposto dalle regole per il rating {rating}. Vale per ogni rata e per il pagamento scontato; "
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
}
