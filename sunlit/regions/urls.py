from django.urls import path

from . import views

app_name = "regions"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("export/", views.export, name="export"),
    path("import/", views.import_page, name="import"),
    path("<str:code>/", views.detail, name="detail"),
]
