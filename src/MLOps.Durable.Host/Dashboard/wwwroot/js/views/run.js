// One run: its state, stage timeline, metrics, validation and evaluation reports, approval request and decisions,
// events, stored files and raw orchestration history. Refreshes while the run changes.

import { api, optional, path, ApiError } from '../api.js';
import { h, put, badge, table, section, facts, route, fmt, between } from '../dom.js';
import { stageTimeline } from '../charts.js';
import { jsonTree } from '../json-view.js';
import { finished } from './runs.js';

export async function runView(container, [id]) {
  const parts = {
    header: h('div', { id: 'run-header' }),
    timeline: h('div', { id: 'run-timeline' }),
    metrics: h('div', { id: 'run-metrics' }),
    approval: h('div', { id: 'run-approval' }),
    validation: h('div', { id: 'run-validation' }),
    evaluation: h('div', { id: 'run-evaluation' }),
    events: h('div', { id: 'run-events' }),
    artifacts: h('div', { id: 'run-artifacts' }),
    history: h('div', { id: 'run-history' }),
  };
  put(container, Object.values(parts));

  let version = null;
  async function refresh() {
    const run = await api(path('runs', id));
    // The timeline of a running stage grows with the clock; the rest only changes with the run.
    renderTimeline(parts.timeline, run);
    const signature = `${run.status}|${run.lastUpdatedTime}|${run.progress}`;
    if (signature === version) {
      return;
    }
    version = signature;
    const [artifacts, audit, events, history] = await Promise.all([
      api(path('runs', id, 'artifacts')),
      api(path('approvals', id, 'audit')),
      api('/events?' + new URLSearchParams({ subject: `pipelines/${run.pipeline}/runs/${id}`, top: '1000' })),
      api(path('runs', id, 'history')),
    ]);
    const names = new Set(artifacts.map(a => a.name));
    const read = name => (names.has(name) ? optional(artifactPath(id, name)) : Promise.resolve(null));
    const [validation, evaluation, request, metrics] = await Promise.all(
      ['validation-report.json', 'evaluation-report.json', 'approval-request.json', 'metrics.json'].map(read));

    renderHeader(parts.header, run, request);
    renderMetrics(parts.metrics, run, metrics, request);
    renderApproval(parts.approval, run, request, audit);
    renderValidation(parts.validation, validation);
    renderEvaluation(parts.evaluation, evaluation);
    keepOpen(parts.events, () => renderEvents(parts.events, events));
    keepOpen(parts.artifacts, () => renderArtifacts(parts.artifacts, id, artifacts));
    keepOpen(parts.history, () => renderHistory(parts.history, history));
  }

  await refresh();
  return { refresh };
}

function artifactPath(id, name) {
  return path('runs', id, 'artifacts') + '/' + name.split('/').map(encodeURIComponent).join('/');
}

/** Re-renders a part, keeping open what the reader opened (details elements by their data-key). */
function keepOpen(element, render) {
  const open = new Set([...element.querySelectorAll('details[data-key]')].filter(d => d.open).map(d => d.dataset.key));
  render();
  for (const details of element.querySelectorAll('details[data-key]')) {
    if (open.has(details.dataset.key)) {
      details.open = true;
    }
  }
}

function renderHeader(element, run, request) {
  const waiting = run.stage === 'approve' && !finished(run) && request;
  put(element,
    h('p', { class: 'crumbs' }, h('a', { href: '#/runs' }, 'Runs'), ' / ', h('a', { href: '#/runs?' + new URLSearchParams({ pipeline: run.pipeline }) }, run.pipeline)),
    h('h1', null, run.id, ' ', h('span', { id: 'run-status' }, badge(run.status))),
    facts([
      ['Pipeline', run.pipeline],
      ['Trigger', run.trigger ? `${run.trigger}${run.requestedBy ? ` (${run.requestedBy})` : ''}` : null],
      ['Created', fmt.time(run.createdTime)],
      ['Last update', fmt.time(run.lastUpdatedTime)],
      ['Stage', run.stage ? h('span', { id: 'run-stage' }, run.stage, run.progress ? ` — ${run.progress}` : '') : null],
      ['Outcome', run.outcome ? h('span', { id: 'run-outcome' }, outcomeText(run.outcome)) : null],
    ]),
    waiting ? h('p', { class: 'notice' }, 'This run waits for a reviewer: ', h('a', { href: '#/approvals', id: 'decide-link' }, 'decide in the approvals inbox'), '.') : null,
    run.failure ? h('pre', { class: 'error' }, run.failure) : null,
    finished(run) ? null : cancelButton(run));
}

