// Approvals inbox: the runs waiting for a reviewer, their candidate against production, and approve or reject
// with a comment. Decisions go through POST /api/runs/{id}/approval, as the reviewer named (the audit trail
// records them with channel "api", the caller's address and user agent).

import { api, path } from '../api.js';
import { h, put, table, route, fmt, facts } from '../dom.js';

export async function approvalsView(container) {
  const list = h('div', { id: 'approvals' });
  const done = h('ul', { id: 'decided', class: 'decided' });
  put(container, h('h1', null, 'Approvals'), done, list);
  const cards = new Map();

  // Cards are kept by run id across refreshes, so a comment being typed is not lost when the list updates.
  async function refresh() {
    const pending = await api('/approvals');
    const ids = new Set(pending.map(p => p.runId));
    for (const [id, card] of cards) {
      if (!ids.has(id)) {
        card.remove();
        cards.delete(id);
      }
    }
    for (const request of pending) {
      if (!cards.has(request.runId)) {
        const card = approvalCard(request, (decision) => {
          done.append(h('li', null, `${decision.approved ? 'Approved' : 'Rejected'} `, h('a', { href: route('runs', request.runId) }, request.runId),
            ` as ${decision.reviewer}${decision.comment ? `: “${decision.comment}”` : ''}.`));
        });
        cards.set(request.runId, card);
        list.append(card);
      }
    }
    const empty = list.querySelector('.empty');
    if (pending.length === 0 && !empty) {
      list.append(h('p', { class: 'empty' }, 'No run is waiting for approval.'));
    } else if (pending.length > 0 && empty) {
      empty.remove();
    }
  }

  await refresh();
  return { refresh };
}

function approvalCard(request, decided) {
  const metricNames = Object.keys(request.candidateMetrics);
  const primary = request.primaryMetric;
  const rows = metricNames.map(name => {
    const production = name === primary ? request.productionMetric : null;
    const candidate = request.candidateMetrics[name];
    return {
      key: name,
      cells: [
        name === primary ? h('strong', null, name, ' (primary)') : name,
        fmt.number(candidate),
        production === null || production === undefined ? '—' : fmt.number(production),
        production === null || production === undefined ? '' : signed(candidate - production),
      ],
    };
  });

  const reviewerId = `reviewer-${request.runId}`;
  const commentId = `comment-${request.runId}`;
  const reviewer = h('select', { id: reviewerId, name: 'reviewer' }, request.reviewers.map(r => h('option', { value: r }, r)));
  const comment = h('textarea', { id: commentId, name: 'comment', rows: 2, maxlength: 2000, placeholder: 'Why (kept in the audit trail)' });
  const message = h('p', { class: 'message', role: 'status' });
  const buttons = [];
  const decide = approved => async () => {
    buttons.forEach(b => { b.disabled = true; });
    message.textContent = approved ? 'Approving…' : 'Rejecting…';
    const decision = { approved, reviewer: reviewer.value, comment: comment.value.trim() || null };
    try {
      await api(path('runs', request.runId, 'approval'), { method: 'POST', body: decision });
      message.textContent = `${approved ? 'Approved' : 'Rejected'} as ${decision.reviewer}; the run continues.`;
      decided(decision);
    } catch (error) {
      message.textContent = error.message;
      buttons.forEach(b => { b.disabled = false; });
    }
  };
  buttons.push(
    h('button', { type: 'button', class: 'approve', on: { click: decide(true) } }, 'Approve'),
    h('button', { type: 'button', class: 'danger', on: { click: decide(false) } }, 'Reject'));

  return h('article', { class: 'panel approval', dataset: { run: request.runId } },
    h('h2', null, h('a', { href: route('runs', request.runId) }, request.runId)),
    facts([
      ['Pipeline', request.pipeline],
      ['Candidate', `${request.trainer} ${Object.entries(request.hyperparameters).map(([k, v]) => `${k}=${v}`).join(' ')}`],
      ['Production', request.productionVersion ? `v${request.productionVersion}` : 'none yet'],
      ['Waiting', request.progress],
      ['Deadline', fmt.time(request.deadline)],
    ]),
    table(['Metric', 'Candidate', 'Production', 'Change'], rows, { class: ['compare', 'narrow'] }),
    h('form', { class: 'decision', on: { submit: event => event.preventDefault() } },
      h('label', { for: reviewerId }, 'Reviewer'), reviewer,
      h('label', { for: commentId }, 'Comment'), comment,
      h('div', { class: 'actions' }, buttons)),
    message);
}

function signed(delta) {
  return (delta > 0 ? '+' : '') + fmt.number(delta);
}
