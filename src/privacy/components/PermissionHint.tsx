import { useState } from 'react';
import { CAPABILITY_REGISTRY } from '../domain/capabilities';
import { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { Capability, Lang } from '../domain/contract';
import { PermissionStatus, type PermissionResult } from '../domain/permission';
import type { RequestOutcome } from '../stores/PermissionStore';
import { usePrivacy } from './PrivacyContext';
import './PermissionHint.scss';

/** What the inline hint says after a refusal, or when the device cannot provide the capability. */
export const HINT_KINDS = Object.freeze([
  'open-setting',
  'open-app-authorize-setting',
  'turn-on-system-switch',
  'unsupported',
  'not-now',
  'agree-policy',
  'failed',
] as const);
export type HintKind = (typeof HINT_KINDS)[number];

/**
 * The hint for a capability from its current status and how the last request ended; null when
 * there is nothing to say. The status comes first, so a change made in settings (re-read on
 * onShow) replaces an older outcome.
 */
export function hintKindOf(result: PermissionResult | null, outcome: RequestOutcome | null): HintKind | null {
  if (outcome === 'policy-not-agreed' || outcome === 'privacy-refused') {
    if (result?.status !== PermissionStatus.GRANTED) return 'agree-policy';
  }
  if (!result) return null;
  switch (result.status) {
    case PermissionStatus.GRANTED:
      return null;
    case PermissionStatus.BLOCKED:
      return result.reason === 'os-denied' ? 'open-app-authorize-setting' : 'open-setting';
    case PermissionStatus.UNAVAILABLE:
      return result.reason === 'system-off' ? 'turn-on-system-switch' : 'unsupported';
    case PermissionStatus.DENIED:
      if (outcome === 'not-now' || outcome === 'quiet-period' || outcome === 'denied') return 'not-now';
      if (outcome === 'failed') return 'failed';
      return null;
  }
}

/**
 * Re-reads every permission status on each page onShow (shoppers change settings outside the
 * app). Reads only: never a prompt, never a privacy-gated API.
 */
export function usePermissionsOnShow(): void {
  const privacy = usePrivacy();
  useDidShow(() => {
    privacy
      .ready()
      .then(() => privacy.permissions.refresh())
      // A failed read leaves the last statuses in place; a failed ledger write is kept in permissions.error.
      .catch((err: unknown) => console.error('[privacy] re-reading permissions failed', err));
  });
}

/** How the hint names a capability inside its sentences (the registry's). */
const noun = (capability: Capability, lang: Lang): string => CAPABILITY_REGISTRY[capability].names.inSentence[lang];

const isH5 = process.env.TARO_ENV === 'h5';

export interface PermissionHintProps {
  capability: Capability;
  /** Shows the feature's fallback (a button with the catalogue's fallback text). */
  onFallback?: () => void;
  /** Runs the feature again (offered when a system switch was off). */
  onRetry?: () => void;
  /**
   * Asks for the capability again at the shopper's own request (`useFeatureGate(...).allow`),
   * offered after "not now": the quiet period stops the app's own pop-ups, never the shopper.
   */
  onAllow?: () => void;
}

/**
 * The quiet inline hint a feature shows after a refusal (never a pop-up): what happened, the
 * settings page that can change it — `openSetting` for the mini-program's scope, the system's
 * page for WeChat's own permission, each opened only from this tap — and the fallback.
 */
export const PermissionHint = observer(function PermissionHint({ capability, onFallback, onRetry, onAllow }: PermissionHintProps) {
  const { permissions, policy, gate, texts } = usePrivacy();
  const [openFailed, setOpenFailed] = useState(false);
  const found = hintKindOf(permissions.results[capability], permissions.outcomes[capability]);
  // Agreed since (on another page, or from this hint): the policy hint has nothing left to say.
  const kind = found === 'agree-policy' && gate.agreed ? null : found;
  if (!kind) return null;
  const lang = policy.lang;
  const t = texts[lang].hint;
  const id = `hint-${capability}`;

  const openSettings = () => {
    setOpenFailed(false);
    permissions.openSettings(capability).catch((err: unknown) => {
      console.error('[privacy] opening settings failed', err);
      setOpenFailed(true);
    });
  };
  // Douyin has no page for its own OS permission: the text says where to change it, with no button.
  const settingsButton = kind === 'open-setting' || (kind === 'open-app-authorize-setting' && !isH5 && process.env.TARO_ENV !== 'tt');

  return (
    <View id={id} className='ph-hint' role='status' aria-live='polite'>
      <Text id={`${id}-text`} className='ph-text'>
        {t[kind](noun(capability, lang))}
      </Text>
      {openFailed && (
        <View id={`${id}-error`} className='ph-text' role='alert'>
          <Text>{t.settingsFailed}</Text>
        </View>
      )}
      <View className='ph-actions'>
        {onAllow && kind === 'not-now' && (
          <Button id={`${id}-allow`} className='ph-btn' size='mini' onClick={onAllow}>
            {t.allow(noun(capability, lang))}
          </Button>
        )}
        {settingsButton && (
          <Button id={`${id}-settings`} className='ph-btn' size='mini' onClick={openSettings}>
            {kind === 'open-app-authorize-setting' ? t.systemSettings : t.settings}
          </Button>
        )}
        {kind === 'agree-policy' && (
          <Button id={`${id}-policy`} className='ph-btn' size='mini' onClick={() => gate.open('feature')}>
            {t.reviewPolicy}
          </Button>
        )}
        {onRetry && (kind === 'turn-on-system-switch' || kind === 'failed') && (
          <Button id={`${id}-retry`} className='ph-btn' size='mini' onClick={onRetry}>
            {t.retry}
          </Button>
        )}
        {onFallback && kind !== 'agree-policy' && (
          <Button id={`${id}-fallback`} className='ph-btn' size='mini' onClick={onFallback}>
            {permissions.entry(capability).fallback[lang]}
          </Button>
        )}
      </View>
    </View>
  );
});