function outcomeText(outcome) {
  if (outcome.outcome === 'deployed') {
    return `deployed: ${outcome.alias ?? ''} v${outcome.modelVersion}${outcome.approvedBy ? `, approved by ${outcome.approvedBy}` : ''}`;
  }
  return `${outcome.outcome} at ${outcome.rejectedAt}: ${outcome.reason ?? ''}`;
}

function cancelButton(run) {
  const message = h('span', { class: 'message', role: 'status' });
  const confirm = h('button', { type: 'button', class: 'danger', hidden: true, on: { click: async () => {
    try {
      await api(path('runs', run.id, 'cancel') + '?' + new URLSearchParams({ reason: 'cancelled from the dashboard' }), { method: 'POST' });
      message.textContent = 'Cancelling…';
    } catch (error) {
      message.textContent = error.message;
    }
  } } }, 'Yes, cancel this run');
  const ask = h('button', { type: 'button', on: { click: () => { confirm.hidden = false; ask.hidden = true; } } }, 'Cancel run…');
  return h('p', { class: 'actions' }, ask, confirm, message);
}

function renderTimeline(element, run) {
  const now = new Date(Math.max(Date.now(), new Date(run.lastUpdatedTime).getTime(),
    ...run.stages.map(s => new Date(s.endedAt ?? s.startedAt).getTime())));
  const stages = run.stages;
  put(element, section('Stage timeline',
    stages.length === 0 ? h('p', { class: 'empty' }, 'No stage has started yet.') : stageTimeline(stages, now),
    table(['Stage', 'Outcome', 'Started', 'Duration', 'Detail'], stages.map(s => ({
      key: s.name,
      cells: [s.name, badge(s.status), fmt.time(s.startedAt), fmt.duration(between(s.startedAt, s.endedAt ?? now)), s.detail ?? ''],
    })), { class: 'stages' })));
}

function renderMetrics(element, run, metrics, request) {
  const values = run.outcome?.metrics ?? metrics ?? request?.candidate?.metrics;
  const hyperparameters = run.outcome?.hyperparameters ?? request?.candidate?.hyperparameters;
  put(element, section('Metrics',
    values ? table(['Metric', 'Value'], Object.entries(values).map(([k, v]) => [k, fmt.number(v)]), { class: ['metrics', 'narrow'] })
      : h('p', { class: 'empty' }, 'No metrics until the candidates are evaluated.'),
    hyperparameters && Object.keys(hyperparameters).length
      ? [h('h3', null, 'Hyperparameters'), table(['Parameter', 'Value'], Object.entries(hyperparameters).map(([k, v]) => [k, String(v)]), { class: 'narrow' })]
      : null));
}

function renderApproval(element, run, request, audit) {
  if (!request && audit.length === 0) {
    put(element, section('Approval', h('p', { class: 'empty' },
      run.stages.some(s => s.name === 'approve') ? 'Decided without a request (automatic approval).' : 'Not requested (yet).')));
    return;
  }
  const production = request?.evaluation;
  put(element, section('Approval',
    request ? facts([
      ['Reviewers', request.reviewers.join(', ')],
      ['Deadline', fmt.time(request.deadline)],
      ['Candidate', `#${request.candidate.index} ${request.candidate.trainer}`],
      ['Production', production?.productionVersion ? `v${production.productionVersion} (${fmt.number(production.productionMetric)})` : 'none yet'],
    ]) : null,
    h('h3', null, 'Decisions'),
    table(['When', 'Reviewer', 'Decision', 'Comment', 'Channel', 'Result'], audit.map(entry => ({
      key: String(entry.sequence),
      cells: [fmt.time(entry.time), entry.reviewer, badge(entry.approved ? 'approve' : 'reject'), entry.comment ?? '', entry.channel, badge(entry.result)],
    })), { class: 'decisions', empty: 'No decision yet.' })));
}

