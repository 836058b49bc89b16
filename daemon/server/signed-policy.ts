// The signature check at the daemon's edge: with `requireSignedPolicy`, a policy file runs only when `<file>.sig`
// (ssh-keygen -Y sign -n airlock-policy) verifies over its bytes against the config's allowed_signers file. The files
// are read here; the verification itself is daemon/policy/signature.ts.
import { readFileSync } from 'node:fs';
import { AirlockError } from '../../protocol/errors';
import type { DaemonConfig } from '../config';
import type { PolicyBytesCheck } from '../policy/load';
import { parseAllowedSigners, verifySignature, type VerifiedSignature } from '../policy/signature';

function read(file: string, problem: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new AirlockError('AIRLOCK_E_POLICY_SIGNATURE', `${problem} (${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { file });
  }
}

/** The check for `config`, or undefined when it does not demand signatures. `onVerified` hears who signed. */
export function signatureCheck(config: DaemonConfig, onVerified: (file: string, who: VerifiedSignature) => void = () => {}, now: () => Date = () => new Date()): PolicyBytesCheck | undefined {
  if (!config.requireSignedPolicy) return undefined;
  return (bytes, origin) => {
    // The config schema demands allowedSigners with requireSignedPolicy; a missing one still fails closed.
    if (!config.allowedSigners) throw new AirlockError('AIRLOCK_E_POLICY_SIGNATURE', 'requireSignedPolicy is set but no allowedSigners file is named');
    try {
      const signers = parseAllowedSigners(read(config.allowedSigners, 'cannot read the allowed signers file'));
      const shipped = origin.source === 'shipped' ? ' (a shipped preset: never signed; sign a copy of it)' : '';
      const sig = read(`${origin.path}.sig`, `no signature${shipped}: expected ${origin.path}.sig from ssh-keygen -Y sign -n airlock-policy`);
      onVerified(origin.path, verifySignature(bytes, sig, signers, now()));
    } catch (err) {
      if (err instanceof AirlockError) throw new AirlockError(err.code, `policy ${origin.path}: ${err.message}`, err.details);
      throw err;
    }
  };
}
