import dataclasses
import datetime as dt
import io
import re
import shutil
import tomllib
import zipfile
from functools import cache
from pathlib import Path

import polars as pl
import pytest
from pypdf import PdfReader

from lib import letters
from lib.company import Company
from lib.i18n import format_date, format_money
from lib.interest import late_interest
from lib.letters import Letter, LetterError
from lib.plans import schedule
from lib.policy import PolicyError, load_policy
from tests.unit.frames import AS_OF, days_ago, items

LANGS = ("it", "en")
IBAN = "IT60X0542811101000000123456"
COMPANY = Company(
    name="Rossi Forniture S.r.l.",
    vat_id="IT01234560157",  # a partita IVA with a valid check digit (lib.company checks it)
    address="Via Roma 1\n20121 Milano (MI)",
    iban=IBAN,
    signature="Mario Rossi, ufficio crediti",
    email="crediti@rossi.example",
    pec="rossi@pec.example",
    phone="02 1234567",
    place="Milano",
)
POLICY = load_policy()
# A formal demand needs somewhere to go (a PEC or a postal address): lib.customers.address_missing.
CUSTOMER = {
    "customer_id": "C001",
    "customer_name": "Bianchi S.p.A.",
    "vat_id": "IT09876543210",
    "address": "Via Verdi 2\n10121 Torino (TO)",
}


def account(**columns: list[object]) -> pl.DataFrame:
    n = len(columns["open_cents"])
    return items(customer_id=["C001"] * n, customer_name=["Bianchi S.p.A."] * n, **columns)


# Hand-worked: NC3 −500.00 goes to the oldest overdue debt, F1 (art. 1193 c.c.; a credit note corrects
# what was owed from the start), so F1 owes 9,500.00: to 20/11/2026, 30 days at 10.15% + 143 days at
# 10.40% = 950,000 × (30 × 1015 + 143 × 1040) / 3,650,000 = 46,633.29 → 46,633 cents (49,088 on the
# gross 10,000.00). F2 2,000.00 due 21/10/2026: 30 days at 10.40% = 200,000 × 30 × 1040 / 3,650,000
# = 1,709.59 → 1,710. NC3: no interest, no EUR 40.
STANDARD = account(
    doc_number=["F1", "F2", "NC3"],
    open_cents=[1_000_000, 200_000, -50_000],
    due_date=[dt.date(2026, 5, 31), days_ago(30), days_ago(10)],
    doc_date=[dt.date(2026, 4, 30), dt.date(2026, 9, 21), dt.date(2026, 11, 10)],
)
PLAN = schedule(1_150_000, 4, dt.date(2026, 12, 31), down_cents=150_000, down_date=dt.date(2026, 12, 1), rate_pct=6)
SETTLEMENT = {"amount_cents": 900_000, "deadline": dt.date(2026, 12, 4)}
EXTRAS = {"instalment_agreement": {"plan": PLAN}, "settlement_agreement": {"settlement": SETTLEMENT}}


@cache
def letter(kind: str, lang: str) -> Letter:
    return letters.compose(kind, CUSTOMER, STANDARD, COMPANY, AS_OF, lang, POLICY, **EXTRAS.get(kind, {}))


@cache
def pdf_text(kind: str, lang: str) -> str:
    return read_pdf(letters.to_pdf(letter(kind, lang)))


