// The virtual authenticator: a ForgeRock Authenticator in a browser tab, for trying push and OATH journeys
// without a phone. It uses only the public device protocol (am-protocol 4.5-4.7): it registers by POSTing
// to the URI's "r" URL, answers pushes through its "a" URL, and reads its pushes from the embedded
// transport's inbox. Like an app on a phone it keeps its accounts (secrets included) in local storage.
// Server data goes through textContent only (see common.js el()).

import { el } from './common.js';
import {
  UriError, parseRegistrationUri, base64ToBytes, bytesToBase64Url, randomBytes,
  challengeResponse, signJwt, verifyJwt, oathCode,
} from './authenticator-protocol.js';

const STORAGE_KEY = 'journeystudio.virtualAuthenticator.v1';
const POLL_MS = 2000;
const DEVICE_NAME = 'Virtual Authenticator';

const accountsBox = document.getElementById('accounts');
const notificationsBox = document.getElementById('notifications');
const statusBox = document.getElementById('status');
const uriInput = document.getElementById('uri');
const addForm = document.getElementById('add-form');

// ---- storage ----

function load() {
  try {
    const state = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (state && Array.isArray(state.accounts) && typeof state.deviceToken === 'string') return state;
  } catch { /* start afresh */ }
  // One push token per device, as FCM gives one per app install; long and random, since it is the inbox key.
  return { deviceToken: bytesToBase64Url(randomBytes(32)), accounts: [] };
}

let state = load();
const save = () => localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
save();

// ---- status line ----

function showStatus(text, kind = 'info') {
  statusBox.replaceChildren(text ? el('div', { class: kind === 'error' ? 'alert' : 'message', role: kind === 'error' ? 'alert' : 'status', 'data-testid': kind === 'error' ? 'error' : 'status' }, text) : '');
}

// ---- adding accounts ----

async function postJson(url, body, cookie) {
  const headers = {
    'Content-Type': 'application/json',
    'Accept-API-Version': 'resource=1.0, protocol=1.0',
  };
  // The app sends the "l" cookie as a Cookie header; a browser may not set that header (it is forbidden
  // to scripts), so it is left to the browser's own cookies. The studio needs no load-balancer cookie.
  void cookie;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'omit' });
  let json = {};
  try { json = await response.json(); } catch { /* not JSON */ }
  return { status: response.status, body: json };
}

async function registerPush(push) {
  const secret = base64ToBytes(push.secret);
  const mechanismUid = crypto.randomUUID();
  const jwt = await signJwt({
    deviceId: state.deviceToken,
    deviceName: DEVICE_NAME,
    deviceType: 'android',
    communicationType: 'gcm',
    mechanismUid,
    response: await challengeResponse(secret, push.challenge),
  }, secret);
  const response = await postJson(push.registerUrl, { messageId: push.messageId, jwt }, push.cookie);
  if (response.status !== 200) {
    throw new Error(`The server refused the registration (${response.status}): ${response.body?.message ?? 'no reason given'}`);
  }
  return mechanismUid;
}

async function addAccount(uri) {
  let parsed;
  try {
    parsed = parseRegistrationUri(uri);
  } catch (e) {
    showStatus(e instanceof UriError ? e.message : `The URI could not be read: ${e.message}`, 'error');
    return false;
  }
  showStatus(`Registering ${parsed.issuer}: ${parsed.accountName}…`);
  const account = {
    id: crypto.randomUUID(),
    issuer: parsed.issuer,
    accountName: parsed.accountName,
    addedAt: Date.now(),
    push: null,
    oath: parsed.oath,
  };
  if (parsed.push) {
    try {
      const mechanismUid = await registerPush(parsed.push);
      const { secret, authenticateUrl, cookie } = parsed.push;
      account.push = { mechanismUid, secret, authenticateUrl, cookie, inboxUrl: new URL('/virtual-authenticator/api/inbox/', parsed.push.registerUrl).toString() };
    } catch (e) {
      showStatus(e.message, 'error');
      return false;
    }
  }
  state.accounts.push(account);
  save();
  renderAccounts();
  const what = [account.push && 'push', account.oath && account.oath.type.toUpperCase()].filter(Boolean).join(' and ');
  showStatus(`Added ${account.issuer}: ${account.accountName} (${what}).`);
  return true;
}

function removeAccount(id) {
  state.accounts = state.accounts.filter(a => a.id !== id);
  save();
  renderAccounts();
}

// ---- accounts and OATH codes ----

const codeViews = [];

