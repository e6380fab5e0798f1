"""The forms of the teacher's admin: authoring a question (with the checks generation meets,
from quizzes.checks), its choices, the CSV import's upload, and content's article import with
generation added."""

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.text import Truncator

from content.forms import ArticleImportForm
from content.models import Article, Sentence
from quizzes.checks import find_choice_problems, find_span_problems, find_stem_problems
from quizzes.models import Question

# Fields whose change turns a generated question into the teacher's ("edited"), so that
# generation never overwrites it; in the order the question form shows them. Status is a
# review decision, not an edit.
CONTENT_FIELDS = (
    "sentence",
    "answer_start",
    "answer_end",
    "kind",
    "mode",
    "stem",
    "answer",
    "answer_normalized",
    "attribution",
)


def describe_sentence(sentence):
    """A sentence as the picker shows it, its article being chosen beside it: "#3: It lasted…"."""
    return f"#{sentence.position}: {Truncator(sentence.text).chars(110)}"


class QuestionAdminForm(forms.ModelForm):
    """Authoring and editing: pick the article, then one of its sentences (searched), mark the
    answer in it (or let the form find it), and meet the checks generation meets."""

    answer_start = forms.IntegerField(
        min_value=0,
        required=False,
        help_text="Where the answer starts in the sentence (character offset from 0). Select "
        "the answer in the sentence above, or leave both offsets empty to use the place where "
        "the answer appears in the sentence.",
    )
    answer_end = forms.IntegerField(
        min_value=0, required=False, help_text="Where the answer ends (exclusive)."
    )

    class Meta:
        model = Question
        fields = ["article", *CONTENT_FIELDS, "status"]
        widgets = {"stem": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The article may be left out: the sentence names it. When given, the sentence search
        # looks only in it (static/quizzes/question-authoring.js) and clean() insists.
        article = self.fields["article"]
        article.required = False
        article.queryset = Article.objects.select_related("outlet").order_by("title")
        article.help_text = "Pick the article first: the sentence search then looks only in it."
        sentence = self.fields["sentence"]
        sentence.queryset = Sentence.objects.select_related("article")
        sentence.label_from_instance = describe_sentence
        sentence.help_text = (
            "The sentence the question is drawn from (type a few of its words); the answer must "
            "be part of it."
        )
        # A question whose sentence left its changed article can still be rejected or kept as
        # a draft without picking a new one; only publishing needs it (see clean).
        self.sentence_gone = self.instance.pk is not None and self.instance.sentence_id is None
        sentence.required = not self.sentence_gone

    def clean(self):
        data = super().clean()
        sentence, article = data.get("sentence"), data.get("article")
        if sentence is None:
            if article is None and self.instance.article_id:
                data["article"] = self.instance.article
            publishing = data.get("status") == Question.Status.PUBLISHED or "_publish" in self.data
            if self.sentence_gone and publishing:
                self.add_error(
                    "sentence",
                    "Pick the sentence that now states the fact before publishing: the old one "
                    "is no longer in the article.",
                )
            for name in ("answer_start", "answer_end"):
                if data.get(name) is None:
                    data[name] = getattr(self.instance, name)
            return data
        if article is not None and sentence.article_id != article.pk:
            self.add_error(
                "sentence",
                f"This sentence is from “{sentence.article.title}”, not from the chosen article "
                f"“{article.title}”: pick one of its sentences, or change the article.",
            )
            return data
        data["article"] = sentence.article
        text, answer = sentence.text, data.get("answer") or ""
        start, end = data.get("answer_start"), data.get("answer_end")
        if start is None and end is None and answer:
            found = text.count(answer)
            if found != 1:
                where = "does not appear" if found == 0 else f"appears {found} times"
                self.add_error(
                    "answer_start",
                    f"The answer “{answer}” {where} in the sentence as written: "
                    "mark its span with the start and end offsets.",
                )
                return data
            start = text.index(answer)
            end = start + len(answer)
        for problem in find_span_problems(sentence_text=text, answer_start=start, answer_end=end):
            self.add_error("answer_start", problem)
        if self.errors:
            return data
        stem = data.get("stem") or ""
        for problem in find_stem_problems(
            stem=stem, answer=answer, answer_as_written=text[start:end]
        ):
            self.add_error("stem", problem)
        data["answer_start"], data["answer_end"] = start, end
        # The article and the quoted text follow the chosen sentence.
        self.instance.article = sentence.article
        self.instance.sentence_text = text
        return data


class ChoiceInlineFormSet(BaseInlineFormSet):
    """Checks the choices against the question: the answer exactly once, marked correct."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        texts, correct = [], []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("text"):
                continue
            texts.append(data["text"])
            correct.append(bool(data.get("is_correct")))
        question = self.instance
        if not question.answer:
            return  # the question form reports the missing answer
        problems = find_choice_problems(
            mode=question.mode, answer=question.answer, choices=texts, correct=correct
        )
        if problems:
            raise forms.ValidationError(problems)


class CsvImportForm(forms.Form):
    file = forms.FileField(
        help_text="A CSV file written by “Export as CSV” or `export_questions --format csv`. "
        "All rows are checked first; one bad row and nothing is imported."
    )


class ArticleImportAndGenerateForm(ArticleImportForm):
    """content's import form, plus starting generation for the imported articles."""

    generate_questions = forms.BooleanField(
        label="Generate questions now",
        required=False,
        help_text="In the background, for every imported article; the drafts then wait in the "
        "review queue. Follow it under Generation runs.",
    )
    fieldsets = [*ArticleImportForm.fieldsets, ("Questions", "", ["generate_questions"])]
