"""Time a bulk import: N synthetic articles imported and questions generated for them.

    uv run python -m bench.bulk_import [--articles 1000] [--words 1000] [--database postgres]

Writes N distinct synthetic news articles of about W words (deterministic from --seed) into a
temporary folder, then on a fresh database (a throwaway PostgreSQL cluster, or a temporary
SQLite file) runs `migrate` and times, as subprocesses, the two commands a teacher runs:
`import_articles <folder>` and `generate_questions --publish-above 0.6` (as `make run` does).
Prints the counts, the seconds and peak RSS of each step, and exits non-zero when import and
generation together take longer than the target (issue 8: 1,000 articles in 5 minutes).
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 300  # issue 8: 1,000 articles imported and generated in 5 minutes
TARGET_ARTICLES = 1000
PUBLISH_ABOVE = "0.6"

# -- synthetic articles ---------------------------------------------------------------------------
# Our own writing: slots filled from the lists below, so every article differs while the prose
# keeps the shapes generation looks for (dates, counts, amounts, shares, distances, times).

OUTLETS = (
    ("TRT", "news"),
    ("Caspian Post", "opinion"),
    ("Caucasus Wire", "news"),
    ("Ministry of Economy", "official"),
    ("Highland Courier", "news"),
)
PLACES = (
    "Ganja", "Sumgait", "Lankaran", "Shaki", "Mingachevir", "Gazakh", "Quba", "Shamakhi",
    "Nakhchivan", "Barda", "Aghdam", "Fuzuli", "Zangilan", "Lachin", "Shusha", "Khachmaz",
    "Gabala", "Ismayilli", "Tovuz", "Agstafa", "Yevlakh", "Salyan", "Masally", "Astara",
)  # fmt: skip
PEOPLE = (
    "Deputy Minister Leyla Hasanova",
    "Mayor Farid Guliyev",
    "Governor Elnur Mammadov",
    "spokeswoman Nigar Aliyeva",
    "chief engineer Rauf Ismayilov",
    "Professor Sevinj Karimova",
    "regional director Tural Abbasov",
    "committee chair Aysel Huseynova",
)
BODIES = (
    "the transport ministry", "the state statistics committee", "the central bank",
    "the emergency ministry", "the health ministry", "the agriculture ministry",
    "the regional administration", "the energy regulator", "the port authority",
    "the national railway company", "the water agency", "the education ministry",
)  # fmt: skip
CURRENCIES = ("manat", "dollars", "euros")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Per topic: the thing built or run, the people it serves, those who work on it, what it
# counts, and who takes part.
TOPICS = {
    "bridge": ("bridge", "residents", "workers", "vehicles", "volunteers"),
    "school": ("school", "pupils", "teachers", "laptops", "parents"),
    "grain": ("grain terminal", "farmers", "seasonal workers", "tonnes of wheat", "growers"),
    "flood": ("flood barrier", "residents", "engineers", "sandbags", "rescue workers"),
    "hospital": ("hospital", "patients", "nurses", "ambulance calls", "doctors"),
    "port": ("port", "residents", "dock workers", "containers", "truck drivers"),
    "power": ("power plant", "households", "engineers", "megawatt-hours", "technicians"),
    "rail": ("railway line", "passengers", "track workers", "freight wagons", "commuters"),
}
TITLES = (
    "{Place} {topic} project passes a milestone",
    "New {topic} figures for {place} published",
    "{Place} residents react to {topic} plans",
    "Officials in {place} set out the {topic} budget",
    "What the {topic} report says about {place}",
)

SENTENCES = (
    "{Body} said on {weekday} that {count} {b} had been counted in {place} by {date}.",
    "The {topic} in {place} cost {amount} {currency}, {body} said in a statement.",
    "Work began on {date} and employed up to {count} {c} at its peak.",
    "According to {body}, {count} {d} were recorded in {month} {year}, up {pct}% from a year "
    "earlier.",
    "{Person} told reporters in {place} that the work would end by {month} {year}.",
    "About {count} {b} in {place} and {place2} were affected, {body} said.",
    "The {topic} was first planned in {year}, but the project was postponed {small} times.",
    "More than {count} {e} took part, {person} said at a briefing at {hour}:{minute} a.m.",
    "A {km} km stretch between {place} and {place2} reopened on {date}.",
    "The government allocated {amount} {currency} to the programme in {year}, {body} said.",
    "Since {year}, the number of {b} in {place} has grown by about {pct} percent.",
    '"We finished {small} weeks ahead of schedule," {person} said on {date}.',
    "{Body} expects {count} more {c} to join by the end of {year}.",
    "The last comparable {topic} in {place} opened in {year} and served {count} {b}.",
    "On {date}, {body} signed contracts worth {amount} {currency} with {small} local firms.",
    "Local officials said {pct}% of {b} in {place} now live within {km} km of the {topic}.",
    "In {month} {year}, {count} {d} passed through {place}, according to {body}.",
    "The {topic} covers {area} hectares and was inspected on {date}.",
    "{Person} said {count} {b} had signed a petition by {weekday}.",
    "Between {year} and {year2}, {place} received {amount} {currency} in grants.",
    "Inspectors found {small} faults during a visit on {date}, {body} said.",
    "Some {count} {e} were trained for the {topic} in {place2} last {month}.",
)


def _number(rng, low, high):
    return f"{rng.randint(low, high):,}"


def _fill(template, rng, *, topic, place, year):
    words = TOPICS[topic]
    month = rng.choice(MONTHS)
    day_date = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
    values = {
        "topic": words[0],
        "b": words[1],
        "c": words[2],
        "d": words[3],
        "e": words[4],
        "place": place,
        "place2": rng.choice([p for p in PLACES if p != place]),
        "body": rng.choice(BODIES),
        "person": rng.choice(PEOPLE),
        "weekday": rng.choice(WEEKDAYS),
        "month": month,
        "year": year - rng.randint(0, 6),
        "year2": year - rng.randint(0, 2),
        "date": rng.choice(
            (
                f"{MONTHS[day_date.month - 1]} {day_date.day}, {day_date.year}",
                f"{day_date.day} {MONTHS[day_date.month - 1]} {day_date.year}",
                f"{MONTHS[day_date.month - 1]} {day_date.day}",
            )
        ),
        "count": _number(rng, 12, 98_000),
        "small": rng.randint(2, 9),
        "amount": rng.choice(
            (
                f"{rng.randint(2, 950)} million",
                f"{rng.randint(11, 99)}.{rng.randint(1, 9)} million",
                _number(rng, 15_000, 900_000),
            )
        ),  # fmt: skip
        "currency": rng.choice(CURRENCIES),
        "pct": rng.randint(3, 64),
        "km": rng.randint(4, 320),
        "area": _number(rng, 40, 12_000),
        "hour": rng.randint(8, 11),
        "minute": rng.choice(("00", "15", "30", "45")),
    }
    text = template.format(**values, **{k.capitalize(): v for k, v in values.items()})
    # A sentence starts with a capital ("Mayor ..." and "The ..." alike).
    return text[0].upper() + text[1:]


def article_text(index, *, words, rng):
    """One synthetic article file (front matter and body), about `words` words long."""
    topic = rng.choice(sorted(TOPICS))
    place = rng.choice(PLACES)
    year = rng.randint(2016, 2025)
    published = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
    outlet, voice = rng.choice(OUTLETS)
    title = rng.choice(TITLES).format(
        place=place, Place=place, topic=TOPICS[topic][0], Topic=TOPICS[topic][0]
    )
    title = f"{title[0].upper()}{title[1:]} ({index + 1})"
    paragraphs, count, deck = [], 0, []
    while count < words:
        sentences = []
        for _ in range(rng.randint(1, 3)):
            if not deck:  # every template once before any comes back
                deck = list(SENTENCES)
                rng.shuffle(deck)
            sentences.append(_fill(deck.pop(), rng, topic=topic, place=place, year=year))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    front = [
        "---",
        f"title: {title}",
        f"outlet: {outlet}",
        f"published: {published.isoformat()}",
        "language: en",
        f"voice: {voice}",
        "---",
    ]
    return "\n".join(front) + "\n" + "\n\n".join(paragraphs) + "\n", count


def write_articles(folder, *, articles, words, seed):
    """Write the articles into `folder`; returns the total number of body words."""
    rng = random.Random(seed)
    total = 0
    for index in range(articles):
        text, count = article_text(index, words=words, rng=rng)
        (Path(folder) / f"article-{index + 1:05d}.txt").write_text(text, encoding="utf-8")
        total += count
    return total


# -- running the commands -------------------------------------------------------------------------


def run_step(argv, env):
    """Run `manage.py argv` and return (seconds, peak RSS in MB, stdout); raises on failure."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "manage.py", *argv], cwd=ROOT, env=env, stdout=out, stderr=err
        )
        # os.wait4 reaps the child and gives its own resource usage (Popen.wait would not).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode:
        raise SystemExit(f"manage.py {' '.join(argv)} failed ({process.returncode}):\n{stderr}")
    return seconds, usage.ru_maxrss / 1024, stdout


