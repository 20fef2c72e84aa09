from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("new/", views.new, name="new"),
    path("track/", views.track, name="track"),
    path("track/<str:code>/", views.track_code, name="track_code"),
    path("photo/<int:photo_id>/", views.photo, name="photo"),
    path("case/<int:case_id>/reply/", views.reply, name="reply"),
]
