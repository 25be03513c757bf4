"""The switch of the fast paths.

The plain code is the implementation.  Where a faster way to the same result is worth its
code, it sits beside the plain code and runs only while this switch is on, which it is by
default.  Setting the environment variable ``CABLEKIT_PLAIN=1`` (before cablekit is imported)
turns every fast path off; the tests parse the corpus both ways and compare the JSON byte for
byte.
"""

from __future__ import annotations

import os

__all__ = ["ENABLED", "enabled"]


def enabled() -> bool:
    """Whether the environment leaves the fast paths on (``CABLEKIT_PLAIN`` unset or ``0``)."""
    return os.environ.get("CABLEKIT_PLAIN", "").strip() in ("", "0")


#: read once, when cablekit is imported: modules choose their fast or plain functions then
ENABLED = enabled()
