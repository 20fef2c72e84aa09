"""Region tree import: code format, parent exists, level consistent with the code; all or nothing;
idempotent; limited to the importer's scope."""

import pytest

from sunlit import tabular
from sunlit.errors import AccessDenied, InvalidInput
from sunlit.regions.loading import zhejiang_load
from sunlit.regions.models import Region
from sunlit.regions.selectors import region_export_rows
from sunlit.regions.services import COLUMNS, regions_import

pytestmark = pytest.mark.django_db


def _import(text, actor):
    header, rows = tabular.read_rows(text.encode("utf-8"), fmt="csv")
    return regions_import(rows=rows, header=header, actor=actor, source="test.csv")


HEADER = "code,name,level,parent_code,kind\n"


def test_the_shipped_zhejiang_tree(users):
    result = zhejiang_load(actor=users.admin)
    assert result.created == 102 - 4  # the fixture tree already holds the province, Hangzhou and two districts
    assert Region.objects.filter(level="city", code__startswith="33").count() == 11
    assert Region.objects.filter(level="county", code__startswith="33").count() == 90
    assert Region.objects.get(code="330114000000").name == "钱塘区"
    again = zhejiang_load(actor=users.admin)
    assert (again.created, again.updated) == (0, 0)


def test_each_rule_reports_row_and_column_and_nothing_is_written(users):
    before = Region.objects.count()
    text = HEADER + "\n".join([
        "330102002000,新塘街道,township,330102000000,",      # row 2: good
        "33010200300,短码,township,330102000000,",           # row 3: code format
        "330102004000,错层级,village,330102000000,",          # row 4: level not the code's
        "330102005001,无上级村,village,330102005000,village",  # row 5: parent missing
        "330102006000,错上级,township,330106000000,",         # row 6: parent not the code's parent
        "330102002001,类型错,village,330102002000,hamlet",     # row 7: unknown kind
        "330102002000,重复,township,330102000000,",           # row 8: duplicate of row 2
    ])
    with pytest.raises(InvalidInput) as caught:
        _import(text, users.admin)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {(3, "code"), (4, "level"), (5, "parent_code"), (6, "parent_code"), (7, "kind"), (8, "code")}
    assert Region.objects.count() == before


def test_missing_columns_are_named(users):
    with pytest.raises(InvalidInput, match="parent_code"):
        _import("code,name,level\n330102002000,新塘街道,township\n", users.admin)


def test_parents_may_come_later_in_the_same_file(users):
    text = HEADER + "330102002001,新塘村,village,330102002000,village\n330102002000,新塘街道,township,330102000000,\n"
    assert _import(text, users.admin).created == 2


def test_reimport_is_idempotent_and_updates_in_place(users):
    text = HEADER + "330102002000,新塘街道,township,330102000000,\n"
    assert _import(text, users.admin).created == 1
    again = _import(text, users.admin)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    renamed = _import(text.replace("新塘街道", "新塘镇"), users.admin)
    assert renamed.updated == 1 and Region.objects.get(code="330102002000").name == "新塘镇"


def test_a_steward_imports_only_inside_their_scope(users):
    inside = HEADER + "330102002000,新塘街道,township,330102000000,\n"
    assert _import(inside, users.steward).created == 1
    outside = HEADER + "330106002000,外县街道,township,330106000000,\n"
    with pytest.raises(InvalidInput) as caught:
        _import(outside, users.steward)
    assert caught.value.errors[0].column == "code" and "scope" in caught.value.errors[0].message


@pytest.mark.parametrize("who", ["inspector_a", "clerk", "liaison"])
def test_other_roles_may_not_import(users, who):
    with pytest.raises(AccessDenied):
        _import(HEADER + "330102002000,新塘街道,township,330102000000,\n", getattr(users, who))


def test_xlsx_round_trip(users):
    rows = list(region_export_rows(user=users.inspector_a))
    assert [r[0] for r in rows] == ["330102000000", "330102001000", "330102001001"]
    body = tabular.write_xlsx(COLUMNS, rows)
    header, parsed = tabular.read_rows(body, fmt="xlsx")
    result = regions_import(rows=parsed, header=header, actor=users.admin, source="round-trip.xlsx")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)


def test_upload_page_shows_every_error(users, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(users.steward)
    bad = SimpleUploadedFile("tree.csv", (HEADER + "330102004000,错层级,village,330102000000,\n").encode())
    response = client.post("/regions/import/", {"file": bad})
    assert response.status_code == 422
    assert "import-errors" in response.content.decode()
    good = SimpleUploadedFile("tree.csv", (HEADER + "330102002000,新塘街道,township,330102000000,\n").encode())
    response = client.post("/regions/import/", {"file": good})
    assert response.status_code == 200 and Region.objects.filter(code="330102002000").exists()
    wrong_type = SimpleUploadedFile("tree.txt", b"x")
    assert client.post("/regions/import/", {"file": wrong_type}).status_code == 422