@contextmanager
def database(kind, folder):
    if kind == "postgres":
        from tests.postgres import throwaway_cluster

        with throwaway_cluster() as url:
            yield url
    else:
        yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"


COUNTS = (
    "from content.models import Sentence; from quizzes.models import Question; "
    "print(Sentence.objects.count(), Question.objects.count(), "
    "Question.objects.filter(status='published').count())"
)


def run(*, articles, words, kind, seed=8, target=TARGET_SECONDS):
    """Run the whole benchmark; returns a dict of the figures."""
    with tempfile.TemporaryDirectory(prefix="quizsite-bulk-") as folder:
        source = Path(folder) / "articles"
        source.mkdir()
        total_words = write_articles(source, articles=articles, words=words, seed=seed)
        with database(kind, folder) as url:
            env = {
                **os.environ,
                "DATABASE_URL": url,
                "DJANGO_SETTINGS_MODULE": "quizsite.settings",
                "DEBUG": "1",
            }
            run_step(["migrate", "-v0"], env)
            load = Path("/proc/loadavg").read_text().split()[0]
            import_s, import_rss, import_out = run_step(["import_articles", str(source)], env)
            generate_s, generate_rss, generate_out = run_step(
                ["generate_questions", "--publish-above", PUBLISH_ABOVE], env
            )
            _, _, counts = run_step(["shell", "-c", COUNTS], env)
        sentences, questions, published = map(int, counts.strip().splitlines()[-1].split())
    total = import_s + generate_s
    return {
        "database": kind,
        "articles": articles,
        "words": total_words,
        "sentences": sentences,
        "questions": questions,
        "published": published,
        "import_s": import_s,
        "generate_s": generate_s,
        "total_s": total,
        "articles_per_s": articles / total if total else float("inf"),
        "import_rss_mb": import_rss,
        "generate_rss_mb": generate_rss,
        "target_s": target,
        "met": total <= target,
        "load_before": load,
        "load_after": Path("/proc/loadavg").read_text().split()[0],
        "import_output": import_out.strip(),
        "generate_output": generate_out.strip(),
    }


