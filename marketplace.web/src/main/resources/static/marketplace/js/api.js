// The Marketplace REST API as the page uses it. URLs are built from location.origin, never from the
// page URL, so credentials someone typed into the address bar never end up in a request URL.
import { language } from './i18n.js';

const BASE = new URL('/api/marketplace/v1/', location.origin);
/**
 * How long the page waits for the PBX: longer than the PBX waits for the vendor (it answers 503
 * then), so this bound only fires when the PBX itself does not answer.
 */
export const CALL_TIMEOUT_MS = 40000;

/** A refused call: the problem details the API answered (RFC 9457), or a network failure. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function call(method, path, body) {
  return (await exchange(method, path, body)).data;
}

/**
 * A GET of what GET /state fingerprints: {data, fingerprint}, the fingerprint of exactly this answer
 * (the PBX's Marketplace-Fingerprint header), to compare the next /state with.
 */
async function fingerprinted(path) {
  const { data, response } = await exchange('GET', path);
  return { data, fingerprint: response.headers.get('Marketplace-Fingerprint') };
}

function search(query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function exchange(method, path, body) {
  const headers = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language(),
    // The API refuses state-changing requests without it: a cross-site form cannot send it.
    'X-Requested-With': 'marketplace',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), CALL_TIMEOUT_MS);
  try {
    response = await fetch(new URL(path, BASE), {
      method, headers, credentials: 'same-origin', cache: 'no-store', signal: abort.signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { code: abort.signal.aborted ? 'TIMEOUT' : 'NETWORK', detail: null });
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    // Not JSON (e.g. a proxy's error page): a failure with its status, never a page-breaking exception.
    throw new ApiError(response.ok ? 0 : response.status, {});
  }
  if (!response.ok) throw new ApiError(response.status, data || {});
  return { data, response };
}

export const api = {
  /** {data: the license, fingerprint}. */
  license: () => fingerprinted('license'),
  /**
   * Fingerprints {license, modules} (the modules as this query lists them): cheap to ask every second;
   * one unlike the fingerprint of what the page shows means "load that again".
   */
  state: (query = {}) => call('GET', `state${search(query)}`),
  key: () => call('GET', 'license/key'),
  register: (form) => call('POST', 'registration', form),
  activate: (key) => call('PUT', 'license/key', { key }),
  unregister: () => call('DELETE', 'license'),
  coupon: (coupon) => call('POST', 'license/coupons', { coupon }),
  trial: (productId) => call('POST', 'license/trials', { productId }),
  refresh: () => call('POST', 'license/refresh'),
  /** Whether the vendor's cabinet answers now: {url, reachable, message: {en, ru}, technical}. */
  cabinet: () => call('GET', 'license/cabinet'),
  offlineRequest: (key) => call('POST', 'license/offline-request', { key }),
  offlineToken: (token) => call('POST', 'license/offline-token', { token }),

  /** {data: the catalog, fingerprint}; query: {q, type, installed, updates, compatible}, empty values left out. */
  modules: (query = {}) => fingerprinted(`modules${search(query)}`),
  module: (id) => call('GET', `modules/${encodeURIComponent(id)}`),
  install: (id, version) => call('POST', `modules/${encodeURIComponent(id)}/install`, version ? { version } : {}),
  update: (id) => call('POST', `modules/${encodeURIComponent(id)}/update`),
  /** Back to an earlier release; confirmAdvisories once the admin confirmed a release under advisories. */
  downgrade: (id, version, confirmAdvisories) => call('POST', `modules/${encodeURIComponent(id)}/downgrade`,
    confirmAdvisories ? { version, confirmAdvisories: true } : { version }),
  /** Which installed modules run on another PBX version (changes nothing). */
  upgradeCheck: (pbxVersion) => call('GET', `catalog/upgrade-check?${new URLSearchParams({ pbxVersion })}`),
  uninstall: (id) => call('DELETE', `modules/${encodeURIComponent(id)}`),
  operation: (id) => call('GET', `operations/${encodeURIComponent(id)}`),
  refreshCatalog: () => call('POST', 'catalog/refresh'),
  dismissAdvisory: (id) => call('POST', `advisories/${encodeURIComponent(id)}/dismiss`),
};
