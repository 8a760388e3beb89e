// Calls the host's /api routes with the signed-in key in the x-functions-key header (never in the URL, so it stays
// out of logs and history). The key lives in sessionStorage: this tab only, gone when it closes. A 401 forgets the
// key and hands over to the login screen.

const STORAGE_KEY = 'mlops.functionKey';

let apiBase = '/api';
let onUnauthorized = () => {};

/** Refused key, or none. */
export class Unauthorized extends Error {
  constructor() {
    super('The key was refused (401).');
  }
}

/** Any other error status, with its ProblemDetails when the host sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const key = {
  get: () => sessionStorage.getItem(STORAGE_KEY),
  set: value => sessionStorage.setItem(STORAGE_KEY, value),
  clear: () => sessionStorage.removeItem(STORAGE_KEY),
};

/** Reads the route prefix from the host (host.json may change it from /api). */
export async function configure(unauthorized) {
  onUnauthorized = unauthorized;
  try {
    const response = await fetch('dashboard.json', { cache: 'no-store' });
    if (response.ok) {
      apiBase = (await response.json()).apiBase ?? '/api';
    }
  } catch {
    // The host is unreachable: keep the default; the first API call will say so.
  }
}

/**
 * A JSON call: api('/runs'), api('/runs/x/approval', { method: 'POST', body: {...} }).
 * Answers the parsed body (null when empty), or the Response itself with { raw: true }.
 */
export async function api(path, { method = 'GET', body, headers = {}, raw = false } = {}) {
  const presented = key.get();
  if (!presented) {
    onUnauthorized();
    throw new Unauthorized();
  }

  const response = await fetch(apiBase + path, {
    method,
    cache: 'no-store',
    credentials: 'omit',
    headers: {
      'x-functions-key': presented,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    key.clear();
    onUnauthorized();
    throw new Unauthorized();
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // Not JSON: the status says enough.
    }
    throw new ApiError(response.status, problem);
  }
  if (raw) {
    return response;
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A call whose 404 is an answer (an artifact not written yet): null then. */
export async function optional(path) {
  try {
    return await api(path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return null;
    }
    throw error;
  }
}

/** Path segments, URI-encoded: path('runs', id, 'history') -> /runs/{id}/history. */
export function path(...segments) {
  return '/' + segments.map(s => encodeURIComponent(String(s))).join('/');
}
