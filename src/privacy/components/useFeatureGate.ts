import { useCallback, useRef } from 'react';
import type { Capability } from '../domain/contract';
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

/**
 * The one gate of a feature that needs a capability: re-reads statuses on every `onShow`, and
 * returns the tap handler — policy sheet first when not agreed (nothing asked), then the purpose
 * sheet and the system prompt, then `run` or `fallback`. Render `<PermissionHint>` beside it for
 * the quiet hint after a refusal.
 */
export function useFeatureGate(capability: Capability, handlers: FeatureGateHandlers): () => Promise<void> {
  const privacy = usePrivacy();
  usePermissionsOnShow();
  // The latest handlers, so a page may pass inline closures without re-creating the tap handler.
  const latest = useRef(handlers);
  latest.current = handlers;
  return useCallback(async () => {
    const { run, fallback, onError } = latest.current;
    try {
      const access = await requestFeature(privacy, capability);
      if (access === 'run') await run();
      else if (access === 'fallback') fallback();
    } catch (err) {
      onError?.(err);
      fallback();
    }
  }, [privacy, capability]);
}
