// Showing a refused call where the admin looks: beside the field it is about, or above the buttons.
import { t } from './i18n.js';

export function clearErrors(form, alertBox) {
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  if (alertBox) {
    alertBox.textContent = '';
    alertBox.hidden = true;
  }
}

export function fieldError(input, message) {
  const box = document.getElementById(`${input.id}-error`);
  box.textContent = message || '';
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/**
 * Puts an API refusal on the form: each per-field error beside its field (fields named as the API
 * names them, mapped through `inputs`), anything else in the alert box. Focuses the first error.
 */
export function showProblem(error, inputs, alertBox) {
  const problem = error.problem || {};
  let first = null;
  for (const e of problem.errors || []) {
    const input = inputs[e.field];
    if (input) {
      fieldError(input, e.message);
      first ??= input;
    }
  }
  if (!first) {
    alertBox.replaceChildren(describe(error));
    const line = support(error.problem?.code, error.problem?.technical || (error.status ? `HTTP ${error.status}` : ''));
    if (line) alertBox.append(supportLine(line));
    alertBox.hidden = false;
  }
  (first || alertBox).focus?.();
}

/**
 * Runs a call with its button busy: disabled, aria-busy, its label saying what is going on
 * (busyKey), so a slow answer never looks like nothing happened. Answers what the action answers.
 */
export async function busy(button, busyKey, action) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = t(busyKey);
  button.dataset.busyI18n = busyKey;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    delete button.dataset.busyI18n;
    // The label's i18n key (data-i18n) wins over the old text: the language may have changed meanwhile.
    button.textContent = button.dataset.i18n ? t(button.dataset.i18n) : label;
  }
}

/** What the admin reads for a refused call: the server's words, or ours when it could not answer. */
export function describe(error) {
  if (error.status === 0) return t(error.problem?.code === 'TIMEOUT' ? 'error.timeout' : 'error.network');
  return error.problem?.detail || t('error.unknown');
}

/** The line for support under an error: its stable code and what failed underneath; '' when neither. */
export function support(code, technical) {
  const parts = [code, technical].filter(Boolean);
  return parts.length ? t('error.support', { details: parts.join(' · ') }) : '';
}

/** A small element holding a support line (see support()). */
export function supportLine(text) {
  const line = document.createElement('small');
  line.className = 'support';
  line.textContent = text;
  return line;
}
