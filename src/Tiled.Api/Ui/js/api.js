// HTTP access to the Tiled API with the key of this browser session (sessionStorage, never a URL).
const storageKey = 'tiled.apiKey';

export const session = {
  // A worker has no sessionStorage: it is handed the key (live-worker.js).
  key: globalThis.sessionStorage?.getItem(storageKey) ?? null,
  anonymous: false,
};

export function setKey(key) {
  session.key = key;
  if (key) sessionStorage.setItem(storageKey, key);
  else sessionStorage.removeItem(storageKey);
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(`${status}: ${detail}`);
    this.status = status;
    this.detail = detail;
  }
}

/** "a/b c" -> "a/b%20c": each segment encoded, slashes kept. */
export function encodePath(path) {
  return path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
}

function headers(key, accept) {
  const h = { Accept: accept };
  if (key) h.Authorization = `Apikey ${key}`;
  return h;
}

async function failure(response) {
  let detail = response.statusText;
  try {
    const body = await response.json();
    detail = typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail);
  } catch { /* not JSON */ }
  return new ApiError(response.status, detail);
}

/** GET /api/v1/{route}/{path}?{query}; JSON by default, an ArrayBuffer for other media types. */
export async function get(route, path, query = {}, accept = 'application/json') {
  const url = new URL(`/api/v1/${route}/${encodePath(path)}`, location.origin);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) url.searchParams.append(name, value);
  }
  // Cookies are never used: the key travels in the Authorization header only.
  const response = await fetch(url, { headers: headers(session.key, accept), credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw await failure(response);
  return accept === 'application/json' ? response.json() : response.arrayBuffer();
}

/** Tries a key (or none) on the root's metadata: {ok, status, detail}. */
export async function probe(key) {
  try {
    const response = await fetch(new URL('/api/v1/metadata/', location.origin),
      { headers: headers(key, 'application/json'), credentials: 'omit', cache: 'no-store' });
    if (response.ok) return { ok: true, status: response.status };
    const error = await failure(response);
    return { ok: false, status: error.status, detail: error.detail };
  } catch (e) {
    return { ok: false, status: 0, detail: `the server could not be reached (${e.message})` };
  }
}