def read_pdf(data: bytes) -> str:
    """The text of every page, without the page numbers in the footers (`1/2`)."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    return flat("\n".join(re.sub(r"\s*\d+/\d+\s*$", "", page) for page in pages))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def money(cents: int, lang: str) -> str:
    return format_money(cents, "EUR", lang)


# --- what the letters say ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_reminder_pdf_holds_amounts_dates_numbers_and_iban(lang: str) -> None:
    text = pdf_text("reminder", lang)
    for number in ("F1", "F2", "NC3"):
        assert number in text
    assert money(1_150_000, lang) in text  # 10,000 + 2,000 − 500
    assert ("11.500,00" if lang == "it" else "11,500.00") in text
    assert money(-50_000, lang) in text
    assert format_date(dt.date(2026, 5, 31), lang) in text
    assert format_date(AS_OF + dt.timedelta(days=10), lang) in text  # reminder_days = 10
    assert "IT60 X054 2811 1010 0000 0123 456" in text
    assert "Bianchi S.p.A." in text and "Rossi Forniture S.r.l." in text
    assert letter("reminder", lang).deadline == AS_OF + dt.timedelta(days=10)


@pytest.mark.parametrize("lang", LANGS)
def test_formal_demand_interest_per_invoice_is_late_interest(lang: str) -> None:
    made = letter("formal_demand", lang)
    docs = made.documents
    for number, cents, due, interest, compensation in docs.select(
        "doc_number", "capital_cents", "due_date", "interest_cents", "compensation_cents"
    ).rows():
        expected = late_interest(cents, due, AS_OF) if cents > 0 else None
        assert interest == (expected.interest_cents if expected else 0), number
        assert compensation == (4000 if expected else 0), number
    assert docs["interest_cents"].to_list() == [46_633, 1_710, 0]  # hand-worked above
    assert docs["capital_cents"].to_list() == [950_000, 200_000, 0]
    assert docs["days_late"].to_list()[:2] == [173, 30]
    assert made.totals == {
        "capital_cents": 1_150_000,
        "interest_cents": 48_343,
        "compensation_cents": 8_000,
        "interest_paid_cents": 0,
        "paid_late_cents": 0,
        "total_cents": 1_206_343,
    }
    text = pdf_text("formal_demand", lang)
    for cents in (46_633, 1_710, 48_343, 4_000, 8_000, 1_150_000, 1_206_343, 950_000):
        assert money(cents, lang) in text, cents
    assert ("12.063,43" if lang == "it" else "12,063.43") in text
    # the term runs from receipt (demand_days = 10); the deadline the app counts with adds the
    # longest delivery ([letters] delivery_days: raccomandata 5)
    assert ("entro 10 giorni dal ricevimento" if lang == "it" else "within 10 days of receiving") in text
    assert made.deadline == AS_OF + dt.timedelta(days=15)
    for rate in ("10,15%", "10,40%") if lang == "it" else ("10.15%", "10.40%"):
        assert rate in text
    unconfirmed = "non è ancora confermato" if lang == "it" else "is unconfirmed"  # the 2026-H2 rate
    assert any(unconfirmed in warning for warning in made.warnings), made.warnings


def test_a_letter_claims_what_was_overdue_at_the_snapshot_with_interest_to_its_date() -> None:
    """Written on 24/11 from the books of 20/11: F4, due 22/11, fell due after the snapshot and may be
    paid already, so it is not claimed; the interest on F1 and F2 runs to the letter's date."""
    on = AS_OF + dt.timedelta(days=4)
    later = pl.concat([STANDARD, account(doc_number=["F4"], open_cents=[30_000], due_date=[AS_OF + dt.timedelta(2)])])
    made = letters.compose("formal_demand", CUSTOMER, later, COMPANY, on, "en", POLICY, as_of=AS_OF)
    assert made.documents["doc_number"].to_list() == ["F1", "F2", "NC3"]
    assert made.totals["capital_cents"] == 1_150_000
    for number, cents, due, interest in made.documents.select(
        "doc_number", "capital_cents", "due_date", "interest_cents"
    ).rows()[:2]:
        assert interest == late_interest(cents, due, on).interest_cents, number
    assert made.on == on and made.deadline == on + dt.timedelta(days=15)
    assert made.documents["days_late"].to_list()[:2] == [177, 34]  # at the letter's date
    # without the snapshot's date, the letter's own date is taken as the books' date: F4 is claimed
    assert "F4" in letters.compose("formal_demand", CUSTOMER, later, COMPANY, on, "en", POLICY).documents["doc_number"]
    addressed = later.head(1).with_columns(pl.lit(CUSTOMER["address"]).alias("address"))
    batch, _ = letters.compose_many("formal_demand", addressed, later, COMPANY, on, "en", POLICY, as_of=AS_OF)
    assert batch[0].documents["doc_number"].to_list() == ["F1", "F2", "NC3"]


def test_an_agreement_to_sign_by_a_date_in_the_past_is_refused() -> None:
    """The instalment agreement is signed by its first payment: a letter dated after it cannot be made."""
    made = letters.compose("instalment_agreement", CUSTOMER, STANDARD, COMPANY, dt.date(2026, 12, 1), "en", POLICY,
                           plan=PLAN)  # fmt: skip
    assert made.deadline == dt.date(2026, 12, 1)
    with pytest.raises(LetterError) as raised:
        letters.compose("instalment_agreement", CUSTOMER, STANDARD, COMPANY, dt.date(2026, 12, 2), "en", POLICY,
                        plan=PLAN)  # fmt: skip
    assert raised.value.code == "signature"
    assert str(raised.value) == (
        "The plan's first payment (01 Dec 2026), the date to sign by, is before the letter's date (02 Dec 2026): "
        "agree the plan again with dates to come."
    )


@pytest.mark.parametrize("lang", LANGS)
def test_formal_demand_states_channel_law_and_prescription(lang: str) -> None:
    text = pdf_text("formal_demand", lang)
    assert "PEC" in text
    assert ("raccomandata A/R" if lang == "it" else "registered letter") in text
    assert "231/2002" in text and "2943" in text and "1219" in text
    assert "1454" not in text  # not a diffida unless the policy says so


