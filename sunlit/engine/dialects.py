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
        return tree.transform(self._day_of_week).transform(self._plain_cte)

    @staticmethod
    def _plain_cte(node):
        """``with x as materialized (…)`` — a hint that keeps DuckDB (and PostgreSQL) from reordering a
        small, selective step into a large join — has no Spark syntax; Spark plans the query whole."""
        if isinstance(node, exp.CTE) and node.args.get("materialized") is not None:
            node = node.copy()
            node.set("materialized", None)
        return node

    @staticmethod
    def _day_of_week(node):
        """DuckDB's dayofweek counts Sunday = 0 … Saturday = 6; Spark's counts Sunday = 1 … 7."""
        if isinstance(node, exp.DayOfWeek) and not node.meta.get("sunlit_shifted"):
            shifted = exp.Sub(this=node.copy(), expression=exp.Literal.number(1))
            shifted.this.meta["sunlit_shifted"] = True
            return exp.paren(shifted)
        return node


class PostgresDialect(Dialect):
    """PostgreSQL, for comparison only (the benchmark runs the catalogue there too); not a backend
    of model runs."""

    name = "postgresql"
    sqlglot_name = "postgres"

    def rewrite(self, tree: exp.Expression) -> exp.Expression:
        tree = tree.transform(self._struct_to_json)
        tree = tree.transform(self._any_of_list)
        tree = tree.transform(self._postgres_functions)
        return tree.transform(self._qualify_to_subquery)

    @staticmethod
    def _any_of_list(node):
        """``list_contains(list_transform(list, x -> test), true)`` (no lambdas in PostgreSQL) becomes
        ``exists (select 1 from unnest(list) as _l(x) where test)``."""
        if (isinstance(node, exp.ArrayContains) and isinstance(node.this, exp.Transform)
                and isinstance(node.expression, exp.Boolean) and node.expression.this is True):
            lam = node.this.expression
            names = [i.name for i in lam.expressions]
            test = lam.this.transform(lambda n: exp.column(n.name, table="_l")
                                      if isinstance(n, exp.Identifier) and n.name in names
                                      and not isinstance(n.parent, exp.Column) else n)
            source = exp.Unnest(expressions=[node.this.this],
                                alias=exp.TableAlias(this=exp.to_identifier("_l"),
                                                     columns=[exp.to_identifier(n) for n in names]))
            return exp.Exists(this=exp.select("1").from_(source).where(test))
        return node

    @staticmethod
    def _postgres_functions(node):
        if isinstance(node, exp.Contains):  # contains(text, part)
            return exp.GT(this=exp.Anonymous(this="strpos", expressions=[node.this, node.expression]),
                          expression=exp.Literal.number(0))
        if isinstance(node, exp.DayOfWeek):  # Sunday = 0 … Saturday = 6, as DuckDB counts
            return exp.Cast(this=exp.Extract(this=exp.var("dow"), expression=node.this),
                            to=exp.DataType.build("int"))
        if isinstance(node, exp.Round) and node.args.get("decimals") is not None:  # round(numeric, n) only
            return exp.Round(this=exp.Cast(this=node.this, to=exp.DataType.build("numeric")),
                             decimals=node.args["decimals"])
        if isinstance(node, exp.Array) and not node.expressions:  # an empty list parameter
            return exp.Cast(this=node, to=exp.DataType.build("text[]", dialect="postgres"))
        return node

    @staticmethod
    def _qualify_to_subquery(node):
        """``select … qualify cond`` becomes ``select <its columns> from (select …, window as _qN …)
        where cond'``: each window function of the condition is computed as a column of the inner
        query (a select with ``*`` keeps the extra columns, harmless in a CTE)."""
        if not isinstance(node, exp.Select) or not node.args.get("qualify"):
            return node
        inner = node.copy()
        condition = inner.args["qualify"].this
        inner.set("qualify", None)
        windows = []

        def lift(n):
            if isinstance(n, exp.Window):
                name = f"_q{len(windows)}"
                windows.append(exp.alias_(n.copy(), name))
                return exp.column(name)
            return n

        condition = condition.transform(lift)
        named = [e.alias_or_name for e in inner.expressions]
        outer = ["*"] if any(e.is_star or not n for e, n in zip(inner.expressions, named, strict=True)) else named
        inner.set("expressions", [*inner.expressions, *windows])
        return exp.select(*[exp.column(n) if n != "*" else exp.Star() for n in outer]) \
            .from_(inner.subquery("_qualified")).where(condition)

    @staticmethod
    def _struct_to_json(node):
        """A struct literal (the evidence) becomes ``json_build_object('key', value, …)``."""
        if isinstance(node, exp.Struct):
            args = []
            for item in node.expressions:
                if isinstance(item, exp.PropertyEQ):
                    args += [exp.Literal.string(item.this.name), item.expression]
                else:
                    args += [exp.Literal.string(item.alias_or_name), item.unalias()]
            return exp.Anonymous(this="json_build_object", expressions=args)
        return node


DIALECTS = {"duckdb": Dialect(), "spark": SparkDialect(), "postgresql": PostgresDialect()}
