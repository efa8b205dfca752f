// Hosted sign-on page: a plain client of the AM authenticate REST API. Each callback is rendered by its type, from the
// outputs AM documents for that type (one renderer per type in `renderers` below). Scripts the server sends
// (TextOutputCallback messageType 4) are never run: a step is recognised by the callbacks the ForgeRock SDK recognises it
// by, and an unknown script only shows the web links it contains. All text from the server goes through textContent.

import { el, realmPath, restPost, showError } from './common.js';
import { policyText } from './policy-texts.js';
import { descriptionParts } from './page-text.js';

const params = new URLSearchParams(location.search);
const realm = params.get('realm') || 'alpha';
// The journey: ?journey=, AM's ?authIndexType=service&authIndexValue=, or the platform UI's #/service/Name route (the
// links Identity Cloud's default journeys put in their page descriptions).
const journey = params.get('journey')
  || (params.get('authIndexType') === 'service' ? params.get('authIndexValue') : null)
  || serviceOfRoute(location.hash);

/** The journey a platform UI route names ('#/service/PlatformLogin'), or null. */
function serviceOfRoute(route) {
  const match = /^#\/service\/([^/?#]+)/.exec(route ?? '');
  if (!match) return null;
  try { return decodeURIComponent(match[1]); } catch { return null; }
}

// Where an OAuth authorization request sent the user to sign on: back there once the journey succeeds. Only the
// provider's own authorize paths, so that the page cannot be made to send a signed-on user anywhere else.
const returnTo = (() => {
  const target = params.get('goto');
  return target && /^\/oauth2\/realms\/root\/realms\/[a-z]+\/authorize(\?|$)/.test(target) ? target : null;
})();

const card = document.getElementById('card');
let pendingTimer = null;

// How this realm delivers pushes ('embedded': to the studio's virtual authenticator); asked once, in the background.
let pushTransport = null;
fetch(`/login/push-delivery?realm=${encodeURIComponent(realm)}`).then(r => r.ok ? r.json() : null)
  .then(body => { pushTransport = body?.transport ?? null; }).catch(() => {});

// A designer's preview link carries a signed token that lets this page start an unpublished revision.
const preview = params.get('preview');

// The link in an Email Suspend node's email: the first request resumes that sign-on; later steps go on with their authId.
let resumeId = params.get('suspendedId');

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
  card.querySelectorAll('button, input, select').forEach(control => { control.disabled = true; });
  let response;
  try {
    const url = resumeId ? `${realmPath(realm)}/authenticate?suspendedId=${encodeURIComponent(resumeId)}` : authenticateUrl();
    resumeId = null;
    response = await restPost(url, step ?? {});
  } catch (error) {
    showError(card, error);
    return;
  } finally {
    submitting = false;
  }
  const body = response.body;
  if (response.status === 200 && body.authId) return render(body);
  if (response.status === 200 && (body.tokenId || body.successUrl)) {
    location.assign(returnTo || (followable(body.successUrl) ?? `/account?realm=${encodeURIComponent(realm)}`));
    return;
  }
  renderFailure(body?.message || `The server answered ${response.status}.`, response.status === 401);
}

/** A URL this page may navigate to: http(s), or a path on this site. */
function followable(url) {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    const target = new URL(url, location.origin);
    return target.protocol === 'https:' || target.protocol === 'http:' ? target.href : null;
  } catch {
    return null;
  }
}

function renderFailure(message, signOnFailed) {
  card.replaceChildren(
    el('h1', {}, signOnFailed ? 'Sign-on failed' : 'Something went wrong'),
    el('div', { class: 'alert', role: 'alert' }, message),
    el('div', { class: 'actions' },
      el('button', { class: 'primary', type: 'button', onclick: () => start() }, 'Try again')));
}

function outputs(callback) {
  return Object.fromEntries((callback.output ?? []).map(o => [o.name, o.value]));
}

/** The input whose name ends with `suffix` ('' for the main input, 'validateOnly' for the Validated* and attribute callbacks). */
function inputOf(callback, suffix = '') {
  return (callback.input ?? []).find(i => /^IDToken\d+/.test(i.name) && i.name.replace(/^IDToken\d+/, '') === suffix);
}

// ---- Policies (ValidatedCreate*Callback, *AttributeInputCallback): failedPolicies are JSON strings of
// {policyRequirement, params}, as IDM reports them; policy-texts.js words them.


let failureCount = 0;

