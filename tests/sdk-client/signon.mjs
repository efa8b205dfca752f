// Signs on to JourneyStudio with the ForgeRock JavaScript SDK, the reference client of AM's authenticate
// protocol, and prints one JSON line with the outcome. Used by the xunit SDK compatibility tests.
//
// Usage: node signon.mjs '{"baseUrl":"http://127.0.0.1:5000/","realm":"alpha","tree":"Login",
//                          "attempts":[{"username":"jdoe","password":"wrong"},{"username":"jdoe","password":"right"}]}'
// Each step that asks for a password uses the next attempt; name prompts use the current attempt's username.

import { CallbackType, Config, FRAuth, StepType } from '@forgerock/javascript-sdk';

const input = JSON.parse(process.argv[2] ?? '{}');
const attempts = input.attempts ?? [];
const maxSteps = input.maxSteps ?? 20;

Config.set({
  serverConfig: { baseUrl: input.baseUrl, timeout: 10000 },
  realmPath: input.realm ?? 'alpha',
  tree: input.tree,
});

const steps = [];
let attempt = 0;

try {
  let step = await FRAuth.next();
  while (step.type === StepType.Step) {
    if (steps.length >= maxSteps) throw new Error(`No result after ${maxSteps} steps.`);
    const current = attempts[Math.min(attempt, attempts.length - 1)] ?? {};
    steps.push({ header: step.getHeader() ?? null, callbacks: step.callbacks.map(c => c.getType()) });
    for (const callback of step.getCallbacksOfType(CallbackType.NameCallback)) callback.setName(current.username ?? '');
    const passwords = step.getCallbacksOfType(CallbackType.PasswordCallback);
    for (const callback of passwords) callback.setPassword(current.password ?? '');
    if (passwords.length > 0) attempt++;
    step = await FRAuth.next(step);
  }
  const result = step.type === StepType.LoginSuccess
    ? { type: step.type, tokenId: step.getSessionToken() ?? null, successUrl: step.getSuccessUrl() ?? null, realm: step.getRealm() ?? null }
    : { type: step.type, code: step.getCode(), message: step.getMessage() ?? null, reason: step.getReason() ?? null };
  console.log(JSON.stringify({ ...result, steps }));
} catch (error) {
  console.log(JSON.stringify({ type: 'Error', message: String(error?.stack ?? error), steps }));
  process.exitCode = 1;
}
// The SDK races each request against a timer it does not clear; without an explicit exit Node would wait
// for that timer (the configured timeout) before ending.
process.exit();
