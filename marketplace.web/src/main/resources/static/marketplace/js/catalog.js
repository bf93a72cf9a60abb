// The module catalog: search and filters, each module with its state, install / update / remove with a
// progress bar that follows the operation (and survives a page reload), details with every release.
// Incompatible modules and releases are shown with the reason, never hidden; a catalog that could not
// be loaded says so and never looks like "no modules".
import { api } from './api.js';
import { t, language, formatDate, formatDateTime } from './i18n.js';
import { describe, support, supportLine } from './forms.js';
import { labelCells } from './tables.js';

const $ = (id) => document.getElementById(id);

/** How often a running operation is asked for its progress, and how often after a failed ask. */
const POLL_MS = 300;
const POLL_RETRY_MS = 1500;
/** Typing pauses this long before the search runs. */
const SEARCH_DELAY_MS = 250;
/** Running operations by module id, kept for this tab so a reload picks them up again. */
const STORAGE_KEY = 'marketplace.operations';
/** Each kind of operation has its own steps: a removal is not described with install steps. */
const INSTALL_STEPS = ['METADATA', 'LICENSE', 'DOWNLOAD', 'VERIFY', 'INSTALL', 'START', 'DONE'];
const STEPS = { INSTALL: INSTALL_STEPS, UPDATE: INSTALL_STEPS, UNINSTALL: ['REMOVE', 'DONE'],
  DOWNGRADE: ['METADATA', 'LICENSE', 'DOWNLOAD', 'VERIFY', 'DOWNGRADE', 'START', 'DONE'] };

let catalog = null; // the last CatalogDTO answered
let shownFingerprint = null; // the fingerprint the PBX sent with that answer (see catalogFingerprint)
let loadError = null; // the ApiError of the last load, or null
let license = null; // the license snapshot, for "Start a trial" / "register first"
let loadSeq = 0; // answers to older searches are dropped
let searchTimer = 0;
let onOperationDone = () => {};
/** moduleId → { op: OperationDTO last seen, error: text of a refused start, stalled: text while the PBX does not answer } */
const operations = new Map();
/** Module ids whose details are open, kept across re-renders. */
const openDetails = new Set();
let removing = null;
/** The module and release the downgrade dialog asks about. */
let downgrading = null;
/** Product and feature names by language, learned from every catalog answer: the license names them by id only. */
const productNames = new Map();
const featureNames = new Map();
let onNames = () => {};
let trying = null;

// ---- small helpers

function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A text by language ({en, ru}) in the page's language, else English, else any. */
function local(texts) {
  if (!texts) return '';
  return texts[language()] || texts.en || Object.values(texts)[0] || '';
}

function reasonText(reason) {
  return reason ? local(reason.message) || reason.code || '' : '';
}

/** A text from the resource files if it has one, else the fallback (e.g. a category the texts don't know yet). */
function optional(key, fallback) {
  const text = t(key);
  return text === key ? fallback : text;
}

function kilobytes(bytes) {
  return new Intl.NumberFormat(language(), { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(bytes / 1024);
}

function percentText(percent) {
  return new Intl.NumberFormat(language(), { style: 'percent' }).format(Math.max(0, Math.min(100, percent)) / 100);
}

function moduleName(module) {
  return local(module.name) || module.id;
}

function wait(millis) {
  return new Promise((resolve) => setTimeout(resolve, millis));
}

// ---- running operations, remembered for this tab

function remembered() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || '{}');
    return saved && typeof saved === 'object' ? saved : {};
  } catch (e) {
    return {};
  }
}

function remember(moduleId, operationId) {
  const saved = remembered();
  if (operationId) saved[moduleId] = operationId;
  else delete saved[moduleId];
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
}

function running(moduleId) {
  const entry = operations.get(moduleId);
  return Boolean(entry && (entry.starting || entry.op?.state === 'RUNNING'));
}

// ---- loading

