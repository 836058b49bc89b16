// Policy signatures made by the real `ssh-keygen -Y sign` (Debian's openssh-client, scripts/ci-apt.sh), verified in
// Node. Each refusal is checked to be the reason the message names, and the happy path is also checked against
// `ssh-keygen -Y verify`, so our reading of the format agrees with OpenSSH's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { parseAllowedSigners, verifySignature, type AllowedSigner } from '../../../daemon/policy/signature';
import { AirlockError } from '../../../protocol';

const dir = mkdtempSync(path.join(tmpdir(), 'airlock-sig-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const now = new Date('2026-11-25T12:00:00Z');
const bundle = Buffer.from(readFileSync(path.join(import.meta.dirname, '../../../presets/strict.yaml')));

function keygen(name: string, type: 'ed25519' | 'ecdsa'): { key: string; pub: string } {
  const key = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'ecdsa' ? ['-b', '256'] : []), '-N', '', '-C', `${name}@team`, '-f', key]);
  return { key, pub: readFileSync(`${key}.pub`, 'utf8').trim() };
}

function sign(key: string, bytes: Buffer, namespace = 'airlock-policy'): string {
  const file = path.join(dir, `bundle-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, bytes);
  execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-n', namespace, '-f', key, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  return readFileSync(`${file}.sig`, 'utf8');
}

const ed = keygen('ed', 'ed25519');
const ec = keygen('ec', 'ecdsa');
const stranger = keygen('stranger', 'ed25519');
const signersText = [`# the policy team`, `alice@team ${ed.pub}`, `bob@team namespaces="airlock-policy" ${ec.pub}`].join('\n');
const signers = parseAllowedSigners(signersText);

function refused(fn: () => unknown, reason: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof AirlockError && err.code === 'AIRLOCK_E_POLICY_SIGNATURE' && reason.test(err.message));
}

test('Ed25519 and ECDSA P-256 signatures by trusted keys verify, naming the signer', () => {
  const a = verifySignature(bundle, sign(ed.key, bundle), signers, now);
  assert.deepEqual([a.principals, a.keyType], [['alice@team'], 'ssh-ed25519']);
  const b = verifySignature(bundle, sign(ec.key, bundle), signers, now);
  assert.deepEqual([b.principals, b.keyType], [['bob@team'], 'ecdsa-sha2-nistp256']);
  // The fingerprint is the one ssh-keygen prints.
  const printed = execFileSync('ssh-keygen', ['-l', '-f', `${ec.key}.pub`], { encoding: 'utf8' }).split(' ')[1];
  assert.equal(b.fingerprint, printed);
});

test('OpenSSH agrees on what we accept', () => {
  const signersFile = path.join(dir, 'allowed_signers');
  writeFileSync(signersFile, signersText);
  const sigFile = path.join(dir, 'strict.sig');
  writeFileSync(sigFile, sign(ed.key, bundle));
  execFileSync('ssh-keygen', ['-Y', 'verify', '-f', signersFile, '-I', 'alice@team', '-n', 'airlock-policy', '-s', sigFile], { input: bundle, stdio: ['pipe', 'ignore', 'ignore'] });
});

test('a bundle changed after signing is refused', () => {
  const sig = sign(ed.key, bundle);
  const tampered = Buffer.from(bundle.toString('utf8').replace('route: local', 'route: hosted'));
  assert.notDeepEqual(tampered, bundle);
  refused(() => verifySignature(tampered, sig, signers, now), /changed after signing/);
  const ecSig = sign(ec.key, bundle);
  refused(() => verifySignature(tampered, ecSig, signers, now), /changed after signing/);
});

test('a signature for another namespace is refused', () => {
  refused(() => verifySignature(bundle, sign(ed.key, bundle, 'git'), signers, now), /namespace 'git', not 'airlock-policy'/);
});

test('a key not in the allowed signers is refused, and so is a listed key limited to other namespaces or times', () => {
  refused(() => verifySignature(bundle, sign(stranger.key, bundle), signers, now), /is not in the allowed signers/);
  const limited: AllowedSigner[] = parseAllowedSigners(`alice@team namespaces="git,file" ${ed.pub}\nbob@team valid-before="20260101Z" ${ec.pub}`);
  refused(() => verifySignature(bundle, sign(ed.key, bundle), limited, now), /not for namespace 'airlock-policy'/);
  refused(() => verifySignature(bundle, sign(ec.key, bundle), limited, now), /not for namespace 'airlock-policy' at 2026-11-25/);
  // cert-authority lines are skipped: they trust nobody here.
  assert.deepEqual(parseAllowedSigners(`*@team cert-authority ${ed.pub}`), []);
});

test('garbage is a coded error, not a crash', () => {
  refused(() => verifySignature(bundle, 'hello', signers, now), /not an SSH signature/);
  refused(() => verifySignature(bundle, '-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----', signers, now), /truncated or malformed/);
  refused(() => parseAllowedSigners('alice@team'), /line 1/);
});
