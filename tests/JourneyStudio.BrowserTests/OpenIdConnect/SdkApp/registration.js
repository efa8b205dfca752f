// Registration with the ForgeRock JavaScript SDK's own callback classes, as an app's sign-up form uses them: the first
// submission only validates (validateOnly) and reads the failed policies, the second registers. The browser test drives
// it through window.sdkRegistration and reads what the SDK saw.
import {
  AttributeInputCallback, CallbackType, Config, FRAuth, FRLoginSuccess, FRPolicy, FRStep, KbaCreateCallback, StepType,
  TermsAndConditionsCallback, ValidatedCreatePasswordCallback, ValidatedCreateUsernameCallback,
} from '@forgerock/javascript-sdk';

const stateElement = document.getElementById('state');
const show = value => { stateElement.textContent = JSON.stringify(value); return value; };

const attributeTypes = [CallbackType.StringAttributeInputCallback, CallbackType.BooleanAttributeInputCallback, CallbackType.NumberAttributeInputCallback];

/** What the SDK made of a step: its type, and each callback's type, SDK class and failed policies. */
function describe(step) {
  if (!(step instanceof FRStep)) return { type: step.type };
  return {
    type: step.type,
    header: step.getHeader(),
    callbacks: step.callbacks.map(c => ({
      type: c.getType(),
      sdkClass: c instanceof AttributeInputCallback ? 'AttributeInputCallback'
        : c instanceof ValidatedCreateUsernameCallback ? 'ValidatedCreateUsernameCallback'
        : c instanceof ValidatedCreatePasswordCallback ? 'ValidatedCreatePasswordCallback'
        : c instanceof KbaCreateCallback ? 'KbaCreateCallback'
        : c instanceof TermsAndConditionsCallback ? 'TermsAndConditionsCallback'
        : c.constructor.name,
      name: c instanceof AttributeInputCallback ? c.getName() : null,
      prompt: typeof c.getPrompt === 'function' ? c.getPrompt() : null,
      required: typeof c.isRequired === 'function' ? c.isRequired() : null,
      policyRequirements: typeof c.getPolicies === 'function' ? (c.getPolicies()?.policyRequirements ?? []) : [],
      failedPolicies: typeof c.getFailedPolicies === 'function' ? c.getFailedPolicies().map(p => p.policyRequirement) : [],
    })),
  };
}

/** Fills the sign-up step through the SDK's setters; `validateOnly` marks every Validated* and attribute callback. */
function fill(step, form, validateOnly) {
  step.getCallbackOfType(CallbackType.ValidatedCreateUsernameCallback).setName(form.username);
  for (const type of attributeTypes) {
    for (const callback of step.getCallbacksOfType(type)) {
      callback.setValue(form.attributes[callback.getName()]);
      callback.setValidateOnly(validateOnly);
    }
  }
  step.getCallbackOfType(CallbackType.ValidatedCreateUsernameCallback).setValidateOnly(validateOnly);
  const password = step.getCallbackOfType(CallbackType.ValidatedCreatePasswordCallback);
  password.setPassword(form.password);
  password.setValidateOnly(validateOnly);
  step.getCallbacksOfType(CallbackType.KbaCreateCallback).forEach((kba, i) => {
    kba.setQuestion(form.kba[i].question);
    kba.setAnswer(form.kba[i].answer);
  });
  step.getCallbackOfType(CallbackType.TermsAndConditionsCallback).setAccepted(true);
}

/** The password's failed policies in the words of the SDK's default message creator. */
function passwordMessages(step) {
  const password = step.getCallbackOfType(CallbackType.ValidatedCreatePasswordCallback);
  return FRPolicy.parseFailedPolicyRequirement({ property: 'password', policyRequirements: password.getFailedPolicies() });
}

async function register(settings, form) {
  Config.set({ realmPath: settings.realm, tree: settings.tree, serverConfig: { baseUrl: settings.baseUrl, timeout: 10000 } });
  const first = await FRAuth.next();
  const seen = { first: describe(first) };
  if (first.type !== StepType.Step) return seen;

  // As a form does while the person types: check the values without moving on.
  fill(first, { ...form, password: form.weakPassword }, true);
  const checked = await FRAuth.next(first);
  seen.checked = describe(checked);
  if (checked.type !== StepType.Step) return seen;
  seen.passwordMessages = passwordMessages(checked);

  fill(checked, form, false);
  const done = await FRAuth.next(checked);
  seen.done = describe(done);
  if (done instanceof FRLoginSuccess) seen.sessionToken = done.getSessionToken() ?? null;
  else if (done.type === StepType.LoginFailure) seen.failure = done.getMessage();
  return seen;
}

window.sdkRegistration = {
  register: async (settings, form) => {
    try { return show({ ok: true, value: await register(settings, form) }); }
    catch (error) { return show({ ok: false, error: String(error?.message ?? error) }); }
  },
};

show('ready');
