import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";

// The read key (the query service's Query:ReadApiKeys), asked once when the service refuses a call
// for want of one and kept in sessionStorage: it lives only as long as the tab, is never written to
// localStorage, a cookie or the URL, and is sent only as the x-api-key header to the page's origin.
const storageKey = "quote-platform.read-key";
let asking = false;

export function loadReadKey(): string | null {
  return window.sessionStorage.getItem(storageKey);
}

/** Sends the read key with every call; a refusal for want of it asks the person once, then the panels' retries carry it. */
export const readKeyInterceptor: Interceptor = (next) => async (request) => {
  const key = loadReadKey();
  if (key) {
    request.header.set("x-api-key", key);
  }
  try {
    return await next(request);
  } catch (error) {
    const refused = ConnectError.from(error);
    const forKey = refused.code === Code.Unauthenticated || refused.code === Code.PermissionDenied;
    if (forKey && refused.rawMessage.includes("read key") && !asking) {
      asking = true;
      try {
        const typed = window.prompt(`The query service asks for a read key (${refused.rawMessage}). Read key:`);
        if (typed?.trim()) {
          window.sessionStorage.setItem(storageKey, typed.trim());
        }
      } finally {
        asking = false;
      }
    }
    throw error;
  }
};
