"""Collection letters (IT/EN) from editable templates, as plain text for e-mail and as PDF.

One account (customer × currency) per letter; `compose` makes one, `compose_many` one per account,
`to_pdf`, `to_text` and `zip_letters` put them out. The package by concern:

- messages: why a letter cannot be made (LetterError, ERRORS) and its warnings (WARNINGS), in the
  letter's language;
- templates: finding, reading and filling `templates/letters/<lang>/<kind>.txt`, and `labels.toml`;
- figures: the documents a letter lists and what they owe (lib/claims.py: credits allocated, the
  interest and the EUR 40 under the customer's regime), invoices paid late;
- tables: the documents, interest, rates, summary and schedule tables, and `table_text`;
- kinds: the kinds of letter, one composer each, chosen through one table (COMPOSERS), and the
  `[clauses]` each picks by the customer (consumer, old contract, steps done before);
- composing: the checks and what every letter shares, `compose` and `compose_many`;
- output: PDF (fpdf2, bundled DejaVu font), text, file names, zip.

The company details are lib/company.py's, checked there as on the settings page.
"""

from lib.letters.composing import Letter, compose, compose_many
from lib.letters.kinds import KINDS, LADDER_KINDS, STEP_OF_KIND
from lib.letters.messages import ERRORS, WARNINGS, LetterError
from lib.letters.output import WINDOW, file_stem, print_batch, to_pdf, to_text, zip_letters
from lib.letters.tables import Table, table_text
from lib.letters.templates import TEMPLATES

__all__ = [
    "ERRORS",
    "KINDS",
    "LADDER_KINDS",
    "STEP_OF_KIND",
    "TEMPLATES",
    "WARNINGS",
    "WINDOW",
    "Letter",
    "LetterError",
    "Table",
    "compose",
    "compose_many",
    "file_stem",
    "print_batch",
    "table_text",
    "to_pdf",
    "to_text",
    "zip_letters",
]