@pytest.mark.parametrize("lang", LANGS)
def test_diffida_gives_at_least_the_minimum_term(lang: str) -> None:
    # A 10-day term the check refuses for a diffida (letters.demand_days): the letter gives 15 anyway.
    unchecked = dataclasses.replace(POLICY.letters, diffida=True, demand_days=10, diffida_min_days=15)
    policy = dataclasses.replace(POLICY, letters=unchecked)
    made = letters.compose("formal_demand", CUSTOMER, STANDARD, COMPANY, AS_OF, lang, policy)
    assert made.term_days == 15
    assert made.deadline == AS_OF + dt.timedelta(days=15 + 5)  # from receipt: raccomandata 5 days
    text = read_pdf(letters.to_pdf(made))
    assert "1454" in text and "2943" in text
    assert ("entro 15 giorni dal ricevimento" if lang == "it" else "within 15 days of receiving") in text
    assert ("risolti di diritto" if lang == "it" else "terminated") in text
    # The agency waits for the term: a 20-day diffida with the ladders' 10-day gaps is refused ...
    with pytest.raises(PolicyError, match="agency"):
        load_policy({"letters": {"diffida": True, "demand_days": 20}})
    longer = dataclasses.replace(POLICY, letters=dataclasses.replace(POLICY.letters, diffida=True, demand_days=20))
    assert letters.compose("formal_demand", CUSTOMER, STANDARD, COMPANY, AS_OF, lang, longer).term_days == 20


@pytest.mark.parametrize("lang", LANGS)
def test_instalment_agreement_lists_every_instalment_and_the_default_clause(lang: str) -> None:
    made, text = letter("instalment_agreement", lang), pdf_text("instalment_agreement", lang)
    assert PLAN.height == 5  # down payment + 4
    for day, payment in PLAN.select("date", "payment_cents").rows():
        assert format_date(day, lang) in text
        assert money(payment, lang) in text
    assert money(int(PLAN["payment_cents"].sum()), lang) in text
    assert money(1_150_000, lang) in text  # the debt acknowledged
    # The acceleration is a clause of the agreement (art. 1186 c.c. covers insolvency, not a missed
    # instalment), with the grace the engine applies ([plans] grace_days), specifically approved.
    assert "1988" in text and "1186" not in text and "1341" in text and "1342" in text
    if lang == "it":
        assert "riconosce" in text and "decade dal beneficio del termine" in text
        assert "immediatamente esigibile" in text and "non intraprendere azioni" in text
        assert "entro 5 giorni dalla sua scadenza" in text
    else:
        assert "acknowledges" in text and "loses the benefit of time" in text
        assert "becomes due at once" in text and "take no action" in text
        assert "within 5 days of its due date" in text
    assert made.deadline == dt.date(2026, 12, 1)
    assert made.totals["total_cents"] == PLAN["payment_cents"].sum()


@pytest.mark.parametrize("lang", LANGS)
def test_settlement_states_the_reduced_amount_and_deadline(lang: str) -> None:
    made, text = letter("settlement_agreement", lang), pdf_text("settlement_agreement", lang)
    assert money(900_000, lang) in text and money(1_150_000, lang) in text and money(250_000, lang) in text
    assert format_date(dt.date(2026, 12, 4), lang) in text
    assert ("saldo e stralcio" if lang == "it" else "full and final settlement") in text
    assert ("solo con l'incasso dell'intero importo" if lang == "it" else "only when the whole amount") in text
    assert made.totals | {} == made.totals and made.totals["discount_cents"] == 250_000


@pytest.mark.parametrize("lang", LANGS)
def test_courtesy_lists_what_falls_due_soon(lang: str) -> None:
    frame = account(
        doc_number=["S1", "S2"],
        open_cents=[30_000, 40_000],
        due_date=[AS_OF + dt.timedelta(days=3), AS_OF + dt.timedelta(days=40)],
    )
    made = letters.compose("courtesy", CUSTOMER, frame, COMPANY, AS_OF, lang, POLICY)
    assert made.documents["doc_number"].to_list() == ["S1"]
    assert money(30_000, lang) in made.body and "S2" not in made.body
    assert made.deadline == AS_OF + dt.timedelta(days=3)
    # [letters] courtesy_days (7) decides how far ahead it looks: with 40 days, S2 is listed too.
    wider = load_policy({"letters": {"courtesy_days": 40}})
    made = letters.compose("courtesy", CUSTOMER, frame, COMPANY, AS_OF, lang, wider)
    assert made.documents["doc_number"].to_list() == ["S1", "S2"]


