"""Wrong figures: the article's comparable figures, the library's with the same explicit unit,
then made values at the key's precision and irregular distances, none a simple ratio of the key."""

import bisect
import math
import random
import re

from ..display import number_of, replace_number
from ..extraction import number_category
from ..types import Fact
from .ranks import CHOICES, SEARCH
from .sentence import list_groups, same_event, same_subject, sentence_bounds
from .sources import dedupe, numeric, pick, unit_key

# A key that is a bound, not a value: every choice on one side of it is true as well ("over 60
# miles" makes "over 40 miles" true; "up to 20 inches" makes "up to 50 inches" true).
BOUND = re.compile(
    r"(?:over|more than|at least|above|in excess of|upwards of|exceeding|no less than|"
    r"up to|under|less than|fewer than|at most|below|no more than|not more than)\s+\S*\d",
    re.I,
)
# A key the sentence gives as an estimate: a choice close to it is not clearly wrong
# ("approximately 25 hours" for "approximately 24 hours").
APPROXIMATE = re.compile(
    r"(?:about|approximately|around|roughly|some|nearly|almost|close to|an estimated|"
    r"estimated|circa|approx\.)\s+\S*\d",
    re.I,
)
# Ratios that make a family around the key: a test-wise learner picks the value they share.
SIMPLE_RATIOS = (0.25, 1 / 3, 0.5, 2 / 3, 0.75, 0.8, 0.9, 1.1, 1.2, 1.25, 4 / 3, 1.5, 2, 2.5, 3, 4)
# The ratios of the classic family (143 / 286 / 429 / 572), refused even for coarse keys.
FAMILY_RATIOS = (0.5, 0.9, 1.1, 1.5, 2)


def is_simple_ratio(
    value: float, key: float, *, tolerance: float = 0.015, ratios=SIMPLE_RATIOS
) -> bool:
    """Whether `value` is the key scaled by one of `ratios` (within `tolerance`)."""
    if not key:
        return False
    ratio = value / key
    return any(abs(ratio - r) <= tolerance * r for r in ratios)


def _library_unit_key(value: str) -> tuple[str, str] | None:
    if re.fullmatch(r"PT?[\d.]+[YMWDH]", value):
        return "duration", re.sub(r"[\d.]", "", value)
    m = re.fullmatch(r"[\d.]+ (\S+)", value)
    if not m:
        return None
    return None if m.group(1) == "%" else ("money_or_measure", m.group(1))


