"""What the letters say to the user, not to the debtor: why a letter cannot be made (LetterError)
and what to check before sending one (its warnings). Each message is a code with parameters in a
table of (italian, english) pairs, worded in the letter's language.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from lib.i18n import format_date, format_money, format_percent

ERRORS: dict[str, tuple[str, str]] = {
    "kind": ("Tipo di lettera sconosciuto: {kind}. Tipi: {kinds}.", "Unknown letter kind {kind}. Kinds: {kinds}."),
    "lang": ("Lingua non prevista: {lang}. Lingue: {langs}.", "Unsupported language {lang}. Languages: {langs}."),
    "company": (
        "Mancano dati dell'azienda necessari per questa lettera: {fields}. Completali nelle impostazioni.",
        "Company details this letter needs are missing: {fields}. Fill them in the settings.",
    ),
    "iban": (
        "L'IBAN {iban} non è valido (cifre di controllo, lunghezza o formato del paese): correggilo nelle "
        "impostazioni.",
        "The IBAN {iban} is not valid (check digits, or the length or layout of its country): correct it in the "
        "settings.",
    ),
    "vat_id": (
        "La partita IVA {vat_id} non è valida: correggila nelle impostazioni.",
        "The VAT number {vat_id} is not valid: correct it in the settings.",
    ),
    "no_documents": (
        "{customer}: nessun documento da sollecitare (i documenti contestati sono esclusi).",
        "{customer}: no document to claim (disputed documents are left out).",
    ),
    "nothing_due": (
        "{customer}: le note di credito coprono i documenti scaduti ({capital}): nulla da chiedere.",
        "{customer}: credit notes cover the overdue documents ({capital}): nothing to claim.",
    ),
    "address_missing": (
        "{customer}: indirizzo mancante: la diffida va per PEC o raccomandata A/R, e non si conosce né l'indirizzo "
        "PEC né quello postale. Inseriscili nella scheda cliente.",
        "{customer}: address missing: the formal demand goes by PEC or registered letter, and neither a PEC nor a "
        "postal address is known. Enter them on the account page.",
    ),
    "insolvent": (
        "{customer}: è in una procedura concorsuale: niente solleciti né accordi, il credito si insinua nella "
        "procedura (vedi la scheda cliente).",
        "{customer}: is in an insolvency procedure: no reminders and no agreements, the claim is filed in the "
        "procedure (see the account page).",
    ),
    "currencies": (
        "{customer}: documenti in più valute ({currencies}): indica la valuta, una lettera per valuta.",
        "{customer}: documents in several currencies ({currencies}): give the currency, one letter each.",
    ),
    "no_plan": (
        "Il piano di rientro richiede il calendario delle rate (colonne {columns}).",
        "An instalment agreement needs the plan's schedule (columns {columns}).",
    ),
    "settlement": (
        "Il saldo e stralcio richiede un importo tra zero e il credito ({claim}) e una scadenza dopo il {date}.",
        "A settlement needs an amount between zero and the claim ({claim}) and a deadline after {date}.",
    ),
    "signature": (
        "Il primo pagamento del piano ({date}), entro cui firmare, è anteriore alla data della lettera ({on}): "
        "concorda di nuovo il piano con date future.",
        "The plan's first payment ({date}), the date to sign by, is before the letter's date ({on}): agree the plan "
        "again with dates to come.",
    ),
    "batch": (
        "Il tipo {kind} non si prepara in serie: richiede un piano o un'offerta per ogni cliente.",
        "The kind {kind} cannot be made in bulk: it needs a plan or an offer for each customer.",
    ),
    "template_missing": ("Modello {path} non trovato.", "Template {path} not found."),
    "template_empty": (
        "Il modello {path} è vuoto: la prima riga deve essere l'oggetto.",
        "Template {path} is empty: its first line must be the subject.",
    ),
    "placeholder": (
        "Modello {path}: segnaposto sconosciuto {names}. Disponibili: {known}.",
        "Template {path}: unknown placeholder {names}. Available: {known}.",
    ),
    "syntax": (
        "Modello {path}: {error}. Dopo '$' va il nome di un segnaposto; per il simbolo del dollaro scrivi $$.",
        "Template {path}: {error}. A '$' must be followed by a placeholder name; write $$ for a dollar sign.",
    ),
    "labels": ("Etichette {path}: {error}.", "Labels {path}: {error}."),
}

WARNINGS: dict[str, tuple[str, str]] = {  # a letter that can be made, but should be checked first
    "no_rate": (
        "nessun tasso pubblicato dal {start} al {end}: per quei giorni non sono calcolati interessi",
        "no rate published from {start} to {end}: no interest computed for those days",
    ),
    "unconfirmed": (
        "il tasso del {rate_pct} dal {start} al {end} non è ancora confermato: verificalo prima di inviare la lettera",
        "the rate of {rate_pct} from {start} to {end} is unconfirmed: check it before sending the letter",
    ),
    "no_compensation": (
        "l'indennizzo di {amount} non è aggiunto: il conto è in {currency}",
        "the {amount} compensation is not added: the account is in {currency}",
    ),
    "estimated_due": (
        "alcune scadenze sono stimate dalle fasce di anzianità: gli interessi sono approssimati",
        "some due dates are estimated from ageing buckets: the interest is approximate",
    ),
    "interest_first": (
        "{amount} dei pagamenti non abbinati sono imputati prima agli interessi (art. 1194 c.c.): il capitale "
        "chiesto supera quello della contabilità",
        "{amount} of the unallocated payments went to interest first (art. 1194 c.c.): the capital claimed is "
        "more than the books show",
    ),
    "consumer_plan_interest": (
        "un piano con interessi a un consumatore può ricadere nella disciplina del credito ai consumatori "
        "(artt. 121 ss. TUB): senza interessi né spese ne è escluso",
        "a plan with interest for a consumer may fall under the consumer credit rules (artt. 121 ff. TUB): one "
        "without interest or charges is outside them",
    ),
    "plan_capital": (
        "il capitale del piano ({debt}) è diverso da quello dei documenti elencati ({capital})",
        "the plan's capital ({debt}) differs from the listed documents' ({capital})",
    ),
}

Warning = tuple[str, dict[str, object]]  # a code of WARNINGS and its parameters (see `warning_text`)


class Money(NamedTuple):
    """An amount in a warning's parameters, worded in the letter's language."""

    cents: int
    currency: str


class LetterError(ValueError):
    """A letter that cannot be made; the message (in the letter's language) says what to fix.

    `code` is a key of ERRORS and `params` its values, for a caller that words it differently.
    """

    def __init__(self, code: str, lang: str = "en", /, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(_pick(ERRORS[code], lang).format(**params))


def percent(value: float, lang: str) -> str:
    """`10,40%` in Italian, `10.40%` in English."""
    return format_percent(value, lang, 2)


def warning_text(warning: Warning, lang: str) -> str:
    """The warning in `lang`: dates and Money in the language's format, floats as percentages."""
    code, params = warning
    return _pick(WARNINGS[code], lang).format(**{key: _word(value, lang) for key, value in params.items()})


def _word(value: object, lang: str) -> object:
    if isinstance(value, Money):
        return format_money(value.cents, value.currency, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, float):
        return percent(value, lang)
    return value


def _pick(pair: tuple[str, str], lang: str) -> str:
    italian, english = pair
    return italian if lang == "it" else english
