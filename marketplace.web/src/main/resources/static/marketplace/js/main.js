// The Marketplace page: picks the view for the license's state and wires every control.
import { api } from './api.js';
import { apply, initialLanguage, load, t, formatDateTime } from './i18n.js';
import { busy, clearErrors, describe, showProblem, support } from './forms.js';
import { renderLicense, wireKeyReveal } from './license-view.js';
import { wireRegistration } from './registration.js';
import { wireOffline } from './offline-view.js';
import { wireCatalog, setCatalogLicense, loadCatalog, catalogQuery, catalogFingerprint } from './catalog.js';
import { wireCopyKey } from './copy-key.js';
import { wireUpgradeCheck, renderUpgradeCheck } from './upgrade-check.js';

const $ = (id) => document.getElementById(id);
// The vendor cabinet's page for owners who lost their key (marketplace.server's cabinet).
const LOST_KEY_PAGE = 'lost';
// States that come with a banner: what happens now and what to do.
const BANNERS = { PENDING: 'warn', GRACE: 'warn', EXPIRED: 'error', REVOKED: 'error', INVALID: 'error' };

let license = null;
let view = null;
/** The notice shown after a change of registration (cancelled, key taken): its i18n key, kept across re-renders. */
let notice = null;
/** The fingerprint the PBX sent with the license shown; null when the next GET /state is to load it (again). */
let licenseFingerprint = null;
/** How often the page asks whether the license or the modules changed elsewhere; slower while the tab is hidden. */
const STATE_POLL_MS = 1000;
const STATE_POLL_HIDDEN_MS = 5000;
/** After a registration on this page: {email, letterSent} for the success notice; null otherwise. */
let registered = null;

function show(name) {
  view = name;
  for (const id of ['unregistered', 'registration', 'registered']) $(id).hidden = id !== name;
  $('loading').hidden = true;
}

function render() {
  apply();
  // The catalog shows whatever the license state (free modules need no registration), in the page's language.
  setCatalogLicense(license);
  renderUpgradeCheck();
  if (!license) return;
  renderBanner();
  if (license.status === 'UNREGISTERED') {
    if (view !== 'registration') show('unregistered');
    $('success').hidden = true;
  } else {
    renderLicense(license);
    show('registered');
  }
  if (license.cabinetUrl) $('lost-key').href = new URL(LOST_KEY_PAGE, license.cabinetUrl).href;
  $('lost-key').hidden = !license.cabinetUrl;
  renderSuccess();
  renderNotice();
}

/** The notice after a registration: "sent to …" only when the vendor said it mailed the key, else "copy it now". */
function renderSuccess() {
  const mailed = registered?.letterSent === true;
  $('success-mail').textContent = !registered ? ''
    : mailed ? t('success.mail', { email: registered.email }) : t('success.noMail');
  $('success-copy').hidden = !registered || mailed;
}

function renderNotice() {
  $('notice').hidden = !notice;
  if (!notice) return;
  $('notice-title').textContent = t(`${notice}.title`);
  $('notice-text').textContent = t(`${notice}.text`);
}

function renderBanner() {
  const kind = BANNERS[license.status];
  const banner = $('banner');
  banner.hidden = !kind;
  if (!kind) return;
  banner.className = `banner banner-${kind}`;
  // A reason with a banner of its own (a seat released in the cabinet) says what happened, not the status's guess.
  const own = `banner.${license.reason?.code}.title`;
  const prefix = license.reason?.code && t(own) !== own ? `banner.${license.reason.code}` : `banner.${license.status}`;
  $('banner-title').textContent = t(`${prefix}.title`);
  const until = license.offlineUntil ? formatDateTime(license.offlineUntil) : '—';
  $('banner-text').textContent = t(`${prefix}.text`, { until });
  const reason = license.reason?.message?.[document.documentElement.lang] || license.reason?.message?.en || '';
  $('banner-reason').textContent = localDates(reason);
  $('banner-support').textContent = support(license.reason?.code, license.reason?.technical);
}

/** The PBX writes its times as "2026-03-01 12:00 UTC"; the page shows every date in the one format of its language. */
const STAMP = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}) UTC/g;
function localDates(text) {
  return text.replace(STAMP, (m, y, mo, d, h, mi) => formatDateTime(Date.UTC(+y, +mo - 1, +d, +h, +mi)));
}

async function reload() {
  try {
    const before = license?.status;
    const answer = await api.license();
    license = answer.data;
    licenseFingerprint = answer.fingerprint;
    noteChange(before, license.status);
    $('load-error').hidden = true;
  } catch (error) {
    // A load failure must not look like "not registered": say so, and how to retry (the next GET /state does).
    licenseFingerprint = null;
    $('loading').hidden = true;
    $('load-error').textContent = t('error.load', { detail: describe(error) });
    $('load-error').hidden = false;
    return;
  }
  render();
}

