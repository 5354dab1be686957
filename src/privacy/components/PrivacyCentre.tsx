import { useEffect, useState } from 'react';
import { CAPABILITY_REGISTRY } from '../domain/capabilities';
import Taro from '@tarojs/taro';
import { Button, Switch, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { Capability } from '../domain/contract';
import { formatChinaTime } from '../domain/chinaTime';
import { CONTACT_SECTION_ID } from '../domain/contactLinks';
import { consentHistory } from '../domain/history';
import { PermissionStatus } from '../domain/permission';
import type { PolicyBlock } from '../domain/policy';
import { ContactText } from './ContactText';
import { disabledWhen } from './disabledWhen';
import { usePrivacy } from './PrivacyContext';
import { usePageTexts } from './usePageTexts';
import { DataExportSection } from './DataExportSection';
import { PrivacyCentreProfile } from './PrivacyCentreProfile';
import { SignInAgain } from './SignInAgain';
import './PrivacyCentre.scss';

/** History lines shown (newest first); the full history is in the export. */
const HISTORY_LINES = 50;

function blockLines(block: PolicyBlock): string[] {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return [block.text];
    case 'list':
      return block.items;
    case 'lines':
      return block.lines;
  }
}

const go = (url: string) => () => void Taro.navigateTo({ url });

/** A browser has no settings page a site may open: there the centre says where to change it and re-reads. */
const inBrowser = process.env.TARO_ENV === 'h5';

