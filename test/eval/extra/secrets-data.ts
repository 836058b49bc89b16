// Hand-written templates for the secrets set (written for Airlock, same licence as the repository). `{V}` is
// filled with a seeded random value for positives and with a placeholder for negatives: the same form both ways,
// so the set measures whether the detector reads the value, not the shape around it.

export const ASSIGN_FORMS: [form: string, template: string][] = [
  ['yaml', 'database:\n  password: {V}\n'],
  ['yaml-quoted', 'smtp:\n  secret: "{V}"'],
  ['toml', '[auth]\napi_key = "{V}"'],
  ['ini', '[mysql]\npassword={V}'],
  ['properties', 'spring.datasource.password={V}'],
  ['json', '{"client_secret": "{V}", "client_id": "web"}'],
  ['hcl', 'resource "x" "y" {\n  token = "{V}"\n}'],
  ['xml-attr', '<add key="ApiSecret" value="{V}" />'],
  ['xml-elem', '<password>{V}</password>'],
  ['env', 'STRIPE_SECRET={V}'],
  ['de', 'passwort: {V}'],
  ['fr', 'mot_de_passe = "{V}"'],
  ['es', 'contraseña: {V}'],
  ['pt', 'senha={V}'],
  ['it', 'parola_d_ordine: "{V}"'],
  ['pl', 'haslo = "{V}"'],
  ['nl', 'wachtwoord: {V}'],
  ['passphrase-spaces', 'passphrase: "{P}"'],
];

/** Passphrases people choose: words with spaces and punctuation, which the name makes secret. */
export const PASSPHRASES = ['correct horse battery staple!', 'Blue-Moon 77 over Kyiv', 'my dog Rex eats 3 socks/day', 'Sommer2024!Berlin#', 'tr0ub4dor & 3 fish'];

export const PLACEHOLDERS = [
  'xxxxxxxxxxxxxxxx', 'XXXXXXXXXXXXXXXXXXXX', '0000000000000000', '****************', '1234567890abcdef', 'abcdefghijklmnop',
  'EXAMPLEKEY123456', 'your-api-key-here', '<token>', '${DB_PASSWORD}', '{{ db_password }}', '%s', '<your-secret>',
  'changeme', 'REPLACE_ME_WITH_YOUR_KEY', 'sk_test_xxxxxxxxxxxxxxxxxxxxxxxx', '$SECRET', 'dummy-value-123', '123456789012',
  'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'TODO', '...', 'null',
];

/** Vendor formats: prefix + body; `placeholder` keeps the prefix with a filler body. */
/** [name, prefix, body length, body alphabet, length of a second `.`-separated part]. */
export const VENDORS: [name: string, prefix: string, length: number, alphabet?: string, second?: number][] = [
  ['github-pat', 'ghp_', 36], ['github-fine', 'github_pat_', 82], ['gitlab', 'glpat-', 20], ['slack-bot', 'xoxb-', 40, '0123456789'],
  ['stripe', 'sk_live_', 24], ['sendgrid', 'SG.', 22, undefined, 43], ['huggingface', 'hf_', 34], ['anthropic', 'sk-ant-api03-', 93],
  ['openai', 'sk-proj-', 48], ['groq', 'gsk_', 52], ['npm', 'npm_', 36], ['pypi', 'pypi-AgEIcHlwaS5vcmc', 60],
  ['doppler', 'dp.st.prd.', 40], ['vault', 'hvs.', 90], ['databricks', 'dapi', 32, '0123456789abcdef'], ['tailscale', 'tskey-auth-', 40],
  ['grafana', 'glsa_', 32], ['shopify', 'shpat_', 32, '0123456789abcdef'], ['linear', 'lin_api_', 40], ['postman', 'PMAK-', 59],
  ['google', 'AIza', 35], ['twilio', 'SK', 32, '0123456789abcdef'], ['atlassian', 'ATATT3xFfGF0', 60],
];

/** Credentials that really occur base64-encoded; `{B}` is base64("user:password"). */
export const ENCODED_FORMS: [form: string, template: string][] = [
  ['basic', 'curl -H "Authorization: Basic {B}" https://api.internal/v1'],
  ['docker', '{"auths": {"registry.example.io": {"auth": "{B}"}}}'],
  ['k8s', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: {B64}\n'],
  ['npmrc', '//registry.npmjs.org/:_auth={B}'],
  ['netrc', 'machine api.internal login deploy password {PW}'],
];
