"""The teacher's side of questions and quizzes in the admin, one module per area:

- questions: the review queue and authoring (forms: the question form and its checks;
  item_analysis: what learners' answers say; exports: exports and the CSV import);
- quizzes: quizzes with their ordered questions;
- articles: the quiz side of the article admin (build a quiz, generate questions);
- generation: the entity registry and the generation runs;
- classes: a teacher's classes;
- problem_reports: learners' reports on questions;
- perspective: the perspective page, which the site (quizsite.admin) serves.

Importing the package registers the models' admins with the site, as `admin.autodiscover()`
does at start-up.
"""

from . import articles, classes, generation, problem_reports, questions, quizzes  # noqa: F401