@pytest.mark.parametrize("kind", letters.KINDS)
@pytest.mark.parametrize("lang", LANGS)
def test_text_output_matches_the_pdf_wording(kind: str, lang: str) -> None:
    made, text = letter(kind, lang), pdf_text(kind, lang)
    assert letters.to_text(made).startswith(made.subject + "\n\n")
    assert flat(made.subject) in text
    for block in made.blocks:
        if isinstance(block, letters.Table):
            assert all(cell in text for row in (block.headers, *block.rows, *block.footer) for cell in row)
            assert letters.table_text(block) in made.body
        else:
            assert flat(block) in text
            assert block in made.body
    assert "$" not in made.body and "\x00" not in made.body


def test_email_subject_drops_the_label() -> None:
    assert letter("reminder", "it").email_subject == "Sollecito di pagamento – Bianchi S.p.A."
    assert letter("reminder", "en").email_subject.startswith("Overdue payment reminder")


def test_the_pdf_embeds_the_bundled_font() -> None:
    data = letters.to_pdf(letter("reminder", "it"))
    assert data.startswith(b"%PDF") and b"DejaVuSans" in data
    text = read_pdf(letters.to_pdf(letter("reminder", "en")))
    assert "€" in money(1, "en") and money(1_150_000, "en") in text  # the € sign survives the round trip


# --- which documents ---------------------------------------------------------------------------


def test_disputed_documents_are_left_out() -> None:
    frame = STANDARD.with_columns(pl.Series("disputed", [False, True, None]))
    made = letters.compose("formal_demand", CUSTOMER, frame, COMPANY, AS_OF, "it", POLICY)
    assert made.documents["doc_number"].to_list() == ["F1", "NC3"]
    assert made.totals["capital_cents"] == 950_000
    assert made.totals["compensation_cents"] == 4_000
    text = read_pdf(letters.to_pdf(made))
    assert "F2" not in text and "F2" not in letters.to_text(made)


def test_a_customer_with_everything_disputed_gets_no_letter() -> None:
    frame = STANDARD.with_columns(pl.lit(True).alias("disputed"))
    with pytest.raises(LetterError, match="Bianchi") as raised:
        letters.compose("reminder", CUSTOMER, frame, COMPANY, AS_OF, "en", POLICY)
    assert raised.value.code == "no_documents"


def test_credit_notes_covering_the_debt_leave_nothing_to_claim() -> None:
    frame = account(open_cents=[10_000, -20_000], due_date=[days_ago(40), days_ago(5)])
    with pytest.raises(LetterError) as raised:
        letters.compose("formal_demand", CUSTOMER, frame, COMPANY, AS_OF, "it", POLICY)
    assert raised.value.code == "nothing_due"
    assert "-100,00" in str(raised.value)


def test_only_the_customers_items_in_its_currency() -> None:
    other = items(customer_id=["C002"], open_cents=[777_700], due_date=[days_ago(30)])
    usd = account(doc_number=["U1"], open_cents=[5_000], due_date=[days_ago(30)], currency=["USD"])
    frame = pl.concat([STANDARD, other, usd])
    made = letters.compose("reminder", CUSTOMER | {"currency": "EUR"}, frame, COMPANY, AS_OF, "en", POLICY)
    assert made.totals["capital_cents"] == 1_150_000
    with pytest.raises(LetterError) as raised:  # no currency given, two in the items
        letters.compose("reminder", CUSTOMER, frame, COMPANY, AS_OF, "en", POLICY)
    assert raised.value.code == "currencies"
    in_usd = letters.compose("formal_demand", CUSTOMER | {"currency": "USD"}, frame, COMPANY, AS_OF, "en", POLICY)
    assert in_usd.totals["compensation_cents"] == 0  # the EUR 40 is not added to a USD claim
    assert any("USD" in warning for warning in in_usd.warnings)


@pytest.mark.parametrize("table", [letters.ERRORS, letters.WARNINGS], ids=["errors", "warnings"])
def test_messages_are_in_both_languages_with_the_same_placeholders(table: dict[str, tuple[str, str]]) -> None:
    def names(text: str) -> set[str]:
        return set(re.findall(r"\{(\w+)\}", text))

    for code, (italian, english) in table.items():
        assert italian.strip() and english.strip() and names(italian) == names(english), code


