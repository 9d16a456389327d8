"""The workspace's SQLite schema, one migration per version (PRAGMA user_version).

Each entry upgrades the schema by one version, in one transaction; never edit a released entry,
add a new one at the end. `lib/store.py` runs them when it opens a workspace.
"""

from __future__ import annotations

import sqlite3

import polars as pl

# Each entry upgrades the schema by one version; never edit a released entry, add a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE snapshot (
        id INTEGER PRIMARY KEY,
        as_of TEXT NOT NULL,              -- ISO date the report refers to
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,      -- the same file twice is one snapshot
        imported_at TEXT NOT NULL,        -- ISO timestamp, UTC
        sheet TEXT NOT NULL,
        layout TEXT NOT NULL,             -- detail | summary
        items INTEGER NOT NULL,
        customers INTEGER NOT NULL,
        estimated_due_dates INTEGER NOT NULL,
        totals TEXT NOT NULL,             -- JSON: [{currency, open_cents, overdue_cents, items}]
        report TEXT NOT NULL              -- JSON: the import report without its tables
    );
    CREATE INDEX snapshot_as_of ON snapshot (as_of);
    """,
    # The action log: dates are ISO text, money integer cents; see lib/actionlog.py SCHEMAS.
    """
    CREATE TABLE action (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, step TEXT NOT NULL, date TEXT NOT NULL,
        channel TEXT, operator TEXT, outcome TEXT, note TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE promise (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, currency TEXT NOT NULL, made_on TEXT NOT NULL,
        promised_date TEXT NOT NULL, amount_cents INTEGER NOT NULL, baseline_open_cents INTEGER NOT NULL,
        operator TEXT, note TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE dispute (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, doc_number TEXT NOT NULL, opened_on TEXT NOT NULL,
        reason TEXT, operator TEXT, closed_on TEXT, closed_reason TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE hold (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, made_on TEXT NOT NULL, until TEXT NOT NULL,
        reason TEXT, operator TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE note (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, date TEXT NOT NULL, text TEXT NOT NULL,
        operator TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE flag (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, set_on TEXT NOT NULL, negative INTEGER NOT NULL,
        reason TEXT, operator TEXT, created_at TEXT NOT NULL
    );
    CREATE INDEX action_customer ON action (customer_id);
    CREATE INDEX dispute_document ON dispute (customer_id, doc_number);
    """,
    # Settings (policy overrides, company details) and agreed plans with their instalments.
    """
    CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE plan (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, currency TEXT NOT NULL, kind TEXT NOT NULL,
        agreed_on TEXT NOT NULL, claim_cents INTEGER NOT NULL, baseline_open_cents INTEGER NOT NULL,
        grace_days INTEGER NOT NULL, operator TEXT, note TEXT, closed_on TEXT, closed_reason TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE instalment (
        id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan (id), n INTEGER NOT NULL,
        due_date TEXT NOT NULL, capital_cents INTEGER NOT NULL, interest_cents INTEGER NOT NULL,
        payment_cents INTEGER NOT NULL, created_at TEXT NOT NULL
    );
    CREATE TABLE payment (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, currency TEXT NOT NULL, paid_on TEXT NOT NULL,
        amount_cents INTEGER NOT NULL, operator TEXT, note TEXT, created_at TEXT NOT NULL
    );
    CREATE INDEX plan_customer ON plan (customer_id);
    CREATE INDEX instalment_plan ON instalment (plan_id);
    """,
    # The revision counter, bumped by every write in its own transaction (Store.revision). It
    # starts at a random value so that a workspace made again never repeats the revisions of the
    # one it replaces (a page cached under one of them would show the old workspace).
    """
    CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
    INSERT INTO revision (id, n) VALUES (1, abs(random() % 1000000000000));
    """,
    # What the user knows of a customer beyond the books (lib/customers.py: the latest row wins), and
    # the account (currency) a step was done for: an interrupting act covers that currency only.
    """
    CREATE TABLE profile (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, set_on TEXT NOT NULL, party TEXT, address TEXT,
        pec TEXT, email TEXT, contract_date TEXT, term TEXT, procedure TEXT, procedure_on TEXT,
        claim_deadline TEXT, operator TEXT, created_at TEXT NOT NULL
    );
    CREATE INDEX profile_customer ON profile (customer_id);
    ALTER TABLE action ADD COLUMN currency TEXT;
    """,
    # Ledgers (lib/ledgers.py): each snapshot belongs to one, the older ones to the default ledger.
    # The catalogue is made again with AUTOINCREMENT, so a deleted snapshot's id is never reused.
    # A dispute remembers the snapshot that closed it as `document_gone` (deleting that snapshot
    # opens it again). `layout` keeps the corrections a user made to a layout (lib/ingest/layouts.py).
    """
    CREATE TABLE snapshot_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ledger TEXT NOT NULL,
        as_of TEXT NOT NULL, file_name TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, imported_at TEXT NOT NULL,
        sheet TEXT NOT NULL, layout TEXT NOT NULL, items INTEGER NOT NULL, customers INTEGER NOT NULL,
        estimated_due_dates INTEGER NOT NULL, totals TEXT NOT NULL, report TEXT NOT NULL
    );
    INSERT INTO snapshot_new (id, ledger, as_of, file_name, sha256, imported_at, sheet, layout, items, customers,
                              estimated_due_dates, totals, report)
        SELECT id, 'default', as_of, file_name, sha256, imported_at, sheet, layout, items, customers,
               estimated_due_dates, totals, report FROM snapshot;
    DROP TABLE snapshot;
    ALTER TABLE snapshot_new RENAME TO snapshot;
    CREATE INDEX snapshot_ledger_as_of ON snapshot (ledger, as_of);
    ALTER TABLE dispute ADD COLUMN closed_by INTEGER;
    CREATE TABLE layout (fingerprint TEXT PRIMARY KEY, corrections TEXT NOT NULL, updated_at TEXT NOT NULL);
    """,
    # Corrections of the action log (lib/corrections.py): an entry edited or voided, append-only; the
    # entry itself is never changed, so the log keeps who changed what and when.
    """
    CREATE TABLE correction (
        id INTEGER PRIMARY KEY, entry_table TEXT NOT NULL, entry_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('edit', 'void')), changes TEXT, reason TEXT, operator TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX correction_entry ON correction (entry_table, entry_id);
    """,
    # The outbox (lib/mail/outbox.py): one message per letter and week, never sent twice. `status`
    # goes draft → sending (claimed by one sender) → accepted (the server took it; the action row
    # logged with it) → delivered / failed; `uncertain` is a message left in "sending" by a crash.
    # `message_id` is made with the draft, so a retry and a PEC receipt name the same message.
    # `receipt` keeps the PEC receipts (.eml) the user uploads, by the Message-ID they refer to.
    """
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY, batch TEXT NOT NULL, customer_id TEXT NOT NULL, currency TEXT NOT NULL,
        step TEXT NOT NULL, kind TEXT NOT NULL, channel TEXT NOT NULL, recipient TEXT, subject TEXT NOT NULL,
        body TEXT NOT NULL, file_name TEXT NOT NULL, pdf BLOB NOT NULL, message_id TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL, reply TEXT, attempts INTEGER NOT NULL DEFAULT 0, claimed_at TEXT,
        accepted_at TEXT, delivered_at TEXT, action_id INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        UNIQUE (batch, customer_id, currency, step)
    );
    CREATE INDEX outbox_status ON outbox (status);
    CREATE TABLE receipt (
        id INTEGER PRIMARY KEY, message_id TEXT, kind TEXT NOT NULL, at TEXT, recipient TEXT, subject TEXT,
        reason TEXT, file_name TEXT NOT NULL, data BLOB NOT NULL, sha256 TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE INDEX receipt_message ON receipt (message_id);
    """,
    # A team on one workspace (lib/team.py, lib/approvals.py, lib/audit.py). `assignment`: customers
    # given to a collector by hand, append-only (the latest row of a customer counts; a null collector
    # gives it back to the policy's rules). `approval`: a collector's offer beyond their limits,
    # the plan's values and schedule as JSON, `pending` until a manager approves it (the plan saved,
    # `plan_id` set) or rejects it. `audit`: who changed a setting or imported a file.
    """
    CREATE TABLE assignment (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, collector TEXT, operator TEXT, created_at TEXT NOT NULL
    );
    CREATE INDEX assignment_customer ON assignment (customer_id);
    CREATE TABLE approval (
        id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, currency TEXT NOT NULL, kind TEXT NOT NULL,
        plan_values TEXT NOT NULL, schedule TEXT NOT NULL, reasons TEXT NOT NULL, requested_by TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')), decided_by TEXT,
        decided_at TEXT, plan_id INTEGER, created_at TEXT NOT NULL
    );
    CREATE INDEX approval_status ON approval (status);
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY, what TEXT NOT NULL, subject TEXT, operator TEXT, created_at TEXT NOT NULL
    );
    """,
)


# The catalogue's columns as `Store.snapshots` reads them back, in order.
SNAPSHOT_COLUMNS: dict[str, pl.DataType] = {
    "id": pl.Int64(),
    "ledger": pl.String(),
    "as_of": pl.String(),
    "file_name": pl.String(),
    "sha256": pl.String(),
    "imported_at": pl.String(),
    "sheet": pl.String(),
    "layout": pl.String(),
    "items": pl.Int64(),
    "customers": pl.Int64(),
    "estimated_due_dates": pl.Int64(),
    "totals": pl.String(),
}


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema to the newest version; returns it. Each step is one transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.executescript(f"BEGIN IMMEDIATE; {script} PRAGMA user_version = {number}; COMMIT;")
    return len(MIGRATIONS)
