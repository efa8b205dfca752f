// Walks an MFA registration journey with the ForgeRock JavaScript SDK and reports, for every step, what the SDK's
// MFA helpers make of it: FRQRCode on the registration (QR) step, FRRecoveryCodes on the recovery-code step,
// FRWebAuthn everywhere (nothing here may look like WebAuthn). Used by the xunit SdkMfaCompatibilityTests.
//
// Usage: node mfa.mjs '{"baseUrl":"http://127.0.0.1:5000/","realm":"alpha","tree":"Login with Push MFA",
//                       "username":"alice","password":"secret"}'
// Talks line by line: on the registration step it prints {"event":"qr",…} and waits for one line on stdin (the
// caller registers the device meanwhile), then polls on. One step after the recovery codes it prints
// {"event":"result",…} and ends.

import { createInterface } from 'node:readline';
import { CallbackType, Config, FRAuth, FRQRCode, FRRecoveryCodes, FRWebAuthn, StepType, WebAuthnStepType } from '@forgerock/javascript-sdk';

const input = JSON.parse(process.argv[2] ?? '{}');
const maxSteps = input.maxSteps ?? 40;
const stdinLines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

Config.set({
  serverConfig: { baseUrl: input.baseUrl, timeout: 10000 },
  realmPath: input.realm ?? 'alpha',
  tree: input.tree,
});

const print = value => console.log(JSON.stringify(value));
const hiddenValues = step => step.getCallbacksOfType(CallbackType.HiddenValueCallback)
  .map(c => ({ id: c.getOutputValue('id'), value: c.getOutputValue('value') }));
// AM's own marker for the registration step (am-protocol 1.6), independent of the SDK's URI-scheme test, so that a
// step the SDK does not recognise (Combined MFA's mfauth://) is still reported rather than polled until time-out.
const isRegistrationStep = step => hiddenValues(step).some(h => h.id === 'mfaDeviceRegistration');

const steps = [];
let registered = false;
let recoveryCodes = null;

try {
  let step = await FRAuth.next();
  while (step.type === StepType.Step) {
    if (steps.length >= maxSteps) throw new Error(`No result after ${maxSteps} steps.`);
    const summary = {
      header: step.getHeader() ?? null,
      callbacks: step.callbacks.map(c => c.getType()),
      isQRCodeStep: FRQRCode.isQRCodeStep(step),
      isRecoveryCodesStep: FRRecoveryCodes.isDisplayStep(step),
      webAuthnStepType: WebAuthnStepType[FRWebAuthn.getWebAuthnStepType(step)],
      hiddenValues: hiddenValues(step).map(h => h.id),
    };
    steps.push(summary);

    if (recoveryCodes !== null) break; // the step after the codes shows the journey went on

    if (isRegistrationStep(step)) {
      if (!registered) {
        const hidden = step.getCallbackOfType(CallbackType.HiddenValueCallback);
        print({ event: 'qr', isQRCodeStep: summary.isQRCodeStep, qrCodeData: FRQRCode.getQRCodeData(step),
          hiddenValue: { id: hidden.getOutputValue('id'), value: hidden.getOutputValue('value') }, steps });
        const reply = await stdinLines.next();
        if (reply.done || reply.value.trim() !== 'registered') throw new Error(`The caller did not register the device: ${reply.value}`);
        registered = true;
      } else {
        // Still waiting for the device: poll as the SDK's users do, after the PollingWaitCallback's wait time.
        const polling = step.getCallbackOfType(CallbackType.PollingWaitCallback);
        await new Promise(resolve => setTimeout(resolve, Math.min(polling.getWaitTime(), 2000)));
      }
    } else if (summary.isRecoveryCodesStep) {
      recoveryCodes = { codes: FRRecoveryCodes.getCodes(step), deviceName: FRRecoveryCodes.getDeviceName(step) };
    } else {
      for (const callback of step.getCallbacksOfType(CallbackType.NameCallback)) callback.setName(input.username ?? '');
      for (const callback of step.getCallbacksOfType(CallbackType.PasswordCallback)) callback.setPassword(input.password ?? '');
      // A plain "Continue" confirmation (Get Authenticator App); a polling step's confirmation is its exit button.
      if (step.getCallbacksOfType(CallbackType.PollingWaitCallback).length === 0)
        for (const callback of step.getCallbacksOfType(CallbackType.ConfirmationCallback)) callback.setOptionIndex(0);
    }
    step = await FRAuth.next(step);
  }
  const end = step.type === StepType.Step ? { type: 'Step' }
    : step.type === StepType.LoginSuccess ? { type: step.type }
    : { type: step.type, code: step.getCode(), message: step.getMessage() ?? null };
  print({ event: 'result', ...end, registered, recoveryCodes, steps });
} catch (error) {
  print({ event: 'result', type: 'Error', message: String(error?.stack ?? error), registered, recoveryCodes, steps });
  process.exitCode = 1;
}
// As in signon.mjs: the SDK leaves a request timer running, so end explicitly.
process.exit();
