from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("<str:village_code>/labour/", views.village_labour, name="village_labour"),
]
