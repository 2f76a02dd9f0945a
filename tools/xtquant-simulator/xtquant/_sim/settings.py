"""Simulator settings: environment variables (XTSIM_*) give the defaults, sim_configure() overrides."""
import datetime
import os

_BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def _today_beijing():
    day = datetime.datetime.now(_BEIJING).date()
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day.isoformat()


# name: (environment variable, parser, default)
_FIELDS = {
    "day": ("XTSIM_DAY", str, None),
    "start": ("XTSIM_START", str, "09:14:00"),
    "speed": ("XTSIM_SPEED", float, 60.0),
    "symbols": ("XTSIM_SYMBOLS", int, 0),
    "seed": ("XTSIM_SEED", int, 1),
    "push_seconds": ("XTSIM_PUSH_SECONDS", float, 3.0),
    "tick_shape": ("XTSIM_TICK_SHAPE", str, "dict"),
    "refuse": ("XTSIM_REFUSE", str, ""),
    "refuse_quote_ratio": ("XTSIM_REFUSE_QUOTE_RATIO", float, 0.0),
    "disconnect_at": ("XTSIM_DISCONNECT_AT", str, ""),
    "disconnect_seconds": ("XTSIM_DISCONNECT_SECONDS", float, 300.0),
    "stall_at": ("XTSIM_STALL_AT", str, ""),
    "stall_seconds": ("XTSIM_STALL_SECONDS", float, 300.0),
    "clock_anchor_ms": ("XTSIM_CLOCK_ANCHOR_MS", int, 0),
    "lag_ms": ("XTSIM_LAG_MS", float, 0.0),
}


class Settings:
    """day YYYY-MM-DD; start HH:MM:SS (Beijing); speed simulated seconds per real second (0 = as
    fast as the machine goes); symbols 0 = the whole market (~5,200); push_seconds between pushes
    (simulated); tick_shape 'dict' ({code: tick}) or 'list' ({code: [tick]}); refuse a comma list of
    'whole', 'quote', 'tick'; refuse_quote_ratio the share of per-stock subscriptions refused;
    disconnect_at / stall_at HH:MM:SS (simulated) with their durations in simulated seconds;
    clock_anchor_ms the wall-clock instant (epoch ms) at which the simulated day is at `start`, so
    simulators started apart (two terminals of one market, same seed) push the same instant at the
    same time (0: the start of this simulator), and lag_ms how much later this one delivers each push."""

    def __init__(self, **overrides):
        unknown = set(overrides) - set(_FIELDS)
        if unknown:
            raise ValueError("unknown simulator setting(s): " + ", ".join(sorted(unknown)))
        for name, (variable, parse, default) in _FIELDS.items():
            if name in overrides:
                value = overrides[name]
            elif os.environ.get(variable, "") != "":
                try:
                    value = parse(os.environ[variable])
                except ValueError as error:
                    raise ValueError(f"{variable}={os.environ[variable]!r}: {error}") from None
            else:
                value = default
            setattr(self, name, value)
        if not self.day:
            self.day = _today_beijing()
        if self.tick_shape not in ("dict", "list"):
            raise ValueError("tick_shape (XTSIM_TICK_SHAPE) must be 'dict' or 'list'")
        if self.clock_anchor_ms and self.speed == 0:
            raise ValueError("clock_anchor_ms (XTSIM_CLOCK_ANCHOR_MS) needs a speed (XTSIM_SPEED) above 0")
        if self.lag_ms < 0:
            raise ValueError("lag_ms (XTSIM_LAG_MS) must be >= 0")
        if self.speed < 0 or self.push_seconds <= 0:
            raise ValueError("speed (XTSIM_SPEED) must be >= 0 and push_seconds (XTSIM_PUSH_SECONDS) > 0")
        self.refused = {part.strip() for part in str(self.refuse).split(",") if part.strip()}
        bad = self.refused - {"whole", "quote", "tick"}
        if bad:
            raise ValueError("refuse (XTSIM_REFUSE) takes whole, quote, tick; not " + ", ".join(sorted(bad)))
        date = datetime.date.fromisoformat(self.day)
        midnight = datetime.datetime(date.year, date.month, date.day, tzinfo=_BEIJING)
        self.midnight_ms = int(midnight.timestamp() * 1000)
        self.start_ms = self.midnight_ms + seconds_of_day(self.start) * 1000
        self.disconnect_ms = self.midnight_ms + seconds_of_day(self.disconnect_at) * 1000 if self.disconnect_at else None
        self.stall_ms = self.midnight_ms + seconds_of_day(self.stall_at) * 1000 if self.stall_at else None

    def as_dict(self):
        return {name: getattr(self, name) for name in _FIELDS}


def seconds_of_day(text):
    parts = [int(part) for part in str(text).split(":")]
    while len(parts) < 3:
        parts.append(0)
    hours, minutes, seconds = parts
    if not (0 <= hours < 24 and 0 <= minutes < 60 and 0 <= seconds < 60):
        raise ValueError(f"not a time of day HH:MM:SS: {text!r}")
    return hours * 3600 + minutes * 60 + seconds
