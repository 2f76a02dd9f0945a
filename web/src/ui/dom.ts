/** The element with this id; a missing one is a bug in index.html, so fail loudly. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) {
    throw new Error(`#${id} is missing from the page`);
  }
  return element as T;
}

export function setText(id: string, text: string): void {
  byId(id).textContent = text;
}

/** A message line in one of three tones; hidden when the text is empty. */
export function showMessage(id: string, text: string, tone: "info" | "warn" | "error" = "info"): void {
  const element = byId(id);
  element.textContent = text;
  element.hidden = text.length === 0;
  element.dataset.tone = tone;
}

export function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement("td");
  td.textContent = text;
  if (className !== undefined) {
    td.className = className;
  }
  return td;
}
