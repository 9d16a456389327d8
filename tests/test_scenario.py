"""Eight weekly snapshots through the real code path: a csv export imported (lib.ingest), saved
(lib.store), evaluated against the action log (lib.engine) and cut into the week's list
(lib.weekly); then the team records what it did, and the next Friday's export comes in.

Every expectation below was worked out by hand from config/policy.toml and the rules in the
docstrings of lib/engine.py, lib/policy.py, lib/actionlog.py and lib/rating.py, before the
engine was run. The dates arithmetic is written out next to each expectation.

The weeks: as-of on Fridays, ISO weeks 2026-W40 … W47; the list covers up to the Sunday.

    W1 Fri 02/10/2026 (Sun 04/10)      W5 Fri 30/10/2026 (Sun 01/11)
    W2 Fri 09/10/2026 (Sun 11/10)      W6 Fri 06/11/2026 (Sun 08/11)
    W3 Fri 16/10/2026 (Sun 18/10)      W7 Fri 13/11/2026 (Sun 15/11)
    W4 Fri 23/10/2026 (Sun 25/10)      W8 Fri 20/11/2026 (Sun 22/11)

The team works on Fridays: every ladder step listed is logged on that week's as-of date (the
events are scripted from these expectations, not read from the engine's output, so a wrong
step cannot steer the following weeks).

Ladders (offset from the anchor; `after` step + gap):
    standard      call_1 +15 · letter_1 +30 (call_1 +15) · call_2 +33 (letter_1 +3) ·
                  letter_2 +40 (letter_1 +10) · agency +50 (letter_2 +10) · legal +110 (agency +60)
    white_gloves  courtesy −3 · call_1 +20 · letter_1 +40 (call_1 +20) · call_2 +45 (letter_1 +5) ·
                  letter_2 +55 (letter_1 +15) · agency +75 (letter_2 +15) · legal +135 (agency +60)
    fast          call_1 +7 · letter_2 +14 (call_1 +7) · agency +24 (letter_2 +10) · legal +84 (agency +60)
The agency also waits for the formal demand's term to run from its receipt ([letters]): letter_2,
sent by PEC (delivered the same day), + 10 days' term + 2 days' margin = letter_2 + 12.

Rating points: oldest overdue >0 → 5, >30 → 10, >60 → 20, >90 → 30; overdue share >25% → 5,
>50% → 10, >75% → 15; at risk >1.000 → 5, >10.000 → 10; paid late (avg) >0 → 5, >30 → 10;
broken promise 15 each; open dispute 10; inactive 10. A ≤ 10 < B ≤ 25 < C ≤ 45 < D.
Tracks: fast if inactive, D or oldest > 120 days; white gloves if A or B; else standard.

The stories (one customer each, amounts in EUR):
    C01 Normale      12.000,00 due 11/09: walks the standard ladder one step at a time; the gap
                     decides call_2 and letter_2 (letter_2 counts from letter_1, not call_2).
    C02 Pagatore     two invoices; pays part, then one, then the other: the account disappears;
                     a new invoice brings it back with its payment history in the rating.
    C03 Mantenuta    promises 500,00 of 900,00 and pays it in time: check_promise, then the ladder.
    C04 Mancata      promises everything and pays nothing: the break makes letter_1 due at once
                     and adds 15 points (white gloves → standard).
    C05 Contestata   disputes the older of two invoices (only the other is pursued); once the
                     other is paid every overdue document is disputed: resolve_dispute; resolved,
                     the ladder resumes from the older invoice.
    C06 Sospesa      a hold until 04/11 pushes letter_1 out of three lists.
    C07 Dormiente    invoice dated 20/10/2025 in instalments: inactive from W4, fast track.
    C08 Vecchia      94 days overdue, no history: starts at letter_2 (never skipped), then
                     agency, then legal review; moves to the fast track past 120 days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from lib import engine, weekly
from lib.explain import in_words
from lib.ingest import import_file
from lib.policy import load_policy
from lib.store import Store

D = dt.date
POLICY = load_policy()
WEEKS = [D(2026, 10, 2) + dt.timedelta(days=7 * k) for k in range(8)]  # W1 … W8, Fridays
ABSENT = "absent"  # the account is not in the snapshot at all

NAMES = {
    "C01": "Normale S.p.A.",
    "C02": "Pagatore S.r.l.",
    "C03": "Mantenuta S.r.l.",
    "C04": "Mancata S.n.c.",
    "C05": "Contestata S.r.l.",
    "C06": "Sospesa S.a.s.",
    "C07": "Dormiente S.r.l.",
    "C08": "Vecchia S.r.l.",
}

# Documents: customer, number, doc date, due date, amount (cents), open cents per week W1…W8
# (None: not in that week's export).
DOCS: list[tuple[str, str, dt.date, dt.date, int, list[int | None]]] = [
    ("C01", "F-101", D(2026, 8, 12), D(2026, 9, 11), 1_200_000, [1_200_000] * 8),
    # C02: F-201 half paid in W2, gone from W3; F-202 gone from W4; F-203 a new sale from W6.
    ("C02", "F-201", D(2026, 8, 5), D(2026, 9, 4), 60_000, [60_000, 30_000, *[None] * 6]),
    ("C02", "F-202", D(2026, 8, 26), D(2026, 9, 25), 40_000, [40_000] * 3 + [None] * 5),
    ("C02", "F-203", D(2026, 11, 2), D(2026, 12, 31), 80_000, [None] * 5 + [80_000] * 3),
    # C03: pays 500,00 of 900,00 between W2 and W3.
    ("C03", "F-301", D(2026, 8, 11), D(2026, 9, 10), 90_000, [90_000] * 2 + [40_000] * 6),
    ("C04", "F-401", D(2026, 8, 21), D(2026, 9, 21), 70_000, [70_000] * 8),
    # C05: F-501 disputed in W1; F-502 paid between W3 and W4.
    ("C05", "F-501", D(2026, 8, 1), D(2026, 9, 1), 50_000, [50_000] * 8),
    ("C05", "F-502", D(2026, 8, 18), D(2026, 9, 18), 30_000, [30_000] * 3 + [None] * 5),
    ("C06", "F-601", D(2026, 8, 14), D(2026, 9, 14), 65_000, [65_000] * 8),
    # C07: two instalments of one invoice dated 20/10/2025.
    ("C07", "R-77", D(2025, 10, 20), D(2026, 9, 25), 50_000, [50_000] * 8),
    ("C07", "R-77", D(2025, 10, 20), D(2026, 11, 25), 50_000, [50_000] * 8),
    ("C08", "F-801", D(2026, 5, 31), D(2026, 6, 30), 90_000, [90_000] * 8),
]

# Items and open cents the importer must read each week.
# W1, W2: 11 rows. W3: F-201 gone → 10. W4, W5: F-202 and F-502 gone → 8. W6-W8: F-203 → 9.
IMPORTED = [
    (11, 1_200_000 + 60_000 + 40_000 + 90_000 + 70_000 + 50_000 + 30_000 + 65_000 + 100_000 + 90_000),
    (11, 1_200_000 + 30_000 + 40_000 + 90_000 + 70_000 + 50_000 + 30_000 + 65_000 + 100_000 + 90_000),
    (10, 1_200_000 + 40_000 + 40_000 + 70_000 + 50_000 + 30_000 + 65_000 + 100_000 + 90_000),
    (8, 1_200_000 + 40_000 + 70_000 + 50_000 + 65_000 + 100_000 + 90_000),
    (8, 1_200_000 + 40_000 + 70_000 + 50_000 + 65_000 + 100_000 + 90_000),
    (9, 1_200_000 + 80_000 + 40_000 + 70_000 + 50_000 + 65_000 + 100_000 + 90_000),
    (9, 1_200_000 + 80_000 + 40_000 + 70_000 + 50_000 + 65_000 + 100_000 + 90_000),
    (9, 1_200_000 + 80_000 + 40_000 + 70_000 + 50_000 + 65_000 + 100_000 + 90_000),
]

# ---------------------------------------------------------------------------------------------
# The next step, week by week: customer → (step, due date, in the week's list).
# ---------------------------------------------------------------------------------------------
STEPS: list[dict[str, Any]] = [
    # W1 Fri 02/10, list up to Sun 04/10. Nothing logged yet: every account starts at the
    # highest step reached (anchor + offset ≤ 02/10), never beyond letter_2.
    {
        # standard (rating C), anchor 11/09: call_1 11/09+15 = 26/09 ≤ 02/10; letter_1 11/09+30 = 11/10 not yet.
        "C01": ("call_1", D(2026, 9, 26), True),
        # white gloves (B), anchor 04/09: call_1 04/09+20 = 24/09 reached; letter_1 04/09+40 = 14/10 not.
        "C02": ("call_1", D(2026, 9, 24), True),
        # white gloves (B), anchor 10/09: call_1 10/09+20 = 30/09 reached; letter_1 20/10 not.
        "C03": ("call_1", D(2026, 9, 30), True),
        # white gloves (B), anchor 21/09: call_1 21/09+20 = 11/10 not reached: first step to come.
        "C04": ("call_1", D(2026, 10, 11), False),
        # white gloves (B), anchor 01/09: call_1 01/09+20 = 21/09 reached; letter_1 11/10 not.
        "C05": ("call_1", D(2026, 9, 21), True),
        # white gloves (B), anchor 14/09: call_1 14/09+20 = 04/10 not reached yet, but ≤ Sunday 04/10.
        "C06": ("call_1", D(2026, 10, 4), True),
        # white gloves (A), anchor 25/09: call_1 25/09+20 = 15/10; courtesy skipped (overdue).
        "C07": ("call_1", D(2026, 10, 15), False),
        # standard (C), anchor 30/06: agency 30/06+50 = 19/08 reached (legal 18/10 not), held at
        # the required letter_2: 30/06+40 = 09/08.
        "C08": ("letter_2", D(2026, 8, 9), True),
    },
    # W2 Fri 09/10, list up to Sun 11/10.
    {
        # letter_1: max(11/09+30 = 11/10, call_1 02/10+15 = 17/10) = 17/10 (the gap decides).
        "C01": ("letter_1", D(2026, 10, 17), False),
        # white gloves: letter_1 max(04/09+40 = 14/10, call_1 02/10+20 = 22/10) = 22/10.
        "C02": ("letter_1", D(2026, 10, 22), False),
        # promise made 02/10 for 14/10, open (no snapshot after 14/10+3 = 17/10): check 17/10.
        "C03": ("check_promise", D(2026, 10, 17), False),
        # call_1 21/09+20 = 11/10 ≤ Sunday 11/10.
        "C04": ("call_1", D(2026, 10, 11), True),
        # F-501 disputed: anchor = F-502's 18/09, standard (C): letter_1 max(18/09+30 = 18/10,
        # call_1 02/10+15 = 17/10) = 18/10 (the offset decides); call_1 02/10 ≥ 18/09−3 counts.
        "C05": ("letter_1", D(2026, 10, 18), False),
        # white gloves: letter_1 max(14/09+40 = 24/10, call_1 02/10+20 = 22/10) = 24/10.
        "C06": ("letter_1", D(2026, 10, 24), False),
        "C07": ("call_1", D(2026, 10, 15), False),
        # agency max(30/06+50 = 19/08, letter_2 02/10+10 = 12/10, term from receipt 02/10+12 = 14/10)
        # = 14/10 > Sunday 11/10.
        "C08": ("agency", D(2026, 10, 14), False),
    },
    # W3 Fri 16/10, list up to Sun 18/10.
    {
        "C01": ("letter_1", D(2026, 10, 17), True),
        # F-201 paid: anchor F-202's 25/09, standard (C now): call_1 02/10 ≥ 25/09−3 counts;
        # letter_1 max(25/09+30 = 25/10, 02/10+15 = 17/10) = 25/10.
        "C02": ("letter_1", D(2026, 10, 25), False),
        # the snapshot of 16/10 (≤ 17/10) shows 400,00 ≤ 900,00 − 500,00: kept. White gloves:
        # letter_1 max(10/09+40 = 20/10, call_1 02/10+20 = 22/10) = 22/10.
        "C03": ("letter_1", D(2026, 10, 22), False),
        # promise made 09/10 for 16/10, still open: check 16/10+3 = 19/10 > Sunday 18/10.
        "C04": ("check_promise", D(2026, 10, 19), False),
        "C05": ("letter_1", D(2026, 10, 18), True),
        # hold until 04/11 in force: max(24/10, 04/11) = 04/11.
        "C06": ("letter_1", D(2026, 11, 4), False),
        # still active (20/10/2025 > 16/10/2025): call_1 15/10 ≤ Sunday.
        "C07": ("call_1", D(2026, 10, 15), True),
        "C08": ("agency", D(2026, 10, 14), True),
    },
    # W4 Fri 23/10, list up to Sun 25/10.
    {
        # call_2 max(11/09+33 = 14/10, letter_1 16/10+3 = 19/10) = 19/10.
        "C01": ("call_2", D(2026, 10, 19), True),
        "C02": (ABSENT, None, False),  # F-202 paid: nothing of C02 in the export
        # white gloves (B): letter_1 22/10 as computed in W3, ≤ Sunday 25/10.
        "C03": ("letter_1", D(2026, 10, 22), True),
        # 23/10 > 19/10 and no snapshot kept it: broken, known on 23/10. Standard (C, +15):
        # letter_1 max(21/09+30 = 21/10, call_1 09/10+15 = 24/10) = 24/10, due at once:
        # min(24/10, 23/10) = 23/10.
        "C04": ("letter_1", D(2026, 10, 23), True),
        # F-502 paid: the only overdue document is disputed: resolve_dispute 02/10+14 = 16/10.
        "C05": ("resolve_dispute", D(2026, 10, 16), True),
        # would be listed (24/10 ≤ 25/10) but held until 04/11.
        "C06": ("letter_1", D(2026, 11, 4), False),
        # inactive (20/10/2025 ≤ 23/10/2025): fast, call_1 16/10 counts (≥ 25/09+7 = 02/10);
        # letter_2 max(25/09+14 = 09/10, call_1 16/10+7 = 23/10) = 23/10.
        "C07": ("letter_2", D(2026, 10, 23), True),
        # legal_review max(30/06+110 = 18/10, agency 16/10+60 = 15/12) = 15/12.
        "C08": ("legal_review", D(2026, 12, 15), False),
    },
    # W5 Fri 30/10, list up to Sun 01/11.
    {
        # letter_2 max(11/09+40 = 21/10, letter_1 16/10+10 = 26/10) = 26/10 (call_2 23/10+10
        # would give 02/11: the gap counts from letter_1).
        "C01": ("letter_2", D(2026, 10, 26), True),
        "C02": (ABSENT, None, False),
        # white gloves: call_2 max(10/09+45 = 25/10, letter_1 23/10+5 = 28/10) = 28/10.
        "C03": ("call_2", D(2026, 10, 28), True),
        # letter_1 logged 23/10, not before the break became known (23/10): plain ladder.
        # call_2 max(21/09+33 = 24/10, letter_1 23/10+3 = 26/10) = 26/10.
        "C04": ("call_2", D(2026, 10, 26), True),
        # dispute resolved 23/10: anchor back to 01/09, standard (C). call_1 02/10, letter_1
        # 16/10 done; call_2 max(01/09+33 = 04/10, 16/10+3 = 19/10) = 19/10.
        "C05": ("call_2", D(2026, 10, 19), True),
        # hold until 04/11 ≥ 30/10: 04/11 > Sunday 01/11.
        "C06": ("letter_1", D(2026, 11, 4), False),
        # agency max(25/09+24 = 19/10, letter_2 23/10+10 = 02/11, term 23/10+12 = 04/11) = 04/11 > Sunday 01/11.
        "C07": ("agency", D(2026, 11, 4), False),
        # fast now (122 days): legal_review max(30/06+84 = 22/09, agency 16/10+60 = 15/12) = 15/12.
        "C08": ("legal_review", D(2026, 12, 15), False),
    },
    # W6 Fri 06/11, list up to Sun 08/11.
    {
        # agency max(11/09+50 = 31/10, letter_2 30/10+10 = 09/11, term 30/10+12 = 11/11) = 11/11 > Sunday 08/11.
        "C01": ("agency", D(2026, 11, 11), False),
        # back with F-203 due 31/12, nothing overdue: white gloves (A), anchor 31/12; call_1
        # 02/10 < 31/12−3 belongs to the old episode. courtesy 31/12−3 = 28/12.
        "C02": ("courtesy", D(2026, 12, 28), False),
        # white gloves (B): letter_2 max(10/09+55 = 04/11, letter_1 23/10+15 = 07/11) = 07/11.
        "C03": ("letter_2", D(2026, 11, 7), True),
        # letter_2 max(21/09+40 = 31/10, letter_1 23/10+10 = 02/11) = 02/11.
        "C04": ("letter_2", D(2026, 11, 2), True),
        # letter_2 max(01/09+40 = 11/10, letter_1 16/10+10 = 26/10) = 26/10.
        "C05": ("letter_2", D(2026, 10, 26), True),
        # the hold ended 04/11 < 06/11: letter_1 24/10, late.
        "C06": ("letter_1", D(2026, 10, 24), True),
        "C07": ("agency", D(2026, 11, 4), True),
        "C08": ("legal_review", D(2026, 12, 15), False),
    },
    # W7 Fri 13/11, list up to Sun 15/11.
    {
        "C01": ("agency", D(2026, 11, 11), True),
        "C02": ("courtesy", D(2026, 12, 28), False),
        # standard now (C): agency max(10/09+50 = 30/10, letter_2 06/11+10 = 16/11, term 06/11+12 = 18/11)
        # = 18/11.
        "C03": ("agency", D(2026, 11, 18), False),
        # agency max(21/09+50 = 10/11, letter_2 06/11+10 = 16/11, term 18/11) = 18/11.
        "C04": ("agency", D(2026, 11, 18), False),
        # agency max(01/09+50 = 21/10, letter_2 06/11+10 = 16/11, term 18/11) = 18/11.
        "C05": ("agency", D(2026, 11, 18), False),
        # white gloves: call_2 max(14/09+45 = 29/10, letter_1 06/11+5 = 11/11) = 11/11.
        "C06": ("call_2", D(2026, 11, 11), True),
        # legal_review max(25/09+84 = 18/12, agency 06/11+60 = 05/01/2027) = 05/01/2027.
        "C07": ("legal_review", D(2027, 1, 5), False),
        "C08": ("legal_review", D(2026, 12, 15), False),
    },
    # W8 Fri 20/11, list up to Sun 22/11.
    {
        # legal_review max(11/09+110 = 30/12, agency 13/11+60 = 12/01/2027) = 12/01/2027.
        "C01": ("legal_review", D(2027, 1, 12), False),
        "C02": ("courtesy", D(2026, 12, 28), False),
        "C03": ("agency", D(2026, 11, 18), True),
        "C04": ("agency", D(2026, 11, 18), True),
        "C05": ("agency", D(2026, 11, 18), True),
        # standard now (C): letter_2 max(14/09+40 = 24/10, letter_1 06/11+10 = 16/11) = 16/11.
        "C06": ("letter_2", D(2026, 11, 16), True),
        "C07": ("legal_review", D(2027, 1, 5), False),
        "C08": ("legal_review", D(2026, 12, 15), False),
    },
]

# ---------------------------------------------------------------------------------------------
# Score, rating, track and its reason, week by week.
# ---------------------------------------------------------------------------------------------
# C01: share 100% → 15, at risk 12.000 → 10; oldest 21, 28 → 5; 35 … 56 → 10; 63, 70 → 20.
# C02: W1 oldest 28 → 5 + share 15 = 20; W2 35 → 10 + 15 = 25; W3 F-202 21 days → 5 + 15 +
#      history (F-201 paid 16/10, 42 days late) 10 = 30; W6-W8 nothing overdue, history avg of
#      42 and F-202 paid 23/10 28 days late = 35 → 10.
# C03: share 15; oldest 22, 29 → 5; 36 … 57 → 10; 64, 71 → 20.
# C04: share 15; oldest 11, 18, 25 → 5; from W4 broken promise 15; 32 … 60 → 10.
# C05: W1 oldest 31 → 10 + 15; W2-W3 F-502 21, 28 → 5 + 15 + dispute 10; W4 no pursued
#      overdue → 0 + share 15 + history (F-502 paid 23/10, 35 late) 10 + dispute 10; W5 oldest
#      59 → 10 + 15 + 10; W6-W8 66, 73, 80 → 20 + 15 + 10.
# C06: share 15; 18, 25 → 5; 32 … 60 → 10; 67 → 20.
# C07: share 50% → 5 (not over 50); oldest 7, 14, 21, 28 → 5; 35, 42, 49, 56 → 10; inactive
#      from W4 (cut-off 23/10/2025 ≥ doc date 20/10/2025) → 10.
# C08: oldest 94 … 143 → 30 + share 15 = 45 (C); fast once over 120 days (30/10: 122).
STD, WG, FAST = "standard", "white_gloves", "fast"
RATINGS: list[dict[str, tuple[int, str, str, str] | None]] = [
    {
        "C01": (30, "C", STD, "standard"),
        "C02": (20, "B", WG, "good_rating"),
        "C03": (20, "B", WG, "good_rating"),
        "C04": (20, "B", WG, "good_rating"),
        "C05": (25, "B", WG, "good_rating"),
        "C06": (20, "B", WG, "good_rating"),
        "C07": (10, "A", WG, "good_rating"),
        "C08": (45, "C", STD, "standard"),
    },
    {
        "C01": (30, "C", STD, "standard"),
        "C02": (25, "B", WG, "good_rating"),
        "C03": (20, "B", WG, "good_rating"),
        "C04": (20, "B", WG, "good_rating"),
        "C05": (30, "C", STD, "standard"),
        "C06": (20, "B", WG, "good_rating"),
        "C07": (10, "A", WG, "good_rating"),
        "C08": (45, "C", STD, "standard"),
    },
    {
        "C01": (35, "C", STD, "standard"),
        "C02": (30, "C", STD, "standard"),
        "C03": (25, "B", WG, "good_rating"),
        "C04": (20, "B", WG, "good_rating"),
        "C05": (30, "C", STD, "standard"),
        "C06": (25, "B", WG, "good_rating"),
        "C07": (10, "A", WG, "good_rating"),
        "C08": (45, "C", STD, "standard"),
    },
    {
        "C01": (35, "C", STD, "standard"),
        "C02": None,
        "C03": (25, "B", WG, "good_rating"),
        "C04": (40, "C", STD, "standard"),
        "C05": (35, "C", STD, "standard"),
        "C06": (25, "B", WG, "good_rating"),
        "C07": (20, "B", FAST, "inactive"),
        "C08": (45, "C", STD, "standard"),
    },
    {
        "C01": (35, "C", STD, "standard"),
        "C02": None,
        "C03": (25, "B", WG, "good_rating"),
        "C04": (40, "C", STD, "standard"),
        "C05": (35, "C", STD, "standard"),
        "C06": (25, "B", WG, "good_rating"),
        "C07": (25, "B", FAST, "inactive"),
        "C08": (45, "C", FAST, "fast_oldest"),
    },
    {
        "C01": (35, "C", STD, "standard"),
        "C02": (10, "A", WG, "good_rating"),
        "C03": (25, "B", WG, "good_rating"),
        "C04": (40, "C", STD, "standard"),
        "C05": (45, "C", STD, "standard"),
        "C06": (25, "B", WG, "good_rating"),
        "C07": (25, "B", FAST, "inactive"),
        "C08": (45, "C", FAST, "fast_oldest"),
    },
    {
        "C01": (45, "C", STD, "standard"),
        "C02": (10, "A", WG, "good_rating"),
        "C03": (35, "C", STD, "standard"),
        "C04": (40, "C", STD, "standard"),
        "C05": (45, "C", STD, "standard"),
        "C06": (25, "B", WG, "good_rating"),
        "C07": (25, "B", FAST, "inactive"),
        "C08": (45, "C", FAST, "fast_oldest"),
    },
    {
        "C01": (45, "C", STD, "standard"),
        "C02": (10, "A", WG, "good_rating"),
        "C03": (35, "C", STD, "standard"),
        "C04": (40, "C", STD, "standard"),
        "C05": (45, "C", STD, "standard"),
        "C06": (35, "C", STD, "standard"),
        "C07": (25, "B", FAST, "inactive"),
        "C08": (45, "C", FAST, "fast_oldest"),
    },
]

# What the team records after looking at each week's list (all dated that Friday). Ladder
# steps are exactly the ones expected in the list; the rest is what the customers said.
EVENTS: list[list[tuple[str, dict[str, Any]]]] = [
    [  # W1
        *(("action", {"customer_id": c, "step": "call_1"}) for c in ("C01", "C02", "C03", "C05", "C06")),
        ("action", {"customer_id": "C08", "step": "letter_2"}),
        # C03 promises 500,00 of its 900,00 by Wednesday 14/10.
        (
            "promise",
            {
                "customer_id": "C03",
                "promised_date": D(2026, 10, 14),
                "amount_cents": 50_000,
                "baseline_open_cents": 90_000,
            },
        ),
        ("dispute", {"customer_id": "C05", "doc_number": "F-501", "reason": "merce non conforme"}),
    ],
    [  # W2
        ("action", {"customer_id": "C04", "step": "call_1"}),
        # C04 promises all of its 700,00 by Friday 16/10.
        (
            "promise",
            {
                "customer_id": "C04",
                "promised_date": D(2026, 10, 16),
                "amount_cents": 70_000,
                "baseline_open_cents": 70_000,
            },
        ),
        # C06 asks for time: nothing until Wednesday 04/11.
        ("hold", {"customer_id": "C06", "until": D(2026, 11, 4), "reason": "attesa contributo regionale"}),
    ],
    [  # W3
        *(("action", {"customer_id": c, "step": "letter_1"}) for c in ("C01", "C05")),
        ("action", {"customer_id": "C07", "step": "call_1"}),
        ("action", {"customer_id": "C08", "step": "agency"}),
    ],
    [  # W4
        ("action", {"customer_id": "C01", "step": "call_2"}),
        *(("action", {"customer_id": c, "step": "letter_1"}) for c in ("C03", "C04")),
        ("action", {"customer_id": "C05", "step": "resolve_dispute"}),
        ("resolve", {"customer_id": "C05"}),  # complaint rejected: closed, the debt stands
        ("action", {"customer_id": "C07", "step": "letter_2"}),
    ],
    [  # W5
        ("action", {"customer_id": "C01", "step": "letter_2"}),
        *(("action", {"customer_id": c, "step": "call_2"}) for c in ("C03", "C04", "C05")),
    ],
    [  # W6
        *(("action", {"customer_id": c, "step": "letter_2"}) for c in ("C03", "C04", "C05")),
        ("action", {"customer_id": "C06", "step": "letter_1"}),
        ("action", {"customer_id": "C07", "step": "agency"}),
    ],
    [  # W7
        ("action", {"customer_id": "C01", "step": "agency"}),
        ("action", {"customer_id": "C06", "step": "call_2"}),
    ],
    [],  # W8: nothing after the last snapshot
]

CHANNEL = {
    "call_1": "phone",
    "call_2": "phone",
    "letter_1": "email_or_pec",
    "letter_2": "pec",  # how the team sent it (the form logs PEC or raccomandata)
    "agency": "agency",
    "resolve_dispute": "phone",
}


def money(cents: int) -> str:
    """12.000,00 as an Italian gestionale writes it."""
    units, rest = divmod(cents, 100)
    return f"{units:,}".replace(",", ".") + f",{rest:02d}"


def export(week: int) -> bytes:
    """The week's ageing export: a title row with the date, the header, one row per document."""
    as_of = WEEKS[week]
    lines = [
        f"Scadenzario clienti al {as_of:%d/%m/%Y}",
        "Cod. cliente;Ragione sociale;N. documento;Data documento;Data scadenza;Importo;Residuo",
    ]
    for customer, number, doc_date, due, amount, open_by_week in DOCS:
        open_cents = open_by_week[week]
        if open_cents is not None:
            lines.append(
                f"{customer};{NAMES[customer]};{number};{doc_date:%d/%m/%Y};{due:%d/%m/%Y};"
                f"{money(amount)};{money(open_cents)}"
            )
    return ("\r\n".join(lines) + "\r\n").encode()


