// Builds the page from data without ever parsing data as HTML: text goes in as text nodes, attributes through
// setAttribute, and event handlers as functions. Nothing here (or in the views) hands a string to the HTML parser.

const SVG_NS = 'http://www.w3.org/2000/svg';

// Set as DOM properties rather than attributes, so that they reflect the live state of form controls.
const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'open', 'hidden', 'required']);

/** An HTML element: h('a', { href: '#/runs', class: 'x' }, 'text', child, [more]). */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** An SVG element, as h. */
export function svg(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(element, props, children) {
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'on') {
      for (const [type, handler] of Object.entries(value)) {
        element.addEventListener(type, handler);
      }
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'class') {
      element.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (/^on/i.test(name) || name === 'style' || name === 'srcdoc') {
      throw new Error(`dom: refusing the attribute '${name}'`);
    } else if (name === 'href') {
      element.setAttribute('href', safeHref(value));
    } else if (PROPERTIES.has(name)) {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Links stay inside the dashboard: hash routes only (no javascript: or other schemes from data). */
function safeHref(value) {
  const text = String(value);
  if (!text.startsWith('#')) {
    throw new Error(`dom: refusing the link '${text}'`);
  }
  return text;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of element. */
export function put(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A link to a dashboard route built from path segments, each one URI-encoded: route('runs', id). */
export function route(...segments) {
  return '#/' + segments.map(s => encodeURIComponent(String(s))).join('/');
}

/** A status badge; the class comes from a fixed list, the text is the status itself. */
export function badge(status) {
  const text = String(status ?? 'unknown');
  const tone = {
    running: 'run', pending: 'run', waiting: 'run', continuedasnew: 'run',
    deployed: 'ok', completed: 'ok', done: 'ok', approve: 'ok', accepted: 'ok', production: 'ok', healthy: 'ok',
    rejected: 'warn', skipped: 'warn', suspended: 'warn', canary: 'warn', staging: 'neutral', duplicate: 'neutral',
    failed: 'bad', terminated: 'bad', reject: 'bad', drift: 'bad', refused: 'bad', conflict: 'bad',
  }[text.toLowerCase()] ?? 'neutral';
  return h('span', { class: ['badge', `tone-${tone}`] }, text);
}

/** A table from column headings and rows of cells (each a node, text or null). */
export function table(headings, rows, options = {}) {
  return h('table', { class: options.class ?? null },
    h('thead', null, h('tr', null, headings.map(text => h('th', { scope: 'col' }, text)))),
    h('tbody', null, rows.length === 0
      ? h('tr', null, h('td', { colspan: headings.length, class: 'empty' }, options.empty ?? 'Nothing yet.'))
      : rows.map(row => h('tr', { dataset: row.key === undefined ? undefined : { key: row.key } },
        (row.cells ?? row).map(cell => h('td', null, cell))))));
}

/** A section with a heading. */
export function section(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', null, title), children);
}

/** Key/value pairs as a definition list, leaving out empty values. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}

export const fmt = {
  /** UTC, to the second: 2026-01-31 08:00:12Z. */
  time(value) {
    if (!value) {
      return '—';
    }
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  },

  /** 850 ms, 12.3 s, 4 m 05 s, 2 h 03 m, 3 d 04 h. */
  duration(ms) {
    if (ms === null || ms === undefined || Number.isNaN(ms)) {
      return '—';
    }
    const pad = n => String(n).padStart(2, '0');
    const seconds = ms / 1000;
    if (seconds < 1) return `${Math.max(0, Math.round(ms))} ms`;
    if (seconds < 60) return `${seconds.toFixed(1)} s`;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return `${minutes} m ${pad(Math.floor(seconds % 60))} s`;
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return `${hours} h ${pad(minutes % 60)} m`;
    return `${Math.floor(hours / 24)} d ${pad(hours % 24)} h`;
  },

  /** Numbers to at most four decimals; anything else as text. */
  number(value) {
    if (typeof value !== 'number') {
      return value === null || value === undefined ? '—' : String(value);
    }
    return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  },

  bytes(n) {
    return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
  },

  /** A long hash shortened for display: sha256:0123456789ab… */
  hash(value) {
    return !value ? '—' : value.length > 19 ? value.slice(0, 19) + '…' : value;
  },
};

/** Milliseconds between two times (the second defaults to now). */
export function between(start, end) {
  return (end ? new Date(end) : new Date()).getTime() - new Date(start).getTime();
}
