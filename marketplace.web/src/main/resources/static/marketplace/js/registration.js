// The registration form: five fields, the company identifier checked while typing, the API's
// per-field errors shown beside their fields.
import { api } from './api.js';
import { t, language } from './i18n.js';
import { checkCompanyId } from './company-id.js';
import { clearErrors, fieldError, showProblem } from './forms.js';

const FIELDS = ['companyName', 'email', 'contactName', 'phone', 'companyId'];
const REQUIRED = ['companyName', 'email', 'contactName'];

function inputs() {
  return Object.fromEntries(FIELDS.map((name) => [name, document.getElementById(name)]));
}

function companyIdMessage(value) {
  const result = checkCompanyId(value);
  return result === 'check' ? t('reg.companyIdCheck') : result === 'text' ? t('reg.companyIdText') : '';
}

/** Checks what the page can check itself; marks each problem beside its field. */
function checkLocally(fields) {
  let first = null;
  for (const name of REQUIRED) {
    if (!fields[name].value.trim()) {
      fieldError(fields[name], t(`reg.required.${name}`));
      first ??= fields[name];
    }
  }
  const idMessage = companyIdMessage(fields.companyId.value);
  if (idMessage) {
    fieldError(fields.companyId, idMessage);
    first ??= fields.companyId;
  }
  first?.focus();
  return first === null;
}

/** @param onRegistered called with the new license and the e-mail the key was sent to */
export function wireRegistration(onRegistered) {
  const form = document.getElementById('registration-form');
  const alertBox = document.getElementById('registration-error');
  const fields = inputs();
  fields.companyId.addEventListener('input', () => fieldError(fields.companyId, companyIdMessage(fields.companyId.value)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, alertBox);
    if (!checkLocally(fields)) return;
    const body = { language: language() };
    for (const name of FIELDS) {
      const value = fields[name].value.trim();
      if (value) body[name] = value;
    }
    const button = document.getElementById('register');
    button.disabled = true;
    button.textContent = t('reg.submitting');
    try {
      const license = await api.register(body);
      form.reset();
      onRegistered(license, body.email);
    } catch (error) {
      showProblem(error, fields, alertBox);
    } finally {
      button.disabled = false;
      button.textContent = t('reg.submit');
    }
  });
}