def record(store: Store, as_of: dt.date, kind: str, values: dict[str, Any], disputes: dict[str, int]) -> None:
    if kind == "action":
        store.record("action", date=as_of, channel=CHANNEL[values["step"]], operator="test", outcome="done", **values)
    elif kind == "promise":
        store.record("promise", currency="EUR", made_on=as_of, operator="test", **values)
    elif kind == "dispute":
        disputes[values["customer_id"]] = store.record("dispute", opened_on=as_of, operator="test", **values)
    elif kind == "hold":
        store.record("hold", made_on=as_of, operator="test", **values)
    elif kind == "resolve":
        store.close_disputes([disputes[values["customer_id"]]], as_of, "resolved")
    else:  # pragma: no cover - a typo in EVENTS
        raise ValueError(kind)


@dataclass(frozen=True)
class Week:
    """One week's results: what the importer read, the engine's accounts and the list."""

    imported: tuple[int, int, dt.date | None]  # items, open cents, as-of
    accounts: pl.DataFrame
    listed: pl.DataFrame
    left: pl.DataFrame

    def account(self, customer: str) -> dict[str, Any] | None:
        rows = self.accounts.filter(pl.col("customer_id") == customer)
        assert rows.height <= 1
        return rows.row(0, named=True) if rows.height else None

    def __getitem__(self, customer: str) -> dict[str, Any]:
        row = self.account(customer)
        assert row is not None, customer
        return row


