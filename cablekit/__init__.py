"""cablekit: parse US diplomatic cables into typed models."""

# The lookup tables, as modules: cablekit.stations.lookup("RUEHC"), cablekit.tags.lookup("PREL");
# and the flat tables of cables: cablekit.tables.rows(cables, "references").
from cablekit import tables as tables
from cablekit.api import iter_cables, parse, parse_file, validate
from cablekit.errors import CableError, CableParseError, CableValidationError
from cablekit.fields import stations as stations
from cablekit.fields import tags as tags
from cablekit.models import Cable
from cablekit.validation import Diagnostic, Severity

__version__ = "0.1.0"

__all__ = [
    "Cable",
    "CableError",
    "CableParseError",
    "CableValidationError",
    "Diagnostic",
    "Severity",
    "__version__",
    "iter_cables",
    "parse",
    "parse_file",
    "validate",
]
