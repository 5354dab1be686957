import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Capability } from '../domain/contract';
import type { FeatureRequest } from '../stores/FeatureGateStore';
import { usePermissionsOnShow } from './PermissionHint';
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
 * returns the tap handler, which hands the tap to `privacy.features.request` (policy sheet first
 * when not agreed, continuing by itself once the shopper agrees there; then the purpose sheet and
 * the system prompt) and calls `run` or `fallback` with its outcome. Leaving the page cancels the
 * tap. Render `<PermissionHint onAllow={gate.allow}>` beside it for the quiet hint after a refusal.
 */
export function useFeatureGate(capability: Capability, handlers: FeatureGateHandlers): FeatureGate {
  const privacy = usePrivacy();
  usePermissionsOnShow();
  // The latest handlers, so a page may pass inline closures without re-creating the tap handler.
  const latest = useRef(handlers);
  latest.current = handlers;
  const taps = useRef(new Set<FeatureRequest>());
  // A page that goes away cancels its taps: nothing runs on a page the shopper left.
  useEffect(() => () => taps.current.forEach((tap) => tap.cancel()), []);

  const attempt = useCallback(
    async (askedByShopper: boolean): Promise<void> => {
      const { run, fallback, onError } = latest.current;
      const tap = privacy.features.request(capability, { askedByShopper });
      // A second tap while the first is under way joins it: the first one's handlers answer.
      if (taps.current.has(tap)) return;
      taps.current.add(tap);
      try {
        const access = await tap.access;
        if (access === 'run') await run();
        else if (access === 'fallback') fallback();
      } catch (err) {
        onError?.(err);
        fallback();
      } finally {
        taps.current.delete(tap);
      }
    },
    [privacy, capability],
  );

  return useMemo(() => Object.assign(() => attempt(false), { allow: () => attempt(true) }), [attempt]);
}
