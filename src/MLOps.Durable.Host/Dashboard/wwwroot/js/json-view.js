// Any JSON value as a collapsible tree. Objects and arrays build their children only when first opened, so a
// long history or a big report costs nothing until someone looks.

import { h } from './dom.js';

/** A tree for value; depth levels open from the start (default 1). */
export function jsonTree(value, { open = 1, label } = {}) {
  return h('div', { class: 'json' }, node(label, value, open));
}

function node(label, value, open) {
  const name = label === undefined ? null : h('span', { class: 'json-key' }, String(label), ': ');
  if (value === null || typeof value !== 'object') {
    return h('div', { class: 'json-leaf' }, name, leaf(value));
  }

  const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  const details = h('details', { open: open > 0 }, h('summary', null, name, h('span', { class: 'json-count' }, summary)));
  let built = false;
  const fill = () => {
    if (!built && details.open) {
      built = true;
      details.append(...entries.map(([k, v]) => node(k, v, open - 1)));
    }
  };
  details.addEventListener('toggle', fill);
  fill();
  return details;
}

function leaf(value) {
  const kind = value === null ? 'null' : typeof value;
  const text = kind === 'string' ? JSON.stringify(value) : String(value);
  return h('span', { class: `json-${kind}` }, text);
}