def test_warnings_are_in_the_letters_language() -> None:
    usd = STANDARD.with_columns(pl.lit("USD").alias("currency"))
    made = {lang: letters.compose("formal_demand", CUSTOMER, usd, COMPANY, AS_OF, lang, POLICY) for lang in LANGS}
    assert made["it"].warnings == (
        "il tasso del 10,40% dal 01/07/2026 al 31/12/2026 non è ancora confermato: verificalo prima di inviare la "
        "lettera",
        "l'indennizzo di 40,00 EUR non è aggiunto: il conto è in USD",
    )
    assert made["en"].warnings == (
        "the rate of 10.40% from 01 Jul 2026 to 31 Dec 2026 is unconfirmed: check it before sending the letter",
        "the €40.00 compensation is not added: the account is in USD",
    )
    plan = PLAN.with_columns(pl.col("capital_cents") + 1)  # a plan for another amount than the documents'
    made_it = letters.compose("instalment_agreement", CUSTOMER, STANDARD, COMPANY, AS_OF, "it", POLICY, plan=plan)
    assert made_it.warnings == (
        "il capitale del piano (11.500,05 EUR) è diverso da quello dei documenti elencati (11.500,00 EUR)",
    )


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [({"iban": ""}, "company"), ({"name": " "}, "company"), ({"iban": "IT61X0542811101000000123456"}, "iban")],
)
def test_company_details_are_checked(change: dict[str, str], code: str) -> None:
    company = Company.from_mapping({**COMPANY.__dict__, **change})
    with pytest.raises(LetterError) as raised:
        letters.compose("formal_demand", CUSTOMER, STANDARD, company, AS_OF, "en", POLICY)
    assert raised.value.code == code


def test_company_from_settings_mapping() -> None:
    company = Company.from_mapping({"company_name": " Rossi ", "iban": IBAN, "vat_id": None, "other": 1})
    assert (company.name, company.iban, company.vat_id, company.pec) == ("Rossi", IBAN, "", "")


def test_a_reminder_needs_no_vat_or_address_but_a_demand_does() -> None:
    company = Company("Rossi", "", "", IBAN)
    assert letters.compose("reminder", CUSTOMER, STANDARD, company, AS_OF, "it", POLICY).body
    with pytest.raises(LetterError, match="vat_id, address"):
        letters.compose("formal_demand", CUSTOMER, STANDARD, company, AS_OF, "it", POLICY)


def test_agreements_need_their_terms() -> None:
    with pytest.raises(LetterError) as raised:
        letters.compose("instalment_agreement", CUSTOMER, STANDARD, COMPANY, AS_OF, "it", POLICY)
    assert raised.value.code == "no_plan"
    for bad in ({"amount_cents": 1_150_000, "deadline": AS_OF}, {"amount_cents": 1, "deadline": days_ago(1)}, None):
        with pytest.raises(LetterError) as raised:
            letters.compose("settlement_agreement", CUSTOMER, STANDARD, COMPANY, AS_OF, "en", POLICY, settlement=bad)
        assert raised.value.code == "settlement"


def test_unknown_kind_and_language() -> None:
    with pytest.raises(LetterError, match="agency_handover"):
        letters.compose("agency_handover", CUSTOMER, STANDARD, COMPANY, AS_OF, "it", POLICY)
    with pytest.raises(LetterError, match="fr"):
        letters.compose("reminder", CUSTOMER, STANDARD, COMPANY, AS_OF, "fr", POLICY)


def copy_templates(tmp_path: Path) -> Path:
    shutil.copytree(letters.TEMPLATES, tmp_path / "letters")
    return tmp_path / "letters"


def test_an_unknown_placeholder_names_the_file_and_the_placeholder(tmp_path: Path) -> None:
    folder = copy_templates(tmp_path)
    path = folder / "it" / "reminder.txt"
    path.write_text(path.read_text().replace("$total", "$totale"))
    with pytest.raises(LetterError) as raised:
        letters.compose("reminder", CUSTOMER, STANDARD, COMPANY, AS_OF, "it", POLICY, template_dir=folder)
    assert raised.value.code == "placeholder"
    assert str(path) in str(raised.value) and "$totale" in str(raised.value)
    assert re.search(r"\$total[,.]", str(raised.value))  # lists what is available
    # a placeholder of another letter is unknown here too
    path.write_text("Oggetto: x\n$schedule_table\n")
    with pytest.raises(LetterError, match=r"\$schedule_table"):
        letters.compose("reminder", CUSTOMER, STANDARD, COMPANY, AS_OF, "it", POLICY, template_dir=folder)


