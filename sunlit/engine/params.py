"""Parameter values: defaults from the model header, overridden from settings (per region in the
platform), validated against type and bounds. An unknown or out-of-bounds parameter is an error."""

from datetime import date
from decimal import Decimal, InvalidOperation

from .errors import EngineError
from .spec import ModelSpec, Param


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
        elif p.type == "list":
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ValueError
            out = tuple(value)
        else:
            out = str(value)
    except (ValueError, TypeError, InvalidOperation):
        raise EngineError(f"{code}: parameter {p.name} must be of type {p.type}") from None
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