def number_sides(fact, answer, rng, pool, *, sentence, sentence_facts, stem_facts=()):
    """(the key as shown, wrong (value, choice) pairs below it and above it, best first, the real
    values among them, and (below, above) pairs in reserve), or None for a figure that cannot
    have choices."""
    shown = number_of(answer)
    value = numeric(fact.value)
    if shown is None or shown <= 0 or value is None or value <= 0:
        return None
    if BOUND.match(answer):
        return None  # "over 60 miles": "over 40 miles" is true too, and so may "over 80" be
    factor = value / shown
    token = re.search(r"\d[\d,]*(?:\.\d+)?", answer)
    decimals = len(token.group().split(".")[1]) if token and "." in token.group() else 0
    in_words = not token  # "thirty years": words go up to ninety-nine
    if fact.unit == "magnitude":
        decimals = max(decimals, 1)
    step = 10.0**-decimals if decimals else float(_step_of(int(round(shown))))
    unit = unit_key(fact)
    # The other items of a list the answer is in compare with it whatever they count ("5 cities,
    # 4 towns, and 286 villages").
    listed = {
        (f.start, f.end)
        for group in list_groups(sentence, sentence_facts)
        if any((g.start, g.end) == (fact.start, fact.end) for g in group)
        for f in group
    }

    def shown_of(v: float) -> float:
        return v / factor

    def comparable(other: Fact):
        if other.kind != "number":
            return None
        same_list = other.sentence_position == fact.sentence_position and (
            (other.start, other.end) in listed
        )
        if unit_key(other) != unit and not (same_list and number_category(other) == unit[0]):
            return None
        n = numeric(other.value)
        return None if n is None else shown_of(n)

    low, high = sentence_bounds(fact, sentence, sentence_facts, comparable)
    low, high = (0.0 if low is None else low), (float("inf") if high is None else high)
    low = max(low, 0)
    if shown >= 2 and re.search(r"[a-z]s\b", answer) and not decimals:
        low = max(low, 1)  # "1 villages" is not a choice
    if fact.unit == "%" and shown < 100:
        high = min(high, 100.0001)  # a share stays a share
    if fact.unit == "magnitude":
        low, high = max(low, 0.9), min(high, 9.6)
    if in_words:
        high = min(high, 100)

    stated = {v for f in stem_facts if (v := comparable(f)) is not None}
    # What the article states of the key's own event elsewhere would be right too: "30 meters"
    # when another sentence says the same tsunami reached 30 meters. Never a choice, found or
    # made.
    defensible = {
        v
        for _, other in pool.numbers.get(unit, ())
        if pool.sentences
        and other.sentence_position != fact.sentence_position
        and (
            same_event(
                sentence, (text := pool.sentences.get(other.sentence_position, "")), unit=fact.unit
            )
            or same_subject(sentence, text)
        )
        and (v := comparable(other)) is not None
    }

    defensible |= _overlapping_groups(fact, shown, sentence, sentence_facts, pool, comparable)

    # An estimate is a round figure ("approximately 85", not "approximately 104"): its choices
    # are multiples of five at least, or of half its own step when that is coarser ("about
    # 2,500": 1,750, 3,250, not 2,731).
    estimate = APPROXIMATE.match(answer) is not None
    rounding = max(5.0, step / 2) if estimate and not decimals and shown >= 10 else 0.0

    def valid(v: float) -> bool:
        if not (low < v < high) or v == shown or v in stated or v in defensible:
            return False
        if rounding and v % rounding:
            return False
        if decimals == 0 and v != int(v):
            return False
        return round(v, decimals) == v

    # Far enough from the key to be clearly wrong for a reader ("96 people" is no choice for
    # 95), near enough to be plausible.
    separation = _separation(shown, step, decimals, estimate=estimate)

    def near(v: float) -> bool:
        if abs(v - shown) < separation:
            return False
        if fact.unit == "magnitude":
            return abs(v - shown) <= 1.2
        if shown < 10:
            return abs(v - shown) <= max(6, shown)
        return shown / 4 <= v <= shown * 4

    def near_valid(v: float) -> bool:  # the ladder keeps its own distance from the key
        return valid(v) and (fact.unit != "magnitude" or abs(v - shown) <= 1.2)

    # 1. the article's comparable figures; 2. the library's figures with the same unit
    real = []
    same_unit = [f for _, f in pool.numbers.get(unit, ())]
    for other in (*same_unit, *(f for f in sentence_facts if (f.start, f.end) in listed)):
        if not _same_scope(fact, sentence, other, pool):
            continue
        v = comparable(other)
        if v is not None and valid(v) and near(v):
            real.append(v)
    if unit[0] in ("duration", "money", "measure"):
        wanted = unit if unit[0] == "duration" else ("money_or_measure", unit[1])
        for n in pool.library_numbers:
            if _library_unit_key(n) == wanted:
                v = shown_of(numeric(n) or 0)
                if valid(v) and near(v) and shown / 2.5 <= v <= shown * 2.5:
                    real.append(v)
    # A real figure at a family ratio of the key (the article's "6 hours" and "24 hours" for
    # "12 hours") would make the key the value the others derive from: those come last.
    real = sorted(set(real), key=lambda v: (abs(v - shown), v))
    late = [v for v in real if is_simple_ratio(v, shown, ratios=FAMILY_RATIOS)]
    real = [v for v in real if v not in late]
    # 3. made values, at the key's precision, irregular distances, no simple ratios
    made_below = _ladder(shown, -1, rng, step, near_valid, decimals, estimate=estimate)
    made_above = _ladder(shown, +1, rng, step, near_valid, decimals, estimate=estimate)
    if len(real) + len(made_below) + len(made_above) < CHOICES - 1:
        made_below = _ladder(shown, -1, rng, step, near_valid, decimals, finer=True,
                             estimate=estimate)  # fmt: skip
        made_above = _ladder(shown, +1, rng, step, near_valid, decimals, finer=True,
                             estimate=estimate)  # fmt: skip

    # A coarse key ("20", "200") has few round neighbours that are no simple ratio of it: values
    # at half its step come after the made ones, for sets a blind guesser cannot read
    # (`ranks.blind_proof`: not 20 against 50, 60, 70).
    extra_below, extra_above = [], []
    if step >= 10 and not decimals and not in_words:
        half = step / 2
        extra_below = [v for v in _ladder(shown, -1, rng, half, near_valid, 0, estimate=estimate,
                                          family_step=step) if v not in made_below]  # fmt: skip
        extra_above = [v for v in _ladder(shown, +1, rng, half, near_valid, 0, estimate=estimate,
                                          family_step=step) if v not in made_above]  # fmt: skip

    def pairs(values):
        return [(v, replace_number(answer, v)) for v in values]

    below = [v for v in real if v < shown] + made_below + extra_below
    below += [v for v in late if v < shown]
    above = [v for v in real if v > shown] + made_above + extra_above
    above += [v for v in late if v > shown]
    # In reserve, for a rank whose values above make no set a blind guesser cannot read: values
    # at the next finer step ("27" for 30, whose 10 and 20 make a run with it).
    reserve_below, reserve_above = [], []
    if step >= 10 and not decimals and not in_words:
        finer = step / 10
        reserve_below = [v for v in _ladder(shown, -1, rng, finer, near_valid, 0,
                                            estimate=estimate) if v not in below]  # fmt: skip
        reserve_above = [v for v in _ladder(shown, +1, rng, finer, near_valid, 0,
                                            estimate=estimate) if v not in above]  # fmt: skip
    reserve = (dedupe(pairs(reserve_below)), dedupe(pairs(reserve_above)))
    return shown, dedupe(pairs(below)), dedupe(pairs(above)), set(real), reserve


