"""Numbers written in digits or words: their values ("2,908", "thirty-five", "1.5 million",
"two-hundred-fifty-thousand", "a half-million"), their normalised form, and the currencies
and units figures are stated in (`extraction` finds them in sentences)."""

import re

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}  # fmt: skip

# Currencies and units a figure is stated in, each with its normalised code.
MONEY_CURRENCY_WORDS = {
    "dollars": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR", "manat": "AZN",
    "manats": "AZN", "drams": "AMD", "dram": "AMD", "pounds": "GBP", "rubles": "RUB",
    "roubles": "RUB", "lira": "TRY", "liras": "TRY",
}  # fmt: skip
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₼": "AZN", "AZN": "AZN",
                  "AMD": "AMD", "USD": "USD", "EUR": "EUR"}  # fmt: skip
MEASURE_UNITS = {
    "km": "km", "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km",
    "miles": "mi", "mile": "mi", "meters": "m", "metres": "m", "meter": "m", "metre": "m",
    "square kilometers": "km2", "square kilometres": "km2", "sq km": "km2", "km2": "km2",
    "hectares": "ha", "hectare": "ha", "kg": "kg", "kilograms": "kg", "tonnes": "t",
    "tons": "t", "tonne": "t", "ton": "t", "megawatts": "MW", "MW": "MW", "kilowatts": "kW",
    "cubic meters": "m3", "cubic metres": "m3", "litres": "l", "liters": "l",
    "statute miles": "mi", "nautical miles": "nmi", "feet": "ft", "foot": "ft", "ft": "ft",
    "inches": "in", "inch": "in", "centimeters": "cm", "centimetres": "cm", "cm": "cm",
    "millimeters": "mm", "millimetres": "mm", "mm": "mm", "yards": "yd", "mph": "mph",
    "miles per hour": "mph", "km/h": "km/h", "kph": "km/h", "kilometers per hour": "km/h",
    "kilometres per hour": "km/h", "knots": "kn", "degrees": "deg",
}  # fmt: skip

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


def parse_number(text: str) -> float | None:
    """Return the value of a number written in digits or words ("2,908", "thirty-five",
    "1.5 million", "a dozen"), or None when it is not one."""
    text = text.strip().lower().replace("’", "'")
    scale = 1
    for word, factor in SCALES.items():
        if text.endswith(" " + word):
            text, scale = text[: -len(word) - 1], factor
            break
    else:
        for suffix, factor in (("bn", 10**9), ("mn", 10**6), ("m", 10**6), ("k", 10**3)):
            if re.fullmatch(rf"[\d.,]+ ?{suffix}", text):
                text, scale = text[: -len(suffix)].strip(), factor
                break
    if re.fullmatch(_DIGITS, text):
        return float(text.replace(",", "")) * scale
    words = {"a hundred": 100, "one hundred": 100, "a dozen": 12, "a thousand": 1000, "a": 1,
             "an": 1}  # fmt: skip
    if text in words:
        return words[text] * scale
    if text in UNITS_WORDS:
        return UNITS_WORDS[text] * scale
    if text in TENS_WORDS:
        return TENS_WORDS[text] * scale
    if "-" in text:
        tens, _, unit = text.partition("-")
        if tens in TENS_WORDS and unit in UNITS_WORDS:
            return (TENS_WORDS[tens] + UNITS_WORDS[unit]) * scale
    spelled = _spelled_value(text)
    return None if spelled is None else spelled * scale


def _spelled_value(text: str) -> float | None:
    """The value of a number spelled in several words ("two-hundred-fifty-thousand",
    "one-point-two", "a half-million"), or None."""
    if re.fullmatch(r"(?:a half|half a)[- ]million", text):
        return 500_000.0
    words = [w for w in re.split(r"[- ]+", text) if w and w != "and"]
    if "point" in words:
        at = words.index("point")
        whole, decimals = _spelled_value(" ".join(words[:at])), words[at + 1 :]
        if whole is None or not decimals or any(w not in UNITS_WORDS for w in decimals):
            return None
        digits = "".join(str(UNITS_WORDS[w]) for w in decimals)
        if any(UNITS_WORDS[w] > 9 for w in decimals):
            return None
        return whole + float("0." + digits)
    total, current = 0, 0
    for word in words:
        if word in UNITS_WORDS:
            current += UNITS_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total, current = total + (current or 1) * SCALES[word], 0
        else:
            return None
    return float(total + current) if words else None


def format_number(value: float) -> str:
    """Normalised form of a number: integers without decimals."""
    return str(int(value)) if value == int(value) else f"{value:g}"
