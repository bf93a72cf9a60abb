// Offline activation for a PBX without internet (docs/protocol.md, "Offline activation"): save the
// request file, carry it to the vendor's cabinet, import the token file it gives back.
import { api } from './api.js';
import { t } from './i18n.js';
import { busy, clearErrors, describe, fieldError } from './forms.js';

const $ = (id) => document.getElementById(id);
// Far above a token's size: a wrong file picked by mistake is not read whole.
const MAX_TOKEN_BYTES = 256 * 1024;

function save(name, content) {
  // A download made in the page: the request never travels anywhere but to the admin's disk.
  const url = URL.createObjectURL(new Blob([content + '\n'], { type: 'application/jose' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** @param adopt takes the license after a successful import, like the other forms' answers */
export function wireOffline(adopt) {
  const requestForm = $('offline-request-form');
  const key = $('offline-key');
  requestForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(requestForm);
    $('offline-saved').textContent = '';
    if (!key.value.trim()) {
      fieldError(key, t('key.empty'));
      key.focus();
      return;
    }
    try {
      const { file, fileName } = await busy(requestForm.querySelector('button[type="submit"]'), 'offline.saving',
        () => api.offlineRequest(key.value.trim()));
      save(fileName, file);
      $('offline-saved').textContent = t('offline.saved', { name: fileName });
    } catch (error) {
      fieldError(key, describe(error));
      key.focus();
    }
  });

  const tokenForm = $('offline-token-form');
  const input = $('offline-token');
  tokenForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(tokenForm);
    const file = input.files[0];
    if (!file || file.size > MAX_TOKEN_BYTES) {
      fieldError(input, t('offline.noFile'));
      input.focus();
      return;
    }
    try {
      adopt(await busy(tokenForm.querySelector('button[type="submit"]'), 'offline.importing',
        async () => api.offlineToken((await file.text()).trim())));
      tokenForm.reset();
    } catch (error) {
      fieldError(input, describe(error));
      input.focus();
    }
  });
}