# A count of a group that holds another one: "12 nurses and 30 trainees ... 42 nurses and
# trainees", "120 people were hurt, 30 of them badly", "including 30 children".
JOINED_GROUP = re.compile(r"\s+(?:and|or|&)\s+(?:their\s+|other\s+)?([A-Za-z][\w-]*)")
PART_OF = re.compile(r"^\s*(?:of (?:them|whom|those|these|which)|among them)\b", re.I)
PART_BEFORE = re.compile(r"\b(?:including|among them|of (?:them|whom|these|those),?)\s*$", re.I)


def _overlapping_groups(fact, shown, sentence, sentence_facts, pool, comparable) -> set:
    """The counts a question about the key's group could also be answered by, as they count a
    group overlapping it: the total of the key and the other counts of its sentence ("all 12
    nurses and 30 trainees are safe" makes "the 42 nurses and trainees" right too, wherever the
    article says it); a count, in the key's sentence or the next, of the key's noun joined with
    another group ("42 nurses and trainees"), or part of a group the sentence counts ("30 of
    them", "including 30"), or the group the key is part of."""
    if number_category(fact) != "count":
        return set()
    partners = [
        v
        for f in sentence_facts
        if (f.start, f.end) != (fact.start, fact.end)
        and f.kind == "number"
        and number_category(f) == "count"
        and (v := numeric(f.value)) is not None
    ]
    totals = {shown + v for v in partners}
    if len(partners) > 1:
        totals.add(shown + sum(partners))
    found = set()
    unit = unit_key(fact)
    for _, other in pool.numbers.get(unit, ()):
        v = comparable(other)
        if v is None or v == shown:
            continue
        if any(abs(v - t) < 1e-9 for t in totals):
            found.add(v)
            continue
        if not 0 <= other.sentence_position - fact.sentence_position <= 1:
            continue
        text = (
            sentence
            if other.sentence_position == fact.sentence_position
            else pool.sentences.get(other.sentence_position, "")
        )
        if text and _in_group_phrase(other, text):
            found.add(v)
    if _in_group_phrase(fact, sentence):
        # The key counts a joined group or a part: the other counts of its noun nearby overlap.
        for _, other in pool.numbers.get(unit, ()):
            if 0 <= other.sentence_position - fact.sentence_position <= 1:
                v = comparable(other)
                if v is not None and v != shown:
                    found.add(v)
    return found


def _in_group_phrase(fact, text: str) -> bool:
    """Whether the count at `fact` in `text` counts a joined group ("42 nurses and trainees") or
    a part of another group ("30 of them", "including 30")."""
    if fact.start < 0 or fact.end > len(text):
        return False
    after, before = text[fact.end :], text[: fact.start]
    # The figure's own text may hold the joined group ("40 soldiers and civilians").
    noun_end = fact.text.lower().rfind(fact.unit.lower()) if fact.unit else -1
    if noun_end >= 0:
        after = fact.text[noun_end + len(fact.unit) :] + after
    if PART_OF.match(after) or PART_BEFORE.search(before):
        return True
    joined = JOINED_GROUP.match(after)
    if not joined:
        return False
    # A noun, not a verb ("20 people and injured 30" joins no group): the counted noun's own
    # stem ("nurses and nurse trainees") or another plural ("soldiers and civilians").
    word, noun = joined.group(1).lower(), fact.unit.lower()
    if len(noun) >= 4 and word[:4] == noun[:4]:
        return True
    return (
        word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word
        not in ("was", "has", "is", "as", "its", "this", "thus", "his", "hers", "theirs", "others")
    )


# A figure said of a whole (a tournament's, a season's, a career's) rather than of one
# occasion: "leads the tournament with 63 points" against "sank 24 points" in one game.
AGGREGATE = re.compile(
    r"\b(?:total(?:s|ed|ing|led|ling)?|overall|in all|altogether|combined|cumulative(?:ly)?|"
    r"so far|to date|all told|all-time|career|(?:lead|leads|leading|led) (?:the|all|every))\b",
    re.I,
)


