"""SQL dialects. Models are written once, in DuckDB's SQL; sqlglot parses them, parameters are
bound as literals in the syntax tree (never pasted into text), and the tree is generated for the
target engine. Where the engines differ in a way sqlglot does not bridge, the difference is one
method of the dialect class — never a second copy of a rule."""

from datetime import date
from decimal import Decimal

import sqlglot
from sqlglot import exp

from .errors import EngineError


def _literal(value) -> exp.Expression:
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | Decimal | float):
        return exp.Literal.number(str(value))
    if isinstance(value, date):
        return exp.Cast(this=exp.Literal.string(value.isoformat()), to=exp.DataType.build("date"))
    if isinstance(value, tuple | list):
        return exp.Array(expressions=[_literal(v) for v in value])
    return exp.Literal.string(str(value))


class Dialect:
    """The source dialect is DuckDB; a subclass names its sqlglot target and rewrites what differs."""

    name = "duckdb"
    sqlglot_name = "duckdb"

    def parse(self, sql: str, code: str) -> exp.Expression:
        try:
            return sqlglot.parse_one(sql, read="duckdb")
        except sqlglot.errors.ParseError as exc:
            raise EngineError(f"{code}: the SQL does not parse: {exc}") from None

    def bind(self, tree: exp.Expression, params: dict, code: str) -> exp.Expression:
        def replace(node):
            if isinstance(node, exp.Placeholder) and node.name:
                if node.name not in params:
                    raise EngineError(f"{code}: the SQL uses :{node.name}, which is not a declared parameter")
                return _literal(params[node.name])
            return node

        return tree.transform(replace)

    def rewrite(self, tree: exp.Expression) -> exp.Expression:
        """Engine-specific rewrites of the bound tree (none for the source dialect)."""
        return tree

    def render(self, sql: str, params: dict, code: str, region_prefix: str | None = None,
               exclude_prefixes: tuple[str, ...] = ()) -> str:
        """The SQL for this engine. ``region_prefix`` keeps only rows of villages under it and
        ``exclude_prefixes`` drops those under any of them (regions that run with their own
        parameters). Peers of statistical models are still computed over all the data."""
        tree = self.rewrite(self.bind(self.parse(sql, code), params, code))
        conditions = [exp.column("village_code").like(exp.Literal.string(region_prefix + "%"))] if region_prefix else []
        conditions += [exp.not_(exp.column("village_code").like(exp.Literal.string(p + "%"))) for p in exclude_prefixes]
        if conditions:
            tree = exp.select("*").from_(tree.subquery("model_rows")).where(exp.and_(*conditions))
        return tree.sql(dialect=self.sqlglot_name)


class SparkDialect(Dialect):
    name = "spark"
    sqlglot_name = "spark"

    def rewrite(self, tree: exp.Expression) -> exp.Expression:
        return tree.transform(self._day_of_week)

    @staticmethod
    def _day_of_week(node):
        """DuckDB's dayofweek counts Sunday = 0 … Saturday = 6; Spark's counts Sunday = 1 … 7."""
        if isinstance(node, exp.DayOfWeek) and not node.meta.get("sunlit_shifted"):
            shifted = exp.Sub(this=node.copy(), expression=exp.Literal.number(1))
            shifted.this.meta["sunlit_shifted"] = True
            return exp.paren(shifted)
        return node


DIALECTS = {"duckdb": Dialect(), "spark": SparkDialect()}
