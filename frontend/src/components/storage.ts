// This browser's local storage, never throwing: storage may be blocked (a privacy setting) or
// full, and a draft or a remembered filter is never worth a page that does not open.

export function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // full or blocked: the page works on without it
  }
}

export function removeStorage(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // blocked: nothing was kept either
  }
}
