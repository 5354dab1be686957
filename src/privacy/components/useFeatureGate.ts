import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Capability } from '../domain/contract';
import type { AgreementWait } from '../stores/PrivacyGateStore';
import { requestFeature, usePermissionsOnShow } from './PermissionHint';
import { usePrivacy } from './PrivacyContext';

/** What a feature page hands the gate: what to do once allowed, and its fallback. */
export interface FeatureGateHandlers {
  /** Runs the feature: the policy is agreed and the capability granted. */
  run: () => void | Promise<void>;
  /** Shows the feature's fallback (type a city, type the code...): refused, blocked or unavailable. */
  fallback: () => void;
  /** Told of an unexpected failure (the fallback is shown too). */
  onError?: (err: unknown) => void;
}

/** The feature's tap handler, and `allow` for the hint's "allow" button (the shopper asks again themselves). */
export type FeatureGate = (() => Promise<void>) & { allow: () => Promise<void> };

/**
 * The one gate of a feature that needs a capability: re-reads statuses on every `onShow`, and
 * returns the tap handler — policy sheet first when not agreed (nothing asked; once the shopper
 * agrees there the feature continues by itself), then the purpose sheet and the system prompt,
 * then `run` or `fallback`. Render `<PermissionHint onAllow={gate.allow}>` beside it for the
 * quiet hint after a refusal.
 */
export function useFeatureGate(capability: Capability, handlers: FeatureGateHandlers): FeatureGate {
  const privacy = usePrivacy();
  usePermissionsOnShow();
  // The latest handlers, so a page may pass inline closures without re-creating the tap handler.
  const latest = useRef(handlers);
  latest.current = handlers;
  const waiting = useRef<AgreementWait | null>(null);
  // A page that goes away stops waiting for the sheet: nothing runs on a page the shopper left.
  useEffect(() => () => waiting.current?.cancel(), []);

  const attempt = useCallback(
    async (askedByShopper: boolean): Promise<void> => {
      const { run, fallback, onError } = latest.current;
      try {
        const access = await requestFeature(privacy, capability, { askedByShopper });
        if (access === 'run') await run();
        else if (access === 'fallback') fallback();
        else {
          const wait = privacy.gate.waitForAgreement();
          waiting.current = wait;
          const agreed = await wait.agreed;
          if (waiting.current === wait) waiting.current = null;
          // Agreed from the sheet this tap opened: the feature goes on without a second tap.
          if (agreed) await attempt(askedByShopper);
        }
      } catch (err) {
        onError?.(err);
        fallback();
      }
    },
    [privacy, capability],
  );

  return useMemo(() => Object.assign(() => attempt(false), { allow: () => attempt(true) }), [attempt]);
}
