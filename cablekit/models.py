"""Typed models of a parsed cable: the JSON contract.

Every model is frozen and rejects unknown keys.  Field names and meanings follow the JSON
contract in ``docs/model.md``; adding a field is compatible, renaming one is a breaking
change that bumps :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field

from cablekit import _fast

SCHEMA_VERSION = "1"


class Classification(str, Enum):
    """Overall security classification of a cable."""

    UNCLASSIFIED = "UNCLASSIFIED"
    CONFIDENTIAL = "CONFIDENTIAL"
    SECRET = "SECRET"
    TOP_SECRET = "TOP SECRET"


class Precedence(str, Enum):
    """Message precedence, highest first."""

    FLASH = "FLASH"
    NIACT_IMMEDIATE = "NIACT IMMEDIATE"
    IMMEDIATE = "IMMEDIATE"
    PRIORITY = "PRIORITY"
    ROUTINE = "ROUTINE"


class IdSource(str, Enum):
    """Where a cable's reference id was read."""

    HEADER = "header"
    CLASSIFICATION_LINE = "classification_line"
    ID_LINE = "id_line"
    CONTAINER = "container"


class ReferenceKind(str, Enum):
    """What a REF item cites."""

    CABLE = "cable"
    EMAIL = "email"
    MEMCON = "memcon"
    TELCON = "telcon"
    DOCUMENT = "document"
    OTHER = "other"


_M = TypeVar("_M", bound="_Model")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def of(cls: type[_M], fields: dict[str, Any]) -> _M:
        """The model of ``fields``, validated: ``model_validate``.

        The field readers make models by the thousand (paragraphs, addressees); the fast path
        calls the model's validator directly, without ``model_validate``'s argument handling
        (``CABLEKIT_PLAIN=1`` turns it off).
        """
        if _fast.ENABLED:
            made: _M = cls.__pydantic_validator__.validate_python(fields)
            return made
        return cls.model_validate(fields)

    @classmethod
    def maker(cls: type[_M]) -> Callable[[dict[str, Any]], _M]:
        """:meth:`of` as a function of the fields alone, looked up once by a reader that makes
        a model for each of thousands of items (paragraphs): the call of the classmethod and
        its test of the switch cost a third of what validating a small model does."""
        if _fast.ENABLED:
            validate = cls.__pydantic_validator__.validate_python
            return cast("Callable[[dict[str, Any]], _M]", validate)
        return cls.model_validate


class Section(_Model):
    """``SECTION 01 OF 02`` on the classification line."""

    number: int = Field(description="This section's number (1-based).")
    total: int = Field(description="How many sections the cable was sent in.")


class ClassificationLine(_Model):
    """The classification line as written: ``CONFIDENTIAL SECTION 01 OF 02 PARIS 000104``."""

    text: str = Field(description="The line as written, ends stripped.")
    line: int = Field(description="1-based input line.")
    level: Classification = Field(description="The level the line gives.")
    caveats: list[str] = Field(
        default_factory=list, description="Caveats written on the line (`NOFORN`)."
    )
    post: str | None = Field(default=None, description="The post (`PARIS`), if written.")
    number: int | None = Field(default=None, description="The cable number, if written.")
    section: Section | None = Field(default=None, description="`SECTION n OF m`, if written.")


class Recipient(_Model):
    """One addressee of a TO, INFO or XMT line: ``RUEHC/SECSTATE WASHDC IMMEDIATE 2658``."""

    routing_indicator: str | None = Field(
        default=None, description="Routing indicator before the slash (`RUEHC`), if written."
    )
    name: str = Field(description="Plain-language address (`SECSTATE WASHDC`).")
    precedence: Precedence | None = Field(
        default=None, description="Precedence written after the name, if any."
    )
    sequence: str | None = Field(
        default=None,
        description="Message sequence number for this addressee, leading zeros kept (`2658`).",
    )
    station: str | None = Field(
        default=None,
        description="The station the routing indicator stands for, from the routing-indicator "
        "table shipped with cablekit (`DEPT OF STATE WASHINGTON DC` for `RUEHC`); null when "
        "no indicator is written or the table does not know it.",
    )
    collective: bool = Field(
        default=False,
        description="True when the addressee is a collective (`NATO EU COLLECTIVE`): a list "
        "of posts addressed at once.",
    )
    excluded: list[str] = Field(
        default_factory=list,
        description="On a collective: the addressees an XMT line excludes from it "
        "(`AMCONSUL STRASBOURG`). The same addressees stay in `Transmission.exempt`.",
    )


