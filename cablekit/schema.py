"""The JSON Schemas of what cablekit writes: the cable JSON, and the error records of a bulk
conversion.  ``cablekit schema`` prints them."""

from __future__ import annotations

from typing import Any

from cablekit.models import Cable, ErrorRecord

__all__ = ["DIALECT", "cable_schema", "error_schema"]

#: the JSON Schema dialect pydantic writes
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _with_dialect(schema: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": DIALECT, **schema}


def cable_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the cable JSON, with its ``$schema`` key."""
    return _with_dialect(Cable.model_json_schema())


def error_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an error record, the line ``cablekit convert``
    writes for a cable it could not read: ``{"error": {"type": ..., "message": ...}}``."""
    return _with_dialect(ErrorRecord.model_json_schema())
