import './jestShims';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { PolicyDocument } from '@maison/privacy/contract';
import { buildServer } from '../src/app';
import { createOpsToken } from '../src/commands/createOpsToken';
import { loadConfig, type ServerConfig } from '../src/config';
import { openDatabase, type Database } from '../src/db/database';
import { TABLE_NAMES, type DB } from '../src/db/schema';
import { startFakeSms, type FakeSms } from './fakeSms';
import { startFakeWechat, type FakeWechat } from './fakeWechat';
import { TEST_PSEUDONYM_KEY } from './pseudonymKey';

export { TEST_PSEUDONYM_KEY };

/** Where a suite runs: embedded PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export interface TestTarget {
  name: 'pglite' | 'postgres';
  /** Admin URL of the PostgreSQL server (a database is created per suite). */
  adminUrl?: string;
}

/** PGlite, plus PostgreSQL when `TEST_DATABASE_URL` is set. */
export function testTargets(): TestTarget[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [{ name: 'pglite' }, { name: 'postgres', adminUrl: url }] : [{ name: 'pglite' }];
}

/** A database for one suite: in-memory PGlite, or a fresh PostgreSQL database dropped by `drop()`. */
export async function testDatabase(target: TestTarget): Promise<{ database: Database; url: string | null; drop(): Promise<void> }> {
  if (target.name === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    return { database, url: null, drop: () => database.close() };
  }
  const name = `privacy_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: target.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(target.adminUrl!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: target.adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** The WeChat app credentials the fake server checks. */
export const TEST_WECHAT = Object.freeze({ appId: 'wx-test-app', secret: 'test-secret' });

/** A test configuration: the environment a test run would set, through the same validation as boot. */
export function testConfig(wechatUrl: string, env: Record<string, string> = {}): ServerConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: ':memory:',
    DEV_LOGIN: '1',
    WECHAT_API_BASE: wechatUrl,
    WECHAT_APP_ID: TEST_WECHAT.appId,
    WECHAT_APP_SECRET: TEST_WECHAT.secret,
    WECHAT_TIMEOUT_MS: '500',
    COOLING_OFF_SECONDS: '0',
    PURGE_INTERVAL_SECONDS: '0',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000',
    RATE_LIMIT_READS_PER_MINUTE: '100000',
    PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
    ...env,
  });
}

/** A built app on a test database with a fake WeChat and a publisher and viewer token. */
export interface TestServer {
  app: FastifyInstance;
  db: Kysely<DB>;
  database: Database;
  target: TestTarget;
  wechat: FakeWechat;
  /** The SMS provider guardians' codes go through (Tencent Cloud SMS API, faked). */
  sms: FakeSms;
  publisher: string;
  viewer: string;
  /** Builds another app instance on the same database (another process behind the balancer). */
  another(env?: Record<string, string>): Promise<FastifyInstance>;
  /** Signs in with `dev:<name>`; returns the session token and user id. */
  login(name: string): Promise<{ token: string; userId: string }>;
  close(): Promise<void>;
}

/** Builds a test server: one database per call (keep it to one per test file). */
export async function build(target: TestTarget = { name: 'pglite' }, env: Record<string, string> = {}): Promise<TestServer> {
  const wechat = await startFakeWechat(TEST_WECHAT);
  const sms = await startFakeSms();
  const { database, drop } = await testDatabase(target);
  const apps: FastifyInstance[] = [];
  const make = async (extra: Record<string, string> = {}) => {
    const a = await buildServer(testConfig(wechat.url, { ...sms.env(), ...env, ...extra }), { database });
    await a.ready();
    apps.push(a);
    return a;
  };
  const app = await make();
  const publisher = (await createOpsToken(database.db, { role: 'publisher', name: 'test-publisher', expiresInDays: 1 })).token;
  const viewer = (await createOpsToken(database.db, { role: 'viewer', name: 'test-viewer', expiresInDays: 1 })).token;
  return {
    app,
    db: database.db,
    database,
    target,
    wechat,
    sms,
    publisher,
    viewer,
    another: make,
    login: async (name) => {
      const res = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: `dev:${name}` } });
      if (res.statusCode !== 201) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      return res.json() as { token: string; userId: string };
    },
    close: async () => {
      for (const a of apps.reverse()) await a.close();
      await drop();
      await wechat.close();
      await sms.close();
    },
  };
}

/** `Authorization` header for a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The parsed error code of an error answer. */
export function errorCode(res: LightMyRequestResponse): string | undefined {
  return (res.json() as { error?: { code?: string } }).error?.code;
}

/** A small valid bilingual policy document; `tag` changes one paragraph so versions differ. */
export function tinyPolicy(tag = 'a', extraSection = false): PolicyDocument {
  const text = (lang: 'zh' | 'en') => ({
    title: lang === 'zh' ? '隐私政策' : 'Privacy Policy',
    lastUpdatedLabel: lang === 'zh' ? '最近更新:2025 年 1月' : 'Last updated: January 2025',
    sections: [
      { id: 'introduction', title: lang === 'zh' ? '引言' : 'Introduction', blocks: [{ type: 'paragraph' as const, text: `${lang} intro ${tag}` }] },
      { id: 'contact-us', title: lang === 'zh' ? '联系我们' : 'Contact us', blocks: [{ type: 'paragraph' as const, text: `${lang} contact` }] },
      ...(extraSection ? [{ id: 'cookies', title: lang === 'zh' ? 'Cookies' : 'Cookies', blocks: [{ type: 'list' as const, items: [`${lang} one`, `${lang} two`] }] }] : []),
    ],
  });
  return { schemaVersion: 1, updated: '2025-01', texts: { zh: text('zh'), en: text('en') } };
}

/**
 * The override a publish needs while the deployed content declares compliance gaps (the demo
 * shop's does: recipients and retention periods its policy does not give).
 */
export const GAPS_OVERRIDE = Object.freeze({ reason: 'Test fixture: the demo content declares its known gaps' });

/** Creates, publishes and activates a policy through the ops API; returns its version. */
export async function publishPolicy(s: TestServer, doc: PolicyDocument, material: boolean): Promise<number> {
  const h = bearer(s.publisher);
  const created = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: h, payload: { content: doc } });
  if (created.statusCode !== 201) throw new Error(`draft failed: ${created.body}`);
  const { version } = created.json() as { version: number };
  const pub = await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${version}/publish`, headers: h, payload: { material, summary: { zh: '变更', en: 'Changes' }, override: GAPS_OVERRIDE } });
  if (pub.statusCode !== 200) throw new Error(`publish failed: ${pub.body}`);
  const act = await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${version}/activate`, headers: h, payload: {} });
  if (act.statusCode !== 200) throw new Error(`activate failed: ${act.body}`);
  return version;
}

/** Every table of the schema (read from the catalogue, so tables added by later migrations count too). */
export async function tableNames(db: Kysely<DB>): Promise<string[]> {
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'schema_migrations' order by table_name`.execute(db);
  const names = r.rows.map((row) => row.name);
  // The known tables must all be there: guards against reading the wrong schema.
  for (const t of TABLE_NAMES) if (!names.includes(t)) throw new Error(`table ${t} missing`);
  return names;
}

/**
 * md5 of every row of every table: equal before and after means nothing changed. With
 * `exceptFailedSignIns`, the audit log's entries of refused console sign-ins are left out: a
 * refused sign-in is recorded on purpose (coalesced), and that entry is all it may change.
 */
export async function tableChecksums(db: Kysely<DB>, options: { exceptFailedSignIns?: boolean } = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await tableNames(db)) {
    const only = options.exceptFailedSignIns && t === 'audit_log' ? sql`where x.action <> 'console.sign-in.failed'` : sql``;
    const r = await sql<{ h: string | null }>`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.table(t)} x ${only}`.execute(db);
    out[t] = r.rows[0]?.h ?? '';
  }
  return out;
}

/** Every text-like value in every table, for scanning a purged shopper's identifiers. */
export async function allText(db: Kysely<DB>): Promise<string> {
  const parts: string[] = [];
  for (const t of await tableNames(db)) {
    const r = await sql<{ x: string }>`select x::text as x from ${sql.table(t)} x`.execute(db);
    parts.push(...r.rows.map((row) => row.x));
  }
  return parts.join('\n');
}
