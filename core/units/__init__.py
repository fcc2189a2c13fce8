"""The county's unit directory logic, free of storage: names, kinds, counties and merge
suggestions.

- `names`: one key per printed unit name, and the base form that drops the county's name
  or 县/区 prefix (`兴县农业农村局` / `县农业农村局` / `农业农村局` share one base).
- `kinds`: department, township (乡镇/街道), enterprise, or collective (各乡镇, 县直各部门,
  负有…职责的部门), the last never a merge partner of a named unit.
- `county`: which county a gazette or an issuing body belongs to.
- `suggest`: alias groups proposed with their evidence, for the clerk to accept or reject.
"""

from __future__ import annotations

from core.units.county import county_of_issuer
from core.units.kinds import (
    COLLECTIVE,
    DEPARTMENT,
    ENTERPRISE,
    KIND_LABELS,
    KINDS,
    TOWNSHIP,
    kind_of,
)
from core.units.names import base_name, name_key
from core.units.suggest import NameStat, Suggestion, SuggestionMember, suggest_groups

__all__ = [
    "COLLECTIVE",
    "DEPARTMENT",
    "ENTERPRISE",
    "KINDS",
    "KIND_LABELS",
    "TOWNSHIP",
    "NameStat",
    "Suggestion",
    "SuggestionMember",
    "base_name",
    "county_of_issuer",
    "kind_of",
    "name_key",
    "suggest_groups",
]
