// The ForgeRock Authenticator's side of the public device protocol (am-protocol 4.1-4.7), with WebCrypto:
// registration URIs, HS256 JWTs signed with the shared secret, the challenge response and OATH codes.
// No UI here; authenticator.js draws the screens.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class UriError extends Error {}

// ---- base64 / base64url / base32 ----

export function base64ToBytes(text, what = 'value') {
  const normalized = String(text).replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(normalized) || normalized.length % 4 === 1) throw new UriError(`${what} is not valid base64.`);
  const binary = atob(normalized + '='.repeat((4 - normalized.length % 4) % 4));
  return Uint8Array.from(binary, ch => ch.charCodeAt(0));
}

export function bytesToBase64(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export const bytesToBase64Url = bytes => bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export const base64UrlToText = (text, what) => decoder.decode(base64ToBytes(text, what));

export function base32ToBytes(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = String(text).toUpperCase().replace(/=+$/, '').replace(/\s/g, '');
  if (!clean || /[^A-Z2-7]/.test(clean)) throw new UriError('The OATH secret is not valid base32.');
  const out = [];
  let bits = 0, value = 0;
  for (const ch of clean) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Uint8Array.from(out);
}

export const randomBytes = n => crypto.getRandomValues(new Uint8Array(n));

// ---- URIs ----

const SCHEMES = ['pushauth', 'otpauth', 'mfauth'];

function parseQuery(query) {
  const params = new Map();
  for (const part of (query ?? '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    let value = eq < 0 ? '' : part.slice(eq + 1);
    // AM does not URL-encode values (base64url, digits, colours); a re-encoded URI still decodes right.
    try { value = decodeURIComponent(value); } catch { /* keep as is */ }
    params.set(key, value);
  }
  return params;
}

function required(params, key, meaning) {
  const value = params.get(key);
  if (!value) throw new UriError(`The URI has no "${key}" parameter (${meaning}).`);
  return value;
}

function httpUrl(encoded, key, meaning) {
  const text = base64UrlToText(encoded, `The "${key}" parameter (${meaning})`);
  let url;
  try { url = new URL(text); } catch { throw new UriError(`The "${key}" parameter (${meaning}) is not a URL.`); }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UriError(`The "${key}" parameter (${meaning}) must be an http(s) URL.`);
  return url.toString();
}

/**
 * Parses a pushauth://, otpauth:// or mfauth:// URI into { issuer, accountName, push?, oath? }.
 * Throws UriError with a sentence saying what is wrong.
 */
export function parseRegistrationUri(input) {
  const text = String(input ?? '').trim();
  const match = /^([a-z]+):\/\/([^/?#]+)\/([^?#]*)(?:\?([^#]*))?$/i.exec(text);
  if (!match) {
    throw new UriError(text.includes('://')
      ? 'This is not a registration URI: expected scheme://type/issuer:account?parameters.'
      : 'Paste a pushauth://, otpauth:// or mfauth:// URI.');
  }
  const scheme = match[1].toLowerCase();
  const type = match[2].toLowerCase();
  if (!SCHEMES.includes(scheme)) throw new UriError(`Unsupported scheme "${scheme}://": expected pushauth, otpauth or mfauth.`);
  let label;
  try { label = decodeURIComponent(match[3]); } catch { throw new UriError('The issuer:account part of the URI is not correctly escaped.'); }
  const params = parseQuery(match[4]);
  const colon = label.indexOf(':');
  let issuer = colon < 0 ? '' : label.slice(0, colon);
  const accountName = colon < 0 ? label : label.slice(colon + 1);
  if (!accountName) throw new UriError('The URI names no account (expected issuer:account after the type).');

  const result = { issuer, accountName, push: null, oath: null };
  if (scheme === 'pushauth' || scheme === 'mfauth') {
    if (scheme === 'pushauth' && type !== 'push') throw new UriError(`A pushauth URI has the type "push", not "${type}".`);
    if (params.get('issuer')) result.issuer = base64UrlToText(params.get('issuer'), 'The "issuer" parameter');
    const secret = base64ToBytes(required(params, 's', 'shared secret'), 'The "s" parameter (shared secret)');
    if (secret.length < 16) throw new UriError('The shared secret ("s") is too short.');
    base64ToBytes(required(params, 'c', 'registration challenge'), 'The "c" parameter (registration challenge)');
    result.push = {
      messageId: required(params, 'm', 'registration message id'),
      secret: bytesToBase64(secret),
      challenge: params.get('c'),
      registerUrl: httpUrl(required(params, 'r', 'registration URL'), 'r', 'registration URL'),
      authenticateUrl: httpUrl(required(params, 'a', 'authentication URL'), 'a', 'authentication URL'),
      cookie: params.get('l') ? base64UrlToText(params.get('l'), 'The "l" parameter (load-balancer cookie)') : null,
      userId: params.get('uid') ? base64UrlToText(params.get('uid'), 'The "uid" parameter') : null,
    };
  }
  if (scheme === 'otpauth' || scheme === 'mfauth') {
    if (type !== 'totp' && type !== 'hotp') throw new UriError(`An ${scheme} URI has the type totp or hotp, not "${type}".`);
    if (scheme === 'otpauth' && !issuer && params.get('issuer')) result.issuer = params.get('issuer');
    const secret = base32ToBytes(required(params, 'secret', 'OATH secret'));
    const digits = Number(params.get('digits') ?? 6);
    if (digits !== 6 && digits !== 8) throw new UriError(`"digits" must be 6 or 8, not "${params.get('digits')}".`);
    const algorithm = (params.get('algorithm') ?? 'SHA1').toUpperCase().replace('-', '');
    if (!['SHA1', 'SHA256', 'SHA512'].includes(algorithm)) throw new UriError(`Unsupported OATH algorithm "${params.get('algorithm')}": expected SHA1, SHA256 or SHA512.`);
    const period = Number(params.get('period') ?? 30);
    if (!Number.isInteger(period) || period <= 0) throw new UriError(`"period" must be a positive number of seconds, not "${params.get('period')}".`);
    const counter = Number(params.get('counter') ?? 0);
    if (!Number.isInteger(counter) || counter < 0) throw new UriError(`"counter" must be a whole number, not "${params.get('counter')}".`);
    result.oath = { type, secret: bytesToBase64(secret), digits, algorithm, period, counter };
  }
  if (!result.issuer) result.issuer = 'Unknown issuer';
  return result;
}

// ---- HS256 JWT ----

async function hmacKey(secretBytes, hash = 'SHA-256') {
  return crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash }, false, ['sign', 'verify']);
}

export async function hmac(secretBytes, data, hash = 'SHA-256') {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secretBytes, hash), data));
}

