from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("", views.home, name="home"),
    # Accounts and progress
    path("accounts/signup/", views.signup, name="signup"),
    path("settings/", views.learner_settings, name="settings"),
    path("dashboard/", views.dashboard, name="dashboard"),
    # Classes and problem reports
    path("classes/join/", views.join_class, name="join_class"),
    path("classes/<int:pk>/", views.class_detail, name="class_detail"),
    path("questions/<int:pk>/report/", views.report_question, name="report_question"),
]