function filters() {
  const type = document.querySelector('#catalog-filters input[name="type"]:checked')?.value || '';
  return {
    q: $('catalog-search').value.trim(),
    type,
    installed: $('catalog-installed').checked ? 'true' : '',
    updates: $('catalog-updates').checked ? 'true' : '',
  };
}

function filtered() {
  return Object.values(filters()).some((value) => value !== '');
}

/** The search and filters the list shows, for GET /state to fingerprint the same list. */
export function catalogQuery() {
  return filters();
}

/** The fingerprint of the list shown (null before a load, or after a failed one: the next /state reloads it). */
export function catalogFingerprint() {
  return shownFingerprint;
}

/** Loads the catalog for the current search and filters; an answer to an older search is dropped. */
export async function loadCatalog() {
  const seq = ++loadSeq;
  $('catalog-list').setAttribute('aria-busy', 'true');
  try {
    const answer = await api.modules(filters());
    if (seq !== loadSeq) return;
    catalog = answer.data;
    shownFingerprint = answer.fingerprint;
    loadError = null;
    learnNames(catalog.modules || []);
  } catch (error) {
    if (seq !== loadSeq) return;
    loadError = error;
    shownFingerprint = null;
  }
  $('catalog-list').removeAttribute('aria-busy');
  renderCatalog();
}

// ---- names of products and features, for the license table too

function learnNames(modules) {
  let learned = false;
  for (const m of modules) {
    if (m.productId && m.name && !productNames.has(m.productId)) { productNames.set(m.productId, m.name); learned = true; }
    if (m.featureId && m.name && !featureNames.has(m.featureId)) { featureNames.set(m.featureId, m.name); learned = true; }
  }
  if (learned) onNames();
}

/** A product in the page's language: the page's own texts (the base product), else the catalog's, else the license's. */
export function productName(id, fallback) {
  return optional(`product.${id}`, '') || local(productNames.get(id)) || fallback || id;
}

/** A feature in the page's language, as productName. */
export function featureName(id) {
  return optional(`feature.${id}`, '') || local(featureNames.get(id)) || id;
}

// ---- rendering

/** Re-renders the whole section (after a load, a language switch or a license change). */
export function renderCatalog() {
  const loaded = catalog !== null;
  $('catalog-loading').hidden = loaded || loadError !== null;

  // A failed load is its own state, never an empty list.
  $('catalog-error').hidden = !loadError;
  if (loadError) $('catalog-error-text').textContent = t('catalog.error.text', { detail: describe(loadError) });

  renderMeta();
  renderStale();
  renderAdvisories();

  const list = $('catalog-list');
  const modules = !loadError && loaded ? catalog.modules || [] : [];
  list.replaceChildren(...modules.map(renderModule));
  list.hidden = modules.length === 0;

  const empty = loaded && !loadError && modules.length === 0;
  $('catalog-empty').hidden = !empty;
  if (empty) {
    let text;
    if (filtered()) text = t('catalog.noMatch');
    else if (!catalog.fetchedAt) text = t('catalog.never', { reason: reasonText(catalog.reason) || t('catalog.noReason') });
    else text = t('catalog.noModules');
    $('catalog-empty-text').textContent = text;
    $('catalog-clear').hidden = !filtered();
  }
  // An open confirmation says its texts again in the page's language (after a language switch).
  if (trying) fillTrial(trying);
  if (removing) fillRemove(removing);
  if (downgrading) fillDowngrade(downgrading.module, downgrading.release);
  $('catalog-count').textContent = loaded && !loadError && modules.length
    ? t(`catalog.count.${new Intl.PluralRules(language()).select(modules.length)}`, { n: modules.length }) : '';
}

function renderMeta() {
  const meta = $('catalog-meta');
  if (!catalog || !catalog.fetchedAt) {
    meta.textContent = catalog?.hostVersion ? t('catalog.host', { host: catalog.hostVersion }) : '';
    return;
  }
  meta.textContent = t('catalog.meta', {
    version: catalog.version, date: formatDateTime(catalog.fetchedAt), host: catalog.hostVersion || '—',
  });
}

