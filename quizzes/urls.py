from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("", views.home, name="home"),
    # Quizzes and flashcards
    path("quizzes/", views.quiz_list, name="quiz_list"),
    path("quizzes/<slug:slug>/", views.quiz_detail, name="quiz"),
    path("attempts/<int:attempt_id>/", views.take, name="take"),
    path("attempts/<int:attempt_id>/answer/", views.answer, name="answer"),
    path("attempts/<int:attempt_id>/finish/", views.finish, name="finish"),
    path("attempts/<int:attempt_id>/result/", views.attempt_result, name="attempt_result"),
    path("flashcards/", views.flashcards, name="flashcards"),
    path("flashcards/<int:card_id>/rate/", views.rate_card, name="rate_card"),
    # Accounts and progress
    path("accounts/signup/", views.signup, name="signup"),
    path("settings/", views.learner_settings, name="settings"),
    path("dashboard/", views.dashboard, name="dashboard"),
    # Classes and problem reports
    path("classes/join/", views.join_class, name="join_class"),
    path("classes/<int:pk>/", views.class_detail, name="class_detail"),
    path("questions/<int:pk>/report/", views.report_question, name="report_question"),
]
