// Verifies an SSH signature (`ssh-keygen -Y sign -n airlock-policy -f KEY bundle.yaml` -> bundle.yaml.sig) over a
// policy file against an `allowed_signers` list in git's format (gpg.ssh.allowedSignersFile, ssh-keygen(1) "ALLOWED
// SIGNERS"). No I/O: the caller passes the bytes; node:crypto is used deliberately, for the verification only.
//
// Formats (OpenSSH PROTOCOL.sshsig): the armored blob is
//   "SSHSIG" u32(1) string(publickey) string(namespace) string(reserved) string(hash_algorithm) string(signature)
// and the signature covers
//   "SSHSIG" string(namespace) string(reserved) string(hash_algorithm) string(H(message)).
// Keys supported: ssh-ed25519 and ecdsa-sha2-nistp256. Certificates (`cert-authority`) are not: such lines are skipped.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { AirlockError } from '../../protocol';

export const POLICY_NAMESPACE = 'airlock-policy';
const MAGIC = Buffer.from('SSHSIG');
const ARMOR = /-----BEGIN SSH SIGNATURE-----([\s\S]*?)-----END SSH SIGNATURE-----/;

export interface AllowedSigner {
  principals: string[];
  namespaces: string[] | null;
  validAfter: Date | null;
  validBefore: Date | null;
  keyType: string;
  /** The public key blob (SSH wire format). */
  key: Buffer;
  line: number;
}

export interface VerifiedSignature {
  principals: string[];
  keyType: string;
  /** `SHA256:<base64>`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
}

const fail = (message: string, details: Record<string, unknown> = {}): never => {
  throw new AirlockError('AIRLOCK_E_POLICY_SIGNATURE', message, details);
};

/** Reads SSH wire strings (u32 length + bytes) one after another. */
class Reader {
  private off = 0;
  constructor(private readonly buf: Buffer) {}
  bytes(n: number): Buffer {
    if (this.off + n > this.buf.length) fail('the signature is truncated or malformed');
    const out = this.buf.subarray(this.off, this.off + n);
    this.off += n;
    return out;
  }
  u32(): number {
    return this.bytes(4).readUInt32BE(0);
  }
  string(): Buffer {
    return this.bytes(this.u32());
  }
  text(): string {
    return this.string().toString('utf8');
  }
  get done(): boolean {
    return this.off === this.buf.length;
  }
}

const sshString = (b: Buffer | string): Buffer => {
  const bytes = typeof b === 'string' ? Buffer.from(b) : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
};

export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The node:crypto key for an SSH public key blob, or a coded error for a type Airlock does not verify. */
function publicKeyOf(blob: Buffer): { type: string; key: KeyObject } {
  const r = new Reader(blob);
  const type = r.text();
  if (type === 'ssh-ed25519') {
    const x = r.string();
    if (x.length !== 32) fail('malformed Ed25519 public key');
    return { type, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: x.toString('base64url') }, format: 'jwk' }) };
  }
  if (type === 'ecdsa-sha2-nistp256') {
    const curve = r.text();
    const q = r.string();
    if (curve !== 'nistp256' || q.length !== 65 || q[0] !== 4) fail('malformed ECDSA P-256 public key');
    const jwk = { kty: 'EC', crv: 'P-256', x: q.subarray(1, 33).toString('base64url'), y: q.subarray(33).toString('base64url') };
    return { type, key: createPublicKey({ key: jwk, format: 'jwk' }) };
  }
  return fail(`key type ${type} is not supported for policy signatures (use ssh-ed25519 or ecdsa-sha2-nistp256)`, { keyType: type });
}

/** An SSH mpint as a fixed 32-byte big-endian integer (ECDSA P-256 r or s). */
function fixed32(mpint: Buffer): Buffer {
  const trimmed = mpint[0] === 0 ? mpint.subarray(1) : mpint;
  if (trimmed.length > 32) fail('malformed ECDSA signature');
  return Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]);
}

interface ParsedSignature {
  publicKey: Buffer;
  namespace: string;
  reserved: Buffer;
  hashAlgorithm: string;
  sigType: string;
  sig: Buffer;
}

export function parseSignature(armored: string): ParsedSignature {
  const m = ARMOR.exec(armored);
  if (!m) fail('not an SSH signature (no "-----BEGIN SSH SIGNATURE-----" block)');
  const r = new Reader(Buffer.from(m![1]!.replace(/\s+/g, ''), 'base64'));
  if (!r.bytes(6).equals(MAGIC)) fail('not an SSH signature (bad magic)');
  const version = r.u32();
  if (version !== 1) fail(`SSH signature version ${version} is not supported`);
  const publicKey = r.string();
  const namespace = r.text();
  const reserved = r.string();
  const hashAlgorithm = r.text();
  const inner = new Reader(r.string());
  const sigType = inner.text();
  const sig = inner.string();
  return { publicKey, namespace, reserved, hashAlgorithm, sigType, sig };
}

/** Splits on whitespace outside double quotes. */
function tokens(line: string): string[] {
  return line.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}

