"""The SSE/SZSE trading calendar: weekdays, less the exchanges' published holiday closures.

Closures are the weekdays of each holiday as the exchanges announced them (weekend days inside a
holiday and the make-up working Saturdays/Sundays are weekend closures anyway: A-shares never trade on
a weekend). Sources, checked when this was written:
- 2025: the SSE/SZSE/BSE notice of 2024-12-23 ("2025年部分节假日休市安排"): New Year Jan 1; Spring
  Festival Jan 28 - Feb 4; Qingming Apr 4; Labour Day May 1 - 5; Dragon Boat May 31 - Jun 2; National
  Day + Mid-Autumn Oct 1 - 8.
- 2026: the exchanges' notice of 2025-12-22 (reported by China Securities Journal), which matches the
  State Council's 2026 holiday schedule: New Year Jan 1 - 3; Spring Festival Feb 15 - 23; Qingming
  Apr 4 - 6; Labour Day May 1 - 5; Dragon Boat Jun 19 - 21; Mid-Autumn Sep 25 - 27; National Day
  Oct 1 - 7. An exchange can still add an unscheduled closure (it has not for decades); re-check
  against the exchanges' site if a 2026 date disagrees with a real terminal.
Outside 2025-2026 the simulator knows no holidays: every weekday counts as a trading day.
"""
import bisect
import datetime

_DAY = datetime.timedelta(days=1)


def _days(first, last):
    day = datetime.date.fromisoformat(first)
    end = datetime.date.fromisoformat(last)
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += _DAY


HOLIDAYS = tuple(sorted(day for first, last in (
    # The exchanges' closures as announced; _days keeps their weekdays.
    ("2025-01-01", "2025-01-01"),  # New Year
    ("2025-01-28", "2025-02-04"),  # Spring Festival
    ("2025-04-04", "2025-04-06"),  # Qingming
    ("2025-05-01", "2025-05-05"),  # Labour Day
    ("2025-05-31", "2025-06-02"),  # Dragon Boat
    ("2025-10-01", "2025-10-08"),  # National Day and Mid-Autumn
    ("2026-01-01", "2026-01-03"),  # New Year
    ("2026-02-15", "2026-02-23"),  # Spring Festival
    ("2026-04-04", "2026-04-06"),  # Qingming
    ("2026-05-01", "2026-05-05"),  # Labour Day
    ("2026-06-19", "2026-06-21"),  # Dragon Boat
    ("2026-09-25", "2026-09-27"),  # Mid-Autumn
    ("2026-10-01", "2026-10-07"),  # National Day
) for day in _days(first, last)))

# The first year the holiday list covers, and the last (get_trading_calendar refuses to look beyond it).
FIRST_HOLIDAY_YEAR = 2025
LAST_HOLIDAY_YEAR = 2026
# get_trading_dates with no start_time begins here: the simulated terminal keeps no older days.
FIRST_DAY = datetime.date(2024, 1, 1)

_HOLIDAY_SET = frozenset(HOLIDAYS)
_HOLIDAY_ORDINALS = [day.toordinal() for day in HOLIDAYS]
_MONDAY = datetime.date(2024, 1, 1).toordinal()  # a Monday: weekday counts are measured from it


def is_trading_day(day):
    return day.weekday() < 5 and day not in _HOLIDAY_SET


def trading_index(day):
    """Trading days between a fixed Monday (2024-01-01) and `day` (exclusive): consecutive trading days
    have consecutive indexes, whatever holidays lie between."""
    days = day.toordinal() - _MONDAY
    weekdays = 5 * (days // 7) + min(days % 7, 5)
    return weekdays - bisect.bisect_left(_HOLIDAY_ORDINALS, day.toordinal())


def previous_trading_day(day):
    day -= _DAY
    while not is_trading_day(day):
        day -= _DAY
    return day


def trading_days(first, last):
    """Trading days from `first` to `last`, both included."""
    days = []
    day = first
    while day <= last:
        if is_trading_day(day):
            days.append(day)
        day += _DAY
    return days