function renderAccounts() {
  codeViews.length = 0;
  if (state.accounts.length === 0) {
    accountsBox.replaceChildren(el('p', { class: 'message muted' }, 'No accounts yet. Open a registration link or paste a URI above.'));
    return;
  }
  accountsBox.replaceChildren(...state.accounts.map(account => {
    const badges = [account.push && 'Push', account.oath && account.oath.type.toUpperCase()].filter(Boolean);
    const item = el('li', { class: 'account', 'data-testid': 'account', 'data-account': `${account.issuer}:${account.accountName}` },
      el('div', { class: 'account-head' },
        el('div', {}, el('strong', {}, account.issuer), el('div', { class: 'muted' }, account.accountName)),
        el('div', { class: 'badges' }, ...badges.map(b => el('span', { class: 'badge' }, b))),
        el('button', { class: 'link', type: 'button', 'aria-label': `Remove ${account.issuer}: ${account.accountName}`, onclick: () => {
          if (confirm(`Remove ${account.issuer}: ${account.accountName}? Its sign-ons will stop working here.`)) removeAccount(account.id);
        } }, 'Remove')));
    if (account.oath) {
      const code = el('span', { class: 'code', 'data-testid': 'oath-code' }, '······');
      const meter = el('span', { class: 'muted countdown', 'data-testid': 'oath-countdown' });
      const row = el('div', { class: 'oath' }, code, meter);
      if (account.oath.type === 'hotp') {
        row.append(el('button', { class: 'secondary small', type: 'button', onclick: () => {
          account.oath.counter += 1;
          save();
          refreshCodes();
        } }, 'Next code'));
      }
      item.append(row);
      codeViews.push({ account, code, meter });
    }
    return item;
  }));
  refreshCodes();
}

async function refreshCodes() {
  const now = Date.now() / 1000;
  for (const view of codeViews) {
    const oath = view.account.oath;
    const counter = oath.type === 'totp' ? Math.floor(now / oath.period) : oath.counter;
    const code = await oathCode(base64ToBytes(oath.secret), counter, oath.digits, oath.algorithm);
    view.code.textContent = code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : `${code.slice(0, 3)} ${code.slice(3)}`;
    view.code.dataset.code = code;
    view.meter.textContent = oath.type === 'totp'
      ? `${Math.ceil(oath.period - (now % oath.period))} s`
      : `counter ${oath.counter}`;
  }
}

// ---- push notifications ----

const seenMessages = new Set();

async function poll() {
  const inboxes = new Set(state.accounts.filter(a => a.push).map(a => a.push.inboxUrl));
  for (const inboxUrl of inboxes) {
    try {
      const response = await fetch(inboxUrl + encodeURIComponent(state.deviceToken), { credentials: 'omit', cache: 'no-store' });
      if (!response.ok) continue;
      const body = await response.json();
      for (const message of body.messages ?? []) await receive(message);
    } catch { /* the studio may be restarting; try again next time */ }
  }
}

function parseContext(x) {
  if (!x) return null;
  try {
    const context = typeof x === 'string' ? JSON.parse(x) : x;
    const location = context.location && (context.location.latitude != null || context.location.longitude != null)
      ? `${context.location.latitude}, ${context.location.longitude}` : null;
    return { location, remoteIp: context.remoteIp ?? null, userAgent: context.userAgent ?? null };
  } catch { return null; }
}

async function receive(message) {
  if (!message?.messageId || seenMessages.has(message.messageId)) return;
  seenMessages.add(message.messageId);
  const payload = String(message.message ?? '').split('.')[1];
  let unverified = {};
  try { unverified = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))); } catch { /* checked below */ }
  const account = state.accounts.find(a => a.push && a.push.mechanismUid === unverified.u);
  if (!account) return rejectMessage(message, 'it is for an account this device does not have');
  let claims;
  try {
    claims = await verifyJwt(message.message, base64ToBytes(account.push.secret));
  } catch (e) {
    return rejectMessage(message, e.message);
  }
  showNotification(account, message, claims);
}

function rejectMessage(message, reason) {
  // A push that fails verification is dropped, never answered, and shown so the tester can see why.
  notificationsBox.prepend(el('div', { class: 'notification rejected', role: 'alert', 'data-testid': 'rejected-message' },
    el('strong', {}, 'Rejected a push message'),
    el('p', { class: 'message' }, `Not shown because ${reason}.`),
    el('p', { class: 'muted small' }, message.messageId)));
}

