from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Quizzes and learning"

    def ready(self):
        # Questions follow their sentences when an article is re-split (content announces it
        # with a signal, since content never imports quizzes).
        from content.signals import article_resplit
        from quizzes import question_cache  # noqa: F401  (connects its receivers)
        from quizzes.questions import follow_article_resplit

        article_resplit.connect(follow_article_resplit, dispatch_uid="quizzes.follow_resplit")
