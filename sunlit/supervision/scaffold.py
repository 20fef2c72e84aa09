"""`sunlit models new CODE --domain DOMAIN`: the three files every model has — its SQL with header,
its doc page and its fixtures — from templates, in a checkout of the project."""

from pathlib import Path

from sunlit.engine.errors import EngineError
from sunlit.engine.spec import _CODE, CATALOGUE_DIR, DOMAINS

# A starting point per domain that loads and runs (and flags nothing until edited):
# (subject table, its id column, its date column, its amount expression).
STARTERS = {
    "labour": ("labour_payment", "payment_id", "paid_date", "t.amount"),
    "relief": ("relief_payment", "payment_id", "paid_date", "t.amount"),
    "projects": ("project", "project_id", "contract_date", "t.contract_amount"),
    "assets": ("lease", "lease_id", "signed_date", "t.annual_rent"),
    "procurement": ("purchase", "purchase_id", "purchase_date", "t.amount"),
    "seals": ("seal_usage", "usage_id", "used_at", "cast(null as decimal(14, 2))"),
}

SQL = """-- ---
-- code: {code}
-- title: {{zh: 待填写的中文标题, en: English title to write}}
-- domain: {domain}
-- severity: yellow
-- basis: the rule or policy this model checks
-- subject: {table}
-- params:
--   threshold: {{type: money, default: 1000000, min: 0, max: 100000000, doc: what the parameter means}}
-- reads: [{table}]
-- evidence: [{date_column}]
-- ---
select
    '{table}' as subject_type,
    t.{id_column} as subject_id,
    t.village_code,
    strftime(t.{date_column}, '%Y-%m') as period,
    {amount_column} as amount_involved,
    {{'{date_column}': t.{date_column}}} as evidence,
    1.0 as score
from {table} as t
where false and coalesce({amount_column}, 0) > :threshold
"""

DOC = """# {code} — title

**Severity:** yellow · **Domain:** {domain} · **Subject:** table

## Method

## Why it is a red flag

## Parameters

| name | default | bounds | meaning |
| --- | --- | --- | --- |

## Exclusions

## Worked example

```yaml
given:
  the_table:
    - {{id: "1", village_code: "330102001001"}}
expect:
  - {{subject_id: "1"}}
```
"""

FIXTURES = """model: {code}
cases:
  - name: true positive
    given: {{}}
    expect: []
  - name: near miss that must not fire
    given: {{}}
    expect: []
"""


def model_scaffold(*, code: str, domain: str, root: Path | None = None) -> list[Path]:
    if not _CODE.match(code or ""):
        raise EngineError("the code must look like LAB-10")
    if domain not in DOMAINS:
        raise EngineError(f"the domain must be one of {', '.join(DOMAINS)}")
    root = Path.cwd() if root is None else root
    catalogue = CATALOGUE_DIR if root == Path.cwd() else root / "catalogue"
    targets = {
        catalogue / domain / f"{code}.sql": SQL,
        catalogue / domain / f"{code}.fixtures.yaml": FIXTURES,
        root / "docs" / "models" / f"{code}.md": DOC,
    }
    existing = [str(p) for p in targets if p.exists()]
    if existing:
        raise EngineError(f"{code} exists already: {', '.join(existing)}")
    table, id_column, date_column, amount_column = STARTERS[domain]
    for path, template in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(code=code, domain=domain, table=table, id_column=id_column,
                                        date_column=date_column, amount_column=amount_column), encoding="utf-8")
    return list(targets)
