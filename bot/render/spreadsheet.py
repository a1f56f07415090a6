"""CSV files for spreadsheets, written so that no cell can run as a formula.

Excel, LibreOffice and Google Sheets read a cell that begins with = + - @ (or a tab or a
carriage return, which some of them skip before looking) as a formula: a proposal titled
``=HYPERLINK(...)`` would become a live link in an officer's copy of the digest. As OWASP
advises against CSV injection, such a cell gets a leading single quote, which spreadsheets show
as text. Every CSV the bot writes goes through ``csv_text``; JSON keeps the words as written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet will show it, never run it (numbers are left as they are)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


BOM = "\ufeff"  # Excel reads a CSV as UTF-8 (ŵ, ŷ, “quotes”) only when it starts with this


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A header row and the rows as CSV text (None is an empty cell), starting with a byte
    order mark so that Excel opens it as UTF-8."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue()