function renderStale() {
  const stale = Boolean(catalog?.stale) && !loadError;
  $('catalog-stale').hidden = !stale;
  if (!stale) return;
  $('catalog-stale-text').textContent = catalog.fetchedAt
    ? t('catalog.stale.text', { date: formatDateTime(catalog.fetchedAt) }) : t('catalog.stale.never');
  $('catalog-stale-reason').textContent = reasonText(catalog.reason);
  $('catalog-stale-support').textContent = support(catalog.reason?.code, catalog.reason?.technical);
}

/** The banner at the top: every advisory on an installed module the admin has not dismissed, most severe first. */
function renderAdvisories() {
  const shown = !loadError && catalog ? (catalog.advisories || []).filter((a) => !a.dismissed) : [];
  const box = $('advisories');
  box.hidden = shown.length === 0;
  box.classList.toggle('banner-warn', !shown.some((a) => a.severity === 'critical' || a.severity === 'high'));
  $('advisories-list').replaceChildren(...shown.map((a) => {
    const module = moduleById(a.moduleId);
    const item = el('li', { className: `advisory advisory-${a.severity}`, attrs: { 'data-advisory': a.id } },
      el('strong', { text: `${a.id} · ${t(`advisory.severity.${a.severity}`)}` }), ' ',
      el('span', { className: 'advisory-title', text: t('advisory.line', {
        module: module ? moduleName(module) : a.moduleId, version: a.installedVersion, title: local(a.title) }) }),
      el('p', { className: 'advisory-text', text: local(a.text) }),
      el('p', { className: 'advisory-fix', text: a.fixedVersion ? t('advisory.fixed', { version: a.fixedVersion }) : t('advisory.noFix') }));
    if (a.withdrawn) item.append(el('p', { text: t('advisory.withdrawn') }));
    const actions = el('p', { className: 'actions' });
    if (a.url) actions.append(el('a', { text: t('advisory.details'), attrs: { href: a.url, target: '_blank', rel: 'noopener noreferrer' } }));
    const dismiss = el('button', { text: t('advisory.dismiss'), attrs: { type: 'button', 'data-action': 'dismiss-advisory' } });
    dismiss.addEventListener('click', async () => {
      dismiss.disabled = true;
      try {
        await api.dismissAdvisory(a.id);
      } catch (error) {
        dismiss.disabled = false;
        item.append(el('p', { className: 'field-error', attrs: { role: 'alert' }, text: describe(error) }));
        return;
      }
      await loadCatalog();
    });
    actions.append(' ', dismiss);
    item.append(actions);
    return item;
  }));
  if (catalog?.updatePolicy && shown.length) {
    $('advisories-list').append(el('li', { className: 'hint', text: t(`advisory.policy.${catalog.updatePolicy}`) }));
  }
  for (const op of (catalog?.automaticUpdates || []).slice(0, 3)) {
    $('advisories-list').append(el('li', { className: 'hint advisory-automatic',
      text: t('advisory.automatic', { module: op.moduleId, version: op.version || '', state: op.state }) }));
  }
  if (catalog?.automaticUpdates?.length) box.hidden = false;
}

function badge(kind, text) {
  return el('span', { className: `badge badge-${kind}`, text });
}

