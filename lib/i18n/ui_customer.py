"""UI words, the customer's legal profile: business or consumer, addresses, contract date,
prescription term, insolvency (the account page), and what follows on the simulator page."""

UI: dict[str, tuple[str, str]] = {
    "customer.section": ("Dati del cliente per le lettere", "Customer details for letters"),
    "customer.edit": ("Modifica i dati del cliente", "Edit the customer details"),
    "customer.is_business": (
        "Impresa: interessi di mora del D.Lgs. 231/2002 e 40 EUR per fattura pagata in ritardo.",
        "Business: late-payment interest of D.Lgs. 231/2002 and EUR 40 per invoice paid late.",
    ),
    "customer.is_consumer": (
        "Consumatore: interessi al tasso legale, niente 40 EUR per fattura.",
        "Consumer: interest at the legal rate, no EUR 40 per invoice.",
    ),
    "customer.probably_consumer": (
        "Probabilmente un consumatore: ha un codice fiscale personale e nessuna partita IVA. Conti e lettere lo "
        "trattano da consumatore finché non lo confermi o lo correggi qui sotto.",
        "Probably a consumer: a personal tax code and no VAT number. Figures and letters treat it as a consumer "
        "until you confirm or correct it below.",
    ),
    "customer.addresses": (
        "Indirizzo: {address} · PEC: {pec} · E-mail: {email}",
        "Address: {address} · PEC: {pec} · E-mail: {email}",
    ),
    "customer.address_missing": (
        "Indirizzo mancante: senza PEC né indirizzo postale la diffida (PEC o raccomandata) non può partire.",
        "Address missing: without a PEC or a postal address the formal demand (PEC or registered letter) cannot go.",
    ),
    "customer.contract": (
        "Interessi secondo la data del contratto ({date}).",
        "Interest follows the contract's date ({date}).",
    ),
    "customer.by_documents": (
        "Interessi secondo la data di ciascun documento: se il contratto è anteriore, indicane la data qui sotto.",
        "Interest follows each document's date: if the contract is older, enter its date below.",
    ),
    "customer.insolvent": (
        "{procedure} aperta il {date}: il cliente esce dai solleciti. Gli interessi si fermano a quella data, niente "
        "sconti né piani; il credito va insinuato nella procedura entro il {deadline}.",
        "{procedure} opened on {date}: the customer leaves the reminders. Interest stops on that date, no discount "
        "or plan is offered; the claim must be filed in the procedure by {deadline}.",
    ),
    "customer.insolvent_no_deadline": (
        "{procedure} aperta il {date}: il cliente esce dai solleciti. Gli interessi si fermano a quella data, niente "
        "sconti né piani. Indica qui sotto il termine per insinuare il credito.",
        "{procedure} opened on {date}: the customer leaves the reminders. Interest stops on that date, no discount "
        "or plan is offered. Enter below the deadline for filing the claim.",
    ),
    "customer.clawback": (
        "Pagamenti ricevuti nei {months} mesi prima della procedura: a rischio di revocatoria (art. 166 CCII), "
        "salvo quelli eseguiti nei termini d'uso.",
        "Payments received in the {months} months before the procedure: at risk of clawback (art. 166 CCII), "
        "except those made on the usual terms.",
    ),
    "customer.no_clawback": (
        "Nessun pagamento visto nei {months} mesi prima della procedura.",
        "No payment seen in the {months} months before the procedure.",
    ),
    "customer.col_date": ("Data", "Date"),
    "customer.col_source": ("Da", "From"),
    "customer.col_amount": ("Importo", "Amount"),
    "clawback.snapshot": ("documento uscito dallo scadenzario", "document gone from the snapshots"),
    "clawback.entered": ("pagamento registrato", "payment entered"),
    "customer.party": ("Natura del cliente", "Kind of customer"),
    "party.auto": ("secondo i dati (partita IVA o codice fiscale)", "as the data say (VAT number or tax code)"),
    "party.business": ("impresa o professionista", "business or professional"),
    "party.consumer": ("consumatore", "consumer"),
    "customer.address": ("Indirizzo postale (per la raccomandata)", "Postal address (for a registered letter)"),
    "customer.pec": ("PEC", "PEC"),
    "customer.email": ("E-mail", "E-mail"),
    "customer.contract_date": ("Data del contratto", "Contract date"),
    "customer.contract_help": (
        "Vuota: vale la data di ciascun documento. Contratti prima del 2013: BCE + 7 punti e niente 40 EUR; prima "
        "dell'8/8/2002: tasso legale.",
        "Empty: each document's date stands in. Contracts before 2013: ECB + 7 points and no EUR 40; before "
        "8 Aug 2002: the legal rate.",
    ),
    "customer.term": ("Prescrizione delle forniture", "Limitation period of the supplies"),
    "term.ordinary": ("ordinaria", "ordinary"),
    "term.periodic": ("pagamenti periodici (art. 2948 c.c.)", "periodic payments (art. 2948 c.c.)"),
    "term.professional": ("compensi professionali (art. 2956 c.c.)", "professional fees (art. 2956 c.c.)"),
    "term.retail": (
        "merci vendute a chi non ne fa commercio (art. 2955 c.c.)",
        "goods sold to a buyer who does not trade in them (art. 2955 c.c.)",
    ),
    "customer.term_years": ("{term}: {years} anni", "{term}: {years} years"),
    "customer.procedure": ("Procedura concorsuale", "Insolvency procedure"),
    "customer.no_procedure": ("nessuna", "none"),
    "customer.procedure_on": ("Aperta il", "Opened on"),
    "customer.claim_deadline": ("Termine per insinuare il credito", "Deadline to file the claim"),
    "customer.save": ("Salva i dati del cliente", "Save the customer details"),
    "customer.saved": ("Dati di {customer} salvati.", "Details of {customer} saved."),
    "customer.need_party": ("Natura del cliente non prevista.", "Unknown kind of customer."),
    "customer.need_term": ("Prescrizione non prevista.", "Unknown limitation period."),
    "customer.need_procedure": ("Procedura non prevista.", "Unknown procedure."),
    "customer.need_procedure_on": (
        "Una procedura ha bisogno della data di apertura, e la data solo di una procedura.",
        "A procedure needs the day it opened, and that day needs a procedure.",
    ),
    "customer.need_deadline": (
        "Il termine per insinuare il credito viene dopo l'apertura della procedura.",
        "The deadline to file the claim comes after the procedure opened.",
    ),
    "sim.refused_insolvent": (
        "{procedure} aperta il {date}: niente sconti né piani fuori dalla procedura, il credito si insinua al "
        "passivo (vedi la scheda cliente).",
        "{procedure} opened on {date}: no discount or plan outside the procedure, the claim is filed in it (see the "
        "account page).",
    ),
    "sim.vat_settlement": (
        "IVA compresa nello sconto: {vat}. Con nota di variazione (art. 26 DPR 633/72) se ne recuperano {recoverable}, "
        "sulle fatture emesse da meno di un anno; {blocked} restano a carico, perché per una riduzione concordata "
        "dopo l'anno la nota non si può emettere (art. 26, comma 3).",
        "VAT in the discount: {vat}. A credit note (art. 26 DPR 633/72) gives back {recoverable}, on the invoices "
        "issued less than a year ago; {blocked} stays paid, since a reduction agreed after a year cannot be "
        "credited (art. 26, para. 3).",
    ),
    "sim.vat_loss": (
        "IVA compresa nel credito: {vat}. Se l'agenzia o la causa non lo recuperano, si riprende con nota di "
        "variazione solo dall'apertura di una procedura concorsuale o dopo un'esecuzione rimasta infruttuosa "
        "(art. 26, commi 3-bis e 12, DPR 633/72), non per il solo ritardo.",
        "VAT in the claim: {vat}. If the agency or the lawsuit do not recover it, a credit note gives it back only "
        "once an insolvency procedure opens or an enforcement has failed (art. 26, paras. 3-bis and 12, DPR "
        "633/72), never for lateness alone.",
    ),
    "sim.vat_insolvent": (
        "IVA compresa nel credito: {vat}, recuperabile con nota di variazione dall'apertura della procedura, il "
        "{date} (art. 26, comma 3-bis, lett. a, DPR 633/72).",
        "VAT in the claim: {vat}, which a credit note gives back from the day the procedure opened, {date} "
        "(art. 26, para. 3-bis a, DPR 633/72).",
    ),
}
