// A small single-page app on its own origin that signs on to JourneyStudio with the ForgeRock JavaScript SDK exactly as
// an integrator would: FRAuth through a journey, then TokenManager / UserManager / FRUser. The browser test drives it
// through window.sdkApp and reads what the SDK answered.
import { CallbackType, Config, FRAuth, FRQRCode, FRRecoveryCodes, FRUser, StepType, TokenManager, UserManager } from '@forgerock/javascript-sdk';

const stateElement = document.getElementById('state');
const show = value => { stateElement.textContent = JSON.stringify(value); return value; };

function configure(settings) {
  // Kept for the page the authorize redirect comes back to.
  localStorage.setItem('sdk-app-settings', JSON.stringify(settings));
  Config.set({
    clientId: settings.clientId,
    redirectUri: settings.redirectUri,
    scope: settings.scope,
    realmPath: settings.realm,
    tree: settings.tree,
    serverConfig: { baseUrl: settings.baseUrl, timeout: 5000 },
  });
}

let step = null;
const hidden = (s, id) => s.getCallbacksOfType(CallbackType.HiddenValueCallback).find(c => c.getOutputValue('id') === id);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// Runs the journey until it needs the outside world: a QR code to register, a push number to pick, or the end.
async function signOn(username, password) {
  step = step ?? await FRAuth.next();
  for (let n = 0; n < 60; n++) {
    if (step.type === StepType.LoginSuccess) return show({ kind: 'success' });
    if (step.type === StepType.LoginFailure) return show({ kind: 'failure', message: step.getMessage() });
    const names = step.getCallbacksOfType(CallbackType.NameCallback);
    const polling = step.getCallbacksOfType(CallbackType.PollingWaitCallback).length > 0;
    if (names.length > 0) {
      names.forEach(c => c.setName(username));
      step.getCallbacksOfType(CallbackType.PasswordCallback).forEach(c => c.setPassword(password));
    } else if (FRQRCode.isQRCodeStep(step) && !sessionStorage.getItem('sdk-app-qr-shown')) {
      sessionStorage.setItem('sdk-app-qr-shown', '1');
      return show({ kind: 'qr', uri: FRQRCode.getQRCodeData(step).uri });
    } else if (hidden(step, 'pushChallengeNumber') && !sessionStorage.getItem('sdk-app-number-shown')) {
      sessionStorage.setItem('sdk-app-number-shown', '1');
      return show({ kind: 'number', number: String(hidden(step, 'pushChallengeNumber').getOutputValue('value')) });
    } else if (FRRecoveryCodes.isDisplayStep(step)) {
      // The codes are the user's to keep; the journey goes on.
    } else if (!polling) {
      step.getCallbacksOfType(CallbackType.ConfirmationCallback).forEach(c => c.setOptionIndex(0));
    } else {
      await sleep(500);
    }
    step = await FRAuth.next(step);
  }
  return show({ kind: 'stuck' });
}

// What a page shows of a token response, without the secrets' bulk.
const tokensSummary = tokens => tokens ? { accessToken: tokens.accessToken, idToken: tokens.idToken, refreshToken: tokens.refreshToken ?? null } : null;

async function run(action) {
  try {
    return show({ ok: true, value: await action() });
  } catch (error) {
    return show({ ok: false, error: String(error?.message ?? error) });
  }
}

window.sdkApp = {
  configure,
  signOn,
  getTokens: options => run(async () => tokensSummary(await TokenManager.getTokens(options))),
  currentUser: () => run(() => UserManager.getCurrentUser()),
  logout: () => run(async () => { await FRUser.logout(); return 'logged out'; }),
};

// The redirect back from authorize (redirect mode): exchange the code, as the SDK's docs show. Not inside the SDK's
// own silent iframe, where the SDK reads the code from this page's address and exchanges it itself.
const saved = localStorage.getItem('sdk-app-settings');
if (saved) configure(JSON.parse(saved));
const query = new URLSearchParams(location.search);
if (window.top === window && query.get('code') && query.get('state')) {
  window.sdkApp.getTokens({ query: { code: query.get('code'), state: query.get('state') } })
    .then(result => { window.sdkAppRedirectResult = result; });
} else {
  show('ready');
}