function renderModule(module) {
  const item = el('li', { className: 'module', attrs: { 'data-module': module.id } });
  item.classList.toggle('incompatible', !module.compatible);
  const headingId = `module-${module.id}-name`;
  item.setAttribute('aria-labelledby', headingId);

  const badges = el('span', { className: 'badges' },
    module.commercial ? badge('paid', t('catalog.paid')) : badge('free', t('catalog.free')));
  if (module.commercial) {
    badges.append(module.licensed ? badge('licensed', t('catalog.licensed')) : badge('unlicensed', t('catalog.unlicensed')));
  }
  if (module.installedVersion) badges.append(badge('installed', t('catalog.installedBadge')));
  if (module.updateAvailable) badges.append(badge('update', t('catalog.updateBadge')));
  if (!module.compatible) badges.append(badge('incompatible', t('catalog.incompatibleBadge')));
  for (const a of module.advisories || []) badges.append(badge('advisory', `${a.id} · ${t(`advisory.severity.${a.severity}`)}`));

  item.append(
    el('div', { className: 'module-head' }, el('h3', { className: 'module-name', text: moduleName(module), attrs: { id: headingId } }), badges),
    el('p', { className: 'module-description', text: local(module.description) }),
    facts(module),
  );
  if (!module.compatible) {
    item.append(el('p', { className: 'module-reason', attrs: { role: 'note' },
      text: t('catalog.incompatible', { reason: reasonText(module.incompatibleReason) || t('catalog.noReason') }) }));
  } else if (module.installedVersion && module.commercial && !module.licensed) {
    item.append(el('p', { className: 'module-reason', attrs: { role: 'note' }, text: t('catalog.installedUnlicensed') }));
  }
  for (const a of module.advisories || []) {
    item.append(el('p', { className: `module-advisory advisory-${a.severity}`, attrs: { role: 'note', 'data-advisory': a.id },
      text: `${t('advisory.onModule', { id: a.id, severity: t(`advisory.severity.${a.severity}`), title: local(a.title) })} `
        + (a.fixedVersion ? t('advisory.fixed', { version: a.fixedVersion }) : t('advisory.noFix')) }));
  }
  item.append(el('div', { className: 'module-actions' }), el('div', { className: 'operation' }));
  renderState(item, module);
  item.append(details(module));
  return item;
}

function facts(module) {
  const list = el('dl', { className: 'module-facts' });
  const add = (term, value, className) => list.append(el('dt', { text: term }), el('dd', { text: value, className }));
  add(t('catalog.vendor'), module.vendor || '—', 'module-vendor');
  add(t('catalog.category'), module.category ? optional(`category.${module.category}`, module.category) : '—', 'module-category');
  add(t('catalog.installedVersion'), module.installedVersion || t('catalog.notInstalled'), 'module-installed');
  add(t('catalog.latestVersion'), module.latestVersion || t('catalog.noCompatibleRelease'), 'module-latest');
  return list;
}

/** The buttons and the operation of one module; also called on every progress answer. */
function renderState(item, module) {
  const entry = operations.get(module.id);
  const busy = running(module.id);
  renderActions(item.querySelector('.module-actions'), module, busy);
  renderOperation(item.querySelector('.operation'), entry);
}

function actionButton(action, text, className, handler, disabled) {
  const button = el('button', { className, text, attrs: { type: 'button', 'data-action': action } });
  button.disabled = disabled;
  button.addEventListener('click', handler);
  return button;
}

function renderActions(box, module, busy) {
  const hints = [];
  const buttons = [];
  if (!module.installedVersion) {
    const trial = module.commercial && !module.licensed;
    const unregistered = trial && license?.status === 'UNREGISTERED';
    const label = trial ? t('catalog.try') : t('catalog.install', { version: module.latestVersion || '' });
    buttons.push(actionButton('install', label, 'primary', () => (trial ? confirmTrial(module) : start(module, 'install')),
      busy || !module.latestVersion || unregistered));
    if (unregistered) hints.push(t('catalog.registerFirst'));
    else if (trial && module.latestVersion) hints.push(t('catalog.trialHint'));
  } else {
    if (module.updateAvailable) {
      buttons.push(actionButton('update', t('catalog.update', { version: module.latestVersion }), 'primary',
        () => start(module, 'update'), busy));
    }
    if (module.page && !busy) {
      // The module's own page (its bundle names it; the PBX sets it only while the page is there).
      buttons.push(el('a', { className: 'button', text: t('catalog.open'),
        attrs: { href: new URL(module.page, location.origin).href, target: '_blank', rel: 'noopener', 'data-action': 'open' } }));
    }
    buttons.push(actionButton('remove', t('catalog.remove'), 'danger', () => confirmRemove(module), busy));
  }
  const focused = box.contains(document.activeElement) ? document.activeElement.dataset.action : null;
  box.replaceChildren(...buttons, ...hints.map((text) => el('span', { className: 'hint action-hint', text })));
  if (focused) box.querySelector(`[data-action="${focused}"]:not([disabled])`)?.focus();
}

