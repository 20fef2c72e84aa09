"""Every model of the catalogue: its files are all there, and every fixture case — plus the worked
example on its doc page — gives the expected rows on DuckDB and, marked `spark`, on Spark."""

from pathlib import Path

import pytest

from sunlit.engine import load_catalogue
from sunlit.engine.backends import DuckDBBackend, SparkBackend
from sunlit.engine.fixtures import check_case, doc_example, load_cases, write_tables

DOCS = Path(__file__).resolve().parents[2] / "docs" / "models"
CATALOGUE = load_catalogue()
DOC_SECTIONS = ("## Method", "## Why it is a red flag", "## Parameters", "## Exclusions", "## Worked example")


def _cases():
    for spec in CATALOGUE:
        cases = load_cases(spec) + [doc_example(DOCS / f"{spec.code}.md")]
        for case in cases:
            yield pytest.param(spec, case, id=f"{spec.code}: {case.name}")


CASES = list(_cases())


@pytest.mark.parametrize("spec", CATALOGUE, ids=lambda s: s.code)
def test_model_has_its_files_and_cases(spec):
    doc = DOCS / f"{spec.code}.md"
    assert doc.exists(), f"{spec.code}: missing doc page {doc}"
    text = doc.read_text(encoding="utf-8")
    assert all(section in text for section in DOC_SECTIONS), f"{spec.code}: the doc page lacks a section"
    cases = load_cases(spec)
    assert any(c.expect for c in cases), f"{spec.code}: no true-positive case"
    assert any(not c.expect and c.name.startswith("near miss") for c in cases), f"{spec.code}: no near-miss case"
    if "## Exclusions\n\nNone" not in text:
        assert any(c.name.startswith("exclusion") for c in cases), f"{spec.code}: no exclusion case"
    if spec.statistical:
        assert any("min" in name for name in spec.params), f"{spec.code}: a statistical model needs a minimum-sample floor"


@pytest.mark.parametrize("spec,case", CASES)
def test_case_on_duckdb(spec, case, tmp_path):
    backend = DuckDBBackend(write_tables(spec, case.given, tmp_path))
    try:
        assert check_case(spec, case, backend) == []
    finally:
        backend.close()


@pytest.mark.spark
@pytest.mark.parametrize("spec,case", CASES)
def test_case_on_spark(spec, case, tmp_path):
    backend = SparkBackend(write_tables(spec, case.given, tmp_path))
    try:
        assert check_case(spec, case, backend) == []
    finally:
        backend.close()