function showNotification(account, message, claims) {
  const kind = claims.k ?? message.pushType ?? 'default';
  const sentAt = Number(claims.i);
  const ttl = Number(claims.t);
  const expiresAt = Number.isFinite(sentAt) && Number.isFinite(ttl) && ttl > 0 ? sentAt + ttl * 1000 : null;
  const context = parseContext(claims.x);
  const result = el('p', { class: 'message result', 'data-testid': 'notification-result', 'aria-live': 'polite' });
  const buttons = el('div', { class: 'actions row' });
  const card = el('div', { class: 'notification', 'data-testid': 'notification', 'data-message-id': message.messageId },
    el('div', { class: 'notification-head' }, el('strong', {}, account.issuer), el('span', { class: 'muted' }, account.accountName)),
    el('p', { class: 'message', 'data-testid': 'notification-message' }, claims.m || message.userMessage || 'Sign-on request'));
  if (context) {
    const details = el('dl', { class: 'context', 'data-testid': 'notification-context' });
    if (context.location) details.append(el('dt', {}, 'Location'), el('dd', {}, context.location));
    if (context.remoteIp) details.append(el('dt', {}, 'IP address'), el('dd', {}, context.remoteIp));
    if (context.userAgent) details.append(el('dt', {}, 'Browser'), el('dd', {}, context.userAgent));
    if (details.childElementCount) card.append(details);
  }
  if (kind === 'biometric') card.append(el('p', { class: 'muted small' }, 'Biometric push: this virtual device approves without a fingerprint.'));
  const timer = el('p', { class: 'muted small', 'data-testid': 'notification-expiry' });
  card.append(timer, buttons, result);

  const answer = async (extraClaims, label) => {
    for (const b of buttons.querySelectorAll('button')) b.disabled = true;
    result.textContent = 'Sending…';
    try {
      const secret = base64ToBytes(account.push.secret);
      const jwt = await signJwt({ response: await challengeResponse(secret, claims.c), ...extraClaims }, secret);
      const response = await postJson(account.push.authenticateUrl, { messageId: message.messageId, jwt }, claims.l);
      if (response.status === 200) {
        result.textContent = label;
        card.classList.add('answered');
        buttons.remove(); // answered once: the server refuses a second answer anyway
      } else {
        result.textContent = `The server refused the answer (${response.status}): ${response.body?.message ?? 'no reason given'}`;
        result.classList.add('error');
      }
    } catch (e) {
      result.textContent = `The answer could not be sent: ${e.message}`;
      result.classList.add('error');
    }
    clearInterval(countdown);
    timer.textContent = '';
  };

  if (kind === 'challenge') {
    const numbers = String(claims.n ?? '').split(',').map(s => s.trim()).filter(s => /^\d+$/.test(s));
    card.insertBefore(el('p', { class: 'message' }, 'Pick the number shown on the sign-on page:'), timer);
    for (const number of numbers) {
      buttons.append(el('button', { class: 'primary number', type: 'button', 'data-testid': `number-${number}`,
        onclick: () => answer({ challengeResponse: number }, `Sent ${number}`) }, number));
    }
  } else {
    buttons.append(el('button', { class: 'primary', type: 'button', 'data-testid': 'approve', onclick: () => answer({}, 'Approved') }, 'Approve'));
  }
  buttons.append(el('button', { class: 'secondary', type: 'button', 'data-testid': 'deny', onclick: () => answer({ deny: true }, 'Denied') }, 'Deny'));

  const tick = () => {
    if (!expiresAt) return;
    const left = Math.round((expiresAt - Date.now()) / 1000);
    if (left > 0) { timer.textContent = `Expires in ${left} s`; return; }
    timer.textContent = 'Expired';
    for (const b of buttons.querySelectorAll('button')) b.disabled = true;
    clearInterval(countdown);
  };
  const countdown = setInterval(tick, 1000);
  tick();
  notificationsBox.prepend(card);
}

// ---- start ----

addForm.addEventListener('submit', async event => {
  event.preventDefault();
  if (await addAccount(uriInput.value)) uriInput.value = '';
});

async function fromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const uri = fragment.get('register');
  if (!uri) return;
  // The secret should not stay in the address bar or be registered again on reload.
  history.replaceState(null, '', location.pathname + location.search);
  await addAccount(uri);
}

renderAccounts();
document.getElementById('device-token').textContent = `${state.deviceToken.slice(0, 8)}…`;
window.addEventListener('hashchange', fromFragment);
await fromFragment();
setInterval(refreshCodes, 1000);
setInterval(poll, POLL_MS);
poll();
