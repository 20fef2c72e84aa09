from django.urls import path

from . import views

app_name = "registries"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("load/", views.load_page, name="load"),
]
