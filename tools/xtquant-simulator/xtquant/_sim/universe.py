"""About 5,200 A-share codes shaped like the real list: boards, code ranges and their sizes; plus the
indices, ETFs and convertible bonds of _sim/instruments.py."""
import random

from . import instruments

# (prefix digits, first number, how many, market, daily price limit)
_BOARDS = [
    ("600", 0, 1000, "SH", 0.10),
    ("601", 0, 200, "SH", 0.10),
    ("603", 0, 650, "SH", 0.10),
    ("605", 0, 100, "SH", 0.10),
    ("688", 0, 570, "SH", 0.20),
    ("000", 1, 450, "SZ", 0.10),
    ("001", 200, 60, "SZ", 0.10),
    ("002", 1, 990, "SZ", 0.10),
    ("003", 0, 40, "SZ", 0.10),
    ("300", 1, 950, "SZ", 0.20),
    ("301", 0, 220, "SZ", 0.20),
]

ALWAYS = ("000001.SZ", "600000.SH")


def build(seed, limit=0):
    """[(code, price_limit_ratio)], sorted by code; always holds 000001.SZ (the link check) and
    600000.SH; limit > 0 keeps that many stocks (those two first). The indices, ETFs and convertible bonds
    follow the stocks, whatever the limit (an index's ratio is None: no limit)."""
    rng = random.Random(seed)
    codes = {}
    for prefix, first, count, market, ratio in _BOARDS:
        numbers = rng.sample(range(first, 1000), count)
        for number in numbers:
            codes[f"{prefix}{number:03d}.{market}"] = ratio
    codes["000001.SZ"] = 0.10
    codes["600000.SH"] = 0.10
    ordered = sorted(codes.items())
    if limit > 0:
        rest = [item for item in ordered if item[0] not in ALWAYS]
        keep = [(code, codes[code]) for code in ALWAYS] + rng.sample(rest, max(0, min(limit, len(ordered)) - len(ALWAYS)))
        ordered = sorted(keep[:limit])
    limits = [(code, instruments.limit_percent(code, 10)) for code in instruments.codes()]
    return ordered + [(code, None if percent is None else percent / 100) for code, percent in limits]


def price_limit(code):
    """The daily price limit of a code's board as a whole percentage (10, or 20 for STAR and ChiNext); for
    an index, ETF or bond its own (None: no limit)."""
    if instruments.kind(code) != instruments.STOCK:
        return instruments.limit_percent(code, 10)
    for prefix, _first, _count, market, ratio in _BOARDS:
        if code.startswith(prefix) and code.endswith("." + market):
            return round(ratio * 100)
    return 10
