import type { Kysely } from 'kysely';
import { OPS_ROLES, type OpsRole } from '@maison/privacy/contract';
import type { DB } from '../db/schema';
import { OpsRepository } from '../repositories/OpsRepository';

/** Bad arguments to the ops-token command. */
export class OpsTokenArgumentError extends Error {
  override name = 'OpsTokenArgumentError';
}

/** Arguments of `npm run ops:token`. */
export interface OpsTokenArgs {
  role: OpsRole;
  name: string;
  expiresInDays: number;
}

/** Parses `--role viewer|publisher --name NAME [--days N]`. */
export function parseOpsTokenArgs(argv: readonly string[]): OpsTokenArgs {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const role = get('--role') ?? 'viewer';
  if (!(OPS_ROLES as readonly string[]).includes(role)) throw new OpsTokenArgumentError(`--role must be one of ${OPS_ROLES.join(', ')}`);
  const name = get('--name') ?? `${role}-${new Date().toISOString().slice(0, 10)}`;
  if (!/^[A-Za-z0-9 ._-]{1,64}$/.test(name)) throw new OpsTokenArgumentError('--name: 1-64 letters, digits, space, . _ -');
  const days = Number(get('--days') ?? 90);
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new OpsTokenArgumentError('--days must be 1 to 365');
  return { role: role as OpsRole, name, expiresInDays: days };
}

/** Creates a named ops token and audits it; returns the secret (shown once). */
export async function createOpsToken(db: Kysely<DB>, args: OpsTokenArgs, actor = 'cli'): Promise<{ id: string; token: string; expiresAt: string }> {
  const ops = new OpsRepository(db);
  return db.transaction().execute(async (tx) => {
    const t = await ops.createToken({ name: args.name, role: args.role, expiresAt: new Date(Date.now() + args.expiresInDays * 86400_000), createdBy: actor }, tx);
    await ops.audit({ actor, action: 'token.create', target: `token:${t.id}`, details: { name: t.name, role: t.role, expiresAt: t.expiresAt } }, tx);
    return { id: t.id, token: t.token, expiresAt: t.expiresAt };
  });
}
