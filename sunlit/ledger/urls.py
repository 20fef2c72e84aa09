from django.urls import path

from . import registry, views

app_name = "ledger"
urlpatterns = [
    path("", views.index, name="index"),
    path("template/", views.template, name="template"),
    path("import/", views.import_page, name="import"),
    path("import/<int:job_id>/", views.job, name="job"),
    path("import/<int:job_id>/status/", views.job_status, name="job_status"),
    path("import/<int:job_id>/errors.xlsx", views.job_errors, name="job_errors"),
] + [
    # One list page per table (with ?format=xlsx for the export), named <table>_list.
    path(f"{name}/", views.table_list, {"table": name}, name=f"{name}_list")
    for name in registry.TABLE_NAMES
]
