"""CK2xx: the head of the text (classification, E.O., Classified By, captions, TAGS)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cablekit.models import Cable, Classification
from cablekit.validation.common import EXECUTIVE_ORDERS, LEVEL, Checker, caption_words
from cablekit.validation.findings import Diagnostic, diagnostic

__all__ = ["CHECKERS", "KNOWN_CAPTIONS"]


def _check_classification_present(cable: Cable) -> Iterator[Diagnostic]:
    if cable.classification_line is not None:
        return
    has_head = (
        cable.executive_order is not None
        or cable.subject is not None
        or bool(cable.tags)
        or cable.classified_by is not None
    )
    if not has_head:
        return  # a bare header or loose paragraphs: nothing says where the line should be
    yield diagnostic(
        "CK201",
        "the text has a head (E.O., TAGS, SUBJECT) but no classification line "
        "(CONFIDENTIAL PARIS 007101)",
    )


def _classified(cable: Cable) -> Classification | None:
    """The cable's classification when it is above UNCLASSIFIED."""
    level = cable.classification
    return level if level is not None and LEVEL[level] > 0 else None


# State cables may give the line as a paragraph: "¶2. (U) Classified by Acting DAS James
# Knight, Reasons 1.4 (b) and (d)." (08STATE103511)
_CLASSIFIED_BY_PARAGRAPH = re.compile(r"^\s*CLASSIFIED\s+BY\b", re.IGNORECASE)


def _check_classified_by(cable: Cable) -> Iterator[Diagnostic]:
    level = _classified(cable)
    if level is None or cable.classified_by is not None:
        return
    if any(_CLASSIFIED_BY_PARAGRAPH.match(p.text) for p in cable.paragraphs[:5]):
        return
    yield diagnostic("CK202", f"a {level.value} cable without a 'Classified By:' line")


_NOT_AN_INSTRUCTION = re.compile(r"^\s*(?:N/?A|NONE)\s*\.?\s*$", re.IGNORECASE)


def _check_declassification(cable: Cable) -> Iterator[Diagnostic]:
    classified = _classified(cable)
    if classified is None:
        return
    level = classified.value
    order = cable.executive_order
    if order is None:
        yield diagnostic("CK203", f"a {level} cable without an E.O. line")
    elif order.downgrade is not None:
        return  # "DNG: CO 01/26/2021" (06CARACAS219): an instruction of the order too
    elif order.declassify is None or _NOT_AN_INSTRUCTION.match(order.declassify):
        shown = f"'{order.declassify}'" if order.declassify else "nothing"
        yield diagnostic(
            "CK203",
            f"a {level} cable whose E.O. line gives {shown} as declassification instruction",
        )


def _check_declassify_date(cable: Cable) -> Iterator[Diagnostic]:
    order = cable.executive_order
    if order is None or order.declassify_on is None or cable.created is None:
        return
    if order.declassify_on > cable.created.date():
        return
    yield diagnostic(
        "CK204",
        f"DECL: {order.declassify} is not after the cable's date "
        f"{cable.created.date().isoformat()}",
    )


def _check_executive_order(cable: Cable) -> Iterator[Diagnostic]:
    order = cable.executive_order
    if order is None or order.order is None or order.order in EXECUTIVE_ORDERS:
        return
    known = ", ".join(sorted(EXECUTIVE_ORDERS))
    yield diagnostic("CK205", f"E.O. {order.order} is not an order on classification ({known})")


#: Captions and handling caveats cablekit knows, in capitals.  A correction note
#: ("CORRECTED COPY (ADDED TAG)") is known whatever follows the words.
KNOWN_CAPTIONS = frozenset(
    {
        "AIDAC", "CAPTION ADDED", "ADDED SENSITIVE CAPTION", "CHEROKEE", "DEA SENSITIVE",
        "DECAPTIONED", "DISSENT CHANNEL", "EXDIS", "FOR OFFICIAL USE ONLY", "FOUO", "LIMDIS",
        "NOCONTRACT", "NODIS", "NOFORN", "NOT FOR INTERNET DISTRIBUTION", "ORCON", "PROPIN",
        "ROGER", "SBU", "SENSITIVE", "SENSITIVE BUT UNCLASSIFIED", "SIPDIS", "STADIS",
        "TERREP", "WEBGRAM EXCLUDED ONLY",
    }
)  # fmt: skip
_CORRECTION = re.compile(r"^(?:CORRECTED|CORRECT|COPY)")
# words that make a line in the caption position a caption rather than an office or a name
_CAPTION_LIKE = re.compile(
    r"\b(?:[A-Z]*DIS|SENSITIVE|CAPTION|CAVEAT|HANDLING|DISTRIBUTION|DELIBERATIVE|PERISHABLE"
    r"|CONTROLLED|RESTRICTED|ONLY|ORCON|PROPIN|NOFORN|NOCONTRACT)\b"
)
_NOT_CAPTION = re.compile(r"[a-z0-9/,;:]|\b(?:FOR|PASS|TO|FROM|AND|ALSO)\b")


def _known_caption(text: str) -> bool:
    words = caption_words(text)
    return words in KNOWN_CAPTIONS or bool(_CORRECTION.match(words))


def _check_captions(cable: Cable) -> Iterator[Diagnostic]:
    unknown = [caption for caption in cable.handling if not _known_caption(caption)]
    for line in cable.passing:
        text = line.strip().strip("\"'")
        if (
            not _NOT_CAPTION.search(text)
            and len(text.split()) <= 6
            and _CAPTION_LIKE.search(text)
            and not _known_caption(text)
        ):
            unknown.append(line.strip())
    for caption in unknown:
        yield diagnostic("CK206", f"unknown caption '{caption}'")


# "PREL", "KDEM", "FR", "UNESCO", "EUN"; person tags "OVIP (RICE, CONDOLEEZZA)"
_TAG = re.compile(r"[A-Z][A-Z0-9]{1,9}|[A-Z]{2,6} ?\([^()a-z]+\)")


def _check_tags(cable: Cable) -> Iterator[Diagnostic]:
    malformed = [tag for tag in cable.tags if not _TAG.fullmatch(tag)]
    if not malformed:
        return
    shown = ", ".join(f"'{tag}'" for tag in malformed[:8])
    more = f" and {len(malformed) - 8} more" if len(malformed) > 8 else ""
    lower = all(tag == tag.lower() and tag.upper() != tag for tag in malformed)
    why = "written in lower case" if lower else "not tags (PREL, FR, UNESCO, OVIP (NAME, GIVEN))"
    yield diagnostic("CK207", f"TAGS {shown}{more} are {why}")


#: The checks of this group, in the order of their codes.
CHECKERS: tuple[Checker, ...] = (
    _check_classification_present,
    _check_classified_by,
    _check_declassification,
    _check_declassify_date,
    _check_executive_order,
    _check_captions,
    _check_tags,
)
