"""Whether a row of the cables.csv layout leaves a quoted field open at its end."""

from __future__ import annotations

import re

__all__ = ["ends_inside_quote"]

_QUOTING = re.compile(r'[\\",]')


def ends_inside_quote(row: str) -> bool:
    """Whether the text of a row leaves a quoted field open at its end, as Python's csv
    reader reads the layout (quote ``"``, escape ``\\``, a doubled quote inside quotes)."""
    quoted = False
    field_start = position = 0
    while (found := _QUOTING.search(row, position)) is not None:
        at = found.start()
        char = row[at]
        position = at + 1
        if char == "\\":
            position += 1  # the escaped character, a newline or a quote included
        elif quoted:
            if char == '"':
                if row.startswith('"', position):
                    position += 1  # a doubled quote stands for one
                else:
                    quoted = False
        elif char == ",":
            field_start = position
        elif at == field_start:  # a quote opens a field only as its first character
            quoted = True
    return quoted