function adopt(next) {
  const before = license?.status;
  license = next;
  // An action's answer comes without a fingerprint: the next GET /state loads the license once more.
  licenseFingerprint = null;
  noteChange(before, next.status);
  render();
}

/** A registration that ended, or a key that was taken (here, in another tab or in the shell), gets a notice. */
function noteChange(before, after) {
  if (!before || before === after) return;
  if (after === 'UNREGISTERED') {
    notice = 'notice.cancelled';
    registered = null;
  } else if (before === 'UNREGISTERED') {
    // A registration on this page has its own success notice.
    notice = registered ? null : 'notice.keyTaken';
  }
}

/**
 * Asks GET /state every second; reloads the license or the catalog when its fingerprint is not the one
 * of what the page shows (a change between an earlier /state and its load, changed back since, is
 * loaded too: an earlier /state would call it seen).
 */
async function followState() {
  try {
    const now = await api.state(catalogQuery());
    // Both at once when both changed (a trial changes the license and the module): one round trip, not two.
    await Promise.all([
      now.license !== licenseFingerprint ? reload() : null,
      now.modules !== catalogFingerprint() ? loadCatalog() : null,
    ]);
  } catch (error) {
    // The PBX did not answer this time: the page keeps what it shows and asks again.
  }
  setTimeout(followState, document.hidden ? STATE_POLL_HIDDEN_MS : STATE_POLL_MS);
}

async function switchLanguage(lang) {
  await load(lang);
  // One-off statuses were written in the old language: drop them rather than mix languages.
  for (const id of ['success-copy-done', 'copy-key-done', 'coupon-done', 'upgrade-copy-done']) $(id).textContent = '';
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  render();
}

function wireUnregistered() {
  $('show-registration').addEventListener('click', () => {
    show('registration');
    $('companyName').focus();
  });
  $('registration-back').addEventListener('click', () => {
    show('unregistered');
    $('show-registration').focus();
  });
  const form = $('key-form');
  const input = $('key-input');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!input.value.trim()) {
      showProblem({ problem: { errors: [{ field: 'key', message: t('key.empty') }] } }, { key: input });
      return;
    }
    try {
      adopt(await busy($('activate-key'), 'key.activating', () => api.activate(input.value.trim())));
      form.reset();
    } catch (error) {
      // Every refusal of a key is about the key field; the server's words say which (wrong key, bound elsewhere, unreachable).
      showProblem({ ...error, problem: { errors: [{ field: 'key', message: describe(error) }] } }, { key: input });
    }
  });
}

function wireRegistered() {
  wireKeyReveal();
  const actionError = $('action-error');
  const coupon = $('coupon-input');
  $('coupon-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors($('coupon-form'));
    $('coupon-done').textContent = '';
    delete $('coupon-done').dataset.i18n;
    try {
      const before = JSON.stringify(license?.products);
      adopt(await busy($('apply-coupon'), 'coupon.applying', () => api.coupon(coupon.value.trim())));
      coupon.value = '';
      // The vendor answers a coupon applied before with the license unchanged (protocol §5.5): say so, not "applied".
      // By key: a language switch re-renders it (apply() fills data-i18n) rather than dropping it.
      $('coupon-done').dataset.i18n = JSON.stringify(license?.products) === before ? 'coupon.already' : 'coupon.done';
      $('coupon-done').textContent = t($('coupon-done').dataset.i18n);
    } catch (error) {
      showProblem({ ...error, problem: { errors: [{ field: 'coupon', message: describe(error) }] } }, { coupon });
    }
  });
  $('refresh').addEventListener('click', async () => {
    actionError.hidden = true;
    try {
      adopt(await busy($('refresh'), 'lic.refreshing', () => api.refresh()));
    } catch (error) {
      showProblem(error, {}, actionError);
    }
  });
  const dialog = $('confirm-unregister');
  $('unregister').addEventListener('click', () => dialog.showModal());
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'cancel') {
      $('unregister').focus();
      return;
    }
    try {
      await busy($('unregister'), 'lic.cancelling', () => api.unregister());
      registered = null;
      await reload();
      // Paid modules are off now: the catalog says so at once, not at the next poll.
      await loadCatalog();
      $('show-registration').focus();
    } catch (error) {
      showProblem(error, {}, actionError);
    }
  });
}

async function start() {
  for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => switchLanguage(b.dataset.lang));
  wireUnregistered();
  wireOffline(adopt);
  wireRegistered();
  wireCopyKey($('success-copy-key'), $('success-copy-done'));
  wireCopyKey($('copy-key'), $('copy-key-done'));
  wireRegistration((next, email) => {
    registered = { email, letterSent: next.letterSent };
    view = null;
    adopt(next);
    $('success').hidden = false;
    $('success').focus();
  });
  await switchLanguage(initialLanguage());
  // The catalog loads on its own: a license that fails to load must not hide the free modules.
  // A finished operation may have started a trial: the license is read again.
  wireCatalog(() => reload(), () => { if (license) render(); });
  wireUpgradeCheck();
  await reload();
  followState();
}

start();
