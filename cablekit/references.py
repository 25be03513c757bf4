"""REF lines: the items of a reference list and the cable ids they cite."""

from __future__ import annotations

import re

from cablekit._text import collapse
from cablekit.models import Reference

_REF_LETTER = re.compile(r"(?:^|(?<=[\s;,]))¶?\(?([A-Z])\s*[.)]\s+(?:[A-Z]\)\s*)?")
_CABLE_REF = re.compile(
    r"^(?:(?P<year>[0-9]{2})\s+)?(?P<post>[A-Z][A-Z .'-]*?[A-Z])\s+(?P<number>[0-9]{1,7})\b"
)
_STATE_ALIASES = {"SECSTATE": "STATE", "SECSTATE WASHDC": "STATE"}


def read_references(text: str, year: int | None) -> list[Reference]:
    """Split a REF line into its items: ``A. PARIS 8729 B. PARIS 8918``."""
    text = collapse(text)
    if not text:
        return []
    cuts = [m for m in _REF_LETTER.finditer(text)]
    items: list[tuple[str | None, str]] = []
    if not cuts:
        items.append((None, text))
    else:
        head = text[: cuts[0].start()].strip(" ;,")
        if head:
            items.append((None, head))
        for index, cut in enumerate(cuts):
            end = cuts[index + 1].start() if index + 1 < len(cuts) else len(text)
            items.append((cut.group(1), text[cut.end() : end].strip(" ;,")))
    references = []
    for letter, item in items:
        if not item:
            continue
        references.append(Reference(letter=letter, text=item, cable_id=_cable_id(item, year)))
    return references


def _cable_id(item: str, year: int | None) -> str | None:
    match = _CABLE_REF.match(item.upper())
    if match is None:
        return None
    post = _STATE_ALIASES.get(match["post"], match["post"])
    if match["year"]:
        yy = match["year"]
    elif year is not None:
        yy = f"{year % 100:02d}"
    else:
        return None
    return f"{yy}{post.replace(' ', '')}{int(match['number'])}"
