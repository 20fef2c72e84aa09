from django.urls import path

from . import views

app_name = "cockpit"
urlpatterns = [
    path("", views.home, name="home"),
    path("<str:code>/", views.region, name="region"),
    path("<str:code>/export.xlsx", views.export, name="export"),
]
