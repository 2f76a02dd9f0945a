// The admin key is typed in by the operator and kept in sessionStorage: it lives only as long as
// the tab, is never written to localStorage, a cookie or the URL, and is sent only as the
// x-admin-key header of AdminService calls to the page's own origin.
const storageKey = "quote-platform.admin-key";

export function loadAdminKey(): string | null {
  return window.sessionStorage.getItem(storageKey);
}

export function saveAdminKey(key: string): void {
  window.sessionStorage.setItem(storageKey, key);
}

export function forgetAdminKey(): void {
  window.sessionStorage.removeItem(storageKey);
}

export function adminHeaders(key: string): HeadersInit {
  return { "x-admin-key": key };
}
