from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("inbox/", views.inbox, name="inbox"),
    path("dispatch/", views.dispatch_bulk, name="dispatch_bulk"),
    path("<int:case_id>/", views.detail, name="detail"),
    path("<int:case_id>/files/<uuid:file_id>/", views.case_file, name="file"),
    path("<int:case_id>/<slug:step>/", views.step, name="step"),
]