class Transmission(_Model):
    """The ACP-127 transmission header (format lines FL1 to FL9)."""

    channel: str | None = Field(default=None, description="FL1 channel designator (`XYZ`).")
    channel_serial: str | None = Field(
        default=None, description="FL1 station serial number, as written (`0002`)."
    )
    relay_precedence: str | None = Field(
        default=None, description="FL2 precedence prosign of the relay (`OO`)."
    )
    relay_stations: list[str] = Field(
        default_factory=list, description="FL2 routing indicators of the relay stations."
    )
    originator_station: str | None = Field(
        default=None,
        description="FL3 routing indicator of the originating station (`RUEHFR`); "
        "null when the copy has no FL3 line (headers that start at FL5).",
    )
    serial: int | None = Field(
        default=None, description="FL3 station serial number (`7101`); null without FL3."
    )
    part: int | None = Field(default=None, description="FL3 part number (`/01`), if written.")
    filed: str | None = Field(
        default=None,
        description="FL3 Julian day and time of filing as written (`3030908`: day 303, "
        "09:08Z); null without FL3.",
    )
    security: str | None = Field(
        default=None, description="FL4 security signal (`ZNY CCCCC`)."
    )
    operating_signals: list[str] = Field(
        default_factory=list, description="FL4 operating signals after the security signal."
    )
    precedence: Precedence | None = Field(
        default=None, description="FL5 action precedence (first letter)."
    )
    info_precedence: Precedence | None = Field(
        default=None, description="FL5 information precedence (second letter), if written."
    )
    dtg: datetime | None = Field(default=None, description="FL5 date-time group, UTC.")
    sender: str | None = Field(default=None, description="FL6 originator (`AMEMBASSY PARIS`).")
    to: list[Recipient] = Field(default_factory=list, description="FL7 action addressees.")
    info: list[Recipient] = Field(
        default_factory=list, description="FL8 information addressees."
    )
    exempt: list[Recipient] = Field(
        default_factory=list, description="FL9 addressees excluded from a collective (XMT)."
    )
    action_offices: list[str] = Field(
        default_factory=list,
        description="Office codes of the ACTION line of a printout's distribution block "
        "(`NEA-00`), as written.",
    )
    info_offices: list[str] = Field(
        default_factory=list,
        description="Office codes of the INFO lines of a distribution block (`LOG-00`, "
        "`CIAE-00`), as written.",
    )
    drafted_by: str | None = Field(
        default=None, description="The `DRAFTED BY:` line of a Department telegram."
    )
    approved_by: str | None = Field(
        default=None, description="The `APPROVED BY:` line of a Department telegram."
    )
    cleared: list[str] = Field(
        default_factory=list, description="The `CLEARED:` lines of a Department telegram."
    )


class ExecutiveOrder(_Model):
    """The ``E.O.`` line: executive order and declassification instruction."""

    order: str | None = Field(default=None, description="Executive order number (`12958`).")
    declassify: str | None = Field(
        default=None,
        description="Declassification instruction as written (`10/30/2016`, `N/A`, `OADR`).",
    )
    declassify_on: date | None = Field(
        default=None, description="`declassify` read as a date, when it is one."
    )
    downgrade: str | None = Field(
        default=None,
        description="Downgrade instruction as written after `DNG:` (`CO 01/26/2021`: to "
        "CONFIDENTIAL on that date); null when the line has none. It is not `declassify`.",
    )
    downgrade_on: date | None = Field(
        default=None, description="The date written in `downgrade`, when there is one."
    )


class Reference(_Model):
    """One item of a ``REF:`` line."""

    letter: str | None = Field(default=None, description="Item letter (`A`), if lettered.")
    text: str = Field(description="The reference as written, whitespace collapsed.")
    cable_id: str | None = Field(
        default=None,
        description="Canonical reference id of the cited cable (`07STATE124823`), if it is one.",
    )
    kind: ReferenceKind = Field(
        default=ReferenceKind.OTHER,
        description="What the item cites: `cable`, `email`, `memcon`, `telcon`, `document` "
        "or `other`.",
    )


