/**
 * Names of values an attacker must not be able to guess (tokens, passwords, session ids, OTPs, nonces, salts),
 * for the insecure-randomness rules of every language: a value generated with a non-cryptographic random source
 * and stored under such a name is predictable. Words are those of `nameWords` (camelCase and snake_case split).
 */
import { nameWords } from './patterns';

/** Name words that mark a value an attacker must not be able to guess. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'token', 'tokens', 'secret', 'secrets', 'password', 'passwd', 'pwd', 'passphrase', 'passcode', 'nonce',
  'otp', 'totp', 'hotp', 'salt', 'session', 'sid', 'csrf', 'xsrf', 'credential', 'credentials', 'apikey', 'pin',
]);
/** Two-word names: `apiKey`, `verification_code`, `resetCode`, `rememberMeKey` (a persistent-login token)… */
const SECRET_PAIRS = /(?:^|_)(?:(?:api|access|secret|private|signing|encryption|auth)_key|remember_me(?:_(?:key|token|id|cookie))?|(?:verification|verify|reset|auth|activation|invite|confirm|confirmation|security|login|mfa|sms|one_time)_code|magic_link|oauth_state)(?:_|$)/;
/** Words that mark timing, sampling or presentation even next to a secret word (`tokenRefreshJitter`). */
const BENIGN_WORDS = [
  'jitter', 'delay', 'backoff', 'timeout', 'interval', 'retry', 'wait', 'sleep', 'ms', 'duration', 'ttl',
  'shuffle', 'sample', 'sampling', 'color', 'colour', 'position', 'offset', 'opacity', 'animation', 'width', 'height',
];

/** How a rule judges names: whether one names an unguessable value, and whether one marks benign use. */
export interface UnguessableNames {
  isSecretName(name: string): boolean;
  isBenign(name: string): boolean;
}

/** The judge of names, with words a language's rule adds to the benign ones (Python: test data, `mock`, `seed`). */
export function unguessableNames(moreBenignWords: readonly string[] = []): UnguessableNames {
  const benign = new Set([...BENIGN_WORDS, ...moreBenignWords]);
  const isBenign = (name: string) => nameWords(name).some((w) => benign.has(w));
  return {
    isBenign,
    isSecretName(name) {
      const words = nameWords(name);
      if (words.some((w) => benign.has(w))) return false;
      return words.some((w) => SECRET_WORDS.has(w)) || SECRET_PAIRS.test(words.join('_'));
    },
  };
}