def test_template_syntax_missing_file_and_edited_wording(tmp_path: Path) -> None:
    folder = copy_templates(tmp_path)
    path = folder / "en" / "reminder.txt"
    path.write_text("Subject: pay\nPay $ 5 now.\n")
    with pytest.raises(LetterError, match=r"reminder\.txt.*line 2.*\$\$"):
        letters.compose("reminder", CUSTOMER, STANDARD, COMPANY, AS_OF, "en", POLICY, template_dir=folder)
    path.write_text("Subject: Pay up, ${customer_name}\nPlease pay $total, or $$5 more.\n\n$documents_table\n")
    made = letters.compose("reminder", CUSTOMER, STANDARD, COMPANY, AS_OF, "en", POLICY, template_dir=folder)
    assert made.subject == "Subject: Pay up, Bianchi S.p.A."
    assert made.body.startswith(f"Please pay {money(1_150_000, 'en')}, or $5 more.\n\nDocument")
    path.unlink()
    with pytest.raises(LetterError, match="not found"):
        letters.compose("reminder", CUSTOMER, STANDARD, COMPANY, AS_OF, "en", POLICY, template_dir=folder)


def test_both_languages_have_the_same_templates_and_labels() -> None:
    folders = [letters.TEMPLATES / lang for lang in LANGS]
    names = [sorted(p.name for p in folder.iterdir()) for folder in folders]
    assert names[0] == names[1]
    assert {f"{kind}.txt" for kind in letters.KINDS} <= set(names[0])
    labels = [tomllib.loads((folder / "labels.toml").read_text()) for folder in folders]
    assert {k: sorted(v) for k, v in labels[0].items()} == {k: sorted(v) for k, v in labels[1].items()}
    for name in names[0]:
        if name.endswith(".txt"):
            texts = [(folder / name).read_text() for folder in folders]
            found = [set(re.findall(r"\$\{?(\w+)", text)) for text in texts]
            assert found[0] == found[1], name


# --- many letters and the zip -------------------------------------------------------------------


def test_compose_many_makes_one_letter_per_account_and_lists_the_skipped() -> None:
    second = items(customer_id=["C/002 ä"], customer_name=["Verdi"], open_cents=[30_000], due_date=[days_ago(20)])
    disputed = items(customer_id=["C003"], open_cents=[1_000], due_date=[days_ago(20)])
    frame = pl.concat([STANDARD, second, disputed]).with_columns((pl.col("customer_id") == "C003").alias("disputed"))
    nowhere = items(customer_id=["C004"], open_cents=[5_000], due_date=[days_ago(20)])
    frame = pl.concat([frame, nowhere.with_columns(pl.lit(False).alias("disputed"))])
    accounts = pl.DataFrame(
        {
            "customer_id": ["C/002 ä", "C001", "C003", "C004"],
            "currency": ["EUR"] * 4,
            "customer_name": ["Verdi", None, "X", None],
            "pec": ["verdi@pec.example", None, None, None],
            "address": [None, CUSTOMER["address"], None, None],
        }
    )
    made, skipped = letters.compose_many("formal_demand", accounts, frame, COMPANY, AS_OF, "it", POLICY)
    assert [m.customer_id for m in made] == ["C/002 ä", "C001"]
    assert made[1].body == letters.compose("formal_demand", CUSTOMER, frame, COMPANY, AS_OF, "it", POLICY).body
    # a formal demand without a PEC or postal address is listed as such, not produced blank
    assert skipped.select("customer_id", "code").rows() == [("C003", "no_documents"), ("C004", "address_missing")]
    with pytest.raises(LetterError):
        letters.compose_many("settlement_agreement", accounts, frame, COMPANY, AS_OF, "it", POLICY)

    archive = zipfile.ZipFile(io.BytesIO(letters.zip_letters(made)))
    assert sorted(archive.namelist()) == [
        "2026-11-20_C001_formal_demand.pdf",
        "2026-11-20_C001_formal_demand.txt",
        "2026-11-20_C_002_a_formal_demand.pdf",
        "2026-11-20_C_002_a_formal_demand.txt",
    ]
    assert archive.read("2026-11-20_C001_formal_demand.txt").decode() == letters.to_text(made[1])
    assert archive.read("2026-11-20_C001_formal_demand.pdf").startswith(b"%PDF")


def test_zip_names_stay_unique() -> None:
    eur = letter("reminder", "it")
    usd = Letter(**{**eur.__dict__, "currency": "USD"})
    names = zipfile.ZipFile(io.BytesIO(letters.zip_letters([eur, usd, eur]))).namelist()
    assert names == [
        "2026-11-20_C001_EUR_reminder.pdf",
        "2026-11-20_C001_EUR_reminder.txt",
        "2026-11-20_C001_USD_reminder.pdf",
        "2026-11-20_C001_USD_reminder.txt",
        "2026-11-20_C001_EUR_reminder-2.pdf",
        "2026-11-20_C001_EUR_reminder-2.txt",
    ]