function renderOperation(box, entry) {
  box.replaceChildren();
  box.hidden = !entry;
  if (!entry) return;
  const op = entry.op;
  if (op) {
    const state = op.state;
    box.dataset.state = state;
    const bar = el('progress', { attrs: { max: '100', value: String(op.percent), 'aria-label': t('op.progress') } });
    let step = state === 'SUCCEEDED' ? t(`op.done.${op.kind}`, { version: op.version || '' })
      : state === 'FAILED' ? t(`op.failed.${op.kind}`, { version: op.version || '' })
        : `${t(`op.kind.${op.kind}`, { version: op.version || '' })}: ${optional(`op.step.${stepOf(op)}`, op.step)}`;
    if (state === 'RUNNING' && op.step === 'DOWNLOAD' && op.bytesTotal > 0) {
      step += ` ${t('op.bytes', { done: kilobytes(op.bytesDone), total: kilobytes(op.bytesTotal) })}`;
    }
    box.append(
      bar,
      el('span', { className: 'operation-step', text: step }),
      el('span', { className: 'operation-percent', text: percentText(op.percent) }),
    );
    if (state === 'RUNNING') box.append(el('span', { className: 'operation-steps hint', text: stepCounter(op) }));
    if (state === 'FAILED') {
      const error = el('p', { className: 'operation-error', attrs: { role: 'alert' }, text: reasonText(op.error) || t('op.noReason') });
      const line = support(op.error?.code, op.error?.technical);
      if (line) error.append(supportLine(line));
      box.append(error);
    }
  } else if (entry.starting) {
    box.dataset.state = 'STARTING';
    box.append(el('progress', { attrs: { max: '100', 'aria-label': t('op.progress') } }),
      el('span', { className: 'operation-step', text: t('op.starting') }));
  }
  if (entry.error) {
    box.dataset.state = 'REFUSED';
    box.append(el('p', { className: 'operation-error', attrs: { role: 'alert' }, text: entry.error }));
  }
  if (entry.stalled) box.append(el('p', { className: 'operation-stalled', attrs: { role: 'status' }, text: entry.stalled }));
}

/** The operation's step among its kind's steps; a removal that has not said REMOVE yet is removing all the same. */
function stepOf(op) {
  return op.kind === 'UNINSTALL' && op.step !== 'DONE' ? 'REMOVE' : op.step;
}

function stepCounter(op) {
  const steps = STEPS[op.kind] || INSTALL_STEPS;
  const index = steps.indexOf(stepOf(op));
  return index < 0 ? '' : t('op.stepOf', { n: index + 1, total: steps.length });
}

