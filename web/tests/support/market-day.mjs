const dayMs = 86_400_000;
const beijingOffsetMs = 8 * 3_600_000;

/**
 * The latest weekday before today in Beijing, as "YYYY-MM-DD": its bars are all in the past (the
 * query service reads up to now) and inside the 30-day retention of 1m bars.
 */
export function previousTradingDate(nowMs = Date.now()) {
  let day = Math.floor((nowMs + beijingOffsetMs) / dayMs) - 1;
  while ([0, 6].includes(new Date(day * dayMs).getUTCDay())) {
    day--;
  }
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** Epoch ms of a Beijing wall-clock time on a trading date. */
export function beijing(date, hour, minute, second = 0) {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d, hour, minute, second) - beijingOffsetMs;
}

/** The 1m bar END frames of the morning session from 09:31, as many as asked. */
export function morningFrames(date, count) {
  return Array.from({ length: count }, (_, i) => beijing(date, 9, 31 + i));
}

/** The weekdays from one "YYYY-MM-DD" date to another, both included. */
export function weekdaysBetween(first, last) {
  const days = [];
  for (let day = Date.parse(first) / dayMs; day <= Date.parse(last) / dayMs; day++) {
    if (![0, 6].includes(new Date(day * dayMs).getUTCDay())) {
      days.push(new Date(day * dayMs).toISOString().slice(0, 10));
    }
  }
  return days;
}
