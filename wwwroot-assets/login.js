// Hosted sign-on page: a plain client of the AM authenticate REST API. It renders every callback
// generically and never evaluates scripts sent by the server: the known script shapes (QR code,
// recovery codes, app links) are recognised and shown as data, everything else is left out.
// All text from the server goes through textContent, never innerHTML.

import { el, realmPath, restPost, showError } from './common.js';

const params = new URLSearchParams(location.search);
const realm = params.get('realm') || 'alpha';
const journey = params.get('journey')
  || (params.get('authIndexType') === 'service' ? params.get('authIndexValue') : null);

const card = document.getElementById('card');
let pendingTimer = null;

// How this realm delivers pushes ('embedded': to the studio's virtual authenticator); asked once, in the background.
let pushTransport = null;
fetch(`/login/push-delivery?realm=${encodeURIComponent(realm)}`).then(r => r.ok ? r.json() : null)
  .then(body => { pushTransport = body?.transport ?? null; }).catch(() => {});

// A designer's preview link carries a signed token that lets this page start an unpublished revision.
const preview = params.get('preview');

function authenticateUrl() {
  const query = new URLSearchParams();
  if (journey) { query.set('authIndexType', 'service'); query.set('authIndexValue', journey); }
  if (preview) query.set('preview', preview);
  const text = query.toString();
  return `${realmPath(realm)}/authenticate${text ? '?' + text : ''}`;
}

let submitting = false;

async function submit(step) {
  // The server accepts each step once: a double click, or a button pressed while a poll is on its way,
  // would send the same authId twice and the second would be refused. One submission at a time.
  if (submitting) return;
  submitting = true;
  clearTimeout(pendingTimer);
  card.querySelectorAll('button, input').forEach(control => { control.disabled = true; });
  let response;
  try {
    response = await restPost(authenticateUrl(), step ?? {});
  } catch (error) {
    showError(card, error);
    return;
  } finally {
    submitting = false;
  }
  const body = response.body;
  if (response.status === 200 && body.authId) return render(body);
  if (response.status === 200 && (body.tokenId || body.successUrl)) {
    location.assign(body.successUrl || `/account?realm=${encodeURIComponent(realm)}`);
    return;
  }
  renderFailure(body?.message || `The server answered ${response.status}.`, response.status === 401);
}

function renderFailure(message, signOnFailed) {
  card.replaceChildren(
    el('h1', {}, signOnFailed ? 'Sign-on failed' : 'Something went wrong'),
    el('div', { class: 'alert', role: 'alert' }, message),
    el('div', { class: 'actions' },
      el('button', { class: 'primary', type: 'button', onclick: () => start() }, 'Try again')));
}

