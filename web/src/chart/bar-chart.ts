import {
  CandlestickSeries,
  ColorType,
  HistogramSeries,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from "lightweight-charts";
import type { Bar } from "../gen/quoteplatform/marketdata/v1/bar_pb";
import { chartTime } from "./trading-day";

// Chinese market colours: red rises, green falls.
const up = "#e0403a";
const down = "#1f9d55";

/** Candles with a volume histogram under them; knows nothing about where bars come from. */
export class BarChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<"Candlestick">;
  private readonly volume: ISeriesApi<"Histogram">;
  private frames: number[] = [];
  private lastClose = 0;

  constructor(private readonly element: HTMLElement) {
    this.chart = createChart(element, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: "#ffffff" }, textColor: "#333", attributionLogo: false },
      grid: { vertLines: { color: "#f0f0f0" }, horzLines: { color: "#f0f0f0" } },
      // A few bars (early in the day, or 60m) stay candle-sized rather than stretched across the chart.
      timeScale: { timeVisible: true, secondsVisible: false, maxBarSpacing: 48 },
      rightPriceScale: { scaleMargins: { top: 0.08, bottom: 0.28 } },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: up,
      downColor: down,
      borderVisible: false,
      wickUpColor: up,
      wickDownColor: down,
    });
    this.volume = this.chart.addSeries(HistogramSeries, { priceFormat: { type: "volume" }, priceScaleId: "volume" });
    this.volume.priceScale().applyOptions({ scaleMargins: { top: 0.78, bottom: 0 } });
  }

  get count(): number {
    return this.frames.length;
  }

  get lastFrame(): number {
    return this.frames.at(-1) ?? 0;
  }

  /** Replaces everything shown (a new symbol, period or day). */
  replace(bars: readonly Bar[]): void {
    this.frames = bars.map((bar) => Number(bar.frameUnixMs));
    this.lastClose = bars.at(-1)?.close ?? 0;
    this.candles.setData(bars.map(candle));
    this.volume.setData(bars.map(volumeBar));
    this.chart.timeScale().fitContent();
    this.publish();
  }

  /** Adds bars that closed since the last refresh (or corrects the last one); older ones are ignored. */
  append(bars: readonly Bar[]): number {
    let added = 0;
    for (const bar of bars) {
      const frame = Number(bar.frameUnixMs);
      if (frame < this.lastFrame) {
        continue;
      }
      this.candles.update(candle(bar));
      this.volume.update(volumeBar(bar));
      this.lastClose = bar.close;
      if (frame > this.lastFrame) {
        this.frames.push(frame);
        added++;
      }
    }
    if (added > 0) {
      // A day holds at most 240 bars (1d: a year): keep all of them in view.
      this.chart.timeScale().fitContent();
      this.publish();
    }
    return added;
  }

  /** What the chart holds, as attributes: the canvas itself cannot be read by a test or a screen reader. */
  private publish(): void {
    this.element.dataset.bars = String(this.frames.length);
    this.element.dataset.lastFrame = String(this.lastFrame);
    this.element.dataset.lastClose = this.lastClose.toFixed(2);
  }
}

function candle(bar: Bar) {
  return { time: chartTime(Number(bar.frameUnixMs)) as UTCTimestamp, open: bar.open, high: bar.high, low: bar.low, close: bar.close };
}

function volumeBar(bar: Bar) {
  return {
    time: chartTime(Number(bar.frameUnixMs)) as UTCTimestamp,
    value: Number(bar.volumeShares),
    color: bar.close >= bar.open ? "rgba(224, 64, 58, 0.5)" : "rgba(31, 157, 85, 0.5)",
  };
}
