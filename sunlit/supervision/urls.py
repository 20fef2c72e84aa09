from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("alerts/", views.alert_list, name="alert_list"),
    path("alerts/export/", views.alert_export, name="alert_export"),
    path("alerts/<int:alert_id>/", views.alert_detail, name="alert_detail"),
    path("models/", views.model_list, name="model_list"),
]
