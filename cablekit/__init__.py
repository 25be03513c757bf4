"""cablekit: parse US diplomatic cables into typed models."""

from cablekit.api import iter_cables, parse, parse_file
from cablekit.errors import CableError, CableParseError
from cablekit.models import Cable

__version__ = "0.1.0"

__all__ = [
    "Cable",
    "CableError",
    "CableParseError",
    "__version__",
    "iter_cables",
    "parse",
    "parse_file",
]
