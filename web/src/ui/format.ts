// Market times are shown in Beijing time whatever the browser's own time zone is.
const beijingTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

const beijingDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function price(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "—";
}

export function signed(value: number, digits: number): string {
  if (!Number.isFinite(value)) {
    return "—";
  }
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text;
}

/** Shares and CNY: 12,345 below ten thousand, then 万 (10^4) and 亿 (10^8) as Chinese quotes show them. */
export function large(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e8) {
    return `${(value / 1e8).toFixed(2)}亿`;
  }
  if (abs >= 1e4) {
    return `${(value / 1e4).toFixed(2)}万`;
  }
  return integer.format(value);
}

export function count(value: number | bigint): string {
  return integer.format(typeof value === "bigint" ? Number(value) : value);
}

export function timeOfDay(unixMs: number): string {
  return beijingTime.format(new Date(unixMs));
}

/** "YYYY-MM-DD" of the Beijing trading date of an instant. */
export function tradingDate(unixMs: number): string {
  return beijingDate.format(new Date(unixMs));
}

export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    return "—";
  }
  const seconds = ms / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} min ${Math.floor(seconds % 60)} s`;
  }
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** "12 s ago" for a past instant, "never" for 0. */
export function ago(unixMs: number, nowMs: number): string {
  return unixMs <= 0 ? "never" : `${duration(Math.max(0, nowMs - unixMs))} ago`;
}

export function rate(perSecond: number): string {
  return Number.isFinite(perSecond) ? `${perSecond.toFixed(perSecond < 10 ? 1 : 0)}/s` : "—";
}