class ClassifiedBy(_Model):
    """The ``Classified By:`` line."""

    authority: str = Field(description="Who classified the cable, as written.")
    name: str | None = Field(
        default=None,
        description="The classifier's name taken from `authority` (`Josiah Rosenblatt`), "
        "when the line gives one.",
    )
    title: str | None = Field(
        default=None,
        description="The classifier's title taken from `authority` "
        "(`Political Minister-Counselor`), when the line gives one.",
    )
    reasons: list[str] = Field(
        default_factory=list,
        description="E.O. section 1.4/1.5 reasons, normalized to the `1.4(b)` form.",
    )
    text: str | None = Field(
        default=None,
        description="The whole field as written after `Classified By:`, lines joined, "
        "whitespace collapsed: it keeps what `authority` and `reasons` do not read.",
    )


class Paragraph(_Model):
    """A paragraph of the text, usually numbered: ``¶1. (C) ...``."""

    number: int | None = Field(
        default=None, description="Paragraph number, null for unnumbered text."
    )
    marking: str | None = Field(
        default=None,
        description="Portion marking without parentheses (`C`, `SBU`, `C/NF`), if any.",
    )
    level: Classification | None = Field(
        default=None,
        description="The level the portion marking gives (`S/NF`, `SNF` and `S//NF` all give "
        "`SECRET`); null when unmarked or the marking names no level.",
    )
    caveats: list[str] = Field(
        default_factory=list,
        description="Control words of the portion marking, one spelling each (`NOFORN` for "
        "`NF`, `SBU`, `FGI`, `ORCON`, ...), in order of writing.",
    )
    heading: str | None = Field(
        default=None, description="The section heading just above the paragraph, if any."
    )
    text: str = Field(
        description="Paragraph text, marker and marking removed, lines joined by single spaces."
    )
    line: int = Field(description="1-based input line where the paragraph starts.")


class Repair(_Model):
    """A change made to the input before parsing."""

    kind: str = Field(
        description="What kind of damage was undone: one of the repair kinds of "
        "docs/damaged-input.md (`page-furniture`, `paragraph-number`, `bare-marker`, ...)."
    )
    line: int = Field(description="1-based input line of the change.")
    before: str = Field(description="Text as found.")
    after: str = Field(description="Text as read.")


class UnparsedLine(_Model):
    """A non-blank input line that no field took."""

    line: int = Field(description="1-based input line.")
    text: str = Field(description="The line, trailing whitespace removed.")


class Metadata(_Model):
    """What the container said about the cable (a cables.csv row, a cablegate page)."""

    source: str = Field(
        description="Container kind: `text`, `cables.csv`, `cablegate-html` or `pdf`."
    )
    path: str | None = Field(
        default=None,
        description="The file the cable was read from, as given (a folder's files: the "
        "folder as given joined with the path inside it, `cablegate-2010/02BRASILIA4227.txt`)"
        "; `<stdin>` for cables.csv rows read from standard input; null for text given to "
        "`parse()`.",
    )
    line: int | None = Field(
        default=None, description="The line of the cables.csv file a row starts on."
    )
    row: int | None = Field(default=None, description="Row id in a cables.csv file.")
    reference_id: str | None = Field(
        default=None, description="Reference id given by the container (`07BERN881`)."
    )
    created: datetime | None = Field(default=None, description="Created date given, UTC.")
    origin: str | None = Field(default=None, description="Origin given (`Embassy Bern`).")
    classification: str | None = Field(
        default=None, description="Classification given, as written (`SECRET//NOFORN`)."
    )
    referenced_ids: list[str] = Field(
        default_factory=list, description="Reference ids the container lists as cited."
    )


