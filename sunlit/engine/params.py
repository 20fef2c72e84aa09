"""Parameter values: defaults from the model header, overridden from settings (per region in the
platform), validated against type and bounds. An unknown or out-of-bounds parameter is an error."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from .errors import EngineError
from .spec import ModelSpec, Param

_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _coerce(code: str, p: Param, value):
    try:
        if p.type == "integer":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            out = int(value)
        elif p.type in ("number", "ratio"):
            out = Decimal(str(value))
            if not out.is_finite():
                raise ValueError
        elif p.type == "money":
            out = Decimal(str(value)).quantize(Decimal("0.01"))
        elif p.type == "date":
            out = value if isinstance(value, date) else date.fromisoformat(str(value))
        elif p.type == "time":
            out = str(value)
            if not _CLOCK.match(out):
                raise ValueError
        elif p.type == "list":
            if not isinstance(value, list | tuple) or not all(isinstance(v, str | date) for v in value):
                raise ValueError
            # YAML reads an unquoted 2027-01-01 as a date: a list holds its ISO text either way.
            out = tuple(v.isoformat() if isinstance(v, date) else v for v in value)
        else:
            out = str(value)
    except (ValueError, TypeError, InvalidOperation):
        shape = " (HH:MM, two-digit hours)" if p.type == "time" else ""
        raise EngineError(f"{code}: parameter {p.name} must be of type {p.type}{shape}") from None
    if p.type == "ratio" and not Decimal(0) <= out <= Decimal(1):
        raise EngineError(f"{code}: parameter {p.name} is a ratio between 0 and 1")
    if isinstance(out, int | Decimal):
        if p.min is not None and out < Decimal(str(p.min)):
            raise EngineError(f"{code}: parameter {p.name} must be at least {p.min}")
        if p.max is not None and out > Decimal(str(p.max)):
            raise EngineError(f"{code}: parameter {p.name} must be at most {p.max}")
    return out


def bind_params(spec: ModelSpec, overrides: dict | None = None) -> dict:
    overrides = overrides or {}
    unknown = set(overrides) - set(spec.params)
    if unknown:
        raise EngineError(f"{spec.code}: unknown parameters {', '.join(sorted(unknown))}")
    return {name: _coerce(spec.code, p, overrides.get(name, p.default)) for name, p in spec.params.items()}
