"""The only package that imports streamlit: the UI of every page, thin over lib's functions.

`core` holds the session's state, language and book; `widgets` and `forms` what several pages
share; each `*_page` module the pieces of one page (views/ wires them). Nothing here decides a
rule or computes a figure: that is lib's, unit-tested there.
"""

from lib.ui.core import (
    KEYS,
    as_of_caption,
    book,
    date,
    end_page,
    flash,
    init_state,
    labels,
    lang,
    ledger,
    ledger_name,
    money,
    need_book,
    plain,
    saved,
    stale_warning,
    store,
    t,
)

__all__ = [
    "KEYS",
    "as_of_caption",
    "book",
    "date",
    "end_page",
    "flash",
    "init_state",
    "labels",
    "lang",
    "ledger",
    "ledger_name",
    "money",
    "need_book",
    "plain",
    "saved",
    "stale_warning",
    "store",
    "t",
]
