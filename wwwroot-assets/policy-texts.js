// What the hosted pages say for a failed IDM policy (failedPolicies of ValidatedCreate*Callback and *AttributeInputCallback
// are JSON strings of {policyRequirement, params}). Counted rules say "1 capital letter" / "2 capital letters", never
// "letter(s)". No DOM here, so the texts can be checked on their own.

/** "1 capital letter", "2 capital letters". */
function counted(count, one, many) {
  const n = Number(count);
  return `${count} ${n === 1 ? one : many}`;
}

const texts = {
  REQUIRED: () => 'This is required.',
  VALID_EMAIL_ADDRESS_FORMAT: () => 'Enter a valid e-mail address.',
  VALID_USERNAME: () => 'This username is not valid.',
  UNIQUE: () => 'This value is already taken.',
  MIN_LENGTH: p => `Use at least ${counted(p.minLength ?? p['min-password-length'] ?? 1, 'character', 'characters')}.`,
  MAX_LENGTH: p => `Use at most ${counted(p.maxLength ?? 1, 'character', 'characters')}.`,
  AT_LEAST_X_CAPITAL_LETTERS: p => `Use at least ${counted(p.numCaps ?? 1, 'capital letter', 'capital letters')}.`,
  AT_LEAST_X_NUMBERS: p => `Use at least ${counted(p.numNums ?? 1, 'number', 'numbers')}.`,
  CANNOT_CONTAIN_OTHERS: p => `It must not contain ${[].concat(p.disallowedFields ?? []).join(', ') || 'other fields'}.`,
  CANNOT_CONTAIN_CHARACTERS: p => `It must not contain ${[].concat(p.forbiddenChars ?? []).join(' ')}.`,
  VALID_TYPE: () => 'This value has the wrong type.',
  VALID_PHONE_FORMAT: () => 'Enter a valid phone number: digits, spaces, dashes and parentheses, optionally starting with +.',
};

/** The sentence for one entry of failedPolicies (a JSON string or an object); an unknown requirement is shown by its name. */
export function policyText(entry) {
  let policy = entry;
  if (typeof entry === 'string') { try { policy = JSON.parse(entry); } catch { policy = { policyRequirement: entry }; } }
  const requirement = policy?.policyRequirement ?? 'UNKNOWN';
  return (texts[requirement] ?? (() => requirement))(policy?.params ?? {});
}