// The SDK's own scraping rule for recovery codes: a quoted word followed by an escaped newline.
function recoveryCodesFromScript(script) {
  const codes = [...script.matchAll(/\s[\w\W]"([\w]*)\\/g)].map(m => m[1]).filter(Boolean);
  const device = /<em>([^<]*)<\/em>/.exec(script)?.[1] ?? '';
  return { codes, device };
}

function linksFromScript(script) {
  const links = [];
  for (const m of script.matchAll(/<a[^>]*href=['"]([^'"]+)['"][^>]*>([^<]*)<\/a>/g)) {
    if (/^https?:\/\//i.test(m[1])) links.push({ href: m[1], label: m[2] || m[1] });
  }
  const text = script.replace(/<a[^>]*>([^<]*)<\/a>/g, '$1').replace(/<[^>]+>/g, ' ');
  return { links, text };
}

function renderScript(message) {
  if (message.includes('QRCodeReader')) return null; // the QR code is drawn from the registration URI
  if (/recovery codes/i.test(message)) {
    const { codes, device } = recoveryCodesFromScript(message);
    const text = codes.join('\n') + '\n';
    const copied = el('span', { class: 'copied', 'data-testid': 'recovery-codes-copied', role: 'status' });
    const copy = el('button', { type: 'button', class: 'secondary', 'data-testid': 'copy-recovery-codes' }, 'Copy codes');
    copy.addEventListener('click', async () => {
      try { await navigator.clipboard.writeText(text); copied.textContent = 'Copied.'; }
      catch { copied.textContent = 'Your browser did not allow copying; select the codes and copy them.'; }
    });
    const download = el('a', { class: 'button secondary', 'data-testid': 'download-recovery-codes', download: 'recovery-codes.txt',
      href: URL.createObjectURL(new Blob([text], { type: 'text/plain' })) }, 'Download');
    return el('section', { 'data-testid': 'recovery-codes' },
      el('h2', {}, 'Your recovery codes'),
      el('p', { class: 'message' }, 'Use one of these codes to sign on if you lose your device',
        device ? ` (${device})` : '', '. Copy them now: they cannot be displayed again.'),
      el('div', { class: 'recovery-codes' }, ...codes.map(c => el('code', {}, c))),
      el('div', { class: 'actions' }, copy, download, copied));
  }
  if (message.includes('href=')) {
    const { links } = linksFromScript(message);
    const section = el('p', { class: 'message links' }, 'Get the authenticator app: ',
      ...links.flatMap((l, i) => [i ? ' or ' : '', el('a', { href: l.href, target: '_blank', rel: 'noopener' }, l.label)]));
    // With pushes delivered by the studio itself (no SNS), the phone app never receives them: the virtual
    // authenticator stands in for it.
    if (pushTransport === 'embedded') {
      section.append(el('span', { 'data-testid': 'virtual-authenticator-hint' }, '. No phone? This studio delivers pushes to its ',
        el('a', { href: '/authenticator', target: '_blank', rel: 'noopener' }, 'virtual authenticator'),
        ', which you can use instead; continue and register it when the QR code is shown.'));
    }
    return section;
  }
  return el('p', { class: 'message warning' }, 'This step sent a script that the hosted pages do not run.');
}

async function renderQrCode(uri) {
  const box = el('div', { class: 'qr', 'data-testid': 'qr-code' });
  const response = await fetch('/login/qr', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: uri }) });
  if (response.ok) {
    const url = URL.createObjectURL(await response.blob());
    box.append(el('img', { src: url, alt: 'QR code to scan with your authenticator app' }));
  }
  // The fragment never reaches a server, so the secret in the URI stays out of logs.
  box.append(el('a', { href: `/authenticator#register=${encodeURIComponent(uri)}`, target: '_blank', rel: 'noopener', 'data-testid': 'open-virtual-authenticator' },
    'Register with the virtual authenticator'));
  return box;
}

async function collectDeviceProfile(output) {
  const profile = { identifier: deviceIdentifier() };
  if (output.metadata) {
    profile.metadata = {
      platform: { platform: navigator.platform, userAgent: navigator.userAgent, language: navigator.language,
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone },
      hardware: { display: { width: screen.width, height: screen.height }, cpuClass: null, hardwareConcurrency: navigator.hardwareConcurrency },
    };
  }
  if (output.location && navigator.geolocation) {
    profile.location = await new Promise(resolve => navigator.geolocation.getCurrentPosition(
      p => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }), () => resolve({}), { timeout: 5000 }));
  }
  return JSON.stringify(profile);
}

function deviceIdentifier() {
  let id = localStorage.getItem('journeystudio.deviceIdentifier');
  if (!id) { id = crypto.randomUUID(); localStorage.setItem('journeystudio.deviceIdentifier', id); }
  return id;
}

function outputs(callback) {
  return Object.fromEntries((callback.output ?? []).map(o => [o.name, o.value]));
}

// The prompt of the Recovery Code Collector Decision node; when it comes back right after a code was sent, the
// code was not accepted.
const RECOVERY_PROMPT = 'Recovery Code';
let lastRecoveryCodeSent = false;

// AM's push wait message names the number in brackets ("Tap the number [59] on the Push Notification…"); the
// number is what the user needs.
function pushWaitMessage(message) {
  return message.replace(/tap the number \[(\d+)\][^.]*\.?/i, 'Tap $1 on the notification on your phone.');
}

