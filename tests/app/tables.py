"""What a table shows, cell by cell: the text a page's Styler writes (money in the user's
language) where there is one, else the values as they are."""

from __future__ import annotations

import io
import re

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe


def shown(table: Dataframe) -> pd.DataFrame:
    """The table's cells as the grid writes them: Styler text over the values."""
    values = table.value
    texts = table.proto.arrow_data.styler.display_values
    if not texts:
        return values
    written = pa.ipc.open_stream(io.BytesIO(texts)).read_all().to_pandas()
    written.columns = values.columns[: len(written.columns)]
    return written


def letter_preview(at: AppTest) -> tuple[str, str]:
    """The letter page's preview: the addressee block, and the rest of the letter (date, subject,
    text and tables) as one text."""
    addressee, dateline, *texts = (t.value for t in at.get("text"))
    subject = [re.sub(r"\\(.)", r"\1", m.value.strip("*")) for m in at.markdown if m.value.startswith("**")]
    return addressee, "\n".join([dateline, *subject, *texts, *(c.value for c in at.code)])