/** The privacy centre: every right the shopper has, on one page. */
export const PrivacyCentre = observer(function PrivacyCentre() {
  const root = usePrivacy();
  const { policy, gate, consent, consentPrompts, permissions, account, cancellation } = root;
  const lang = policy.lang;
  const texts = usePageTexts();
  const { centre: t, common } = texts;
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  // The events of a withdrawal made here: its note says where it stands until the server has them.
  const [withdrawal, setWithdrawal] = useState<readonly string[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  // Leaving the centre closes, unanswered, a consent sheet its switch asked for: nothing is recorded.
  useEffect(() => () => consentPrompts.dismissCentreSheet(), [consentPrompts]);

  const contact = policy.text.sections.find((s) => s.id === CONTACT_SECTION_ID);
  const history = consentHistory(consent.events, texts, lang, consentPrompts.titles).slice(0, HISTORY_LINES);

  const withdrawPolicy = async () => {
    setConfirmWithdraw(false);
    try {
      const events = await consent.withdrawPolicy('privacy-centre');
      setWithdrawal(events.map((e) => e.id));
      void consent.sync();
    } catch {
      setNote(t.failed);
    }
  };

  const signOut = async (scope: 'this-device' | 'everywhere') => {
    setNote(null);
    try {
      setNote((await account.signOut(scope)) === 'queued' ? t.signedOutOffline : t.signedOut);
    } catch {
      setNote(t.failed);
    }
  };

  /**
   * What a permission row offers: asking, the platform's settings, a re-read after the phone's own
   * switch, withdrawing a grant no settings page holds (Bluetooth on Douyin), or nothing (the device lacks it).
   */
  const permissionAction = (c: Capability): 'allow' | 'settings' | 'recheck' | 'withdraw' | null => {
    const status = permissions.status(c);
    if (status === null || status === PermissionStatus.DENIED) return 'allow';
    if (status === PermissionStatus.GRANTED && permissions.scopeless(c)) return 'withdraw';
    const guidance = permissions.guidance(c);
    if (guidance === 'fallback-only') return null;
    return guidance === 'turn-on-system-switch' ? 'recheck' : 'settings';
  };
  const changePermission = (c: Capability) => {
    const action = permissionAction(c);
    const run =
      action === 'allow'
        ? permissions.request(c, 'privacy-centre')
        : action === 'withdraw'
          ? permissions.withdraw(c)
          : action === 'recheck' || inBrowser
            ? permissions.refresh()
            : permissions.openSettings(c);
    Promise.resolve(run).catch(() => setNote(t.failed));
  };

  return (
    <View id='centre' className='pc' role='main'>
      <View className='pc-title' role='heading' aria-level={1}>
        <Text>{t.title}</Text>
      </View>

      {cancellation.isOpen && cancellation.latest && (
        <View id='centre-cancel-status' className='pc-banner' role='status' aria-live='polite' onClick={go(root.routes.cancel)}>
          <Text>
            {t.cancelStatus}
            {common.cancellationStatus[cancellation.latest.status]}
            {cancellation.latest.status === 'pending' ? ` · ${t.coolingOffEnds}${formatChinaTime(cancellation.latest.coolingOffEndsAt, common.time)}` : ''}
          </Text>
        </View>
      )}

      <View className='pc-section' role='region' aria-label={t.documents}>
        <View className='pc-heading' role='heading' aria-level={2}>
          <Text>{t.documents}</Text>
        </View>
        <View id='centre-policy' className='pc-link' role='link' onClick={go(root.routes.policy)}>
          <Text>{t.policy}</Text>
        </View>
        <View id='centre-collection' className='pc-link' role='link' onClick={go(root.routes.collection)}>
          <Text>{common.collectionList}</Text>
        </View>
        <View id='centre-sharing' className='pc-link' role='link' onClick={go(root.routes.sharing)}>
          <Text>{common.sharingList}</Text>
        </View>
      </View>

      <View className='pc-section' role='region' aria-label={t.permissions}>
        <View className='pc-heading' role='heading' aria-level={2}>
          <Text>{t.permissions}</Text>
        </View>
        {permissions.capabilities.map((c) => {
          const status = permissions.status(c);
          const entry = permissions.entry(c);
          const action = permissionAction(c);
          // In the browser the shopper changes it in the site settings; the button then re-reads it.
          const browserSettings = inBrowser && action === 'settings';
          return (
            <View key={c} id={`centre-perm-${c}`} className='pc-row'>
              <View className='pc-row-text'>
                <Text className='pc-name'>{CAPABILITY_REGISTRY[c].names.title[lang]}</Text>
                <Text id={`centre-perm-${c}-purpose`} className='pc-small'>
                  {entry.purpose.why[lang]}
                </Text>
                <Text id={`centre-perm-${c}-status`} className='pc-small' data-status={status ?? 'unknown'}>
                  {status === null ? t.unknown : action === 'recheck' ? t.systemOff : t.status[status]}
                </Text>
                {gate.agreed && browserSettings && (
                  <Text id={`centre-perm-${c}-how`} className='pc-small'>
                    {t.browserSettings[status === PermissionStatus.GRANTED ? 'granted' : 'blocked'](CAPABILITY_REGISTRY[c].names.inSentence[lang])}
                  </Text>
                )}
              </View>
              {gate.agreed && action !== null && (
                <Button id={`centre-perm-${c}-change`} className='pc-btn' size='mini' onClick={() => changePermission(c)}>
                  {browserSettings ? t.recheck : action === 'withdraw' ? t.withdrawPermission : t[action]}
                </Button>
              )}
            </View>
          );
        })}
      </View>

      <View className='pc-section' role='region' aria-label={t.consents}>
        <View className='pc-heading' role='heading' aria-level={2}>
          <Text>{t.consents}</Text>
        </View>
        {!gate.agreed && (
          <View id='centre-consents-off' className='pc-small'>
            <Text>{t.consentsOff}</Text>
          </View>
        )}
        {consentPrompts.switchable.map((p) => {
          const entry = consentPrompts.entry(p);
          // The grant as the server holds it, so it can be withdrawn even while its words changed.
          const on = consentPrompts.granted(p);
          const d = entry.disclosure;
          // Asked where its recipient is picked (the dealer): a switch here could only withdraw it.
          const atUse = d.article === 'sharing' && d.recipientAtUse === true;
          return (
            <View key={p} className='pc-row'>
              <View className='pc-row-text'>
                <Text id={`consent-label-${p}`} className='pc-name'>
                  {entry.title[lang]}
                </Text>
                <Text className='pc-small'>{entry.purposeText[lang]}</Text>
                {atUse && (
                  <Text id={`consent-at-use-${p}`} className='pc-small'>
                    {t.askedAtUse(d.recipientKind[lang])}
                  </Text>
                )}
                {on && consentPrompts.textChanged(p) && (
                  <Text id={`consent-changed-${p}`} className='pc-small'>
                    {t.textChanged}
                  </Text>
                )}
              </View>
              <Switch
                id={`consent-switch-${p}`}
                // While its sheet is open the switch shows what the shopper asked for; the consent
                // counts only once agreed there, and the switch goes back off on any other answer.
                checked={on || consentPrompts.askingFromCentre === p}
                disabled={disabledWhen(!gate.agreed || (atUse && !on))}
                ariaLabel={entry.title[lang]}
                // On h5 the switch is an <input> inside Taro's element: the name goes on the input itself.
                nativeProps={{ 'aria-label': entry.title[lang] }}
                onChange={(e) => {
                  setNote(null);
                  consentPrompts.set(p, Boolean(e.detail.value)).catch(() => setNote(t.failed));
                }}
              />
            </View>
          );
        })}
      </View>

      <View className='pc-section' role='region' aria-label={t.agreement}>
        <View className='pc-heading' role='heading' aria-level={2}>
          <Text>{t.agreement}</Text>
        </View>
        {gate.agreed ? (
          <View>
            <Text id='centre-agreement-state' className='pc-small'>
              {t.agreed(consent.acceptedPolicyVersion ?? policy.current.version)}
            </Text>
            {!confirmWithdraw ? (
              <Button id='centre-withdraw-policy' className='pc-btn' onClick={() => setConfirmWithdraw(true)}>
                {t.withdraw}
              </Button>
            ) : (
              <View id='centre-withdraw-confirm' role='alertdialog' aria-label={t.withdraw}>
                <Text className='pc-small'>{t.withdrawConfirm}</Text>
                <View className='pc-actions'>
                  <Button id='centre-withdraw-no' className='pc-btn' onClick={() => setConfirmWithdraw(false)}>
                    {t.withdrawNo}
                  </Button>
                  <Button id='centre-withdraw-yes' className='pc-btn pc-btn-strong' onClick={() => void withdrawPolicy()}>
                    {t.withdrawYes}
                  </Button>
                </View>
              </View>
            )}
          </View>
        ) : (
          <View>
            <View role='status' aria-live='polite'>
              <Text id='centre-agreement-state' className='pc-small'>
                {withdrawal === null ? t.notAgreed : consent.isAcknowledged(withdrawal) ? t.withdrawn : account.signedIn ? t.withdrawnPending : t.withdrawnSignedOut}
              </Text>
            </View>
            <Button id='centre-agree-policy' className='pc-btn' onClick={() => gate.open('privacy-centre')}>
              {t.agree}
            </Button>
          </View>
        )}
      </View>

      <View className='pc-section' role='region' aria-label={t.history}>
        <View className='pc-heading' role='heading' aria-level={2}>
          <Text>{t.history}</Text>
        </View>
        <View id='centre-history' role='list'>
          {history.length === 0 && <Text className='pc-small'>{t.noHistory}</Text>}
          {history.map((line, i) => (
            <View key={line.id} id={`centre-history-${i}`} className='pc-history' role='listitem'>
              <Text className='pc-small'>{line.when}</Text>
              <Text>{line.text}</Text>
            </View>
          ))}
        </View>
      </View>

      <PrivacyCentreProfile />

      <DataExportSection />

      <View className='pc-section'>
        <View id='centre-requests' className='pc-link' role='link' onClick={go(root.routes.requests)}>
          <Text>{t.requests}</Text>
        </View>
      </View>

      {contact && (
        <View id='centre-contact' className='pc-section' role='region' aria-label={t.contact}>
          <View className='pc-heading' role='heading' aria-level={2}>
            <Text>{t.contact}</Text>
          </View>
          {contact.blocks.flatMap(blockLines).map((line, i) => (
            <View key={i} className='pc-small'>
              <ContactText text={line} id={`centre-contact-${i}`} linkClassName='pc-contact-link' />
            </View>
          ))}
        </View>
      )}

      {account.signedIn ? (
        <View className='pc-section' role='region' aria-label={t.signOut}>
          <Button id='centre-sign-out' className='pc-btn' onClick={() => void signOut('this-device')}>
            {t.signOut}
          </Button>
          <Button id='centre-sign-out-everywhere' className='pc-btn' onClick={() => void signOut('everywhere')}>
            {t.signOutEverywhere}
          </Button>
        </View>
      ) : (
        // A member who signed out here signs in again with one tap (the account is theirs already).
        account.returning && (
          <View role='region' aria-label={texts.signIn.button}>
            <SignInAgain id='centre' noAccount={t.noAccount} onSignedIn={() => setNote(null)} />
          </View>
        )
      )}

      <View className='pc-section'>
        <View id='centre-cancel-account' className='pc-link pc-danger' role='link' onClick={go(root.routes.cancel)}>
          <Text>{t.cancel}</Text>
        </View>
      </View>

      {note && (
        <View id='centre-note' className='pc-note' role='status' aria-live='polite'>
          <Text>{note}</Text>
        </View>
      )}
    </View>
  );
});
