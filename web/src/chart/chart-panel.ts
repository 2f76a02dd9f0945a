import { query } from "../api/clients";
import { describe } from "../api/errors";
import type { Bar, Period } from "../gen/quoteplatform/marketdata/v1/bar_pb";
import { Adjust } from "../gen/quoteplatform/query/v1/query_pb";
import type { BackendStatus } from "../ui/backend-status";
import { byId, setText, showMessage } from "../ui/dom";
import { timeOfDay } from "../ui/format";
import { Poller } from "../ui/poller";
import { BarChart } from "./bar-chart";
import { defaultPeriod, periods, type PeriodChoice } from "./periods";
import { recentTradingDays } from "./trading-calendar";
import { daysBefore, startOfTradingDay, tradingDate } from "./trading-day";

const refreshMs = 2000;
const pageSize = 10_000;
const maxPages = 20;
// Look back this many trading days (from the stored calendar) for the latest one with bars, so a
// symbol suspended for a few days still shows its last day.
const lookBackTradingDays = 5;
const dailyHistoryDays = 366;
// Finding no bars costs up to three range reads: look again only this often (bars of a new symbol
// appear at most once a minute).
const emptyRetryMs = 10_000;

/**
 * The day's bars of one symbol in the chosen period (1d: the last year of daily bars). Closed bars
 * are added as the storage writer stores them, found by polling for frames after the last one.
 */
export class ChartPanel {
  private readonly chart = new BarChart(byId("chart"));
  private readonly poller = new Poller((signal) => this.refresh(signal), refreshMs);
  private symbol = "";
  private choice: PeriodChoice = defaultPeriod;
  private adjust = Adjust.NONE;
  private day = "";
  private latestTradingDay = "";
  private emptyAtMs = 0;

  constructor(private readonly status: BackendStatus) {
    this.renderTabs();
    const switcher = byId<HTMLSelectElement>("adjust");
    switcher.addEventListener("change", () => {
      this.adjust = switcher.value === "front" ? Adjust.FRONT : switcher.value === "back" ? Adjust.BACK : Adjust.NONE;
      byId("chart").dataset.adjust = switcher.value;
      this.reload();
    });
  }

  show(symbol: string): void {
    this.symbol = symbol;
    this.reload();
  }

  private select(choice: PeriodChoice): void {
    this.choice = choice;
    this.renderTabs();
    this.reload();
  }

  private reload(): void {
    this.day = "";
    this.emptyAtMs = 0;
    this.chart.replace([]);
    this.setState("loading");
    setText("chart-day", "");
    showMessage("chart-message", `Loading ${this.choice.label} bars of ${this.symbol}…`);
    this.poller.start();
  }

  private async refresh(signal: AbortSignal): Promise<void> {
    try {
      if (this.chart.count === 0) {
        if (Date.now() - this.emptyAtMs < emptyRetryMs) {
          return;
        }
        await this.load(signal);
      } else {
        await this.follow(signal);
        if (byId("chart").dataset.state !== "live" && !signal.aborted) {
          // Recovered after an error: show what the chart holds again.
          this.setState("live");
          this.describeContents();
        }
      }
      this.status.report("chart", "ok");
    } catch (error) {
      const failure = describe(error);
      if (failure.kind === "aborted") {
        return;
      }
      const text = "text" in failure ? failure.text : "";
      if (failure.kind === "not-found") {
        this.setState("unknown");
        showMessage("chart-message", `No bars: unknown symbol ${this.symbol}.`, "error");
        this.status.report("chart", "ok");
        return;
      }
      this.setState("error");
      showMessage("chart-message", text, "error");
      this.status.report("chart", failure.kind === "unreachable" ? "down" : failure.kind === "invalid" ? "ok" : "degraded");
    }
  }

