import { query } from "../api/clients";
import { describe } from "../api/errors";
import { byId, showMessage } from "../ui/dom";
import { directory } from "./directory";
import { isBareCode, normalizeFull } from "./symbols";

const suggestions = 20;
const debounceMs = 150;

/**
 * The search box finds a symbol by code ("600000"), by name ("平安") or by the pinyin initials of its name
 * ("payh" for 平安银行), from the page's symbol directory; suggestions show the names. Submitting a full code
 * shows it; anything else shows the first match (a bare six-digit code not yet listed is asked of the platform).
 */
export class SymbolSearch {
  private timer: number | undefined;

  constructor(private readonly onSymbol: (symbol: string) => void) {
    const input = byId<HTMLInputElement>("search-input");
    input.addEventListener("input", () => this.scheduleSuggestions(input.value));
    byId<HTMLFormElement>("search").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit(input.value);
    });
    void directory.refresh();
  }

  private scheduleSuggestions(text: string): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.suggest(text), debounceMs);
  }

  private suggest(text: string): void {
    void directory.refresh();
    const list = byId<HTMLDataListElement>("search-options");
    list.replaceChildren(...directory.find(text, suggestions).map((item) => {
      const option = document.createElement("option");
      option.value = item.symbol;
      option.label = item.name === "" ? item.symbol : `${item.name} ${item.symbol}`;
      return option;
    }));
  }

  private async submit(text: string): Promise<void> {
    const full = normalizeFull(text);
    if (full !== null) {
      this.onSymbol(full);
      return;
    }
    await directory.refresh();
    const found = directory.find(text, 1)[0];
    if (found !== undefined) {
      this.onSymbol(found.symbol);
      return;
    }
    if (!isBareCode(text)) {
      showMessage("quote-message", `"${text.trim()}" is not a symbol: enter a code such as 600000 or 000001.SZ, a name such as 平安银行, or its initials payh.`, "error");
      return;
    }
    const code = text.trim();
    try {
      const response = await query.listSymbols({ prefix: code, pageSize: 5 });
      const match = response.symbols.find((info) => info.symbol.startsWith(`${code}.`));
      if (match === undefined) {
        showMessage("quote-message", `Unknown symbol ${code}: the platform has no quote or bars for it.`, "error");
        return;
      }
      this.onSymbol(match.symbol);
    } catch (error) {
      const failure = describe(error);
      showMessage("quote-message", "text" in failure ? failure.text : "", "error");
    }
  }
}