/** Releases with changelog and compatibility, in an expandable part that stays open across re-renders. */
function details(module) {
  const box = el('details', { className: 'module-details' });
  box.open = openDetails.has(module.id);
  box.addEventListener('toggle', () => {
    if (box.open) openDetails.add(module.id);
    else openDetails.delete(module.id);
  });
  box.append(el('summary', { text: t('catalog.details') }));

  const info = el('dl', { className: 'module-facts' });
  const add = (term, value) => info.append(el('dt', { text: term }), el('dd', { text: value }));
  add(t('catalog.id'), module.id);
  if (module.commercial) {
    add(t('catalog.product'), module.productId ? productName(module.productId) : '—');
    add(t('catalog.feature'), module.featureId ? featureName(module.featureId) : '—');
  }
  // Library bundles come from the catalog with the module and are never listed as modules of their own.
  if (module.libraries?.length) {
    add(t('catalog.libraries'), module.libraries.map((l) => l.symbolicName + ' ' + l.version).join(', '));
  }
  // Not installed yet: what its latest release names from the catalog (read from the signed catalog, not resolved).
  if (module.releaseLibraries?.length) {
    add(t('catalog.releaseLibraries', { version: module.latestVersion }),
      module.releaseLibraries.map((l) => l.symbolicName + ' ' + l.version).join(', ') + ' ' + t('catalog.releaseLibrariesHint'));
  }
  box.append(info);

  const releases = module.releases || [];
  if (!releases.length) {
    box.append(el('p', { className: 'hint', text: t('catalog.noReleases') }));
    return box;
  }
  // Earlier releases that run here get a button to install them back (a downgrade).
  const earlier = releases.some((r) => r.earlier);
  const columns = ['catalog.release.version', 'catalog.release.date', 'catalog.release.host', 'catalog.release.size',
    'catalog.release.compatibility', 'catalog.release.changes'];
  const head = el('tr', {}, ...columns.map((key) => el('th', { text: t(key), attrs: { scope: 'col' } })),
    earlier ? el('th', { text: '', attrs: { scope: 'col' } }) : null);
  const body = el('tbody');
  for (const release of releases) {
    const row = el('tr', { className: release.compatible ? 'release' : 'release incompatible', attrs: { 'data-version': release.version } });
    row.append(
      el('td', { text: release.version }),
      el('td', { text: release.date ? formatDate(Date.parse(release.date)) : '—' }),
      el('td', { text: hostRange(release) }),
      el('td', { text: release.size ? kilobytes(release.size) : '—' }),
      el('td', { className: release.compatible ? 'valid' : 'expired',
        text: release.compatible ? t('catalog.release.runs') : reasonText(release.incompatibleReason) || t('catalog.noReason') }),
    );
    const changes = el('td', { text: local(release.changelog) || '—' });
    if (release.requires?.length) changes.append(el('div', { className: 'hint', text: t('catalog.release.requires', { modules: release.requires.join(', ') }) }));
    if (release.advisoryIds?.length) {
      changes.append(el('div', { className: 'advisory', text: t('catalog.release.advisories', { ids: release.advisoryIds.join(', ') }) }));
    }
    row.append(changes);
    if (earlier) {
      const action = el('td');
      if (release.earlier) {
        action.append(actionButton(`downgrade-${release.version}`, t('catalog.release.back'), '',
          () => confirmDowngrade(module, release), running(module.id)));
      }
      row.append(action);
    }
    body.append(row);
  }
  const table = el('table', { className: 'releases stack' }, el('thead', {}, head), body);
  labelCells(table);
  box.append(table);
  if (earlier) box.append(el('p', { className: 'hint', text: t('catalog.release.earlier') }));
  return box;
}

function hostRange(release) {
  const min = release.minHostVersion;
  const max = release.maxHostVersion;
  if (min && max) return t('catalog.host.range', { min, max });
  if (min) return t('catalog.host.min', { min });
  if (max) return t('catalog.host.max', { max });
  return t('catalog.host.any');
}

function moduleById(id) {
  return catalog?.modules?.find((m) => m.id === id);
}

/** Updates one module's buttons and progress in place (focus and open details stay as they are). */
function refreshModule(moduleId) {
  const module = moduleById(moduleId);
  const item = [...$('catalog-list').children].find((li) => li.dataset.module === moduleId);
  if (module && item) renderState(item, module);
}

// ---- operations