# --- what the letters may claim and say (issue 12) -------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_consumers_formal_demand_claims_the_legal_rate_and_no_eur_40_art_1284_cc(lang: str) -> None:
    """Codice del Consumo artt. 20-22: claiming what a consumer does not owe is an unfair practice.
    Legal rate 2026, 1.60% (DM 10/12/2025), on what is owed once NC3 is set against F1 (9,500.00):
      F1 due 31/05: 173 days, 950,000 × 160 × 173 / 3,650,000 = 7,204.38 → 7,204
      F2 due 21/10:  30 days, 200,000 × 160 × 30 / 3,650,000  =   263.01 → 263"""
    consumer = {**CUSTOMER, "consumer": True, "vat_id": "RSSMRA80A01H501U"}
    made = letters.compose("formal_demand", consumer, STANDARD, COMPANY, AS_OF, lang, POLICY)
    assert made.documents["interest_cents"].to_list() == [7_204, 263, 0]
    assert made.documents["compensation_cents"].to_list() == [0, 0, 0]
    assert made.totals["total_cents"] == 1_150_000 + 7_467
    text = read_pdf(letters.to_pdf(made))
    assert "1284" in text and ("1,60%" if lang == "it" else "1.60%") in text
    assert "231/2002" not in text and money(4_000, lang) not in text
    assert ("C.F. RSSMRA80A01H501U" if lang == "it" else "Tax code RSSMRA80A01H501U") in text
    assert ("costi di recupero" if lang == "it" else "recovery costs") not in text  # no further costs claimed
    assert made.body.count("1,60%" if lang == "it" else "1.60%") == 1  # the legal rate is yearly: one row for 2026
    assert ("Gentile Cliente," if lang == "it" else "Dear Customer,") in made.body


@pytest.mark.parametrize("lang", LANGS)
def test_an_old_contract_is_claimed_at_seven_points_without_eur_40_dlgs_192_2012(lang: str) -> None:
    # Contract 01/05/2012: reference + 7. F1 (9,500.00): 30 days at 9.15% + 143 days at 9.40% =
    # 950,000 × (30 × 915 + 143 × 940) / 3,650,000 = 42,130.55 → 42,131; F2: 30 days at 9.40% = 1,545.21 → 1,545
    old = {**CUSTOMER, "contract_date": dt.date(2012, 5, 1)}
    made = letters.compose("formal_demand", old, STANDARD, COMPANY, AS_OF, lang, POLICY)
    assert made.documents["interest_cents"].to_list() == [42_131, 1_545, 0]
    assert made.totals["compensation_cents"] == 0
    text = read_pdf(letters.to_pdf(made))
    assert ("sette punti percentuali" if lang == "it" else "plus seven percentage points") in text
    assert ("otto punti" if lang == "it" else "eight percentage points") not in text


@pytest.mark.parametrize("lang", LANGS)
def test_previous_reminders_only_when_earlier_steps_are_logged(lang: str) -> None:
    """An old debt with no history starts at letter 2: no "nonostante i nostri precedenti solleciti"."""
    first = letter("formal_demand", lang).body
    assert "precedenti solleciti" not in first and "previous reminders" not in first
    assert ("risultano scaduti e tuttora non pagati" if lang == "it" else "overdue and still unpaid") in first
    reminded = {**CUSTOMER, "last_step": "letter_1"}  # the engine's row: the highest step done
    body = letters.compose("formal_demand", reminded, STANDARD, COMPANY, AS_OF, lang, POLICY).body
    assert ("nonostante i nostri precedenti solleciti" if lang == "it" else "Despite our previous reminders") in body


@pytest.mark.parametrize("lang", LANGS)
def test_the_diffida_does_not_demand_the_price_after_termination_art_1453_cc(lang: str) -> None:
    """Art. 1453 c. 2 c.c.: once termination is sought, performance can no longer be demanded. The
    diffida asks to pay within the term and says what happens at its end: termination, return and
    damages; never "the contract is terminated" and "pay the price" at once."""
    policy = dataclasses.replace(POLICY, letters=dataclasses.replace(POLICY.letters, diffida=True, demand_days=15))
    body = flat(letters.compose("formal_demand", CUSTOMER, STANDARD, COMPANY, AS_OF, lang, policy).body)
    after = body.split("1454 c.c. In tal caso" if lang == "it" else "Civil Code. We will then")[1].split(".")[0]
    assert ("restituzione" if lang == "it" else "return") in after and (
        "risarcimento" if lang == "it" else "damages"
    ) in after
    assert "pagamento" not in after and "recupero" not in body.split("1454")[-1].split("2943")[0]
    assert ("si intenderanno senz'altro risolti" if lang == "it" else "will be terminated") in body