class Cable(_Model):
    """A parsed diplomatic cable."""

    schema_version: str = Field(
        default=SCHEMA_VERSION, description="Version of this JSON layout."
    )
    id: str | None = Field(
        default=None,
        description="Reference id: two-digit year + post without spaces + number (`06PARIS7101`).",
    )
    id_source: IdSource | None = Field(
        default=None,
        description="Where `id` was read: `header` (the header's sender and FL3 serial, the "
        "DTG's year), `classification_line` (the post and number of the text's "
        "classification line, the year of the cable's date), `id_line` (a printout's id "
        "line, `2000HANOI00686 - CONFIDENTIAL`) or `container` (the reference id the "
        "container gives, a cables.csv row, a cablegate page or a file named after it: its "
        "year when the copy holds no date, or the whole id when the copy names no cable); "
        "null when `id` is null.",
    )
    classification: Classification | None = Field(
        default=None, description="Overall classification level."
    )
    handling: list[str] = Field(
        default_factory=list,
        description="Captions and caveats (`SIPDIS`, `NOFORN`, ...), first appearance order.",
    )
    caveats: list[str] = Field(
        default_factory=list,
        description="The control words among `handling`, one spelling each (`NOFORN`, `SBU` "
        "for `SENSITIVE`, `FOUO`, `NODIS`, `REL TO ...`); captions such as SIPDIS are not "
        "among them.",
    )
    origin: str | None = Field(
        default=None,
        description="Post on the classification line (`PARIS`), else the post of the FM line "
        "(`AMEMBASSY LA PAZ` gives `LA PAZ`).",
    )
    classification_line: ClassificationLine | None = Field(
        default=None,
        description="The text's classification line as written (the first one that gives "
        "the post, else the first); null when the copy has none. `classification`, `origin`, "
        "`number` and `section` come from it, unless the header belongs to another cable.",
    )
    number: int | None = Field(
        default=None, description="Cable number on the classification line (`7101`)."
    )
    section: Section | None = Field(
        default=None, description="`SECTION n OF m` on the classification line."
    )
    created: datetime | None = Field(
        default=None,
        description="When the cable was sent (UTC): the DTG, else container metadata.",
    )
    transmission: Transmission | None = Field(
        default=None,
        description="The transmission header; null when the copy has none. A copy without a "
        "header that writes an INFO list below its classification line gets a transmission "
        "that holds that list alone.",
    )
    passing: list[str] = Field(
        default_factory=list, description="Passing and office lines (`FOR S/CRS OSCAR DE SOTO`)."
    )
    executive_order: ExecutiveOrder | None = Field(
        default=None, description="The E.O. line."
    )
    tags: list[str] = Field(default_factory=list, description="TAGS in order, as written.")
    tag_codes: list[str] = Field(
        default_factory=list,
        description="The codes of the TAGS, to search by: upper case, without repeats, SIPDIS "
        "and page furniture; a person tag as `OVIP` and `SURNAME, GIVEN` (`CLINTON, "
        "HILLARY`); codes run together split where the shipped tables read them one way only "
        "(`PHUMBA`: `PHUM`, `BA`), each such reading a `tag-code` repair.",
    )
    subject: str | None = Field(
        default=None, description="SUBJECT on one line, inner whitespace collapsed."
    )
    references: list[Reference] = Field(default_factory=list, description="REF items.")
    classified_by: ClassifiedBy | None = Field(
        default=None, description="The Classified By line."
    )
    paragraphs: list[Paragraph] = Field(
        default_factory=list, description="The text, paragraph by paragraph."
    )
    summary: str | None = Field(
        default=None,
        description="Text between `Summary:` and `End summary.` (or the paragraph either "
        "marker stands in, or under a Summary heading), without a comment inside it.",
    )
    comment: str | None = Field(
        default=None,
        description="Text between `Comment:` and `End comment.`, or of a paragraph headed Comment.",
    )
    signature: str | None = Field(
        default=None,
        description="The signer's name at the end of the text, as written (`HOFMANN`, "
        "`TIMKEN JR`): on a line of its own or run onto the last sentence.",
    )
    signers: list[str] = Field(
        default_factory=list,
        description="Every name in the signature, in order (`RICE/JONES` gives `RICE` and "
        "`JONES`), without a suffix (`TIMKEN JR` gives `TIMKEN`); one name for most cables.",
    )
    repairs: list[Repair] = Field(
        default_factory=list, description="Every change made to the input."
    )
    unparsed: list[UnparsedLine] = Field(
        default_factory=list, description="Non-blank input lines that no field took."
    )
    metadata: Metadata | None = Field(
        default=None, description="What the container (CSV row, web page) said, if any."
    )


class ConversionError(_Model):
    """Why a cable of a bulk conversion could not be read: the ``error`` of an error record."""

    type: str = Field(description="The kind of failure: `CableParseError`, `CableError`, ...")
    message: str = Field(description="What went wrong, in words.")
    source: str = Field(description="The input: a file path, `<stdin>`, or `file.csv#row`.")
    line: int | None = Field(
        default=None, description="1-based line of the input where the problem is, if known."
    )
    row: int | None = Field(default=None, description="Row id in a cables.csv file, if any.")
    reference_id: str | None = Field(
        default=None, description="The reference id the container gives, if any."
    )


class ErrorRecord(_Model):
    """What ``cablekit convert`` writes in place of a cable it could not read."""

    error: ConversionError = Field(description="Why the cable could not be read.")
