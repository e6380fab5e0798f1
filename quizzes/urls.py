from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("", views.home, name="home"),
    # Accounts and progress
    path("accounts/signup/", views.signup, name="signup"),
    path("settings/", views.learner_settings, name="settings"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
