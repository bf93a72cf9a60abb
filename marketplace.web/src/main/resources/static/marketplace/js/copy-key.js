// "Copy the key": the full key is fetched only for the copy and put on the clipboard; where the
// browser refuses the clipboard, the key is shown selected so the admin can copy it by hand.
import { api } from './api.js';
import { t } from './i18n.js';
import { describe } from './forms.js';

/** Wires a copy button; status gets what happened (copied, or "select and copy"). */
export function wireCopyKey(button, status) {
  button.addEventListener('click', async () => {
    status.textContent = '';
    button.disabled = true;
    try {
      const { key } = await api.key();
      try {
        await navigator.clipboard.writeText(key);
        status.textContent = t('key.copied');
      } catch (e) {
        status.textContent = t('key.copyByHand', { key });
        const range = document.createRange();
        range.selectNodeContents(status);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
      }
    } catch (error) {
      status.textContent = describe(error);
    } finally {
      button.disabled = false;
    }
  });
}