/** kind: install, update, uninstall, or downgrade (with the release and whether its advisories were confirmed). */
async function start(module, kind, release, confirmAdvisories) {
  $('catalog-action-error').hidden = true;
  operations.set(module.id, { starting: true });
  refreshModule(module.id);
  let op;
  try {
    op = kind === 'install' ? await api.install(module.id)
      : kind === 'update' ? await api.update(module.id)
        : kind === 'downgrade' ? await api.downgrade(module.id, release.version, confirmAdvisories)
          : await api.uninstall(module.id);
  } catch (error) {
    // Refused before it began (busy, required by another module, not licensed): say why beside the module.
    operations.set(module.id, { error: describe(error) });
    refreshModule(module.id);
    return;
  }
  follow(op.moduleId || module.id, op.id, op);
}

/** Shows an operation and asks for its progress until it succeeds or fails. */
function follow(moduleId, operationId, first) {
  remember(moduleId, operationId);
  operations.set(moduleId, { op: first || null, starting: !first });
  refreshModule(moduleId);
  poll(moduleId, operationId, first ? POLL_MS : 0);
}

async function poll(moduleId, operationId, delay) {
  for (;;) {
    await wait(delay);
    let op;
    try {
      op = await api.operation(operationId);
    } catch (error) {
      if (error.status === 404) {
        // The PBX no longer knows it (e.g. restarted): stop following, show what the catalog says now.
        remember(moduleId, null);
        operations.set(moduleId, { error: t('op.lost') });
        await loadCatalog();
        return;
      }
      // No answer: keep the last progress, say so, ask again a bit later.
      const entry = operations.get(moduleId) || {};
      operations.set(moduleId, { ...entry, starting: false, stalled: t('op.stalled', { detail: describe(error) }) });
      refreshModule(moduleId);
      delay = POLL_RETRY_MS;
      continue;
    }
    operations.set(moduleId, { op });
    refreshModule(moduleId);
    if (op.state === 'RUNNING') {
      delay = POLL_MS;
      continue;
    }
    remember(moduleId, null);
    // The module's new state (installed version, licensed) comes from the catalog; a trial may have started.
    await loadCatalog();
    onOperationDone(op);
    return;
  }
}

/** Modules the release installs with it that are not installed yet, by name. */
function alsoInstalled(module) {
  const release = (module.releases || []).find((r) => r.version === module.latestVersion);
  return (release?.requires || []).map(moduleById).filter((m) => m && !m.installedVersion).map(moduleName)
    .concat((release?.requires || []).filter((id) => !moduleById(id)));
}

function days(n) {
  return t(`trial.days.${new Intl.PluralRules(language()).select(n)}`, { n });
}

/** A trial asks first: how long it lasts, and what else gets installed. */
function confirmTrial(module) {
  trying = module;
  fillTrial(module);
  const dialog = $('catalog-confirm-trial');
  dialog.returnValue = '';
  dialog.showModal();
}

function fillTrial(module) {
  const name = moduleName(module);
  $('catalog-trial-heading').textContent = t('trial.heading', { name });
  $('catalog-trial-text').textContent = module.trialDays
    ? t('trial.text', { name, days: days(module.trialDays), version: module.latestVersion })
    : t('trial.textNoDays', { name, version: module.latestVersion });
  const also = alsoInstalled(module);
  $('catalog-trial-also').textContent = also.length ? t('trial.also', { modules: also.map((m) => `«${m}»`).join(', ') }) : '';
  $('catalog-trial-also').hidden = also.length === 0;
}

function fillRemove(module) {
  $('catalog-confirm-text').textContent = t('catalog.confirm.text', { name: moduleName(module) });
}

function confirmRemove(module) {
  removing = module;
  fillRemove(module);
  const dialog = $('catalog-confirm-remove');
  dialog.returnValue = ''; // Escape must not repeat the previous answer
  dialog.showModal();
}

