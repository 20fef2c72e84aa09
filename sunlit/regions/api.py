from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from . import selectors

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None
    kind: str

    @staticmethod
    def resolve_parent_code(obj) -> str | None:
        return obj.parent_id


@router.get("", response=list[RegionOut], url_name="region_list")
@paginate(PageNumberPagination, page_size=100)
def region_list(request, parent_code: str | None = None, level: str | None = None):
    return selectors.region_list(user=request.auth, parent_code=parent_code, level=level)


@router.get("/{code}", response=RegionOut, url_name="region_get")
def region_get(request, code: str):
    return selectors.region_get(user=request.auth, code=code)
