// Company identifier check digits (INN, IIN/BIN, UNP), as the vendor checks them, so a typo is
// caught while typing. A passing check only means "no typo", not that the company exists.

const CYRILLIC = { 'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T' };
const UNP_LETTERS = 'ABCEHKMOPT';

const weighted = (digits, weights) => weights.reduce((sum, w, i) => sum + w * digits[i], 0);

function innValid(d) {
  if (d.length === 10) return (weighted(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10 === d[9];
  const n11 = (weighted(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
  const n12 = (weighted(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
  return n11 === d[10] && n12 === d[11];
}

function kzChecksumValid(d) {
  let c = weighted(d, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
  if (c === 10) c = weighted(d, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
  return c !== 10 && c === d[11];
}

function kzLayoutValid(d) {
  const month = d[2] * 10 + d[3];
  const iin = month >= 1 && month <= 12 && d[4] * 10 + d[5] >= 1 && d[4] * 10 + d[5] <= 31 && d[6] >= 1 && d[6] <= 6;
  const bin = month >= 1 && month <= 12 && [4, 5, 6].includes(d[4]) && d[5] <= 3;
  return iin || bin;
}

/** Nine characters of digits and UNP letters, at least seven of them digits: shaped like a UNP. */
function unpShape(s) {
  return s.length === 9 && /^[0-9ABCEHKMOPT]+$/.test(s) && s.replace(/[^0-9]/g, '').length >= 7;
}

function unpValid(s) {
  let values;
  if (/^[1-7][0-9]{8}$/.test(s)) {
    values = [...s].map(Number);
  } else if (/^[ABCEHKMOPT]{2}[0-9]{7}$/.test(s)) {
    values = [parseInt(s[0], 36), UNP_LETTERS.indexOf(s[1]), ...[...s.slice(2)].map(Number)];
  } else {
    return false;
  }
  const c = weighted(values, [29, 23, 19, 17, 13, 7, 5, 3]) % 11;
  return c !== 10 && c === values[8];
}

/**
 * Checks a company identifier as typed, by the vendor's rules: a recognised shape must pass its
 * check digit; anything else is free text of at most 32 letters, digits, spaces and - / .
 * @returns {null|'ok'|'check'|'text'} null when empty
 */
export function checkCompanyId(value) {
  const raw = String(value);
  const compact = raw.replace(/\s+/g, '').toUpperCase().replace(/[АВЕКМНОРСТ]/g, (c) => CYRILLIC[c]);
  if (!compact) return null;
  let country = null;
  let body = compact;
  if (compact.length > 2 && /^(RU|KZ|BY)/.test(compact)) {
    country = compact.slice(0, 2);
    body = compact.slice(2);
  }
  const digits = /^[0-9]+$/.test(body);
  const d = [...body].map(Number);
  const inn = digits && (body.length === 10 || body.length === 12) && country !== 'KZ' && country !== 'BY';
  const kz = digits && body.length === 12 && country !== 'RU' && country !== 'BY';
  const unp = unpShape(body) && (country === null || country === 'BY');
  if (inn || kz || unp) {
    const ok = (inn && innValid(d)) || (kz && kzChecksumValid(d) && kzLayoutValid(d)) || (unp && unpValid(body));
    return ok ? 'ok' : 'check';
  }
  return /^[\p{L}\p{N} ./-]{1,32}$/u.test(raw.trim()) ? 'ok' : 'text';
}