@pytest.fixture(scope="module")
def weeks(tmp_path_factory: pytest.TempPathFactory) -> list[Week]:
    """Run the eight weeks once: import, save, evaluate, list, then record the team's work."""
    tmp: Path = tmp_path_factory.mktemp("scenario")
    store = Store.open(tmp / "ws")
    disputes: dict[str, int] = {}
    results = []
    for week, as_of in enumerate(WEEKS):
        path = tmp / f"scadenzario_{as_of:%Y%m%d}.csv"
        path.write_bytes(export(week))
        imported = import_file(path.read_bytes(), path.name, as_of=as_of)
        saved = store.save_snapshot(imported)
        assert not saved.duplicate
        items = store.items(saved.snapshot_id)
        accounts = in_words(engine.evaluate(items, as_of, POLICY, store.log(), store.observations(as_of)), POLICY, "en")
        listed, left = weekly.action_list(accounts, weekly.iso_week(as_of), POLICY)
        read = (imported.items.height, int(imported.items["open_cents"].sum()), imported.report.as_of)
        results.append(Week(read, accounts, listed, left))
        for kind, values in EVENTS[week]:
            record(store, as_of, kind, values, disputes)
    return results


WEEK_IDS = [f"W{k + 1}" for k in range(8)]


@pytest.mark.parametrize("week", range(8), ids=WEEK_IDS)
def test_importer_reads_the_export(weeks: list[Week], week: int) -> None:
    result = weeks[week]
    assert result.imported == (*IMPORTED[week], WEEKS[week])
    assert result.left.height == 0  # a handful of accounts never fills the capacity


