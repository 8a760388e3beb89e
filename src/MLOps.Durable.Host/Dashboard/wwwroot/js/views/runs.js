// Runs: start a pipeline run, and the list of runs filtered by pipeline, status and creation time (UTC).

import { api, path } from '../api.js';
import { h, put, badge, table, route, fmt, between } from '../dom.js';

const STATUSES = ['Running', 'Pending', 'deployed', 'rejected', 'Failed', 'Terminated', 'Suspended'];

export async function runsView(container, _params, query) {
  const { pipelines } = await api('/pipelines');
  const names = pipelines.map(p => p.name);
  const filters = {
    pipeline: query.get('pipeline') ?? '',
    status: query.get('status') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };

  const startMessage = h('span', { class: 'message', role: 'status' });
  const startSelect = h('select', { id: 'start-pipeline', 'aria-label': 'Pipeline to run' },
    names.map(name => h('option', { value: name, selected: name === filters.pipeline }, name)));
  const start = h('form', { class: 'toolbar', id: 'start-run', on: { submit: async event => {
    event.preventDefault();
    startMessage.textContent = 'Starting…';
    try {
      const started = await api(path('pipelines', startSelect.value, 'runs'), { method: 'POST' });
      location.hash = route('runs', started.id);
    } catch (error) {
      startMessage.textContent = error.message;
    }
  } } },
  h('label', { for: 'start-pipeline' }, 'Start a run of'), startSelect, h('button', { type: 'submit' }, 'Start run'), startMessage);

  const select = (id, label, options, value) => [
    h('label', { for: id }, label),
    h('select', { id, name: id }, h('option', { value: '' }, 'any'), options.map(o => h('option', { value: o, selected: o === value }, o))),
  ];
  const filterForm = h('form', { class: 'toolbar filters', id: 'run-filters', on: { submit: event => {
    event.preventDefault();
    const data = new FormData(event.target);
    const next = new URLSearchParams();
    for (const name of ['pipeline', 'status', 'from', 'to']) {
      if (data.get(name)) {
        next.set(name, data.get(name));
      }
    }
    location.hash = '#/runs' + (next.size ? '?' + next : '');
  } } },
  select('pipeline', 'Pipeline', names, filters.pipeline),
  select('status', 'Status', STATUSES, filters.status),
  h('label', { for: 'from' }, 'Created from (UTC)'), h('input', { id: 'from', name: 'from', type: 'datetime-local', value: filters.from }),
  h('label', { for: 'to' }, 'to'), h('input', { id: 'to', name: 'to', type: 'datetime-local', value: filters.to }),
  h('button', { type: 'submit' }, 'Filter'),
  h('a', { href: '#/runs', class: 'button-link' }, 'Clear'));

  const list = h('div', { id: 'runs' });
  put(container, h('h1', null, 'Runs'), start, filterForm, list);

  const apiQuery = new URLSearchParams({ top: '200' });
  for (const name of ['pipeline', 'status']) {
    if (filters[name]) apiQuery.set(name, filters[name]);
  }
  // datetime-local has no zone: the filter is in UTC, as every time on the dashboard.
  if (filters.from) apiQuery.set('from', filters.from + 'Z');
  if (filters.to) apiQuery.set('to', filters.to + 'Z');

  let shown = null;
  async function refresh() {
    const runs = await api('/runs?' + apiQuery);
    const signature = JSON.stringify(runs);
    if (signature === shown) {
      return;
    }
    shown = signature;
    put(list, table(['Run', 'Pipeline', 'Trigger', 'Status', 'Stages', 'Now', 'Created', 'Took'],
      runs.map(run => ({
        key: run.id,
        cells: [
          h('a', { href: route('runs', run.id) }, run.id),
          run.pipeline,
          run.trigger ?? '—',
          badge(run.status),
          h('span', { class: 'stage-strip' }, run.stages.map(s => h('span', { class: ['pip', `pip-${tone(s.status)}`], title: `${s.name}: ${s.status}` }, s.name))),
          run.progress ?? run.stage ?? '',
          fmt.time(run.createdTime),
          fmt.duration(between(run.createdTime, finished(run) ? run.lastUpdatedTime : null)),
        ],
      })), { class: 'runs', empty: 'No runs match.' }));
  }

  await refresh();
  return { refresh };
}

export function finished(run) {
  return !['Running', 'Pending', 'Suspended'].includes(run.status);
}

function tone(status) {
  return { done: 'ok', running: 'run', rejected: 'warn', skipped: 'warn' }[status] ?? 'neutral';
}