function renderValidation(element, report) {
  put(element, section('Validation report', !report ? h('p', { class: 'empty' }, 'Not written yet.') : [
    h('p', null, badge(report.isValid ? 'done' : 'rejected'), ` ${report.rowCount} rows against schema version ${report.schemaVersion}: ${report.errorCount} errors, ${report.warningCount} warnings`),
    table(['Severity', 'Code', 'Column', 'Count', 'Message'], (report.findings ?? []).map(f => [f.severity, f.code, f.column ?? '', String(f.count), f.message ?? '']),
      { empty: 'No findings.' }),
  ]));
}

function renderEvaluation(element, report) {
  put(element, section('Evaluation report', !report ? h('p', { class: 'empty' }, 'Not written yet.') : [
    h('p', null, badge(report.passed ? 'done' : 'rejected'), report.passed ? ' every gate met' : ` ${report.failures.join('; ')}`),
    table(['Gate', 'Value', 'Met'], (report.gates ?? []).map(g => [g.gate, fmt.number(g.value), g.met ? 'yes' : 'no']), { class: 'narrow', empty: 'No gates.' }),
    report.production ? h('p', null, `Production v${report.production.version}: ${report.production.metric} ${fmt.number(report.production.value)}`) : h('p', null, 'No production version to compare with.'),
  ]));
}

function renderEvents(element, events) {
  put(element, section(`Events (${events.length})`,
    table(['Time', 'Type', 'Data'], events.map(e => ({
      key: e.id,
      cells: [fmt.time(e.time), e.type, h('details', { dataset: { key: `event-${e.id}` } }, h('summary', null, 'data'), jsonTree(e.data))],
    })), { class: 'events', empty: 'No events yet.' })));
}

function renderArtifacts(element, id, artifacts) {
  put(element, section('Stored files', table(['Name', 'Size', 'SHA-256', ''], artifacts.map(a => ({
    key: a.name,
    cells: [a.name, fmt.bytes(a.size), h('code', null, fmt.hash(a.sha256)), a.name.endsWith('.json') ? artifactViewer(id, a.name) : ''],
  })), { empty: 'Nothing stored yet.' })));
}

function artifactViewer(id, name) {
  const details = h('details', { dataset: { key: `artifact-${name}` } }, h('summary', null, 'view'));
  let loaded = false;
  const load = async () => {
    if (loaded || !details.open) return;
    loaded = true;
    try {
      details.append(jsonTree(await api(artifactPath(id, name)), { open: 2 }));
    } catch (error) {
      details.append(h('p', { class: 'error' }, error instanceof ApiError ? error.message : String(error)));
    }
  };
  details.addEventListener('toggle', load);
  return details;
}

function renderHistory(element, history) {
  put(element, section(`Orchestration history (${history.length} events)`,
    h('details', { dataset: { key: 'history' }, id: 'history-details' }, h('summary', null, 'Show the raw history'),
      table(['#', 'Event', 'Name', 'Time', 'Payload'], history.map((e, i) => ({
        key: String(i),
        cells: [
          e.EventId === -1 ? '' : String(e.EventId),
          e.EventType,
          e.FunctionName ?? e.Name ?? '',
          fmt.time(e.Timestamp),
          payload(e),
        ],
      })), { class: 'history' }))));
}

function payload(event) {
  const rest = Object.fromEntries(Object.entries(event).filter(([k, v]) => !['EventType', 'EventId', 'Timestamp', 'FunctionName', 'Name'].includes(k) && v !== null));
  return Object.keys(rest).length === 0 ? '' : jsonTree(rest, { open: 0, label: Object.keys(rest).join(', ') });
}
