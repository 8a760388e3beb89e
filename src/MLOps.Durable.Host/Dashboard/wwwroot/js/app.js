// The dashboard shell: sign-in, hash routes, and live updates. Each view renders into a container and may return
// { refresh, dispose }; while a view is shown, refresh runs every POLL_MS (polling rather than server-sent events:
// every call carries the key in a header, which EventSource cannot send, and a poll costs one small GET).

import { api, configure, key, ApiError, Unauthorized } from './api.js';
import { h, put, fmt } from './dom.js';
import { runsView } from './views/runs.js';
import { runView } from './views/run.js';
import { approvalsView } from './views/approvals.js';
import { modelsView, modelView } from './views/models.js';
import { monitorsView, monitorView } from './views/monitoring.js';

const POLL_MS = 1500;

const routes = [
  { pattern: /^\/runs$/, section: 'runs', render: runsView },
  { pattern: /^\/runs\/([^/]+)$/, section: 'runs', render: runView },
  { pattern: /^\/approvals$/, section: 'approvals', render: approvalsView },
  { pattern: /^\/models$/, section: 'models', render: modelsView },
  { pattern: /^\/models\/([^/]+)$/, section: 'models', render: modelView },
  { pattern: /^\/monitoring$/, section: 'monitoring', render: monitorsView },
  { pattern: /^\/monitoring\/([^/]+)$/, section: 'monitoring', render: monitorView },
];

const view = document.getElementById('view');
const login = document.getElementById('login');
const nav = document.getElementById('nav');
const live = document.getElementById('live');
const signOut = document.getElementById('sign-out');
const pendingCount = document.getElementById('pending-count');

let current = null;
let generation = 0;
let refreshing = false;
let afterLogin = null;

function showLogin(message) {
  generation++;
  current?.dispose?.();
  current = null;
  if (location.hash && location.hash !== '#/login') {
    afterLogin = location.hash;
  }
  view.replaceChildren();
  nav.hidden = live.hidden = signOut.hidden = true;
  login.hidden = false;
  document.getElementById('login-message').textContent = message ?? '';
  document.getElementById('key').focus();
}

async function show() {
  const gen = ++generation;
  current?.dispose?.();
  current = null;
  if (!key.get()) {
    showLogin();
    return;
  }

  const [pathPart, queryPart] = (location.hash.slice(1) || '/runs').split('?');
  const match = routes.map(r => ({ r, m: r.pattern.exec(pathPart) })).find(x => x.m);
  if (!match) {
    location.hash = '#/runs';
    return;
  }

  login.hidden = true;
  nav.hidden = live.hidden = signOut.hidden = false;
  for (const link of nav.querySelectorAll('a')) {
    link.classList.toggle('active', link.dataset.section === match.r.section);
  }

  const container = h('div', { class: 'page', dataset: { section: match.r.section } });
  put(view, h('p', { class: 'loading' }, 'Loading…'));
  try {
    const params = match.m.slice(1).map(decodeURIComponent);
    const shown = await match.r.render(container, params, new URLSearchParams(queryPart ?? ''));
    if (gen !== generation) {
      shown?.dispose?.();
      return;
    }
    current = shown ?? null;
    put(view, container);
    markLive();
  } catch (error) {
    if (gen === generation) {
      report(error);
    }
  }
}

/** Shows an error in place of the view; a refused key has already sent us to the login. */
function report(error) {
  if (error instanceof Unauthorized) {
    return;
  }
  const detail = error instanceof ApiError ? `${error.problem?.title ?? 'Error'} (${error.status}): ${error.message}` : String(error?.message ?? error);
  put(view, h('p', { class: 'error', role: 'alert' }, detail));
}

function markLive() {
  live.textContent = `live · ${fmt.time(new Date())}`;
}

async function tick() {
  if (refreshing || document.hidden || !key.get()) {
    return;
  }
  refreshing = true;
  const gen = generation;
  try {
    const pending = await api('/approvals');
    pendingCount.hidden = pending.length === 0;
    pendingCount.textContent = String(pending.length);
    if (current?.refresh && gen === generation) {
      await current.refresh();
    }
    markLive();
  } catch (error) {
    if (!(error instanceof Unauthorized)) {
      live.textContent = `update failed: ${error.message}`;
    }
  } finally {
    refreshing = false;
  }
}

document.getElementById('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const input = document.getElementById('key');
  const candidate = input.value.trim();
  if (!candidate) {
    return;
  }
  key.set(candidate);
  try {
    // Any key-protected read proves the key; nothing else is shown until it has.
    await api('/pipelines');
  } catch (error) {
    showLogin(error instanceof Unauthorized ? 'That key was refused (401). Use a function key or the master key of this host.' : `Could not check the key: ${error.message}`);
    return;
  }
  input.value = '';
  const target = afterLogin ?? '#/runs';
  afterLogin = null;
  if (location.hash === target) {
    await show();
  } else {
    location.hash = target;
  }
});

signOut.addEventListener('click', () => {
  key.clear();
  afterLogin = null;
  location.hash = '#/login';
  showLogin('Signed out.');
});

window.addEventListener('hashchange', () => {
  if (location.hash !== '#/login' || key.get()) {
    show();
  }
});

await configure(() => showLogin('Your key was not accepted (401). Sign in again.'));
setInterval(tick, POLL_MS);
await show();
