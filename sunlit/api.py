"""The HTTP API under /api/v1/ (django-ninja). Systems authenticate with a bearer token; a signed-in
browser session works too. The OpenAPI document at /api/v1/openapi.json holds no data and is
readable without signing in. Domain errors become HTTP errors here, in one place."""

from ninja import NinjaAPI
from ninja.security import django_auth

from sunlit.accounts.api import router as accounts_router
from sunlit.accounts.api_auth import TokenAuth
from sunlit.cases.api import router as cases_router
from sunlit.closedloop.api import router as loop_router
from sunlit.cockpit.api import router as cockpit_router
from sunlit.errors import InvalidInput, SunlitError
from sunlit.ledger.api import router as ledger_router
from sunlit.public.api import router as public_router
from sunlit.regions.api import router as regions_router
from sunlit.reports.api import router as reports_router
from sunlit.supervision.api import router as alerts_router

api = NinjaAPI(
    title="Sunlit API",
    version="1",
    description="基层公权力大数据监督 Sunlit — scope-filtered access for other systems.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    docs_url=None,
)


@api.exception_handler(SunlitError)
def _domain_error(request, exc: SunlitError):
    body = {"detail": exc.message}
    if isinstance(exc, InvalidInput):
        body["errors"] = [e.__dict__ for e in exc.errors]
    return api.create_response(request, body, status=exc.status)


api.add_router("/", accounts_router)
api.add_router("/regions", regions_router)
api.add_router("/ledger", ledger_router)
api.add_router("/alerts", alerts_router)
api.add_router("/cases", cases_router)
api.add_router("/reports", reports_router)
api.add_router("/cockpit", cockpit_router)
api.add_router("/loop", loop_router)
api.add_router("/public", public_router)
