from django.urls import path

from .views import home, labour

app_name = "entry"
urlpatterns = [
    path("", home.home, name="home"),
    path("<str:village_code>/labour/", labour.tasks, name="labour_tasks"),
    path("labour/task/<str:task_id>/", labour.task, name="labour_task"),
    path("labour/task/<str:task_id>/attendance/", labour.attendance, name="labour_attendance"),
    path("labour/task/<str:task_id>/pay/", labour.pay, name="labour_pay"),
]
