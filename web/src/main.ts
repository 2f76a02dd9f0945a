import { AdminSession } from "./admin/admin-session";
import { ConsumersPanel } from "./admin/consumers-panel";
import { PipelinePanel } from "./admin/pipeline-panel";
import { ChartPanel } from "./chart/chart-panel";
import { LiveView } from "./market/live-view";
import { QuotePanel } from "./market/quote-panel";
import { SymbolSearch } from "./market/symbol-search";
import { rememberSymbol, symbolFromLocation } from "./market/symbols";
import { BackendStatus } from "./ui/backend-status";
import "./styles.css";

const status = new BackendStatus();
const live = new LiveView(new QuotePanel(status), new ChartPanel(status));

function show(symbol: string): void {
  rememberSymbol(symbol);
  live.show(symbol);
}

new SymbolSearch(show);
show(symbolFromLocation());
// A link or the address bar can name another symbol without reloading the page.
window.addEventListener("hashchange", () => show(symbolFromLocation()));

const session = new AdminSession();
session.register(new ConsumersPanel(session, status));
session.register(new PipelinePanel(session, status));
session.resume();
