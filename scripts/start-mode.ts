/**
 * What `npm start` runs, decided from NODE_ENV before anything is built:
 *
 * - unset (or empty) or `development`: the browser demo, in development mode with dev login
 *   (`dev:<name>` login codes, loopback only), since the h5 shop has no WeChat login;
 *   `DEV_LOGIN=0` turns dev login off.
 * - `production`: the shop as it runs for real: no dev login, WeChat login, the production checks.
 * - anything else (`prod`, `Production`, `test`, `staging`…): refused, naming the accepted values.
 *   An unknown value is never read as development, and never silently as production either.
 */
export type StartMode =
  | { ok: true; nodeEnv: 'development' | 'production'; devLogin: boolean; summary: string }
  | { ok: false; message: string };

const ACCEPTED = 'NODE_ENV=development or unset (the browser demo, with dev login) or NODE_ENV=production (WeChat login, no dev login)';

function devLoginSetting(raw: string | undefined): boolean | null | 'bad' {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '') return null;
  if (v === '1' || v === 'true' || v === 'yes') return true;
  if (v === '0' || v === 'false' || v === 'no') return false;
  return 'bad';
}

export function startMode(env: Readonly<Record<string, string | undefined>>): StartMode {
  const raw = env.NODE_ENV;
  const devLogin = devLoginSetting(env.DEV_LOGIN);
  if (devLogin === 'bad') return { ok: false, message: `DEV_LOGIN must be 1 or 0, got ${JSON.stringify(env.DEV_LOGIN)}. Nothing was started.` };
  if (raw === undefined || raw === '' || raw === 'development') {
    const why = raw === 'development' ? 'NODE_ENV=development' : 'NODE_ENV is not set';
    if (devLogin === false) {
      return { ok: true, nodeEnv: 'development', devLogin: false, summary: `${why}: the demo in development mode, dev login off (DEV_LOGIN=0).` };
    }
    return {
      ok: true,
      nodeEnv: 'development',
      devLogin: true,
      summary: `${why}: the browser demo in development mode with dev login (DEV_LOGIN=1: "dev:<name>" login codes, loopback only). Set NODE_ENV=production for the shop without it.`,
    };
  }
  if (raw === 'production') {
    if (devLogin === true) return { ok: false, message: 'DEV_LOGIN=1 is refused with NODE_ENV=production: dev login is for the development demo only. Nothing was started.' };
    return { ok: true, nodeEnv: 'production', devLogin: false, summary: 'NODE_ENV=production: no dev login; shoppers sign in with WeChat.' };
  }
  const near = /^(prod|production)$/i.test(raw.trim()) ? ' (did you mean NODE_ENV=production? values are exact, lower case)' : /^dev(elopment)?$/i.test(raw.trim()) ? ' (did you mean NODE_ENV=development? values are exact, lower case)' : '';
  return { ok: false, message: `NODE_ENV=${JSON.stringify(raw)} is not a value npm start accepts${near}. Use ${ACCEPTED}. Nothing was started.` };
}