async function render(step) {
  const form = el('form', { novalidate: true });
  const asksRecoveryCode = (step.callbacks ?? []).some(c => c.type === 'NameCallback' && outputs(c).prompt === RECOVERY_PROMPT);
  if (asksRecoveryCode && lastRecoveryCodeSent) {
    form.append(el('p', { class: 'message error', 'data-testid': 'recovery-code-invalid', role: 'alert' }, 'That code is not valid. Check it and try again.'));
  }
  lastRecoveryCodeSent = asksRecoveryCode;
  const setters = []; // run before submitting: copy DOM values into the step
  let needsUserInput = false;
  let hasConfirmation = false;
  let pollAfterMs = null;
  let deviceProfile = null;

  if (step.header) form.append(el('h1', {}, step.header));
  if (step.description) form.append(el('p', { class: 'description' }, step.description));

  for (const callback of step.callbacks ?? []) {
    const out = outputs(callback);
    const input = callback.input?.[0];
    const id = input ? `cb-${input.name}` : undefined;
    switch (callback.type) {
      case 'NameCallback':
      case 'ValidatedCreateUsernameCallback':
      case 'PasswordCallback':
      case 'ValidatedCreatePasswordCallback': {
        const isPassword = callback.type.includes('Password');
        const field = el('input', { id, name: input.name, type: isPassword ? 'password' : 'text',
          autocomplete: isPassword ? 'current-password' : 'username', value: input.value ?? '' });
        form.append(el('label', { for: id }, out.prompt || (isPassword ? 'Password' : 'User Name')), field);
        setters.push(() => { input.value = field.value; });
        needsUserInput = true;
        break;
      }
      case 'TextOutputCallback': {
        if (String(out.messageType) === '4') {
          const shown = renderScript(String(out.message ?? ''));
          if (shown) form.append(shown);
        } else {
          const kind = { '1': 'warning', '2': 'error' }[String(out.messageType)] ?? '';
          form.append(el('p', { class: `message ${kind}` }, String(out.message ?? '')));
        }
        break;
      }
      case 'ChoiceCallback': {
        const group = el('fieldset', { class: 'choices' }, el('legend', {}, out.prompt ?? ''));
        (out.choices ?? []).forEach((choice, i) => {
          const radio = el('input', { type: 'radio', name: input.name, value: String(i) });
          if (i === (input.value ?? out.defaultChoice)) radio.checked = true;
          group.append(el('label', {}, radio, choice));
        });
        form.append(group);
        setters.push(() => { const c = group.querySelector('input:checked'); if (c) input.value = Number(c.value); });
        needsUserInput = true;
        break;
      }
      case 'ConfirmationCallback': {
        hasConfirmation = true;
        if (out.prompt) form.append(el('p', { class: 'message' }, out.prompt));
        const actions = el('div', { class: 'actions' });
        (out.options ?? []).forEach((option, i) => {
          actions.append(el('button', {
            type: 'button', class: i === (out.defaultOption ?? 0) ? 'primary' : 'secondary',
            onclick: () => { setters.forEach(s => s()); input.value = i; submit(step); },
          }, option));
        });
        form.append(actions);
        break;
      }
      case 'HiddenValueCallback': {
        if (out.id === 'mfaDeviceRegistration' && /^(pushauth|otpauth|mfauth):\/\//.test(out.value ?? '')) {
          form.append(await renderQrCode(out.value));
        } else if (out.id === 'pushChallengeNumber') {
          form.append(el('div', { class: 'challenge-number', 'data-testid': 'challenge-number' }, String(out.value ?? '')));
        }
        break;
      }
      case 'PollingWaitCallback': {
        pollAfterMs = Number(out.waitTime) || 5000;
        form.append(el('div', { class: 'waiting' }, el('div', { class: 'spinner' }),
          el('span', { 'data-testid': 'waiting-message' }, pushWaitMessage(String(out.message || 'Waiting…')))));
        break;
      }
      case 'DeviceProfileCallback': {
        deviceProfile = { input, out };
        form.append(el('p', { class: 'message' }, String(out.message || 'Collecting device information…')));
        break;
      }
      case 'MetadataCallback':
        break;
      default:
        form.append(el('p', { class: 'message warning' }, `This step asks for "${callback.type}", which the hosted pages cannot show.`));
    }
  }

  // A step that only shows something (recovery codes, a message) moves on when the user has read it.
  const onlyShows = pollAfterMs === null && !deviceProfile;
  if ((needsUserInput || onlyShows) && !hasConfirmation) {
    form.append(el('div', { class: 'actions' }, el('button', { class: 'primary', type: 'submit' }, 'Next')));
  }
  form.addEventListener('submit', event => {
    event.preventDefault();
    setters.forEach(s => s());
    submit(step);
  });
  card.replaceChildren(form);
  form.querySelector('input:not([type=hidden]), button')?.focus();

  if (deviceProfile) {
    deviceProfile.input.value = await collectDeviceProfile(deviceProfile.out);
    if (!needsUserInput && !hasConfirmation) return submit(step);
  }
  if (pollAfterMs !== null) {
    // Re-submit the step unchanged; a button press on the same step cancels this.
    pendingTimer = setTimeout(() => submit(step), pollAfterMs);
  }
}

function start() {
  submit(null).catch(error => showError(card, error));
}

start();
