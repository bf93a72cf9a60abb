// "Before upgrading the PBX": checks a PBX version against the installed modules (GET
// /catalog/upgrade-check) and shows each module's outcome with why; the report copies as the same text
// the shell prints. Changes nothing on the PBX.
import { api } from './api.js';
import { t, language } from './i18n.js';
import { busy, describe } from './forms.js';
import { labelCells } from './tables.js';

const $ = (id) => document.getElementById(id);

let report = null; // the last UpgradeCheckDTO answered

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function local(texts) {
  return texts ? texts[language()] || texts.en || '' : '';
}

const OUTCOME_CLASS = { COMPATIBLE: 'valid', UPDATE_NEEDED: 'warn-text', INCOMPATIBLE: 'bad-text', UNKNOWN: '' };

/** Shows the last report in the page's language (again after a language switch). */
export function renderUpgradeCheck() {
  const box = $('upgrade-result');
  if (!report) {
    box.hidden = true;
    return;
  }
  const count = (outcome) => report.modules.filter((m) => m.outcome === outcome).length;
  $('upgrade-summary').textContent = (report.modules.length ? t('upgrade.summary', {
    version: report.pbxVersion, compatible: count('COMPATIBLE'), update: count('UPDATE_NEEDED'),
    incompatible: count('INCOMPATIBLE'), host: report.hostVersion, catalog: report.catalogVersion,
  }) : t('upgrade.none')) + (report.stale ? ` ${t('upgrade.stale')}` : '');
  const table = $('upgrade-table');
  table.querySelector('thead th:nth-child(3)').textContent = t('upgrade.col.outcome', { version: report.pbxVersion });
  const body = table.querySelector('tbody');
  body.replaceChildren(...report.modules.map((m) => {
    const row = document.createElement('tr');
    row.dataset.module = m.moduleId;
    row.dataset.outcome = m.outcome;
    const name = local(m.name);
    row.append(
      cell(name ? `${name} (${m.moduleId})` : m.moduleId),
      cell(m.installedVersion),
      cell(t(`upgrade.outcome.${m.outcome}`, { release: m.release || '' }), `outcome ${OUTCOME_CLASS[m.outcome] || ''}`),
      cell(local(m.reason?.message)),
    );
    return row;
  }));
  table.hidden = report.modules.length === 0;
  labelCells(table);
  $('upgrade-text').textContent = local(report.text);
  $('upgrade-copy-done').textContent = '';
  box.hidden = false;
}

async function check(event) {
  event.preventDefault();
  const input = $('upgrade-version');
  const error = $('upgrade-error');
  error.hidden = true;
  input.removeAttribute('aria-invalid');
  const version = input.value.trim();
  if (!version) {
    error.textContent = t('upgrade.empty');
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  try {
    report = await busy($('upgrade-run'), 'upgrade.running', () => api.upgradeCheck(version));
  } catch (e) {
    // A malformed version (PBX_VERSION_MALFORMED) says in the page's language what to write.
    report = null;
    error.textContent = describe(e);
    error.hidden = false;
    if (e.status === 400) input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
  renderUpgradeCheck();
}

async function copy() {
  const text = local(report?.text);
  const done = $('upgrade-copy-done');
  const pre = $('upgrade-text');
  try {
    await navigator.clipboard.writeText(text);
    done.textContent = t('upgrade.copied');
  } catch (e) {
    // Where the browser refuses the clipboard, the report is shown selected to copy by hand.
    done.textContent = t('upgrade.copyByHand');
    pre.hidden = false;
    const range = document.createRange();
    range.selectNodeContents(pre);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }
}

export function wireUpgradeCheck() {
  $('upgrade-form').addEventListener('submit', check);
  $('upgrade-copy').addEventListener('click', copy);
}
