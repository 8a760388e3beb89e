// Models: the registry's models, then one model's aliases, versions with lineage, audit trail, and promote / rollback.

import { api, path, ApiError } from '../api.js';
import { h, put, badge, table, section, route, fmt } from '../dom.js';

const ACTOR_KEY = 'mlops.actor';

export async function modelsView(container) {
  const list = h('div', { id: 'models' });
  put(container, h('h1', null, 'Models'), list);
  let shown = null;
  async function refresh() {
    const models = await api('/models');
    const signature = JSON.stringify(models);
    if (signature === shown) return;
    shown = signature;
    put(list, table(['Model', 'Latest version', 'Aliases'], models.map(m => ({
      key: m.model,
      cells: [h('a', { href: route('models', m.model) }, m.model), `v${m.latestVersion}`, aliasBadges(m.aliases)],
    })), { empty: 'No model registered yet: a run registers one when it deploys.' }));
  }
  await refresh();
  return { refresh };
}

export async function modelView(container, [name]) {
  const parts = { header: h('div'), aliases: h('div', { id: 'model-aliases' }), versions: h('div', { id: 'model-versions' }), audit: h('div', { id: 'model-audit' }) };
  put(container,
    h('p', { class: 'crumbs' }, h('a', { href: '#/models' }, 'Models'), ' / ', name),
    h('h1', null, name),
    parts.header, parts.aliases, parts.versions, parts.audit);
  parts.header.append(changeForm(name, () => refresh()));

  let shown = null;
  async function refresh() {
    const [model, audit] = await Promise.all([api(path('models', name)), api(path('models', name, 'audit'))]);
    const signature = JSON.stringify([model, audit]);
    if (signature === shown) return;
    shown = signature;
    renderAliases(parts.aliases, model.aliases);
    renderVersions(parts.versions, model);
    renderAudit(parts.audit, audit);
  }
  await refresh();
  return { refresh };
}

function aliasBadges(aliases) {
  return aliases.length === 0 ? '—' : aliases.map(a => [badge(a.alias), ` v${a.version}${a.trafficPercent ? ` (${a.trafficPercent}%)` : ''} `]);
}

function renderAliases(element, aliases) {
  put(element, section('Aliases', table(['Alias', 'Version', 'Traffic', 'Set at', 'Set by'], aliases.map(a => ({
    key: a.alias,
    cells: [badge(a.alias), `v${a.version}`, a.trafficPercent ? `${a.trafficPercent}%` : '', fmt.time(a.setAt), a.setBy],
  })), { class: 'aliases', empty: 'No alias: nothing is served.' })));
}

function renderVersions(element, model) {
  const aliasesOf = version => model.aliases.filter(a => a.version === version).map(a => badge(a.alias));
  put(element, section('Versions and lineage', table(['Version', 'Registered', 'Trainer', 'Metrics', 'Parameters', 'Lineage', 'Aliases'],
    [...model.versions].reverse().map(v => ({
      key: String(v.version),
      cells: [
        `v${v.version}`,
        fmt.time(v.createdAt),
        v.trainer,
        h('span', { class: 'kv' }, Object.entries(v.metrics).map(([k, x]) => h('span', null, `${k} ${fmt.number(x)}`))),
        h('span', { class: 'kv' }, Object.entries(v.parameters).map(([k, x]) => h('span', null, `${k}=${x}`))),
        lineage(v),
        aliasesOf(v.version),
      ],
    })), { class: 'versions' })));
}

/** Where a version came from, left to right: data -> schema -> pipeline and code -> run -> version. */
function lineage(version) {
  const l = version.lineage ?? {};
  return h('ol', { class: 'lineage' },
    h('li', { title: l.datasetHash ?? '' }, 'data ', h('code', null, fmt.hash(l.datasetHash))),
    h('li', { title: l.schemaHash ?? '' }, `schema v${l.schemaVersion ?? '?'}`),
    h('li', null, `pipeline ${l.pipelineName ?? '?'}`, l.codeVersion ? ` @ ${l.codeVersion}` : ''),
    h('li', null, 'run ', h('a', { href: route('runs', version.runId) }, version.runId)),
    h('li', null, `v${version.version}`));
}

function renderAudit(element, audit) {
  put(element, section('Audit trail', table(['#', 'Time', 'Actor', 'Action', 'Version', 'Alias', 'Previous', 'Reason', 'Details'],
    [...audit].reverse().map(e => ({
      key: String(e.sequence),
      cells: [String(e.sequence), fmt.time(e.time), e.actor, e.action, `v${e.version}`, e.alias ?? '', e.previousVersion ? `v${e.previousVersion}` : '', e.reason ?? '', e.details],
    })), { class: 'audit', empty: 'No changes recorded.' })));
}

/** Promote the canary or roll production back, as the named actor, with a reason; both land in the audit trail. */
function changeForm(name, changed) {
  const actor = h('input', { id: 'actor', name: 'actor', value: sessionStorage.getItem(ACTOR_KEY) ?? 'dashboard', maxlength: 200 });
  const reason = h('input', { id: 'reason', name: 'reason', placeholder: 'Why (kept in the audit trail)', maxlength: 2000 });
  const message = h('span', { class: 'message', role: 'status' });
  const change = action => async () => {
    sessionStorage.setItem(ACTOR_KEY, actor.value);
    message.textContent = `${action === 'promote' ? 'Promoting' : 'Rolling back'}…`;
    try {
      const alias = await api(path('models', name, action), {
        method: 'POST',
        headers: { 'x-actor': actor.value || 'dashboard' },
        body: { reason: reason.value.trim() || null },
      });
      message.textContent = `${action === 'promote' ? 'Promoted' : 'Rolled back'}: production is v${alias.version}.`;
      reason.value = '';
      await changed();
    } catch (error) {
      message.textContent = error instanceof ApiError ? `${error.problem?.title ?? 'Refused'}: ${error.message}` : String(error);
    }
  };
  return h('form', { class: 'toolbar', id: 'model-change', on: { submit: event => event.preventDefault() } },
    h('label', { for: 'actor' }, 'Acting as'), actor,
    h('label', { for: 'reason' }, 'Reason'), reason,
    h('button', { type: 'button', id: 'promote', on: { click: change('promote') } }, 'Promote canary'),
    h('button', { type: 'button', id: 'rollback', class: 'danger', on: { click: change('rollback') } }, 'Roll back production'),
    message);
}
