// SVG charts drawn with DOM calls (no library): a run's stage timeline, a metric over drift checks, a histogram.
// Every label is a text node; tooltips are <title> elements.

import { svg, fmt } from './dom.js';

const STAGE_TONES = { done: 'ok', running: 'run', rejected: 'warn', skipped: 'warn', failed: 'bad' };

/**
 * One bar per stage on a shared time axis, from its start to its end (or to now while it runs), labelled with
 * its duration. stages: [{ name, status, startedAt, endedAt, detail }].
 */
export function stageTimeline(stages, now) {
  const rowHeight = 28;
  const labelWidth = 96;
  const width = 760;
  const height = stages.length * rowHeight + 28;
  const starts = stages.map(s => new Date(s.startedAt).getTime());
  const ends = stages.map(s => (s.endedAt ? new Date(s.endedAt) : now).getTime());
  const t0 = Math.min(...starts);
  // At least a second wide, so stages that took no measurable time still get a readable axis.
  const t1 = Math.max(t0 + 1000, ...ends);
  const plotWidth = width - labelWidth - 110;
  const x = t => labelWidth + ((t - t0) / (t1 - t0)) * plotWidth;

  const ticks = [0, 0.25, 0.5, 0.75, 1].map(f => {
    const at = labelWidth + f * plotWidth;
    return [
      svg('line', { x1: at, x2: at, y1: 0, y2: height - 20, class: 'grid' }),
      svg('text', { x: at, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, '+' + fmt.duration(f * (t1 - t0))),
    ];
  });

  const rows = stages.map((stage, i) => {
    const y = i * rowHeight + 4;
    const left = x(starts[i]);
    const barWidth = Math.max(3, x(ends[i]) - left);
    const tone = STAGE_TONES[stage.status] ?? 'neutral';
    const duration = fmt.duration(ends[i] - starts[i]);
    return svg('g', { class: 'stage', dataset: { stage: stage.name, status: stage.status } },
      svg('title', null, `${stage.name}: ${stage.status}, ${duration}\nstarted ${fmt.time(stage.startedAt)}` +
        (stage.endedAt ? `\nended ${fmt.time(stage.endedAt)}` : '') + (stage.detail ? `\n${stage.detail}` : '')),
      svg('text', { x: labelWidth - 8, y: y + 15, class: 'label', 'text-anchor': 'end' }, stage.name),
      svg('rect', { x: left, y, width: barWidth, height: rowHeight - 10, rx: 3, class: ['bar', `tone-${tone}`, stage.endedAt ? null : 'growing'] }),
      svg('text', { x: left + barWidth + 6, y: y + 14, class: 'value' }, `${duration} · ${stage.status}`));
  });

  return svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart timeline', role: 'img', 'aria-label': 'Stage timeline' }, ticks, rows);
}

/**
 * A value per drift check: points joined by a line, a dashed threshold line, drifted checks in red.
 * points: [{ label, value, flagged, tip }]; options: { title, threshold, max, yLabel, id }.
 */
export function checkChart(points, { title, threshold, max, yLabel, id }) {
  const width = 320;
  const height = 170;
  const pad = { left: 44, right: 12, top: 26, bottom: 30 };
  const values = points.map(p => p.value).filter(v => typeof v === 'number' && Number.isFinite(v));
  const top = max ?? Math.max(threshold ?? 0, ...values, 1e-9) * 1.15;
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const x = i => pad.left + (points.length === 1 ? plotWidth / 2 : (i / (points.length - 1)) * plotWidth);
  const y = v => pad.top + plotHeight - (Math.min(v, top) / top) * plotHeight;

  const axes = [
    svg('line', { x1: pad.left, x2: pad.left, y1: pad.top, y2: pad.top + plotHeight, class: 'axis-line' }),
    svg('line', { x1: pad.left, x2: width - pad.right, y1: pad.top + plotHeight, y2: pad.top + plotHeight, class: 'axis-line' }),
    [0, 0.5, 1].map(f => svg('text', { x: pad.left - 4, y: y(f * top) + 4, class: 'axis', 'text-anchor': 'end' }, fmt.number(Number((f * top).toPrecision(2))))),
    points.map((p, i) => svg('text', { x: x(i), y: height - 12, class: 'axis', 'text-anchor': 'middle' }, p.label)),
  ];
  const thresholdLine = typeof threshold === 'number'
    ? svg('g', { class: 'threshold' },
      svg('line', { x1: pad.left, x2: width - pad.right, y1: y(threshold), y2: y(threshold) }),
      svg('text', { x: width - pad.right, y: y(threshold) - 4, 'text-anchor': 'end', class: 'axis' }, `threshold ${fmt.number(threshold)}`))
    : null;
  const drawn = points.map((p, i) => ({ ...p, i })).filter(p => typeof p.value === 'number' && Number.isFinite(p.value));
  const line = drawn.length > 1
    ? svg('polyline', { points: drawn.map(p => `${x(p.i)},${y(p.value)}`).join(' '), class: 'series' })
    : null;
  const dots = drawn.map(p => svg('circle', { cx: x(p.i), cy: y(p.value), r: 4, class: p.flagged ? 'point flagged' : 'point' },
    svg('title', null, p.tip ?? `${p.label}: ${fmt.number(p.value)}`)));

  return svg('svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'chart check-chart', role: 'img', 'aria-label': title,
    dataset: { feature: id ?? title, points: String(drawn.length) },
  },
  svg('text', { x: pad.left, y: 14, class: 'chart-title' }, title),
  yLabel ? svg('text', { x: width - pad.right, y: 14, class: 'axis', 'text-anchor': 'end' }, yLabel) : null,
  axes, thresholdLine, line, dots);
}

/** Reference and current shares per bin, side by side. bins: [{ label, referenceCount, currentCount }]. */
export function histogram(bins) {
  const width = 220;
  const height = 56;
  const referenceTotal = bins.reduce((n, b) => n + b.referenceCount, 0) || 1;
  const currentTotal = bins.reduce((n, b) => n + b.currentCount, 0) || 1;
  const shares = bins.map(b => [b.referenceCount / referenceTotal, b.currentCount / currentTotal]);
  const top = Math.max(1e-9, ...shares.flat());
  const slot = width / Math.max(1, bins.length);
  const bar = Math.max(1, slot / 2 - 1);
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart histogram', role: 'img', 'aria-label': 'Reference and current distribution' },
    bins.map((b, i) => svg('g', null,
      svg('title', null, `${b.label}: reference ${b.referenceCount}, current ${b.currentCount}`),
      svg('rect', { x: i * slot, y: height - (shares[i][0] / top) * height, width: bar, height: (shares[i][0] / top) * height, class: 'reference' }),
      svg('rect', { x: i * slot + bar + 1, y: height - (shares[i][1] / top) * height, width: bar, height: (shares[i][1] / top) * height, class: 'current' }))));
}