def test_the_team_logs_each_step_the_week_it_is_listed() -> None:
    """The scripted EVENTS agree with the STEPS table (W8 is the last snapshot: nothing after it)."""
    for week in range(7):
        logged = {(v["customer_id"], v["step"]) for kind, v in EVENTS[week] if kind == "action"}
        listed = {(c, step) for c, (step, _, is_listed) in STEPS[week].items() if is_listed}
        assert logged == listed, f"W{week + 1}"


CASES = [(week, customer) for week in range(8) for customer in NAMES]
CASE_IDS = [f"W{week + 1}-{customer}" for week, customer in CASES]


@pytest.mark.parametrize(("week", "customer"), CASES, ids=CASE_IDS)
def test_next_step_and_due_date(weeks: list[Week], week: int, customer: str) -> None:
    expected_step, expected_due, expected_listed = STEPS[week][customer]
    result = weeks[week]
    row = result.account(customer)
    listed = customer in result.listed["customer_id"].to_list()
    if expected_step == ABSENT:
        assert (row, listed) == (None, False)
        return
    assert row is not None
    assert (row["step"], row["due_date"], listed) == (expected_step, expected_due, expected_listed)


@pytest.mark.parametrize(("week", "customer"), CASES, ids=CASE_IDS)
def test_rating_and_track(weeks: list[Week], week: int, customer: str) -> None:
    expected = RATINGS[week][customer]
    row = weeks[week].account(customer)
    if expected is None:
        assert row is None
        return
    assert row is not None
    assert (row["score"], row["rating"], row["track"], row["track_reason"]) == expected, row["rating_why"]


