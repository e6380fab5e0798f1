"""Relative time in a stem resolved from the article's date: the weekend, today, this morning,
last night, tonight, last or this month, "already" (as of the article's day)."""

import re
from datetime import date, timedelta

from .display import MONTH_NAMES


def _resolve_relative(text: str, published: date) -> tuple[str, list[str]]:
    """Relative time the article's date resolves: the weekend, today, this morning, last night,
    last or this month."""
    done = []
    day = f"{published.day} {MONTH_NAMES[published.month - 1]} {published.year}"

    def weekend(m):
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        sunday = saturday + timedelta(days=1)
        if sunday.month == saturday.month:
            days = f"{saturday.day}–{sunday.day} {MONTH_NAMES[saturday.month - 1]}"
        else:
            days = (
                f"{saturday.day} {MONTH_NAMES[saturday.month - 1]}"
                f"–{sunday.day} {MONTH_NAMES[sunday.month - 1]}"
            )
        out = f"{m.group(1)} the weekend of {days} {sunday.year}"
        done.append(f"{m.group()} -> {out}")
        return out

    text = re.sub(r"\b(over|during|at|on) (?:the|this|last) weekend\b", weekend, text)
    if re.search(r"\b(?:is|are|has|have)\b", text):
        # "for how many deaths already is Dean being blamed?": already, as of the article's day
        new = re.sub(r"\balready\b", f"as of {day}", text, count=1)
        if new != text:
            done.append(f"already -> as of {day}")
            text = new
    eve = published - timedelta(days=1)
    night_before = f"{eve.day} {MONTH_NAMES[eve.month - 1]} {eve.year}"
    last_month = (published.replace(day=1) - timedelta(days=1)).replace(day=1)
    this_month = f"{MONTH_NAMES[published.month - 1]} {published.year}"
    for label, pattern, replacement in (
        ("last night", r"\blast night\b", f"on the night of {night_before}"),
        ("this morning", r"\bthis (morning|afternoon|evening)\b", rf"on the \1 of {day}"),
        ("tonight", r"\btonight\b", f"on the night of {day}"),
        ("today", r"(?<!\w)(?:earlier |later )?today\b(?!['’]s)", f"on {day}"),
        ("Today", r"^Today\b", f"On {day}"),
        ("earlier this month", r"\bearlier this month\b", f"earlier in {this_month}"),
        (
            "last month",
            r"\blast month\b",
            f"in {MONTH_NAMES[last_month.month - 1]} {last_month.year}",
        ),
        ("this month", r"\bthis month\b", f"in {this_month}"),
    ):
        new = re.sub(pattern, replacement, text)
        if new != text:
            done.append(f"{label} -> {re.sub(pattern, replacement, label)}")
            text = new
    return text, done
