// Loading keytar and turning its plain Errors into keychain states. keytar (libsecret on Linux) reports every
// failure as an Error with only a message, so the messages measured in shared/notes/platform.md are matched here.
import { createRequire } from 'node:module';
import type { KeychainState } from '../../protocol';

/** The part of keytar Airlock uses; tests inject their own. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export type KeytarLoader = () => KeytarLike;

export type KeychainProblem = Exclude<KeychainState, { state: 'ok' }>;

/** Loaded on first use, not at import: `require('keytar')` throws when libsecret is missing, and then only keys suffer. */
export const loadKeytar: KeytarLoader = () => createRequire(import.meta.url)('keytar') as KeytarLike;

const ENV_HINT = 'or set the provider\'s API key in the environment instead (AIRLOCK_<PROVIDER>_API_KEY, or OPENAI_API_KEY, ANTHROPIC_API_KEY, OPENROUTER_API_KEY, AZURE_OPENAI_API_KEY)';

function unavailable(what: string, fix: string): KeychainProblem {
  return { state: 'unavailable', code: 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE', message: `${what}. ${fix}, ${ENV_HINT}.` };
}

function locked(what: string): KeychainProblem {
  return {
    state: 'locked',
    code: 'AIRLOCK_E_KEYCHAIN_LOCKED',
    message: `${what}. Unlock it (log in to the desktop session, or run \`gnome-keyring-daemon --unlock\` and type the keyring password on its stdin), ${ENV_HINT}.`,
  };
}

/** keytar could not be loaded at all. */
export function loadProblem(err: unknown): KeychainProblem {
  const cause = err instanceof Error ? err.message : String(err);
  return unavailable(
    `The OS keychain library could not be loaded (${firstLine(cause)})`,
    'Install libsecret (Debian/Ubuntu: `apt-get install libsecret-1-0`; to rebuild keytar also libsecret-1-dev)',
  );
}

/** A keychain call took longer than the limit: usually a Secret Service waiting on a prompt nobody can see. */
export function timeoutProblem(ms: number): KeychainProblem {
  return unavailable(
    `The OS keychain did not answer within ${ms} ms (it may be waiting for a password prompt that cannot be shown)`,
    'Make sure the Secret Service (gnome-keyring) runs in this session and is unlocked',
  );
}

/**
 * The keychain state a keytar error means. `secret` is scrubbed from the message: keytar never echoes it as far as
 * measured, but the message ends up in logs and on the wire, so it is not trusted to.
 */
export function classifyKeytarError(err: unknown, secret?: string): KeychainProblem {
  const raw = err instanceof Error ? err.message : String(err);
  const message = secret ? raw.split(secret).join('[redacted]') : raw;
  if (/Cannot autolaunch D-Bus without X11/i.test(message)) {
    return unavailable(
      'There is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set and there is no X11 display to start one)',
      'Run inside a desktop session, or start one with `dbus-run-session` and gnome-keyring (`gnome-keyring-daemon --unlock --components=secrets`)',
    );
  }
  if (/^Could not connect|Failed to connect to socket|Connection refused/i.test(message)) {
    return unavailable(
      `The D-Bus session bus at DBUS_SESSION_BUS_ADDRESS does not answer (${firstLine(message)})`,
      'Start the session bus again (log in again, or `dbus-run-session`) and gnome-keyring in it',
    );
  }
  if (/org\.freedesktop\.secrets was not provided|ServiceUnknown|not provided by any \.service files/i.test(message)) {
    return unavailable(
      'No Secret Service runs on the D-Bus session bus',
      'Install and start gnome-keyring (`apt-get install gnome-keyring`, then `gnome-keyring-daemon --unlock --components=secrets`) or KWallet',
    );
  }
  if (/locked collection|is locked/i.test(message)) return locked('The keychain is locked');
  if (/Object does not exist at path .*\/collection\//i.test(message)) {
    // No default keyring yet, and creating one needs a password prompt that cannot be shown here.
    return locked('The keychain has no unlocked default keyring (creating one needs a password prompt that cannot be shown here)');
  }
  return unavailable(`The OS keychain failed (${firstLine(message)})`, 'Check that gnome-keyring (or KWallet) runs and is unlocked');
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 200);
}
