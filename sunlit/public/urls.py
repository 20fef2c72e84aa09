from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("<str:village_code>/", views.village, name="village"),
    path("<str:village_code>/labour/", views.village_labour, name="village_labour"),
    path("<str:village_code>/labour.xlsx", views.village_labour_export, name="village_labour_export"),
    path("<str:village_code>/qr.<str:fmt>", views.village_qr, name="village_qr"),
    path("<str:village_code>/poster.<str:fmt>", views.village_poster, name="village_poster"),
    path("<str:village_code>/disclosures/publish/", views.disclosure_publish_page, name="disclosure_publish"),
]