/** The failed policies of a callback as a list with an id (for aria-describedby), or null when none failed. */
function policyFailures(out) {
  const failed = [].concat(out.failedPolicies ?? []).map(policyText);
  return failed.length === 0 ? null
    : el('ul', { id: `policy-failures-${++failureCount}`, class: 'message error policy-failures', role: 'alert', 'data-testid': 'policy-failures' },
      ...failed.map(text => el('li', {}, text)));
}

// ---- Scripts: the shapes the ForgeRock SDK recognises, never run.

/** FRQRCode: a registration step carries its URI in HiddenValueCallback "mfaDeviceRegistration"; the script only draws it. */
function registrationUri(step) {
  const hidden = (step.callbacks ?? []).map(outputs).find(out => out.id === 'mfaDeviceRegistration');
  return hidden && /^(pushauth|otpauth|mfauth):\/\//.test(hidden.value ?? '') ? hidden.value : null;
}

/** FRRecoveryCodes: the display step is a script containing "Recovery Codes"; each code is a quoted word ending in an escaped newline. */
function recoveryCodesOf(script) {
  if (!script.includes('Recovery Codes')) return null;
  const codes = [...script.matchAll(/\s[\w\W]"([\w]*)\\/g)].map(m => m[1]).filter(Boolean);
  const device = /<em>([^<]*)<\/em>/.exec(script)?.[1] ?? '';
  return { codes, device };
}

/** The http(s) links of a script we do not run (e.g. Get Authenticator App's store links). */
function linksOf(script) {
  const links = [];
  for (const m of script.matchAll(/<a[^>]*href=['"]([^'"]+)['"][^>]*>([^<]*)<\/a>/g)) {
    if (/^https?:\/\//i.test(m[1])) links.push({ href: m[1], label: m[2] || m[1] });
  }
  return links;
}

function renderScript(message, view) {
  if (registrationUri(view.step)) return; // the QR code is drawn from the registration URI
  const recovery = recoveryCodesOf(message);
  if (recovery) {
    const text = recovery.codes.join('\n') + '\n';
    const copied = el('span', { class: 'copied', 'data-testid': 'recovery-codes-copied', role: 'status' });
    const copy = el('button', { type: 'button', class: 'secondary', 'data-testid': 'copy-recovery-codes' }, 'Copy codes');
    copy.addEventListener('click', async () => {
      try { await navigator.clipboard.writeText(text); copied.textContent = 'Copied.'; }
      catch { copied.textContent = 'Your browser did not allow copying; select the codes and copy them.'; }
    });
    const download = el('a', { class: 'button secondary', 'data-testid': 'download-recovery-codes', download: 'recovery-codes.txt',
      href: URL.createObjectURL(new Blob([text], { type: 'text/plain' })) }, 'Download');
    view.append(el('section', { 'data-testid': 'recovery-codes' },
      el('h2', {}, 'Your recovery codes'),
      el('p', { class: 'message' }, 'Use one of these codes to sign on if you lose your device',
        recovery.device ? ` (${recovery.device})` : '', '. Copy them now: they cannot be displayed again.'),
      el('div', { class: 'recovery-codes' }, ...recovery.codes.map(c => el('code', {}, c))),
      el('div', { class: 'actions' }, copy, download, copied)));
    return;
  }
  const links = linksOf(message);
  if (links.length > 0) {
    const section = el('p', { class: 'message links', 'data-testid': 'script-links' }, 'Get the authenticator app: ',
      ...links.flatMap((l, i) => [i ? ' or ' : '', el('a', { href: l.href, target: '_blank', rel: 'noopener' }, l.label)]));
    // With pushes delivered by the studio itself (no SNS), the phone app never receives them: the virtual
    // authenticator stands in for it.
    if (pushTransport === 'embedded') {
      section.append(el('span', { 'data-testid': 'virtual-authenticator-hint' }, '. No phone? This studio delivers pushes to its ',
        el('a', { href: '/authenticator', target: '_blank', rel: 'noopener' }, 'virtual authenticator'),
        ', which you can use instead; continue and register it when the QR code is shown.'));
    }
    view.append(section);
    return;
  }
  view.append(el('p', { class: 'message warning' }, 'This step sent a script that the hosted pages do not run.'));
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

// ---- One renderer per callback type. Each adds its elements to `view` and registers how its inputs are read back.

/** A text field for the callback's main input; `kind` is 'text', 'password' or 'number'. */
function textField(callback, view, { kind = 'text', label, autocomplete, value } = {}) {
  const input = inputOf(callback);
  const out = outputs(callback);
  const id = `cb-${input.name}`;
  const failures = policyFailures(out);
  const field = el('input', { id, name: input.name, type: kind, autocomplete, value: value ?? input.value ?? '',
    'aria-required': out.required === true || requiredByPolicy(out) ? 'true' : null,
    'aria-invalid': failures ? 'true' : null, 'aria-describedby': failures?.id ?? null });
  view.append(el('label', { for: id }, label), field);
  if (failures) view.append(failures);
  view.read(() => { input.value = kind === 'number' && field.value !== '' ? Number(field.value) : field.value; });
  view.needsUserInput = true;
}

/** Whether the callback's policies (IDM's policy object) include REQUIRED. */
function requiredByPolicy(out) {
  return [].concat(out.policies?.policyRequirements ?? []).includes('REQUIRED');
}

/** The validateOnly input of the Validated* and attribute callbacks: this page always submits for real. */
function submitForReal(callback, view) {
  const validateOnly = inputOf(callback, 'validateOnly');
  if (validateOnly) view.read(() => { validateOnly.value = false; });
}

const confirmationOptions = {
  // Java's ConfirmationCallback option types: the input is the option's constant (YES 0, NO 1, CANCEL 2, OK 3).
  0: [['Yes', 0], ['No', 1]],
  1: [['Yes', 0], ['No', 1], ['Cancel', 2]],
  2: [['OK', 3], ['Cancel', 2]],
};

const renderers = {
  NameCallback: (callback, view) =>
    textField(callback, view, { label: outputs(callback).prompt || 'User Name', autocomplete: 'username' }),

  TextInputCallback: (callback, view) => {
    const out = outputs(callback);
    textField(callback, view, { label: out.prompt || 'Text', value: inputOf(callback).value || out.defaultText || '' });
  },

  PasswordCallback: (callback, view) =>
    textField(callback, view, { kind: 'password', label: outputs(callback).prompt || 'Password', autocomplete: 'current-password' }),

  ValidatedCreateUsernameCallback: (callback, view) => {
    textField(callback, view, { label: outputs(callback).prompt || 'Username', autocomplete: 'username' });
    submitForReal(callback, view);
  },

  ValidatedCreatePasswordCallback: (callback, view) => {
    textField(callback, view, { kind: 'password', label: outputs(callback).prompt || 'Password', autocomplete: 'new-password' });
    submitForReal(callback, view);
  },

  StringAttributeInputCallback: (callback, view) => {
    const out = outputs(callback);
    textField(callback, view, { label: out.prompt || out.name, value: inputOf(callback).value ?? out.value ?? '' });
    submitForReal(callback, view);
  },

  NumberAttributeInputCallback: (callback, view) => {
    const out = outputs(callback);
    textField(callback, view, { kind: 'number', label: out.prompt || out.name, value: inputOf(callback).value ?? out.value ?? '' });
    submitForReal(callback, view);
  },

  BooleanAttributeInputCallback: (callback, view) => {
    const out = outputs(callback);
    const input = inputOf(callback);
    const id = `cb-${input.name}`;
    const failures = policyFailures(out);
    const box = el('input', { id, name: input.name, type: 'checkbox', 'aria-describedby': failures?.id ?? null });
    box.checked = (input.value ?? out.value) === true;
    view.append(el('label', { for: id, class: 'checkbox' }, box, out.prompt || out.name));
    if (failures) view.append(failures);
    view.read(() => { input.value = box.checked; });
    submitForReal(callback, view);
    view.needsUserInput = true;
  },

  ChoiceCallback: (callback, view) => {
    const out = outputs(callback);
    const input = inputOf(callback);
    const group = el('fieldset', { class: 'choices' }, el('legend', {}, out.prompt ?? ''));
    (out.choices ?? []).forEach((choice, i) => {
      const radio = el('input', { type: 'radio', name: input.name, value: String(i) });
      if (i === (input.value ?? out.defaultChoice)) radio.checked = true;
      group.append(el('label', {}, radio, choice));
    });
    view.append(group);
    view.read(() => { const c = group.querySelector('input:checked'); if (c) input.value = Number(c.value); });
    view.needsUserInput = true;
  },

  // KBA Definition: pick a predefined question (or, where allowed, write one) and answer it. The question input takes the
  // question's text, as AM expects.
  KbaCreateCallback: (callback, view) => {
    const out = outputs(callback);
    const question = inputOf(callback, 'question');
    const answer = inputOf(callback, 'answer');
    const base = `cb-${question.name.replace(/question$/, '')}`;
    const OWN = '\u0000own';
    const predefined = [].concat(out.predefinedQuestions ?? []);
    const select = el('select', { id: `${base}question`, name: question.name, 'aria-required': 'true', 'data-testid': 'kba-question' },
      el('option', { value: '' }, 'Choose a question'),
      ...predefined.map(q => el('option', { value: q }, q)),
      out.allowUserDefinedQuestions ? el('option', { value: OWN }, 'Write my own question') : null);
    const own = el('input', { id: `${base}custom`, type: 'text', autocomplete: 'off', 'data-testid': 'kba-custom-question' });
    const ownLabel = el('label', { for: own.id }, 'Your question');
    const ownBox = el('div', { class: 'kba-custom' }, ownLabel, own);
    if (question.value && !predefined.includes(question.value)) { select.value = out.allowUserDefinedQuestions ? OWN : ''; own.value = question.value; }
    else select.value = question.value ?? '';
    const showOwn = () => { ownBox.hidden = select.value !== OWN; };
    select.addEventListener('change', showOwn);
    showOwn();
    const answerField = el('input', { id: `${base}answer`, name: answer.name, type: 'text', autocomplete: 'off', 'aria-required': 'true',
      value: answer.value ?? '', 'data-testid': 'kba-answer' });
    view.append(el('fieldset', { class: 'kba' }, el('legend', {}, out.prompt || 'Security question'),
      el('label', { for: select.id }, 'Question'), select, ownBox,
      el('label', { for: answerField.id }, 'Answer'), answerField));
    view.read(() => { question.value = select.value === OWN ? own.value : select.value; answer.value = answerField.value; });
    view.needsUserInput = true;
  },

  // Accept Terms and Conditions: the terms as text (never HTML) and a checkbox that the journey needs ticked.
  TermsAndConditionsCallback: (callback, view) => {
    const out = outputs(callback);
    const input = inputOf(callback);
    const id = `cb-${input.name}`;
    const termsId = `${id}-terms`;
    const box = el('input', { id, name: input.name, type: 'checkbox', 'aria-describedby': termsId, 'data-testid': 'terms-accept' });
    box.checked = input.value === true;
    view.append(el('section', { class: 'terms' },
      el('h2', {}, 'Terms and conditions'),
      el('div', { id: termsId, class: 'terms-text', tabindex: '0', 'data-testid': 'terms-text' }, String(out.terms ?? '')),
      el('p', { class: 'terms-version' }, `Version ${out.version ?? ''}`),
      el('label', { for: id, class: 'checkbox' }, box, 'I accept the terms and conditions')));
    view.read(() => { input.value = box.checked; });
    view.needsUserInput = true;
  },

  ConfirmationCallback: (callback, view) => {
    const out = outputs(callback);
    const input = inputOf(callback);
    view.hasButtons = true;
    if (out.prompt) view.append(el('p', { class: 'message' }, out.prompt));
    const options = confirmationOptions[out.optionType] ?? (out.options ?? []).map((label, i) => [label, i]);
    const actions = el('div', { class: 'actions' });
    for (const [label, value] of options) {
      actions.append(el('button', {
        type: 'button', class: value === (out.defaultOption ?? 0) ? 'primary' : 'secondary',
        onclick: () => { view.readAll(); input.value = value; submit(view.step); },
      }, label));
    }
    view.append(actions);
  },

  TextOutputCallback: (callback, view) => {
    const out = outputs(callback);
    const message = String(out.message ?? '');
    switch (String(out.messageType)) {
      case '4': renderScript(message, view); break;
      case '2': view.append(el('p', { class: 'message error', role: 'alert' }, message)); break;
      case '1': view.append(el('p', { class: 'message warning' }, message)); break;
      default: view.append(el('p', { class: 'message' }, message));
    }
  },

  // Email Suspend: the journey waits until the link in the email is opened; nothing to submit here.
  SuspendedTextOutputCallback: (callback, view) => {
    const out = outputs(callback);
    view.hasButtons = true;
    // Email Suspend's step has no page header of its own: say what the person has to do.
    if (!view.step.header) view.append(el('h1', {}, 'Check your email'));
    view.append(el('p', { class: 'message suspended', 'data-testid': 'suspended-message', role: 'status' }, String(out.message ?? '')));
  },

  HiddenValueCallback: async (callback, view) => {
    const out = outputs(callback);
    if (out.id === 'mfaDeviceRegistration' && registrationUri(view.step)) view.append(await renderQrCode(out.value));
    else if (out.id === 'pushChallengeNumber') view.append(el('div', { class: 'challenge-number', 'data-testid': 'challenge-number' }, String(out.value ?? '')));
  },

  PollingWaitCallback: (callback, view) => {
    const out = outputs(callback);
    view.pollAfterMs = Number(out.waitTime) || 5000;
    view.append(el('div', { class: 'waiting' }, el('div', { class: 'spinner' }),
      el('span', { 'data-testid': 'waiting-message' }, pushWaitMessage(String(out.message || 'Waiting…')))));
  },

  RedirectCallback: (callback, view) => {
    const out = outputs(callback);
    const target = followable(out.redirectUrl);
    if (String(out.redirectMethod ?? 'GET').toUpperCase() === 'GET' && target) {
      view.redirectTo = target;
      view.append(el('div', { class: 'waiting' }, el('div', { class: 'spinner' }), el('span', {}, 'Redirecting…')));
    } else {
      view.append(el('p', { class: 'message warning' }, 'This step redirects in a way the hosted pages do not support.'));
    }
  },

  DeviceProfileCallback: (callback, view) => {
    const out = outputs(callback);
    view.deviceProfile = { input: inputOf(callback), out };
    view.append(el('p', { class: 'message' }, String(out.message || 'Collecting device information…')));
  },

  MetadataCallback: () => {},
};

// The prompt of the Recovery Code Collector Decision node; when it comes back right after a code was sent, the
// code was not accepted.
const RECOVERY_PROMPT = 'Recovery Code';
let lastRecoveryCodeSent = false;

// AM's push wait message names the number in brackets ("Tap the number [59] on the Push Notification…"); the
// number is what the user needs.
function pushWaitMessage(message) {
  return message.replace(/tap the number \[(\d+)\][^.]*\.?/i, 'Tap $1 on the notification on your phone.');
}

/** The Page node's description: its text, line breaks and links (see page-text.js), never its markup. */
function description(html) {
  return el('p', { class: 'description', 'data-testid': 'page-description' }, ...descriptionParts(String(html), realm).map(part =>
    part.lineBreak ? el('br') : part.link ? el('a', { href: part.link }, part.text) : part.text));
}

async function render(step) {
  const form = el('form', { novalidate: true });
  const asksRecoveryCode = (step.callbacks ?? []).some(c => c.type === 'NameCallback' && outputs(c).prompt === RECOVERY_PROMPT);
  if (asksRecoveryCode && lastRecoveryCodeSent) {
    form.append(el('p', { class: 'message error', 'data-testid': 'recovery-code-invalid', role: 'alert' }, 'That code is not valid. Check it and try again.'));
  }
  lastRecoveryCodeSent = asksRecoveryCode;
  const readers = []; // run before submitting: copy DOM values into the step
  const view = {
    step,
    append: (...nodes) => form.append(...nodes),
    read: reader => readers.push(reader),
    readAll: () => readers.forEach(r => r()),
    needsUserInput: false,
    hasButtons: false,
    pollAfterMs: null,
    deviceProfile: null,
    redirectTo: null,
  };

  if (step.header) form.append(el('h1', {}, step.header));
  if (step.description) form.append(description(step.description));

  for (const callback of step.callbacks ?? []) {
    const renderer = renderers[callback.type];
    if (renderer) await renderer(callback, view);
    else form.append(el('p', { class: 'message warning' }, `This step asks for "${callback.type}", which the hosted pages cannot show.`));
  }

  // A step that only shows something (recovery codes, a message) moves on when the user has read it.
  const onlyShows = view.pollAfterMs === null && !view.deviceProfile && !view.redirectTo;
  if ((view.needsUserInput || onlyShows) && !view.hasButtons) {
    form.append(el('div', { class: 'actions' }, el('button', { class: 'primary', type: 'submit' }, 'Next')));
  }
  form.addEventListener('submit', event => {
    event.preventDefault();
    view.readAll();
    submit(step);
  });
  card.replaceChildren(form);
  // After a refusal, focus goes where the person has to correct something; otherwise to the first field.
  (form.querySelector('[aria-invalid=true]') ?? form.querySelector('input:not([type=hidden]), button'))?.focus();

  if (view.redirectTo) {
    location.assign(view.redirectTo);
    return;
  }
  if (view.deviceProfile) {
    view.deviceProfile.input.value = await collectDeviceProfile(view.deviceProfile.out);
    if (!view.needsUserInput && !view.hasButtons) return submit(step);
  }
  if (view.pollAfterMs !== null) {
    // Re-submit the step unchanged; a button press on the same step cancels this.
    pendingTimer = setTimeout(() => submit(step), view.pollAfterMs);
  }
}

function start() {
  submit(null).catch(error => showError(card, error));
}

start();