@pytest.mark.parametrize("lang", LANGS)
def test_the_instalment_agreement_says_what_becomes_of_the_late_interest(lang: str) -> None:
    """The plan's sum is the documents' capital: interest and EUR 40 are waived if the plan is honoured
    and due again on default ([plans] waive_interest); included when the sum has them; reserved otherwise."""
    waived = letter("instalment_agreement", lang).body
    assert ("rinuncia a richiedere" if lang == "it" else "the creditor waives") in waived
    assert ("art. 6 del D.Lgs. 231/2002" if lang == "it" else "art. 6 of Legislative Decree 231/2002") in waived
    keeps = dataclasses.replace(POLICY, plans=dataclasses.replace(POLICY.plans, waive_interest=False))
    reserved = letters.compose("instalment_agreement", CUSTOMER, STANDARD, COMPANY, AS_OF, lang, keeps, plan=PLAN).body
    assert ("si riserva di richiedere" if lang == "it" else "reserves the right to claim") in reserved
    more = PLAN.with_columns(
        pl.when(pl.col("n") == 1).then(pl.col("capital_cents") + 50_000).otherwise("capital_cents")
    )
    included = letters.compose("instalment_agreement", CUSTOMER, STANDARD, COMPANY, AS_OF, lang, POLICY, plan=more).body
    assert ("comprende gli interessi moratori" if lang == "it" else "includes the late-payment interest") in included
    # the engine's grace for the plan saved is the one stated; a consumer's plan with interest is flagged
    graced = letters.compose(
        "instalment_agreement", {**CUSTOMER, "consumer": True}, STANDARD, COMPANY, AS_OF, lang, POLICY, plan=PLAN,
        grace_days=8,
    )  # fmt: skip
    assert ("entro 8 giorni" if lang == "it" else "within 8 days") in graced.body
    assert ("al tasso legale" if lang == "it" else "at the legal rate") in graced.body
    assert any("121" in warning for warning in graced.warnings)  # consumer credit rules (TUB)


def test_invoices_paid_late_are_claimed_apart_when_the_policy_says_so_art_6_dlgs_231_2002() -> None:
    # F0, 3,000.00 due 31/08/2026, last seen unpaid on 30/09 (gone from the snapshot of 07/10): 30 days
    # at 10.40% = 300,000 × 1040 × 30 / 3,650,000 = 2,564.38 → 2,564, and the EUR 40: 6,564.
    paid = pl.DataFrame(
        {"customer_id": ["C001"], "currency": ["EUR"], "doc_number": ["F0"], "due_date": [dt.date(2026, 8, 31)],
         "open_cents": [300_000], "last_seen": [dt.date(2026, 9, 30)], "paid_on": [dt.date(2026, 10, 7)]}
    )  # fmt: skip
    assert (
        letters.compose("formal_demand", CUSTOMER, STANDARD, COMPANY, AS_OF, "en", POLICY, paid=paid).totals[
            "paid_late_cents"
        ]
        == 0
    )  # off by default
    claims_them = dataclasses.replace(POLICY, letters=dataclasses.replace(POLICY.letters, claim_paid_late=True))
    made = letters.compose("formal_demand", CUSTOMER, STANDARD, COMPANY, AS_OF, "en", claims_them, paid=paid)
    assert made.totals["paid_late_cents"] == 6_564
    assert made.totals["total_cents"] == 1_206_343 + 6_564
    assert "paid after their due date" in made.body and "F0" in made.body and "30 Sep 2026" in made.body


def test_no_letter_to_a_customer_in_an_insolvency_procedure_art_150_ccii() -> None:
    insolvent = {**CUSTOMER, "procedure": "liquidazione_giudiziale", "procedure_on": dt.date(2026, 10, 1)}
    for kind, extras in (("reminder", {}), ("formal_demand", {}), ("instalment_agreement", {"plan": PLAN})):
        with pytest.raises(LetterError) as raised:
            letters.compose(kind, insolvent, STANDARD, COMPANY, AS_OF, "en", POLICY, **extras)
        assert raised.value.code == "insolvent"


@pytest.mark.parametrize(
    ("known", "line"),
    [
        ({"pec": "b@pec.example", "address": None}, "Sent by certified e-mail (PEC)."),
        ({"pec": None}, "Sent by registered letter with acknowledgement of receipt."),
    ],
)
def test_the_formal_demand_says_how_it_goes_by_the_addresses_known(known: dict[str, object], line: str) -> None:
    made = letters.compose("formal_demand", {**CUSTOMER, **known}, STANDARD, COMPANY, AS_OF, "en", POLICY)
    assert made.body.startswith(line)
