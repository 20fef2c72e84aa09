from django.urls import path

from .views import assets, cadres, home, labour, procurement, projects, relief, seals

app_name = "entry"
urlpatterns = [
    path("", home.home, name="home"),
    path("<str:village_code>/labour/", labour.tasks, name="labour_tasks"),
    path("labour/task/<str:task_id>/", labour.task, name="labour_task"),
    path("labour/task/<str:task_id>/attendance/", labour.attendance, name="labour_attendance"),
    path("labour/task/<str:task_id>/pay/", labour.pay, name="labour_pay"),
    path("<str:village_code>/projects/", projects.projects, name="projects"),
    path("projects/<str:project_id>/", projects.project, name="project"),
    path("projects/<str:project_id>/<str:step>/", projects.project_step, name="project_step"),
    path("<str:village_code>/purchases/", procurement.purchases, name="purchases"),
    path("<str:village_code>/assets/", assets.assets, name="assets"),
    path("assets/<str:asset_id>/", assets.asset, name="asset"),
    path("leases/<str:lease_id>/", assets.lease, name="lease"),
    path("<str:village_code>/relief/", relief.recipients, name="relief"),
    path("<str:village_code>/relief/payments/", relief.payments, name="relief_payments"),
    path("<str:village_code>/seals/", seals.seals, name="seals"),
    path("<str:village_code>/seals/uses/", seals.uses, name="seal_uses"),
    path("seal-uses/<str:usage_id>/", seals.use, name="seal_use"),
    path("<str:village_code>/cadres/", cadres.cadres, name="cadres"),
]