# Each story's turning points, in the engine's own words (English trace, dates as "%d %b %Y").
TRACES = [
    (2, "C01", "letter 1 (reminder) due 17 Oct 2026: call 1 done 02 Oct 2026 + 15 days"),
    (4, "C01", "call 2 due 19 Oct 2026: letter 1 (reminder) done 16 Oct 2026 + 3 days"),
    (5, "C01", "letter 2 (formal demand) due 26 Oct 2026: letter 1 (reminder) done 16 Oct 2026 + 10 days"),
    (6, "C02", "courtesy reminder due 28 Dec 2026: oldest due date 31 Dec 2026 − 3 days; nothing overdue yet"),
    (2, "C03", "check the promise due 17 Oct 2026: promise to pay by 14 Oct 2026 + 3 days' grace"),
    (4, "C04", "letter 1 (reminder) due 23 Oct 2026: promise for 16 Oct 2026 broken: next step at once"),
    (2, "C05", "disputed documents left out"),
    (4, "C05", "resolve the dispute due 16 Oct 2026: every overdue document is disputed (since 02 Oct 2026) + 14 days"),
    (3, "C06", "on hold until 04 Nov 2026"),
    (4, "C07", "fast track because inactive"),
    (1, "C08", "letter 2 (formal demand) due 09 Aug 2026: the formal demand comes first, never skipped"),
    (5, "C08", "fast track because overdue for over 120 days"),
]


