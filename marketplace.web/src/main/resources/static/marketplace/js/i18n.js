// Texts of the page: loaded from ../i18n/<lang>.json, never written in code.
const SUPPORTED = ['ru', 'en'];
const STORAGE_KEY = 'marketplace.lang';
let texts = {};
let current = 'en';

/** The language the admin chose before, else the browser's first ru/en preference, else English. */
export function initialLanguage() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (SUPPORTED.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language]) {
    const lang = String(tag).slice(0, 2).toLowerCase();
    if (SUPPORTED.includes(lang)) return lang;
  }
  return 'en';
}

export async function load(lang) {
  const response = await fetch(new URL(`../i18n/${lang}.json`, import.meta.url), { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`i18n/${lang}.json: HTTP ${response.status}`);
  texts = await response.json();
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

export function language() {
  return current;
}

/** The text for a key with {name} placeholders filled; the key itself if missing, so gaps show. */
export function t(key, vars = {}) {
  const text = texts[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Fills data-i18n (text) and data-i18n-attr ("attr:key;attr:key") below root. */
export function apply(root = document) {
  // A busy button keeps saying what is going on (data-busy-i18n), in the new language.
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.busyI18n || el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
  document.title = t('title');
}

export function formatDate(millis) {
  return new Intl.DateTimeFormat(current, { dateStyle: 'long' }).format(new Date(millis));
}

/** The same date as formatDate (one date format per language), with the time. */
export function formatDateTime(millis) {
  return new Intl.DateTimeFormat(current, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(millis));
}
