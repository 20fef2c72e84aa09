"""Shared relations (``catalogue/shared/<name>.sql``): written once, put before a model's own CTEs,
checked on load, and part of the versions of the models that use them."""

import re
from pathlib import Path

import pytest

from sunlit.engine import EngineError, load_catalogue, load_model
from sunlit.engine.spec import CATALOGUE_DIR, SHARED, load_shared

HEADER = """-- ---
-- code: LAB-98
-- title: {{zh: 测试, en: Test}}
-- domain: labour
-- severity: yellow
-- basis: test
-- subject: labour_payment
-- uses: {uses}
-- reads: {reads}
-- ---
"""
CIRCLE = """-- ---
-- name: circle
-- doc: each cadre in person
-- reads: [cadre]
-- ---
select person_id as cadre_person_id, person_id from cadre -- a comment: not a parameter
"""


def _catalogue(tmp_path: Path, body: str, *, uses="[circle]", reads="[labour_payment, cadre]",
               shared: str = CIRCLE) -> Path:
    (tmp_path / "labour").mkdir()
    (tmp_path / SHARED).mkdir()
    (tmp_path / SHARED / "circle.sql").write_text(shared, encoding="utf-8")
    model = tmp_path / "labour" / "LAB-98.sql"
    model.write_text(HEADER.format(uses=uses, reads=reads) + body, encoding="utf-8")
    return model


def test_a_shared_relation_comes_first_among_the_models_ctes(tmp_path):
    model = _catalogue(tmp_path, "with paid as (select * from labour_payment)\n"
                                 "select p.* from paid as p join circle as c on c.person_id = p.person_id")
    spec = load_model(model)
    assert re.match(r"with circle as \(\nselect person_id as cadre_person_id.*\n\),\npaid as \(", spec.sql, re.S)
    assert [s.code for s in load_catalogue(tmp_path)] == ["LAB-98"]  # the shared folder holds no models


def test_a_model_without_ctes_gets_a_with(tmp_path):
    spec = load_model(_catalogue(tmp_path, "select * from labour_payment where person_id in (select person_id from circle)"))
    assert spec.sql.startswith("with circle as (\n") and spec.sql.endswith("from circle)")


def test_the_models_version_changes_with_the_shared_file(tmp_path):
    model = _catalogue(tmp_path, "select * from circle")
    before = load_model(model).version
    (tmp_path / SHARED / "circle.sql").write_text(CIRCLE.replace("from cadre", "from cadre where true"), encoding="utf-8")
    assert load_model(model).version != before


@pytest.mark.parametrize("uses, reads, shared, body, message", [
    ("[ring]", "[labour_payment, cadre]", CIRCLE, "select 1", "not a shared relation"),
    ("[circle]", "[labour_payment]", CIRCLE, "select 1", "reads cadre: add them to the model's reads"),
    ("[circle]", "[labour_payment, cadre]", CIRCLE, "with circle as (select 1) select 1", "defines its own circle"),
    ("[circle]", "[labour_payment, cadre]", CIRCLE.replace("from cadre", "from cadre where age > :limit"), "select 1",
     "takes no parameters"),
    ("[circle]", "[labour_payment, cadre]", CIRCLE.replace("-- name: circle", "-- name: ring"), "select 1",
     "needs name"),
])
def test_a_wrong_use_is_refused(tmp_path, uses, reads, shared, body, message):
    model = _catalogue(tmp_path, body, uses=uses, reads=reads, shared=shared)
    with pytest.raises(EngineError, match=message):
        load_model(model)


def test_the_catalogues_shared_relations_are_used_and_documented():
    shared = sorted(p.stem for p in (CATALOGUE_DIR / SHARED).glob("*.sql"))
    assert shared == ["cadre_circle", "recipient_household"]
    used = {name: sorted(s.code for s in load_catalogue() if f"{name} as (" in s.sql.split("),")[0] + ")")
            for name in shared}
    assert used == {"cadre_circle": ["AST-04", "PRJ-03"], "recipient_household": ["REL-01", "REL-03"]}
    for name in shared:
        relation = load_shared(CATALOGUE_DIR / SHARED, name, "test")
        assert relation.doc and relation.reads