function fillDowngrade(module, release) {
  const values = { name: moduleName(module), installed: module.installedVersion, version: release.version };
  const advisories = release.advisoryIds || [];
  $('catalog-downgrade-heading').textContent = t('downgrade.heading', values);
  $('catalog-downgrade-text').textContent = t('downgrade.text', values);
  $('catalog-downgrade-advisories').textContent = advisories.length ? t('downgrade.advisories', { ids: advisories.join(', ') }) : '';
  $('catalog-downgrade-advisories').hidden = advisories.length === 0;
  $('catalog-downgrade-keep').textContent = t('downgrade.keep', values);
  $('catalog-downgrade-yes').textContent = t(advisories.length ? 'downgrade.yesAnyway' : 'downgrade.yes', values);
}

/** A downgrade asks first; a release under advisories says so and its button says "anyway". */
function confirmDowngrade(module, release) {
  downgrading = { module, release };
  fillDowngrade(module, release);
  const dialog = $('catalog-confirm-downgrade');
  dialog.returnValue = '';
  dialog.showModal();
}

// ---- wiring

/** The license as the page knows it: decides "Start a trial" or "register first" for paid modules. */
export function setCatalogLicense(next) {
  license = next;
  renderCatalog();
}

/**
 * @param onDone called with every operation that finished (the license may have changed: a trial)
 * @param namesLearned called when a catalog answer named products or features the page did not know
 */
export function wireCatalog(onDone, namesLearned) {
  onOperationDone = onDone || onOperationDone;
  onNames = namesLearned || onNames;
  const form = $('catalog-filters');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(searchTimer);
    loadCatalog();
  });
  $('catalog-search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(loadCatalog, SEARCH_DELAY_MS);
  });
  for (const input of form.querySelectorAll('input[type="radio"], input[type="checkbox"]')) {
    input.addEventListener('change', loadCatalog);
  }
  $('catalog-retry').addEventListener('click', loadCatalog);
  $('catalog-clear').addEventListener('click', () => {
    form.reset();
    loadCatalog();
    $('catalog-search').focus();
  });
  $('catalog-refresh').addEventListener('click', async () => {
    const button = $('catalog-refresh');
    const alertBox = $('catalog-action-error');
    alertBox.hidden = true;
    button.disabled = true;
    button.textContent = t('catalog.refreshing');
    try {
      await api.refreshCatalog();
    } catch (error) {
      alertBox.textContent = t('catalog.refreshFailed', { detail: describe(error) });
      alertBox.hidden = false;
    } finally {
      button.disabled = false;
      button.textContent = t('catalog.refresh');
    }
    await loadCatalog();
  });
  const trialDialog = $('catalog-confirm-trial');
  trialDialog.addEventListener('close', () => {
    const module = trying;
    trying = null;
    if (!module) return;
    if (trialDialog.returnValue === 'trial') start(module, 'install');
    else [...$('catalog-list').children].find((li) => li.dataset.module === module.id)?.querySelector('[data-action="install"]')?.focus();
  });
  const downgradeDialog = $('catalog-confirm-downgrade');
  downgradeDialog.addEventListener('close', () => {
    const chosen = downgrading;
    downgrading = null;
    if (!chosen) return;
    // The admin saw the advisories in the dialog: confirming it confirms them.
    if (downgradeDialog.returnValue === 'downgrade') start(chosen.module, 'downgrade', chosen.release, (chosen.release.advisoryIds || []).length > 0);
  });
  const dialog = $('catalog-confirm-remove');
  dialog.addEventListener('close', () => {
    const module = removing;
    removing = null;
    if (!module) return;
    if (dialog.returnValue === 'remove') {
      start(module, 'uninstall');
    } else {
      [...$('catalog-list').children].find((li) => li.dataset.module === module.id)?.querySelector('[data-action="remove"]')?.focus();
    }
  });
  // Operations that were running when the page was left: follow them again.
  for (const [moduleId, operationId] of Object.entries(remembered())) {
    if (typeof operationId === 'string') follow(moduleId, operationId, null);
  }
  loadCatalog();
}
