import type { Capability } from '../domain/contract';
import type { PermissionStore, RequestOptions } from './PermissionStore';
import type { PrivacyGateStore } from './PrivacyGateStore';
import type { RootStore } from './RootStore';

/** How a feature tap ended: run the feature, show its fallback, or wait for the policy sheet. */
export const FEATURE_ACCESS = Object.freeze(['run', 'fallback', 'needs-policy'] as const);
export type FeatureAccess = (typeof FEATURE_ACCESS)[number];

/** A whole feature tap under way (`FeatureGateStore.request`). */
export interface FeatureRequest {
  /**
   * How it ended: `'run'`, `'fallback'`, `'needs-policy'` (the policy sheet closed without
   * agreement, or none could open), or `'cancelled'` once `cancel()` was called.
   */
  readonly access: Promise<FeatureAccess | 'cancelled'>;
  /**
   * The feature went away (its page was left): the wait for the policy sheet stops, the feature's
   * purpose sheet closes without an answer (nothing recorded), and `access` settles at once.
   */
  cancel(): void;
}

export interface FeatureGateStoreDeps {
  gate: PrivacyGateStore;
  permissions: PermissionStore;
}

/**
 * The gate of a feature that needs a capability, as one flow: the policy agreed? (its sheet is
 * asked for when not, and nothing else is asked) → the purpose sheet → the system prompt → the
 * outcome the hint shows. The sheets are the overlay queue's, the outcomes the permission store's;
 * it keeps only the taps under way.
 */
export class FeatureGateStore {
  /** The tap under way per capability: a second tap joins it. */
  private readonly underway = new Map<Capability, FeatureRequest>();

  constructor(private readonly deps: FeatureGateStoreDeps) {}

  /**
   * One pass: when the policy is not agreed its sheet is asked for and `'needs-policy'` returned
   * at once (the hint then offers the policy); otherwise the capability's request flow.
   */
  async attempt(capability: Capability, options: RequestOptions = {}): Promise<FeatureAccess> {
    if (!(await this.deps.gate.ensureAgreed())) {
      // The sheet may be refused, or held back for WeChat's 10 s: the hint keeps a way to agree.
      this.deps.permissions.notePolicyNeeded(capability);
      return 'needs-policy';
    }
    return (await this.deps.permissions.request(capability, 'feature', options)) ? 'run' : 'fallback';
  }

  /**
   * The whole tap: `attempt`, and when that asked for the policy sheet, the wait for its answer;
   * agreeing there continues the tap by itself (no second tap), anything else ends it. A tap on
   * the same capability while one is under way gets that one (the feature runs once).
   */
  request(capability: Capability, options: RequestOptions = {}): FeatureRequest {
    const same = this.underway.get(capability);
    if (same) return same;
    let cancelled = false;
    let stop: (outcome: 'cancelled') => void = () => undefined;
    const stopped = new Promise<'cancelled'>((resolve) => (stop = resolve));
    const run = async (): Promise<FeatureAccess | 'cancelled'> => {
      for (;;) {
        const access = await this.attempt(capability, options);
        if (cancelled) return 'cancelled';
        if (access !== 'needs-policy') return access;
        const agreed = await this.deps.gate.agreement();
        if (cancelled) return 'cancelled';
        if (!agreed) return 'needs-policy';
      }
    };
    const request: FeatureRequest = {
      access: Promise.race([run(), stopped]).finally(() => {
        if (this.underway.get(capability) === request) this.underway.delete(capability);
      }),
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        this.deps.permissions.cancel(capability);
        stop('cancelled');
      },
    };
    this.underway.set(capability, request);
    return request;
  }
}

/** One pass of a feature tap (`privacy.features.attempt`): the policy first, then the capability's request flow. */
export function requestFeature(privacy: RootStore, capability: Capability, options: RequestOptions = {}): Promise<FeatureAccess> {
  return privacy.features.attempt(capability, options);
}