/** base64(HMAC-SHA256(secret, base64decode(challenge))): proves the device holds the secret. */
export async function challengeResponse(secretBytes, challenge) {
  return bytesToBase64(await hmac(secretBytes, base64ToBytes(challenge, 'The challenge')));
}

export async function signJwt(claims, secretBytes) {
  const header = bytesToBase64Url(encoder.encode(JSON.stringify({ typ: 'JWT', alg: 'HS256' })));
  const payload = bytesToBase64Url(encoder.encode(JSON.stringify(claims)));
  const signature = await hmac(secretBytes, encoder.encode(`${header}.${payload}`));
  return `${header}.${payload}.${bytesToBase64Url(signature)}`;
}

/** The claims of a JWT signed with the secret, or throws with the reason (wrong algorithm, bad signature, malformed). */
export async function verifyJwt(token, secretBytes) {
  const parts = String(token ?? '').split('.');
  if (parts.length !== 3) throw new Error('the message is not a signed JWT');
  let header, claims;
  try {
    header = JSON.parse(base64UrlToText(parts[0], 'header'));
    claims = JSON.parse(base64UrlToText(parts[1], 'payload'));
  } catch { throw new Error('the message JWT is malformed'); }
  // The algorithm is ours to choose, never the message's: "none" would need no secret at all.
  if (header?.alg !== 'HS256') throw new Error(`the message JWT uses "${header?.alg}" instead of HS256`);
  const signature = base64ToBytes(parts[2], 'signature');
  const valid = await crypto.subtle.verify('HMAC', await hmacKey(secretBytes), signature, encoder.encode(`${parts[0]}.${parts[1]}`));
  if (!valid) throw new Error('the message signature does not verify with this account\'s secret');
  if (!claims || typeof claims !== 'object') throw new Error('the message JWT has no claims');
  return claims;
}

// ---- OATH (RFC 4226 / 6238) ----

export async function oathCode(secretBytes, counter, digits, algorithm) {
  const hash = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' }[algorithm] ?? 'SHA-1';
  const message = new Uint8Array(8);
  let c = BigInt(counter);
  for (let i = 7; i >= 0; i--) { message[i] = Number(c & 0xffn); c >>= 8n; }
  const mac = await hmac(secretBytes, message, hash);
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}
