// A real OpenID provider (panva/oidc-provider, certified) for WIO's single sign-on tests. Never deployed.
//
//   node server.mjs <port>
//
// Environment: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (space-separated),
// OIDC_ACCOUNTS_FILE (JSON list of {sub, email, email_verified, active, amr, acr}), OIDC_TEST_PASSWORD.
// The accounts file is read again on every lookup, so a test deactivates a user by rewriting it.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';

import Provider, { interactionPolicy } from 'oidc-provider';

const port = Number(process.argv[2] || process.env.PORT || 0);
if (!port) {
  console.error('usage: node server.mjs <port>');
  process.exit(2);
}
const env = (name, fallback) => process.env[name] || fallback;
const issuer = `http://127.0.0.1:${port}`;
const password = env('OIDC_TEST_PASSWORD', 'test-password');
const accountsFile = env('OIDC_ACCOUNTS_FILE', new URL('accounts.json', import.meta.url).pathname);

function accounts() {
  return JSON.parse(readFileSync(accountsFile, 'utf8'));
}

function accountBy(field, value) {
  const wanted = String(value || '').toLowerCase();
  return accounts().find((account) => String(account[field] || '').toLowerCase() === wanted);
}

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// A session of an account deactivated since is not enough: the user must sign in again (and is refused).
const policy = interactionPolicy.base();
policy.get('login').checks.add(
  new interactionPolicy.Check('account_inactive', 'the account was deactivated', (ctx) => {
    const sub = ctx.oidc.session.accountId;
    return Boolean(sub) && !accountBy('sub', sub)?.active;
  }),
);

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: env('OIDC_CLIENT_ID', 'wio-test'),
      client_secret: env('OIDC_CLIENT_SECRET', 'wio-test-secret'),
      redirect_uris: env('OIDC_REDIRECT_URIS', '').split(' ').filter(Boolean),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [{ ...signingKey, use: 'sig', kid: 'test-key' }] },
  cookies: { keys: ['test-only-cookie-key'] },
  // amr and acr under "openid": the ID token carries them, as a municipality's provider would.
  claims: { openid: ['sub', 'amr', 'acr'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: false } },
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const account = accountBy('sub', sub);
    if (!account) return undefined;
    return {
      accountId: account.sub,
      async claims() {
        return {
          sub: account.sub,
          email: account.email,
          email_verified: Boolean(account.email_verified),
          name: account.name || account.email,
        };
      },
    };
  },
  // First-party test client: consent is granted without asking.
  async loadExistingGrant(ctx) {
    const existing = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (existing) return ctx.oidc.provider.Grant.find(existing);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

function loginPage(uid, message = '') {
  const error = message ? `<p role="alert" class="error">${escapeHtml(message)}</p>` : '';
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Test-inlog</title></head>
<body><main><h1>Test-inlog van de organisatie</h1>${error}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="email">E-mailadres</label> <input id="email" name="email" type="email" autocomplete="username">
<label for="password">Wachtwoord</label> <input id="password" name="password" type="password">
<button type="submit">Inloggen</button></form></main></body></html>`;
}

async function formFields(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// The custom interaction: an e-mail plus the fixed test password; inactive accounts are refused.
provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (!match[2]) {
    ctx.type = 'html';
    ctx.body = loginPage(details.uid);
    return undefined;
  }
  const fields = await formFields(ctx.req);
  const account = accountBy('email', fields.get('email'));
  if (!account || fields.get('password') !== password) {
    ctx.type = 'html';
    ctx.body = loginPage(details.uid, 'Onbekend e-mailadres of wachtwoord.');
    return undefined;
  }
  const result = account.active
    ? { login: { accountId: account.sub, amr: account.amr || ['pwd'], acr: account.acr } }
    : { error: 'access_denied', error_description: 'account disabled' };
  ctx.respond = false; // interactionFinished writes the redirect itself
  await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  return undefined;
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