def _same_scope(fact, sentence: str, other, pool) -> bool:
    """Whether `other`, an article figure of the key's unit, is said at the key's scope: both of
    a whole (a total, a tournament's lead) or both of one occasion. A game's points are no
    choice for a tournament total, nor a total for a game's."""
    if other.sentence_position == fact.sentence_position or not pool.sentences:
        return True
    text = pool.sentences.get(other.sentence_position, "")
    return not text or bool(AGGREGATE.search(sentence)) == bool(AGGREGATE.search(text))


def _separation(key: float, step: float, decimals: int, *, estimate: bool = False) -> float:
    """The least distance between two choices: about 4% of the key (10% for an estimate,
    "about 24 hours"), at least one step (two for a figure with decimals: "3.4 percent" is no
    choice for 3.5)."""
    least = step * 2 if decimals else step
    if estimate:
        return max(least, math.ceil(key * 0.1 / step - 1e-9) * step)
    return max(least, round(key * 0.04 / step) * step)


def _step_of(n: int) -> int:
    """The precision a whole number is written at: 286 → 1, 30 → 10, 100,000 → 100,000; small
    counts (under 10) step by one."""
    if n < 10:
        return 1
    step = 1
    while n % (step * 10) == 0:
        step *= 10
    return step


def _ladder(
    key: float, direction: int, rng: random.Random, step: float, valid, decimals: int,
    *, finer: bool = False, estimate: bool = False, family_step: float | None = None,
):  # fmt: skip
    """Up to three values on one side of `key` (`direction` -1 below, +1 above) at the key's
    precision (`step`), within about half the key's size, drawn at irregular distances: none a
    simple ratio of the key, none rounder than the key when the key is not round, so the key is
    not the value the others derive from nor the least round. With `finer`, a coarse key
    ("100,000") whose side has too few values at its own step takes the next finer one (then it
    is the roundest choice: only when its choices cannot be made otherwise)."""
    if key < 10 and decimals == 0:
        # Small counts: the nearest neighbours, the key's double and half last.
        near = [v for v in (key + direction * d for d in range(1, 9)) if valid(v)]
        near.sort(key=lambda v: (v in (key * 2, key / 2), abs(v - key)))
        return pick(near[:6], rng, k=SEARCH)
    reach = 0.5
    own_step = step
    candidates: list[float] = []
    while True:
        # Values at half a coarse key's step are refused the ratios the key's own step is.
        refused = _family_test(key, family_step or step)
        separation = _separation(key, step, decimals, estimate=estimate)
        span = max(3 * separation, key * reach)
        if direction > 0 and step >= 10 and key / step < 10:
            span = max(span, 2.5 * key)  # "20": 50, 60, 70 above, where 30 and 40 are refused
            if key / step < 2:
                span = max(span, 3.5 * key)  # "10": 30 as round as it, no 60 feet for 10
        unit = step * max(1, int(span / step / 60))
        i = max(1, int(separation // unit))
        while i * unit <= span and len(candidates) < 400:
            v = round(key + direction * i * unit, decimals)
            i += 1
            if abs(v - key) < separation or not valid(v) or refused(v) or v in candidates:
                continue
            if step == 1 and v >= 10 and key % 10 and v % 10 == 0:
                continue  # no made value rounder than a key that is not round
            candidates.append(v)
        if len(candidates) >= (SEARCH if key < 100 and reach < 0.8 else 3):
            break
        if reach < 0.8 and key < 100:
            reach = 0.8  # a small key: further out first, then finer
        elif finer and step >= 10 and not decimals:
            step, reach, finer = step / 10, 0.5, False
        else:
            break
    candidates.sort(key=lambda v: abs(v - key))
    as_round = [v for v in candidates if v % own_step == 0]
    within = [v for v in candidates if v <= 2 * key]
    if direction > 0 and len(within) >= 2:
        candidates = within  # "seventy years" is no neighbour of thirty when forty and fifty are
    picked = pick(candidates, rng, apart=lambda a, b: abs(a - b) >= separation, k=SEARCH)
    if step < own_step and not any(v % own_step == 0 for v in picked):
        # Gone finer, a round key ("10") keeps the nearest value as round as it in reach (30),
        # after the drawn ones, so it need not be the roundest choice.
        picked += as_round[:1]
    return picked


def _family_test(key: float, step: float):
    """A test of whether a made value would be the key scaled by a simple ratio (`SIMPLE_RATIOS`;
    for a key of one significant digit, "30" or "100,000", whose every neighbour is some ratio
    of it, only `FAMILY_RATIOS`): the refused bands, looked up by bisection."""
    ratios = FAMILY_RATIOS if step >= 10 and key / step < 10 else SIMPLE_RATIOS
    tolerance = 0.015
    bands = sorted((r * key * (1 - tolerance), r * key * (1 + tolerance)) for r in ratios)
    lows = [low for low, _ in bands]

    def refused(v: float) -> bool:
        i = bisect.bisect_right(lows, v) - 1
        return i >= 0 and v <= bands[i][1]

    return refused