/** ssh-keygen's time format: YYYYMMDD[HHMM[SS]], UTC with a trailing Z, else local time. */
function sshTime(value: string, line: number): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(Z?)$/.exec(value);
  if (!m) throw new AirlockError('AIRLOCK_E_POLICY_SIGNATURE', `allowed signers line ${line}: bad time '${value}'`);
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1, 7).map((x) => x ?? '0') as string[];
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  return m[7] ? new Date(Date.UTC(...parts)) : new Date(...parts);
}

const KEY_TYPE = /^(ssh-|ecdsa-|sk-)/;

/** Parses an allowed_signers file. Lines with options Airlock cannot honour (cert-authority) are skipped, never
 *  widened: a skipped line trusts nobody. */
export function parseAllowedSigners(text: string): AllowedSigner[] {
  const out: AllowedSigner[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const t = tokens(trimmed);
    const hasOptions = t[1] !== undefined && !KEY_TYPE.test(t[1]);
    const [principals, options, keyType, keyText] = hasOptions ? [t[0], t[1], t[2], t[3]] : [t[0], undefined, t[1], t[2]];
    if (!principals || !keyType || !keyText) throw new AirlockError('AIRLOCK_E_POLICY_SIGNATURE', `allowed signers line ${line}: expected "principals [options] keytype key"`);
    const signer: AllowedSigner = { principals: principals.replace(/"/g, '').split(','), namespaces: null, validAfter: null, validBefore: null, keyType, key: Buffer.from(keyText, 'base64'), line };
    let skip = false;
    for (const opt of (options ?? '').match(/(?:[^,"]+|"[^"]*")+/g) ?? []) {
      const eq = opt.indexOf('=');
      const name = (eq < 0 ? opt : opt.slice(0, eq)).toLowerCase();
      const value = eq < 0 ? '' : opt.slice(eq + 1).replace(/^"|"$/g, '');
      if (name === 'namespaces') signer.namespaces = value.split(',');
      else if (name === 'valid-after') signer.validAfter = sshTime(value, line);
      else if (name === 'valid-before') signer.validBefore = sshTime(value, line);
      else if (name === 'cert-authority') skip = true;
      else throw new AirlockError('AIRLOCK_E_POLICY_SIGNATURE', `allowed signers line ${line}: unknown option '${name}'`);
    }
    if (!skip) out.push(signer);
  });
  return out;
}

/** Glob match of a namespace pattern as ssh-keygen does (`*` and `?`). */
function namespaceMatches(pattern: string, ns: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(ns);
}

/**
 * Verifies `armored` over `message` for `namespace`, by a key `signers` trusts at `now`. Returns who signed, or throws
 * AIRLOCK_E_POLICY_SIGNATURE saying what was wrong (malformed, wrong namespace, untrusted key, bad signature).
 */
export function verifySignature(message: Buffer, armored: string, signers: readonly AllowedSigner[], now: Date, namespace = POLICY_NAMESPACE): VerifiedSignature {
  const sig = parseSignature(armored);
  if (sig.namespace !== namespace) fail(`the signature is for namespace '${sig.namespace}', not '${namespace}'`, { namespace: sig.namespace });
  if (sig.hashAlgorithm !== 'sha512' && sig.hashAlgorithm !== 'sha256') fail(`hash algorithm ${sig.hashAlgorithm} is not supported`);
  const { type, key } = publicKeyOf(sig.publicKey);
  const fp = fingerprint(sig.publicKey);
  if (sig.sigType !== type) fail(`signature type ${sig.sigType} does not match key type ${type}`);
  const trusted = signers.filter((s) => s.key.equals(sig.publicKey));
  if (!trusted.length) fail(`the key ${type} ${fp} is not in the allowed signers`, { fingerprint: fp });
  const valid = trusted.filter((s) => (!s.namespaces || s.namespaces.some((p) => namespaceMatches(p, namespace))) && (!s.validAfter || now >= s.validAfter) && (!s.validBefore || now < s.validBefore));
  if (!valid.length) fail(`the key ${fp} is in the allowed signers, but not for namespace '${namespace}' at ${now.toISOString()}`, { fingerprint: fp });

  const digest = createHash(sig.hashAlgorithm).update(message).digest();
  const signed = Buffer.concat([MAGIC, sshString(namespace), sshString(sig.reserved), sshString(sig.hashAlgorithm), sshString(digest)]);
  let ok: boolean;
  if (type === 'ssh-ed25519') {
    ok = sig.sig.length === 64 && verify(null, signed, key, sig.sig);
  } else {
    const rs = new Reader(sig.sig);
    const raw = Buffer.concat([fixed32(rs.string()), fixed32(rs.string())]);
    ok = verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, raw);
  }
  if (!ok) fail(`the signature by ${fp} does not match the file: it was changed after signing, or signed with another key`, { fingerprint: fp });
  return { principals: [...new Set(valid.flatMap((s) => s.principals))], keyType: type, fingerprint: fp };
}
