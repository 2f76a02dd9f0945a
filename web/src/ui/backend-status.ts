import { byId } from "./dom";

export type BackendState = "ok" | "degraded" | "down";

const labels: Record<BackendState, string> = {
  ok: "live",
  degraded: "backend degraded",
  down: "query service unreachable",
};

/**
 * The pill in the header: the worst state any panel reported in its last refresh, so a dead
 * backend is visible at a glance even when one panel still shows older data.
 */
export class BackendStatus {
  private readonly states = new Map<string, BackendState>();

  report(source: string, state: BackendState): void {
    this.states.set(source, state);
    const values = [...this.states.values()];
    const worst: BackendState = values.includes("down") ? "down" : values.includes("degraded") ? "degraded" : "ok";
    const pill = byId("backend");
    pill.dataset.state = worst;
    pill.className = `pill pill-${worst}`;
    pill.textContent = labels[worst];
  }
}