@pytest.mark.parametrize(("week", "customer", "phrase"), TRACES, ids=[f"W{w}-{c}" for w, c, _ in TRACES])
def test_trace_gives_the_reason(weeks: list[Week], week: int, customer: str, phrase: str) -> None:
    row = weeks[week - 1].account(customer)
    assert row is not None
    assert phrase in row["trace"]


def test_factors_behind_the_turns(weeks: list[Week]) -> None:
    """The rating points that move the stories, read from the engine's pts_* columns."""
    w = {k + 1: week for k, week in enumerate(weeks)}
    # C02: no history before anything left the snapshots; F-201 paid 16/10, 42 days late (10);
    # then F-202 paid 23/10, 28 days late: average 35 (still 10).
    assert (w[2]["C02"]["avg_days_late"], w[2]["C02"]["pts_history"]) == (None, 0)
    assert (w[3]["C02"]["avg_days_late"], w[3]["C02"]["pts_history"]) == (42, 10)
    assert (w[6]["C02"]["avg_days_late"], w[6]["C02"]["pts_history"]) == (35, 10)
    # C03 kept its promise: never counted as broken.
    assert [w[k]["C03"]["pts_promises"] for k in range(1, 9)] == [0] * 8
    # C04: the broken promise counts from the week it is known, and flags the list entry.
    assert [w[k]["C04"]["pts_promises"] for k in range(1, 9)] == [0, 0, 0, 15, 15, 15, 15, 15]
    assert [w[k]["C04"]["broken_promise"] for k in range(1, 9)] == [False] * 3 + [True] + [False] * 4
    assert w[4].listed.filter(pl.col("customer_id") == "C04")["urgency"].to_list() == [1.5]
    # C05: the dispute counts while open (W2-W4), its document out of the amount pursued.
    assert [w[k]["C05"]["pts_dispute"] for k in range(1, 9)] == [0, 10, 10, 10, 0, 0, 0, 0]
    assert (w[2]["C05"]["pursued_cents"], w[2]["C05"]["disputed_cents"], w[2]["C05"]["oldest_days"]) == (
        30_000,
        50_000,
        21,
    )
    assert (w[4]["C05"]["pursued_cents"], w[4]["C05"]["overdue_cents"]) == (0, 50_000)
    # C07: inactive from W4 only.
    assert [w[k]["C07"]["pts_inactive"] for k in range(1, 9)] == [0, 0, 0, 10, 10, 10, 10, 10]
    # C08: started at letter_2 held at the required step, never several steps at once.
    assert w[1]["C08"]["held_at_required"] is True
    assert [w[k]["C08"]["held_at_required"] for k in range(2, 9)] == [False] * 7
