// Monitoring: each model's monitor; for one, drift per feature over its checks (SVG charts), the latest drift
// report with reference-versus-current histograms, and the retraining runs drift started.

import { api, optional, path } from '../api.js';
import { h, put, badge, table, section, facts, route, fmt } from '../dom.js';
import { checkChart, histogram } from '../charts.js';

// Statistical tests: the threshold applies to the p-value (drift below it); the other methods are distances
// whose statistic is compared with the threshold (drift at or above it).
const TESTS = new Set(['kolmogorovSmirnov', 'chiSquare', 'zTest']);

export async function monitorsView(container) {
  const list = h('div', { id: 'monitors' });
  put(container, h('h1', null, 'Monitoring'), list);
  let shown = null;
  async function refresh() {
    const monitors = await api('/monitors');
    const signature = JSON.stringify(monitors);
    if (signature === shown) return;
    shown = signature;
    put(list, table(['Model', 'Monitor', 'State', 'Next check', 'Checks', 'Last result'], monitors.map(m => ({
      key: m.pipeline,
      cells: [
        h('a', { href: route('monitoring', m.pipeline) }, m.pipeline),
        badge(m.runtimeStatus),
        m.state ?? '—',
        fmt.time(m.nextCheck),
        String(m.checks),
        m.lastResult ? [m.lastResult.datasetDrift ? badge('drift') : null, ' ', m.lastResult.summary] : '—',
      ],
    }))));
  }
  await refresh();
  return { refresh };
}

export async function monitorView(container, [pipeline]) {
  const parts = {
    summary: h('div', { id: 'monitor-summary' }),
    charts: h('div', { id: 'drift-charts' }),
    report: h('div', { id: 'drift-report' }),
    retraining: h('div', { id: 'retraining-runs' }),
  };
  put(container,
    h('p', { class: 'crumbs' }, h('a', { href: '#/monitoring' }, 'Monitoring'), ' / ', pipeline),
    h('h1', null, `${pipeline} monitor`),
    Object.values(parts));

  let shown = null;
  async function refresh() {
    const [detail, runs] = await Promise.all([
      api(path('monitors', pipeline)),
      api('/runs?' + new URLSearchParams({ pipeline, top: '1000' })),
    ]);
    const retraining = runs.filter(r => r.trigger === 'drift');
    const signature = JSON.stringify([detail, retraining]);
    if (signature === shown) return;
    shown = signature;
    const last = detail.history.at(-1);
    const report = last ? await optional(path('monitors', pipeline, 'reports', last.check)) : null;
    renderSummary(parts.summary, detail.monitor);
    renderCharts(parts.charts, detail.history, report);
    renderReport(parts.report, report);
    renderRetraining(parts.retraining, retraining);
  }
  await refresh();
  return { refresh };
}

function renderSummary(element, monitor) {
  put(element, facts([
    ['Monitor', badge(monitor.runtimeStatus)],
    ['State', monitor.state],
    ['Next check', monitor.nextCheck ? fmt.time(monitor.nextCheck) : null],
    ['Checks', String(monitor.checks)],
    ['Last retraining', monitor.lastRetrainAt ? fmt.time(monitor.lastRetrainAt) : null],
    ['Last result', monitor.lastResult?.summary],
  ]));
}

function renderCharts(element, history, report) {
  if (history.length === 0) {
    put(element, section('Drift over time', h('p', { class: 'empty' }, 'No drift check has stored a report yet.')));
    return;
  }

  const label = point => `#${point.check}`;
  const describe = point => `check ${point.check}: ${point.rows} predictions since ${fmt.time(point.since)} (v${point.version})`;
  const share = checkChart(history.map(p => ({
    label: label(p),
    value: p.driftShare,
    flagged: p.datasetDrift,
    tip: `${describe(p)}\ndrift share ${fmt.number(p.driftShare)}${p.datasetDrift ? ' — dataset drift' : ''}`,
  })), { title: 'Share of drifted features', threshold: report?.drift?.datasetDriftShare, max: 1, id: 'dataset' });

  const features = [...new Set(history.flatMap(p => p.columns.map(c => c.name)))];
  const charts = features.map(feature => {
    const latest = history.map(p => p.columns.find(c => c.name === feature)).filter(Boolean).at(-1);
    const test = TESTS.has(latest.method);
    return checkChart(history.map(p => {
      const column = p.columns.find(c => c.name === feature);
      const value = column ? (test ? column.pValue : column.statistic) : null;
      return {
        label: label(p),
        value: typeof value === 'number' ? value : null,
        flagged: column?.drifted ?? false,
        tip: column ? `${describe(p)}\n${column.method} statistic ${fmt.number(column.statistic)}` +
          (column.pValue === null || column.pValue === undefined ? '' : `, p ${fmt.number(column.pValue)}`) + (column.drifted ? ' — drifted' : '') : describe(p),
      };
    }), {
      title: feature,
      id: feature,
      threshold: latest.threshold,
      max: test ? 1 : undefined,
      yLabel: test ? `${latest.method} p-value` : latest.method,
    });
  });

  const performance = history.filter(p => p.performance);
  put(element, section('Drift over time',
    h('p', { class: 'hint' }, 'One point per check; red points drifted. Tests (KS, chi-square, z) plot the p-value, which drifts below the threshold; distances plot the statistic, which drifts at or above it.'),
    h('div', { class: 'chart-grid' }, share, charts),
    performance.length ? h('div', { class: 'chart-grid' }, checkChart(performance.map(p => ({
      label: label(p),
      value: p.performance.value,
      flagged: p.performance.breached,
      tip: `${describe(p)}\n${p.performance.metric} ${fmt.number(p.performance.value)} (gate ${p.performance.gate})`,
    })), { title: `Performance: ${performance.at(-1).performance.metric}`, id: 'performance' })) : null));
}

function renderReport(element, report) {
  if (!report) {
    put(element, section('Latest report', h('p', { class: 'empty' }, 'None yet.')));
    return;
  }
  const drift = report.drift;
  put(element, section(`Latest report: check ${report.check}`,
    facts([
      ['Version', `v${report.version}`],
      ['Window', `${report.rows} predictions since ${fmt.time(report.since)}`],
      ['Dataset drift', h('span', { id: 'dataset-drift' }, badge(drift.datasetDrift ? 'drift' : 'healthy'),
        ` ${drift.driftedColumnCount} of ${drift.columns.length} features (share ${fmt.number(drift.driftShare)}, threshold ${fmt.number(drift.datasetDriftShare)})`)],
      ['Performance', report.performance ? `${report.performance.metric} ${fmt.number(report.performance.value)} (gate ${report.performance.gate ?? '—'})` : null],
    ]),
    table(['Feature', 'Method', 'Statistic', 'p-value', 'Threshold', 'Verdict', 'Reference / current', 'Distribution (reference, current)'],
      drift.columns.map(c => ({
        key: c.name,
        cells: [c.name, c.method, fmt.number(c.statistic), fmt.number(c.pValue), fmt.number(c.threshold), badge(c.drifted ? 'drift' : 'healthy'),
          `${c.referenceCount} / ${c.currentCount}`, histogram(c.histogram ?? [])],
      })), { class: 'report' })));
}

function renderRetraining(element, runs) {
  put(element, section('Retraining runs started by drift', table(['Run', 'Status', 'Reason', 'Created'], runs.map(r => ({
    key: r.id,
    cells: [h('a', { href: route('runs', r.id) }, r.id), badge(r.status), r.requestedBy ?? '', fmt.time(r.createdTime)],
  })), { class: 'retraining', empty: 'Drift has not started a retraining run.' })));
}