def report(figures):
    f = figures
    return "\n".join(
        [
            f"Bulk import on {f['database']}: {f['articles']:,} articles, {f['words']:,} words, "
            f"{f['sentences']:,} sentences",
            f"  import_articles:    {f['import_s']:8.1f} s  peak RSS {f['import_rss_mb']:.0f} MB"
            f"  ({f['import_output']})",
            f"  generate_questions: {f['generate_s']:8.1f} s  peak RSS "
            f"{f['generate_rss_mb']:.0f} MB  ({f['questions']:,} questions, "
            f"{f['published']:,} published)",
            f"  total:              {f['total_s']:8.1f} s  ({f['articles_per_s']:.1f} articles/s)",
            f"  at this rate, {TARGET_ARTICLES:,} articles take "
            f"{f['total_s'] / f['articles'] * TARGET_ARTICLES:.0f} s (fixed costs included)",
            f"  target: {f['target_s']:.0f} s (issue 8: {TARGET_ARTICLES:,} articles in "
            f"{TARGET_SECONDS // 60} minutes): {'met' if f['met'] else 'NOT met'}",
            f"  load average (1 min): {f['load_before']} before, {f['load_after']} after",
        ]
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="postgres")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--target", type=float, default=TARGET_SECONDS, help="seconds (import + generation)"
    )
    args = parser.parse_args(argv)
    figures = run(
        articles=args.articles,
        words=args.words,
        kind=args.database,
        seed=args.seed,
        target=args.target,
    )
    print(report(figures))
    return 0 if figures["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