  /** Finds the latest trading day with bars and shows it whole. */
  private async load(signal: AbortSignal): Promise<void> {
    const now = Date.now();
    let bars: Bar[] = [];
    let since = "";
    if (this.choice.intraday) {
      const days = (await recentTradingDays(this.symbol, now, signal)).slice(0, lookBackTradingDays);
      this.latestTradingDay = days[0] ?? "";
      since = days.at(-1) ?? "";
      bars = since === "" ? [] : await this.fetch(startOfTradingDay(since), signal);
      if (bars.length > 0) {
        this.day = tradingDate(Number(bars.at(-1)!.frameUnixMs));
        bars = bars.filter((bar) => tradingDate(Number(bar.frameUnixMs)) === this.day);
      }
    } else {
      bars = await this.fetch(daysBefore(now, dailyHistoryDays), signal);
    }
    if (signal.aborted) {
      return;
    }
    this.chart.replace(bars);
    if (bars.length === 0) {
      this.emptyAtMs = Date.now();
      this.setState("empty");
      const range = this.choice.intraday ? `on the last ${lookBackTradingDays} trading days (since ${since})` : `in the last ${dailyHistoryDays} days`;
      showMessage("chart-message", `No ${this.choice.label} bars of ${this.symbol} stored ${range}.`, "warn");
      return;
    }
    this.setState("live");
    this.describeContents();
  }

  /** Adds the bars that closed since the last one shown; a new trading day starts a new chart. */
  private async follow(signal: AbortSignal): Promise<void> {
    const bars = await this.fetch(this.chart.lastFrame + 1, signal);
    if (signal.aborted || bars.length === 0) {
      return;
    }
    if (this.choice.intraday && bars.some((bar) => tradingDate(Number(bar.frameUnixMs)) !== this.day)) {
      await this.load(signal);
      return;
    }
    if (this.chart.append(bars) > 0) {
      this.describeContents();
    }
  }

  private async fetch(fromUnixMs: number, signal: AbortSignal): Promise<Bar[]> {
    const bars: Bar[] = [];
    let pageToken = "";
    for (let page = 0; page < maxPages; page++) {
      const response = await query.getBars(
        { symbol: this.symbol, period: this.choice.period as Period, fromUnixMs: BigInt(fromUnixMs), toUnixMs: 0n, pageSize, pageToken, adjust: this.adjust },
        { signal },
      );
      bars.push(...response.bars);
      pageToken = response.nextPageToken;
      if (pageToken === "") {
        break;
      }
    }
    return bars;
  }

  private describeContents(): void {
    const last = this.chart.lastFrame;
    setText("chart-day", this.choice.intraday ? this.day : "daily");
    showMessage(
      "chart-message",
      `${this.chart.count} ${this.choice.label} bars${this.adjustLabel()}${this.choice.intraday ? ` on ${this.day}` : ""}, last ${this.choice.intraday ? timeOfDay(last).slice(0, 5) : tradingDate(last)} (Beijing).${this.missingLatestDay()}`,
    );
  }

  private adjustLabel(): string {
    return this.adjust === Adjust.FRONT ? " (前复权, front-adjusted)" : this.adjust === Adjust.BACK ? " (后复权, back-adjusted)" : "";
  }

  /** A trading day after the one shown (holidays are not trading days) has no bars: say so. */
  private missingLatestDay(): string {
    return this.choice.intraday && this.latestTradingDay > this.day ? ` None yet on ${this.latestTradingDay}, the latest trading day.` : "";
  }

  private renderTabs(): void {
    const tabs = byId("periods");
    tabs.replaceChildren(...periods.map((choice) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = choice.label;
      button.dataset.period = choice.label;
      button.setAttribute("role", "tab");
      button.setAttribute("aria-selected", String(choice === this.choice));
      button.addEventListener("click", () => this.select(choice));
      return button;
    }));
    byId("chart").dataset.period = this.choice.label;
  }

  private setState(state: string): void {
    byId("chart").dataset.state = state;
  }
}
