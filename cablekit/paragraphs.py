"""The text of a cable: paragraphs, headings, signature, summary and comment."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from lark import Token

from cablekit._text import collapse, line_of
from cablekit.models import Paragraph
from cablekit.parser import NEW_TEXT, TEXT


class _Sink(Protocol):
    """Where the paragraph builder reports what it found besides paragraphs."""

    signature: str | None

    def keep_unparsed(self, token: Token) -> None: ...


_MARKER = re.compile(
    r"^\s*(?:¶\s*)?(?P<number>[0-9]{1,4})\.\s*"
    r"(?:\((?P<marking>[A-Z]{1,4}(?:\s*/{1,2}\s*[A-Z]{1,6}){0,3})\)\s*)?(?P<text>.*)$",
    re.DOTALL,
)
# a number after a line that ends like this is a date or a list item carried over
_CARRIED = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|and|or|to|through|,)\s*$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^[A-Z][A-Za-z'.-]*(?:[ /,]+[A-Z][A-Za-z'.-]*){0,3}$")
_NOT_SIGNATURE = re.compile(
    r"\b(?:END|COMMENT|SUMMARY|NOTE|SIPDIS|NOFORN|UNCLASSIFIED|CONFIDENTIAL|SECRET)\b", re.I
)
_HEADING_MAX = 80
_FURNITURE = ("CONTINUATION_LINE", "PAGE_LINE")


class Paragraphs:
    """Turns the body's blocks (a marker line and the lines below it) into paragraphs."""

    def __init__(
        self,
        builder: _Sink,
        after_blank: set[int],
        blocks: list[tuple[Token | None, list[Token]]],
    ) -> None:
        self.builder = builder
        self.blocks = blocks
        self.after_blank = after_blank

    def build(self) -> list[Paragraph]:
        merged = self.merge_false_markers()
        # the signature is the last line of the text, when it looks like a name
        last_lines = merged[-1][1] if merged else []
        if last_lines:
            candidate = last_lines[-1]
            text = candidate.value.strip()
            if (
                candidate.type in (TEXT, NEW_TEXT)
                and len(text) <= 40
                and _SIGNATURE.match(text)
                and not _NOT_SIGNATURE.search(text)
            ):
                self.builder.signature = text
                last_lines.pop()
        paragraphs: list[Paragraph] = []
        heading: str | None = None
        for index, (marker, lines) in enumerate(merged):
            next_heading = None
            if index + 1 < len(merged):
                next_heading = self.split_heading(lines)
            text_lines = [t for t in lines if t.type not in _FURNITURE and t.type != "RULE_LINE"]
            for token in lines:
                if token.type in _FURNITURE or (token.type == "RULE_LINE"):
                    self.builder.keep_unparsed(token)
            body = " ".join(collapse(t.value) for t in text_lines).strip()
            if marker is None:
                if body:
                    first = text_lines[0]
                    paragraphs.append(
                        Paragraph(heading=heading, text=body, line=line_of(first))
                    )
            else:
                match = _MARKER.match(marker.value.rstrip("\n"))
                assert match is not None
                own = collapse(match["text"])
                marking = match["marking"]
                paragraphs.append(
                    Paragraph(
                        number=int(match["number"]),
                        marking=collapse(marking).replace(" ", "") if marking else None,
                        heading=heading,
                        text=collapse(f"{own} {body}"),
                        line=line_of(marker),
                    )
                )
            heading = next_heading
        return paragraphs

    def merge_false_markers(self) -> list[tuple[Token | None, list[Token]]]:
        """Joins blocks whose marker is not a paragraph number to the block above."""
        merged: list[tuple[Token | None, list[Token]]] = []
        previous_line: Token | None = None
        for marker, lines in self.blocks:
            if marker is not None and merged and not self.is_paragraph(marker, previous_line):
                merged[-1][1].append(Token.new_borrow_pos(TEXT, marker.value, marker))
                merged[-1][1].extend(lines)
            else:
                merged.append((marker, list(lines)))
            if lines:
                previous_line = lines[-1]
            elif marker is not None:
                previous_line = marker
        return merged

    def is_paragraph(self, marker: Token, previous: Token | None) -> bool:
        match = _MARKER.match(marker.value.rstrip("\n"))
        if match is None or len(match["number"]) >= 3:
            return False
        line = line_of(marker)
        return not (
            previous is not None
            and line not in self.after_blank
            and _CARRIED.search(previous.value.rstrip())
        )

    def split_heading(self, lines: list[Token]) -> str | None:
        """Takes the heading off the end of a block: the short line above the next marker."""
        if not lines:
            return None
        end = len(lines)
        while end and lines[end - 1].type == "RULE_LINE":
            end -= 1
        framed = end < len(lines)
        if not end:
            return None
        candidate = lines[end - 1]
        text = collapse(candidate.value)
        start = end - 1
        if start and lines[start - 1].type == "RULE_LINE":
            framed = True
            start -= 1
        standalone = line_of(candidate) in self.after_blank or framed
        if (
            (candidate.type in (TEXT, NEW_TEXT)
            and standalone
            and 0 < len(text) <= _HEADING_MAX
            and not text.endswith((".", ",", ";", ":")))
            or (framed and candidate.type in (TEXT, NEW_TEXT) and 0 < len(text) <= _HEADING_MAX)
        ):
            for token in lines[start:]:
                if token.type == "RULE_LINE":
                    self.builder.keep_unparsed(token)
            del lines[start:]
            return text.strip(" -_")
        return None


_SUMMARY = re.compile(
    r"\bSUMMARY(?:\s+AND\s+COMMENT)?\s*[:.\-]+\s*(?P<text>.*?)\s*\(?\bEND\s+(?:OF\s+)?SUMMARY\b",
    re.IGNORECASE | re.DOTALL,
)
_COMMENT = re.compile(
    r"\bCOMMENT\s*[:.\-]+\s*(?P<text>.*?)\s*\(?\bEND\s+(?:OF\s+)?COMMENT\b",
    re.IGNORECASE | re.DOTALL,
)


def summary_and_comment(paragraphs: Iterable[Paragraph]) -> tuple[str | None, str | None]:
    paragraphs = list(paragraphs)
    text = " ".join(p.text for p in paragraphs)
    summary_match = _SUMMARY.search(text)
    summary = summary_match["text"].strip() or None if summary_match else None
    comment = None
    for paragraph in paragraphs:
        if paragraph.heading and paragraph.heading.strip(" -:.").upper() == "COMMENT":
            comment = _END_COMMENT.sub("", paragraph.text).strip() or None
            break
    if comment is None:
        comment_match = _COMMENT.search(text)
        comment = comment_match["text"].strip() or None if comment_match else None
    return summary, comment


_END_COMMENT = re.compile(r"\s*\(?\bEND\s+(?:OF\s+)?COMMENT\b\.?\)?\s*$", re.IGNORECASE)
