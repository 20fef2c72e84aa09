"""Every model's header lists exactly the evidence keys its SQL writes: the pages label them from the
header's list, so a key written but not declared would go unnoticed."""

import pytest
import sqlglot
from sqlglot import exp

from sunlit.engine import load_catalogue

SPECS = load_catalogue()


def _written_keys(sql: str) -> set[str]:
    tree = sqlglot.parse_one(sql, read="duckdb")
    evidence = next(e for e in tree.expressions if e.alias_or_name == "evidence")
    struct = evidence.find(exp.Struct)
    return {item.this.name if isinstance(item, exp.PropertyEQ) else item.alias_or_name
            for item in struct.expressions}


@pytest.mark.parametrize("spec", SPECS, ids=[s.code for s in SPECS])
def test_the_header_declares_every_evidence_key_the_sql_writes(spec):
    assert _written_keys(spec.sql) == set(spec.evidence)
