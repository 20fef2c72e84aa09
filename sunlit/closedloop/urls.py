from django.urls import path

from . import views

app_name = "loop"
urlpatterns = [
    path("problems/", views.problem_lists, name="problem_lists"),
    path("problems/<int:list_id>/", views.problem_list, name="problem_list"),
    path("problems/<int:list_id>/print/", views.problem_list_print, name="problem_list_print"),
    path("problems/<int:list_id>/xlsx/", views.problem_list_export, name="problem_list_export"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("campaigns/<int:campaign_id>/", views.campaign, name="campaign"),
    path("campaigns/<int:campaign_id>/evaluation/", views.campaign_evaluation, name="campaign_evaluation"),
    path("tasks/<int:task_id>/", views.campaign_task, name="campaign_task"),
    path("reforms/", views.reforms, name="reforms"),
    path("reforms/<int:reform_id>/", views.reform, name="reform"),
    path("reforms/<int:reform_id>/files/<uuid:file_id>/", views.reform_file, name="reform_file"),
]
