from django.contrib import admin
from django.urls import include, path

from sunlit.accounts.views import admin_sign_in
from sunlit.api import api

admin.site.site_header = "Sunlit 阳光监督"
admin.site.site_title = "Sunlit"
# One sign-in page for everyone (lockout, two-factor and the audit chain apply to it).
admin.site.login = admin_sign_in

urlpatterns = [
    path("", include("sunlit.web.urls")),
    path("accounts/", include("sunlit.accounts.urls")),
    path("regions/", include("sunlit.regions.urls")),
    path("ledger/", include("sunlit.ledger.urls")),
    path("audit/", include("sunlit.audit.urls")),
    path("supervision/", include("sunlit.supervision.urls")),
    path("cases/", include("sunlit.cases.urls")),
    path("cockpit/", include("sunlit.cockpit.urls")),
    path("loop/", include("sunlit.closedloop.urls")),
    path("entry/", include("sunlit.entry.urls")),
    path("v/", include("sunlit.public.urls")),
    path("r/", include("sunlit.reports.urls")),
    path("registries/", include("sunlit.registries.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
