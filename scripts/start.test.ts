import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startMode } from './start-mode';

const ROOT = join(__dirname, '..');

describe('npm start: the mode NODE_ENV selects', () => {
  it('runs the demo with dev login, said plainly, when NODE_ENV is unset, empty or development', () => {
    for (const env of [{}, { NODE_ENV: '' }, { NODE_ENV: 'development' }]) {
      const mode = startMode(env);
      expect(mode).toMatchObject({ ok: true, nodeEnv: 'development', devLogin: true });
      expect(mode.ok && mode.summary).toMatch(/demo in development mode with dev login \(DEV_LOGIN=1/);
    }
    expect(startMode({})).toMatchObject({ summary: expect.stringMatching(/^NODE_ENV is not set: /) });
    expect(startMode({ NODE_ENV: 'development', DEV_LOGIN: '0' })).toMatchObject({ ok: true, nodeEnv: 'development', devLogin: false });
  });

  it('never turns dev login on in production', () => {
    expect(startMode({ NODE_ENV: 'production' })).toMatchObject({ ok: true, nodeEnv: 'production', devLogin: false });
    expect(startMode({ NODE_ENV: 'production', DEV_LOGIN: '1' })).toEqual({ ok: false, message: expect.stringContaining('DEV_LOGIN=1 is refused with NODE_ENV=production') });
  });

  it('refuses any other value, naming the accepted ones, instead of guessing', () => {
    for (const value of ['prod', 'Production', ' production', 'PRODUCTION', 'Development', 'dev', 'test', 'staging']) {
      const mode = startMode({ NODE_ENV: value });
      expect(mode.ok).toBe(false);
      if (!mode.ok) {
        expect(mode.message).toContain(`NODE_ENV=${JSON.stringify(value)} is not a value npm start accepts`);
        expect(mode.message).toContain('NODE_ENV=development or unset (the browser demo, with dev login) or NODE_ENV=production');
      }
    }
    expect(startMode({ NODE_ENV: 'prod' })).toEqual({ ok: false, message: expect.stringContaining('did you mean NODE_ENV=production?') });
    expect(startMode({ DEV_LOGIN: 'maybe' })).toEqual({ ok: false, message: expect.stringContaining('DEV_LOGIN must be 1 or 0') });
  });

  // The real script, as `npm start` runs it: refusals come before anything is built or listens.
  // Any NODE_ENV string, as an operator may type it (the project's ProcessEnv type allows three).
  const start = (env: Record<string, string>) => {
    const { NODE_ENV: _n, DEV_LOGIN: _d, ...base } = process.env as Record<string, string | undefined>;
    return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env: { ...base, PORT: '0', DATA_DIR: ':memory:', ...env } as unknown as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  };

  it('scripts/start.ts refuses NODE_ENV=prod at once, without building or dev login', () => {
    const r = start({ NODE_ENV: 'prod' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('NODE_ENV="prod" is not a value npm start accepts (did you mean NODE_ENV=production?');
    expect(r.stdout).not.toMatch(/Building|DEV_LOGIN=1|listening/);
  });

  it('scripts/start.ts with NODE_ENV=production checks the production settings before the builds', () => {
    const r = start({ NODE_ENV: 'production', WECHAT_APP_ID: '', WECHAT_APP_SECRET: '' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('NODE_ENV=production: no dev login');
    expect(r.stderr).toContain('Cannot start: WECHAT_APP_ID and WECHAT_APP_SECRET are required');
    expect(r.stdout).not.toMatch(/ops console|h5 shop|DEV_LOGIN=1/);
  });
});
