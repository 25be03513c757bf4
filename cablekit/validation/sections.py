"""CK4xx: the sections of a multi-section cable (``SECTION 01 OF 03`` on the classification
line and the continuation lines ``ASTANA 00000095 002 OF 003``)."""

from __future__ import annotations

from collections.abc import Iterator

from cablekit.models import Cable
from cablekit.validation.common import Checker, squeeze
from cablekit.validation.continuation import Continuation, continuations
from cablekit.validation.findings import Diagnostic, diagnostic

__all__ = ["CHECKERS"]


def _post_matches(written: str, post: str) -> bool:
    """Whether a continuation line's post (cut to 10 characters: ``BUENOS AIR``, or without
    its prefix: ``DUBAI`` for ``RPO DUBAI``) is ``post``."""
    short, full = squeeze(written), squeeze(post)
    return bool(short) and (full.startswith(short) or short in full or full in short)


def _check_sections(cable: Cable) -> Iterator[Diagnostic]:
    lines = continuations(cable)
    section = cable.section
    if section is not None and section.number != 1:
        yield diagnostic(
            "CK403",
            f"the classification line says SECTION {section.number:02d} OF "
            f"{section.total:02d}: the copy starts after section 01",
        )
    if not lines:
        return
    if section is None:
        yield diagnostic(
            "CK403",
            f"continuation line '{lines[0].text}' in a cable whose classification "
            "line has no SECTION n OF m",
            lines[0].line,
        )
    for continuation in lines:
        if continuation.inline:
            yield diagnostic(
                "CK404",
                f"continuation line '{continuation.text}' inside the text of a paragraph",
                continuation.line,
            )
        if section is not None and continuation.total != section.total:
            yield diagnostic(
                "CK401",
                f"'{continuation.text}' counts {continuation.total} sections, the "
                f"classification line SECTION {section.number:02d} OF {section.total:02d}",
                continuation.line,
            )
        other = _other_cable(cable, continuation)
        if other:
            yield diagnostic("CK402", f"'{continuation.text}' {other}", continuation.line)
    yield from _section_order(lines, section.total if section else None)


def _other_cable(cable: Cable, continuation: Continuation) -> str | None:
    if cable.number is not None and continuation.number != cable.number:
        return f"belongs to cable number {continuation.number}, not {cable.number}"
    if continuation.inline:
        return None  # the words before the number may be text, not the post
    redacted = cable.origin is not None and set(cable.origin.upper()) == {"X"}
    if (
        cable.origin is not None
        and not redacted  # "XXXXXXXXXXXX SECTION 01 OF 02" (10SHENYANG4): post unknown
        and not _post_matches(continuation.post, cable.origin)
    ):
        return f"belongs to a cable from {continuation.post}, not {cable.origin}"
    transmission = cable.transmission
    if (
        cable.origin is None
        and transmission is not None
        and transmission.sender is not None
        and not _post_matches(continuation.post, transmission.sender.split(" ", 1)[-1])
    ):
        return (
            f"belongs to a cable from {continuation.post}, but the header is "
            f"'FM {transmission.sender}'"
        )
    return None


def _section_order(lines: list[Continuation], total: int | None) -> Iterator[Diagnostic]:
    current = 1  # the section the text is in
    for continuation in lines:
        part = continuation.part
        if continuation.page and part == current:
            continue  # "002.2 OF 003": the next page of the section the text is in
        if part <= current:
            yield diagnostic(
                "CK403",
                f"'{continuation.text}' comes after section {current:03d}",
                continuation.line,
            )
            continue
        if part > current + 1:
            missing = ", ".join(f"{n:03d}" for n in range(current + 1, part))
            yield diagnostic(
                "CK403",
                f"'{continuation.text}' follows section {current:03d}: no continuation "
                f"line for section {missing}",
                continuation.line,
            )
        current = part
    last = lines[-1]
    if total is not None and current < total:
        missing = ", ".join(f"{n:03d}" for n in range(current + 1, total + 1))
        yield diagnostic(
            "CK403",
            f"the cable has {total} sections, but the text ends after '{last.text}': "
            f"no continuation line for section {missing}",
            last.line,
        )


#: The checks of this group, in the order of their codes.
CHECKERS: tuple[Checker, ...] = (_check_sections,)
