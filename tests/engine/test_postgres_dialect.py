"""The PostgreSQL dialect (used by bench/models_catalogue.py to run the same SQL in PostgreSQL):
every model of the catalogue renders to SQL that PostgreSQL's parser in sqlglot accepts, with no
DuckDB-only construct left (struct literals, QUALIFY, lambdas, day_of_week), and the rewrites say
what they should."""

import pytest
import sqlglot

from sunlit.engine import load_catalogue
from sunlit.engine.dialects import DIALECTS
from sunlit.engine.params import bind_params

PG = DIALECTS["postgresql"]


@pytest.mark.parametrize("spec", load_catalogue(), ids=lambda s: s.code)
def test_every_model_renders_for_postgresql(spec):
    sql = PG.render(spec.sql, bind_params(spec, None), spec.code)
    sqlglot.parse_one(sql, read="postgres")
    upper = sql.upper()
    for construct in ("STRUCT(", " QUALIFY ", "TRANSFORM(", "->", "DAY_OF_WEEK(", "CONTAINS("):
        assert construct not in upper, construct


def _render(sql: str) -> str:
    return PG.render(sql, {}, "TEST")


def test_evidence_struct_becomes_a_json_object():
    assert "JSON_BUILD_OBJECT('a', x, 'b', 1)" in _render("select {'a': x, 'b': 1} as evidence from t")


def test_qualify_becomes_a_filtered_subquery_with_the_same_columns():
    sql = _render("select a, b from t qualify row_number() over (partition by a order by b) = 1")
    assert sql.startswith("SELECT a, b FROM (SELECT a, b, ROW_NUMBER() OVER (PARTITION BY a ORDER BY b) AS _q0")
    assert sql.endswith("WHERE _q0 = 1")


def test_a_list_tested_with_a_lambda_becomes_exists_over_unnest():
    sql = _render("select * from t where list_contains(list_transform(['x', 'y'], m -> contains(s, m)), true)")
    assert "EXISTS(SELECT 1 FROM UNNEST(ARRAY['x', 'y']) AS _l(m) WHERE STRPOS(s, _l.m) > 0)" in sql


def test_day_of_week_counts_sunday_as_zero_and_round_takes_numeric():
    sql = _render("select dayofweek(d) as w, round(x / 3.0, 2) as r from t")
    assert "CAST(EXTRACT(dow FROM d) AS INT)" in sql
    assert "ROUND(CAST(CAST(x AS DOUBLE PRECISION) / 3.0 AS DECIMAL), 2)" in sql
