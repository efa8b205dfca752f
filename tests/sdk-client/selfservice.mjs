// Walks a sign-up journey with the ForgeRock JavaScript SDK's own callback classes (AttributeInputCallback,
// KbaCreateCallback, TermsAndConditionsCallback, ValidatedCreateUsernameCallback, ValidatedCreatePasswordCallback) and prints one
// JSON line: what the SDK read from each step and how the journey ended. Used by the xunit SDK compatibility tests.
//
// Usage: node selfservice.mjs '{"baseUrl":"http://127.0.0.1:5000/","realm":"alpha","tree":"Sign Up","attempts":[{...},{...}]}'
// Each attempt answers one step: username, password, attributes {name: value}, kba [{question, answer}], acceptTerms.

import { CallbackType, Config, FRAuth, StepType } from '@forgerock/javascript-sdk';

const input = JSON.parse(process.argv[2] ?? '{}');
const attempts = input.attempts ?? [];

Config.set({ serverConfig: { baseUrl: input.baseUrl, timeout: 10000 }, realmPath: input.realm ?? 'alpha', tree: input.tree });

const steps = [];
try {
  let step = await FRAuth.next();
  while (step.type === StepType.Step) {
    if (steps.length >= attempts.length) throw new Error(`Step ${steps.length + 1} has no answers.`);
    const answer = attempts[steps.length];
    const seen = { types: step.callbacks.map(c => c.getType()), failedPolicies: {}, policies: {}, kba: null, terms: null, prompts: {} };

    for (const cb of step.getCallbacksOfType(CallbackType.ValidatedCreateUsernameCallback)) {
      seen.failedPolicies.username = cb.getFailedPolicies().map(p => p.policyRequirement);
      seen.policies.username = cb.getPolicies().policyRequirements;
      seen.prompts.username = cb.getPrompt();
      cb.setName(answer.username ?? '');
      cb.setValidateOnly(false);
    }
    for (const cb of step.getCallbacksOfType(CallbackType.ValidatedCreatePasswordCallback)) {
      seen.failedPolicies.password = cb.getFailedPolicies().map(p => p.policyRequirement);
      seen.policies.password = cb.getPolicies().policyRequirements;
      cb.setPassword(answer.password ?? '');
      cb.setValidateOnly(false);
    }
    const attributeCallbacks = [
      ...step.getCallbacksOfType(CallbackType.StringAttributeInputCallback),
      ...step.getCallbacksOfType(CallbackType.BooleanAttributeInputCallback),
      ...step.getCallbacksOfType(CallbackType.NumberAttributeInputCallback),
    ];
    for (const cb of attributeCallbacks) {
      seen.failedPolicies[cb.getName()] = cb.getFailedPolicies().map(p => p.policyRequirement);
      seen.prompts[cb.getName()] = cb.getPrompt();
      seen.required = cb.isRequired();
      if (answer.attributes && cb.getName() in answer.attributes) cb.setValue(answer.attributes[cb.getName()]);
      cb.setValidateOnly(false);
    }
    step.getCallbacksOfType(CallbackType.KbaCreateCallback).forEach((cb, i) => {
      seen.kba = { prompt: cb.getPrompt(), questions: cb.getPredefinedQuestions(), allowOwn: cb.isAllowedUserDefinedQuestions() };
      const kba = (answer.kba ?? [])[i] ?? {};
      cb.setQuestion(kba.question ?? '');
      cb.setAnswer(kba.answer ?? '');
    });
    for (const cb of step.getCallbacksOfType(CallbackType.TermsAndConditionsCallback)) {
      seen.terms = { version: cb.getVersion(), terms: cb.getTerms(), createDate: cb.getCreateDate().toISOString() };
      cb.setAccepted(answer.acceptTerms ?? false);
    }
    steps.push(seen);
    step = await FRAuth.next(step);
  }
  const result = step.type === StepType.LoginSuccess
    ? { type: step.type, successUrl: step.getSuccessUrl() ?? null }
    : { type: step.type, code: step.getCode(), message: step.getMessage() ?? null };
  console.log(JSON.stringify({ ...result, steps }));
} catch (error) {
  console.log(JSON.stringify({ type: 'Error', message: String(error?.stack ?? error), steps }));
  process.exitCode = 1;
}
process.exit();
