"""A model file: ``<domain>/<CODE>.sql``, a YAML header between ``-- ---`` lines, then one SELECT.

    -- ---
    -- code: LAB-05
    -- title: {zh: 务工人员超龄, en: Worker older than the age limit}
    -- domain: labour
    -- severity: yellow
    -- basis: ...
    -- subject: labour_payment
    -- params:
    --   age_limit: {type: integer, default: 75, min: 60, max: 100, doc: ...}
    -- reads: [labour_payment]
    -- evidence: [person_id, age, paid_date]
    -- ---
    select ...          -- parameters are written :age_limit

A relation several models define alike is written once, as ``shared/<name>.sql`` (a header with its
``name``, ``doc`` and ``reads``, then one SELECT with no parameters); a model lists it under ``uses``,
must declare its reads among its own, and reads it as a CTE of that name, put before its own. The
model's version covers the shared files it uses.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import EngineError

CATALOGUE_DIR = Path(__file__).parent / "catalogue"
DOMAINS = ("labour", "relief", "projects", "assets", "procurement", "seals")
SEVERITIES = ("red", "yellow", "blue")
PARAM_TYPES = ("integer", "number", "money", "ratio", "date", "time", "text", "list")
_CODE = re.compile(r"^[A-Z]{2,5}-\d{2}$")
_REQUIRED = ("code", "title", "domain", "severity", "basis", "subject", "reads")
SHARED = "shared"  # the catalogue's folder of shared relations
_NAME = re.compile(r"^[a-z][a-z_]*$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: object
    min: object = None
    max: object = None
    doc: str = ""


@dataclass(frozen=True)
class ModelSpec:
    code: str
    title_zh: str
    title_en: str
    domain: str
    severity: str
    basis: str
    subject: str
    reads: tuple[str, ...]
    params: dict[str, Param]
    evidence: tuple[str, ...]
    sql: str
    path: Path
    version: str                      # first 12 hex digits of the file's SHA-256
    statistical: bool = False
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SharedRelation:
    name: str
    doc: str
    reads: tuple[str, ...]
    sql: str
    text: str                         # the whole file, for the versions of the models using it


def _header(text: str, path: Path) -> tuple[dict, str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "-- ---":
        raise EngineError(f"{path.name}: a model starts with a '-- ---' header line")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "-- ---")
    except StopIteration:
        raise EngineError(f"{path.name}: the header has no closing '-- ---' line") from None
    body = "\n".join(re.sub(r"^--( |$)", "", line) for line in lines[1:end])
    try:
        header = yaml.safe_load(body) or {}
    except yaml.YAMLError as exc:
        raise EngineError(f"{path.name}: the header is not valid YAML: {exc}") from None
    return header, "\n".join(lines[end + 1:]).strip().rstrip(";")


def _param(code: str, name: str, raw: dict) -> Param:
    if not isinstance(raw, dict) or raw.get("type") not in PARAM_TYPES or "default" not in raw:
        raise EngineError(f"{code}: parameter {name} needs a type ({', '.join(PARAM_TYPES)}) and a default")
    return Param(name, raw["type"], raw["default"], raw.get("min"), raw.get("max"), raw.get("doc", ""))


def load_shared(folder: Path, name: str, code: str) -> SharedRelation:
    """The shared relation ``name`` of the catalogue whose shared folder is ``folder``."""
    path = folder / f"{name}.sql"
    if not _NAME.match(str(name)) or not path.exists():
        raise EngineError(f"{code}: uses {name!r}, which is not a shared relation (no file {SHARED}/{name}.sql)")
    text = path.read_text(encoding="utf-8")
    header, sql = _header(text, path)
    if header.get("name") != name or not header.get("doc") or not header.get("reads"):
        raise EngineError(f"{SHARED}/{path.name}: the header needs name (the file's), doc and reads")
    if re.search(r"(?<!:):[a-z_]", re.sub(r"--[^\n]*|'[^']*'|::", "", sql)):
        raise EngineError(f"{SHARED}/{path.name}: a shared relation takes no parameters")
    return SharedRelation(name, str(header["doc"]), tuple(header["reads"]), sql, text)


def _with_shared(code: str, sql: str, relations: list[SharedRelation], reads: tuple[str, ...]) -> str:
    """The model's SQL with the shared relations it uses as its first CTEs."""
    for relation in relations:
        missing = [t for t in relation.reads if t not in reads]
        if missing:
            raise EngineError(f"{code}: uses {relation.name}, which reads {', '.join(missing)}: "
                              "add them to the model's reads")
        if re.search(rf"(?:\bwith|,)\s*{relation.name}\s+as\s+(?:materialized\s+)?\(", sql, re.I):
            raise EngineError(f"{code}: defines its own {relation.name}, which it also uses as a shared relation")
    ctes = ",\n".join(f"{r.name} as (\n{r.sql}\n)" for r in relations)
    if re.match(r"with\b", sql, re.I):
        return f"with {ctes},\n{sql[4:].lstrip()}"
    return f"with {ctes}\n{sql}"


def load_model(path: Path | str) -> ModelSpec:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    header, sql = _header(text, path)
    missing = [k for k in _REQUIRED if k not in header]
    if missing:
        raise EngineError(f"{path.name}: the header lacks {', '.join(missing)}")
    code = header["code"]
    if not _CODE.match(str(code)) or path.stem != code:
        raise EngineError(f"{path.name}: the code must look like LAB-01 and match the file name")
    if header["domain"] not in DOMAINS or path.parent.name != header["domain"]:
        raise EngineError(f"{code}: the domain must be one of {DOMAINS} and match the folder")
    if header["severity"] not in SEVERITIES:
        raise EngineError(f"{code}: the severity must be one of {SEVERITIES}")
    title = header["title"]
    if not isinstance(title, dict) or not title.get("zh") or not title.get("en"):
        raise EngineError(f"{code}: the title needs zh and en")
    if not sql.lower().lstrip("( \n").startswith(("select", "with")):
        raise EngineError(f"{code}: the body must be one SELECT (or WITH … SELECT) statement")
    params = {name: _param(code, name, raw) for name, raw in (header.get("params") or {}).items()}
    reads = tuple(header["reads"])
    shared = [load_shared(path.parent.parent / SHARED, name, code) for name in header.get("uses") or ()]
    if shared:
        sql = _with_shared(code, sql, shared, reads)
    version = hashlib.sha256("".join([text, *(r.text for r in shared)]).encode()).hexdigest()[:12]
    known = set(_REQUIRED) | {"params", "evidence", "statistical", "uses"}
    return ModelSpec(
        code=code, title_zh=title["zh"], title_en=title["en"], domain=header["domain"],
        severity=header["severity"], basis=str(header["basis"]), subject=header["subject"],
        reads=reads, params=params, evidence=tuple(header.get("evidence") or ()),
        sql=sql, path=path, version=version,
        statistical=bool(header.get("statistical", False)),
        extra={k: v for k, v in header.items() if k not in known},
    )


def load_catalogue(folder: Path | str = CATALOGUE_DIR, codes: list[str] | None = None) -> list[ModelSpec]:
    """Every model under ``folder`` (or just ``codes``), ordered by code."""
    models = [load_model(p) for p in sorted(Path(folder).glob("*/*.sql")) if p.parent.name != SHARED]
    if codes:
        wanted = set(codes)
        unknown = wanted - {m.code for m in models}
        if unknown:
            raise EngineError(f"unknown model codes: {', '.join(sorted(unknown))}")
        models = [m for m in models if m.code in wanted]
    return sorted(models, key=lambda m: m.code)
