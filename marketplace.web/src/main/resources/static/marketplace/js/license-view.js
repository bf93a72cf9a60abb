// The registered view: owner, key (blurred until hovered or focused), products, features.
import { api } from './api.js';
import { t, formatDate, formatDateTime } from './i18n.js';
import { labelCells } from './tables.js';
import { productName, featureName } from './catalog.js';

const $ = (id) => document.getElementById(id);

export function renderLicense(license) {
  $('license-status').textContent = t(`status.${license.status}`);
  const owner = license.owner || {};
  // textContent everywhere: whatever a user typed is shown as text, never parsed as HTML.
  $('owner-company').textContent = owner.companyName || '—';
  $('owner-contact').textContent = owner.contactName || '—';
  $('owner-email').textContent = owner.email || '—';
  $('owner-phone').textContent = owner.phone || '—';
  $('owner-companyId').textContent = owner.companyId || '—';
  $('last-check').textContent = license.lastCheckAt ? formatDateTime(license.lastCheckAt) : '—';
  renderKey(license.maskedKey);
  renderProducts(license.products || []);
  renderFeatures(license.features || []);
  renderCabinet(license.cabinetUrl);
}

// ---- "License management": a link to the vendor's cabinet, disabled with the reason while it does not answer

/** The PBX's last answer about the cabinet ({url, reachable, message, technical}) and when it was asked. */
let cabinet = null;
let cabinetAskedAt = 0;
const CABINET_ASK_MS = 15000;

function renderCabinet(url) {
  const link = $('cabinet-link');
  link.dataset.url = url || '';
  link.hidden = !url;
  const known = cabinet && cabinet.url === url;
  const down = known && !cabinet.reachable;
  if (url && !down) link.href = url;
  else link.removeAttribute('href');
  link.setAttribute('aria-disabled', String(down));
  link.classList.toggle('disabled', down);
  const note = $('cabinet-unavailable');
  note.hidden = !url || !down;
  note.textContent = down ? cabinet.message?.[document.documentElement.lang] || cabinet.message?.en || '' : '';
  if (down && cabinet.technical) note.append(' ', t('error.support', { details: cabinet.technical }));
  if (url && (!known || Date.now() - cabinetAskedAt > CABINET_ASK_MS)) askCabinet(url);
}

async function askCabinet(url) {
  cabinetAskedAt = Date.now();
  try {
    // Kept for the URL it was asked for: the answer is about the license's cabinet as it was then.
    cabinet = { ...(await api.cabinet()), url };
  } catch (e) {
    // The PBX did not answer: keep the link as it is; the next render asks again.
    return;
  }
  if ($('cabinet-link').dataset.url === url) renderCabinet(url);
}

function expiry(cell, expiresAt) {
  const now = Date.now();
  if (!expiresAt) {
    cell.textContent = t('lic.noExpiry');
    cell.className = 'valid';
  } else if (expiresAt > now) {
    cell.textContent = t('lic.until', { date: formatDate(expiresAt) });
    cell.className = 'valid';
  } else {
    cell.textContent = t('lic.expired', { date: formatDate(expiresAt) });
    cell.className = 'expired';
  }
}

function renderProducts(products) {
  const body = $('products').tBodies[0];
  body.replaceChildren();
  for (const p of products) {
    const row = body.insertRow();
    row.insertCell().textContent = productName(p.id, p.name);
    row.insertCell().textContent = t(p.trial ? 'lic.trial' : 'lic.paid');
    expiry(row.insertCell(), p.expiresAt);
  }
  labelCells($('products'));
  $('products').hidden = products.length === 0;
  $('no-products').hidden = products.length > 0;
}

function renderFeatures(features) {
  const body = $('features').tBodies[0];
  body.replaceChildren();
  for (const f of features) {
    const row = body.insertRow();
    row.insertCell().textContent = featureName(f.id);
    row.insertCell().textContent = f.seats ? t('lic.seatsUsed', { used: f.seatsUsed, total: f.seats }) : t('lic.seatsUnlimited');
    expiry(row.insertCell(), f.expiresAt);
    const state = row.insertCell();
    state.textContent = t(f.available ? 'lic.available' : 'lic.unavailable');
    state.className = f.available ? 'valid' : 'expired';
  }
  labelCells($('features'));
  $('features').hidden = features.length === 0;
  $('no-features').hidden = features.length > 0;
}

// ---- the key: shown masked and blurred; the full key is fetched only while hovered or focused

let masked = '';
let wanted = false;

function renderKey(maskedKey) {
  masked = maskedKey || '';
  if (!wanted) conceal();
}

function conceal() {
  const el = $('license-key');
  el.textContent = masked;
  el.classList.remove('revealed');
}

async function reveal() {
  wanted = true;
  try {
    const { key } = await api.key();
    // The pointer or focus may have left while the key was on its way.
    if (!wanted) return;
    const el = $('license-key');
    el.textContent = key;
    el.classList.add('revealed');
  } catch (e) {
    // Nothing to reveal (e.g. unregistered meanwhile): the masked key stays.
  }
}

function hide() {
  wanted = false;
  conceal();
}

export function wireKeyReveal() {
  const el = $('license-key');
  el.addEventListener('mouseenter', reveal);
  el.addEventListener('focus', reveal);
  el.addEventListener('mouseleave', () => { if (document.activeElement !== el) hide(); });
  el.addEventListener('blur', hide);
}
