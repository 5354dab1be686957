/**
 * Who an activation asks to consent again, from the data the console already has: the shop asks a
 * shopper whose accepted version is older than the latest material version in force
 * (`lastMaterialVersion`: the newest material version at or below the active one among versions
 * that have been active, the server's PolicyRepository.view), so activating `target` asks those
 * who accepted a version older than that.
 */
import type { ActivationHistory, AdminStats, VersionMeta } from '@maison/privacy/contract';

/** The shoppers an activation would ask again, with the counts per accepted version. */
export interface ReconsentImpact {
  /** The latest material version in force once `target` is active. */
  lastMaterialVersion: number;
  asked: number;
  users: number;
  perVersion: { version: number; accepted: number }[];
}

/** The latest material version in force if `target` were active now. */
export function lastMaterialVersionFor(target: number, versions: readonly VersionMeta[], history: ActivationHistory['activations'], now: number): number {
  const everActive = new Set(history.filter((a) => Date.parse(a.effectiveAt) <= now).map((a) => a.version));
  everActive.add(target);
  const material = versions
    .filter((v) => v.material && v.status !== 'draft' && v.version <= target && everActive.has(v.version))
    .map((v) => v.version)
    .sort((a, b) => b - a);
  return material[0] ?? target;
}

/** Shoppers (from the stats) whose accepted version is older than the latest material version `target` puts in force. */
export function reconsentImpact(target: number, versions: readonly VersionMeta[], history: ActivationHistory['activations'], stats: AdminStats, now: number): ReconsentImpact {
  const lastMaterialVersion = lastMaterialVersionFor(target, versions, history, now);
  const perVersion = stats.acceptanceByVersion.filter((a) => a.version < lastMaterialVersion && a.accepted > 0).map((a) => ({ version: a.version, accepted: a.accepted }));
  return { lastMaterialVersion, asked: perVersion.reduce((n, a) => n + a.accepted, 0), users: stats.users, perVersion };
}
