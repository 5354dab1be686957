import { useState } from 'react';
import { CAPABILITY_REGISTRY } from '../domain/capabilities';
import Taro from '@tarojs/taro';
import { Button, Switch, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { GUARDIAN_CONSENT, type Capability, type ConsentPurpose } from '../domain/contract';
import { CANCELLATION_STATUS_TEXT, formatChinaTime } from '../domain/cancellation';
import { consentHistory } from '../domain/cancellationTexts';
import { consentTitles } from '../domain/app';
import { PermissionStatus } from '../domain/permission';
import type { PolicyBlock } from '../domain/policy';
import { disabledWhen } from './disabledWhen';
import { usePrivacy } from './PrivacyContext';
import { DataExportSection } from './DataExportSection';
import { PrivacyCentreProfile } from './PrivacyCentreProfile';
import './PrivacyCentre.scss';

/** Section of the policy whose text is the contact channel. */
const CONTACT_SECTION_ID = 'contact-us';
/** History lines shown (newest first); the full history is in the export. */
const HISTORY_LINES = 50;

const T = Object.freeze({
  zh: {
    title: '隐私中心',
    documents: '政策与清单',
    policy: '隐私政策',
    collection: '个人信息收集清单',
    sharing: '第三方信息共享清单',
    permissions: '系统权限',
    status: { [PermissionStatus.GRANTED]: '已允许', [PermissionStatus.DENIED]: '未允许', [PermissionStatus.BLOCKED]: '已关闭（需在设置中开启）', [PermissionStatus.UNAVAILABLE]: '本设备不可用' } as Record<string, string>,
    unknown: '未询问',
    allow: '允许',
    settings: '去设置更改',
    systemOff: '已在手机系统中关闭，开启后可重新检查',
    recheck: '重新检查',
    consents: '单独同意与 Cookie',
    consentsOff: '同意隐私政策后，您可以在这里开启或关闭每一项。',
    agreement: '隐私政策同意',
    agreed: (v: number) => `您已同意隐私政策（第 ${v} 版）。`,
    notAgreed: '您目前未同意隐私政策，仅可浏览商品。',
    withdraw: '撤回对隐私政策的同意',
    withdrawConfirm: '撤回后将回到仅浏览模式，我们将停止使用您的个人信息，所有单独同意一并撤回。确定撤回吗？',
    withdrawYes: '确定撤回',
    withdrawNo: '暂不撤回',
    withdrawn: '已撤回。我们已停止使用您的个人信息。如需删除账户及数据，可申请注销账户。',
    agree: '查看并同意隐私政策',
    history: '同意记录',
    noHistory: '暂无记录。',
    failed: '网络异常，请稍后重试。',
    contact: '联系我们',
    cancel: '注销账户',
    signOut: '退出登录',
    signOutEverywhere: '在所有设备上退出登录',
    signedOut: '已退出登录。',
    signedOutOffline: '已在本机退出登录。网络恢复后，我们会通知服务器结束该登录。',
    cancelStatus: '注销申请：',
    coolingOffEnds: '冷静期结束：',
  },
  en: {
    title: 'Privacy centre',
    documents: 'Policy and lists',
    policy: 'Privacy policy',
    collection: 'Personal information collected',
    sharing: 'Third parties and SDKs',
    permissions: 'Permissions',
    status: { [PermissionStatus.GRANTED]: 'Allowed', [PermissionStatus.DENIED]: 'Not allowed', [PermissionStatus.BLOCKED]: 'Off (change it in settings)', [PermissionStatus.UNAVAILABLE]: 'Not available on this device' } as Record<string, string>,
    unknown: 'Not asked yet',
    allow: 'Allow',
    settings: 'Change in settings',
    systemOff: "Turned off in the phone's settings; turn it on, then check again",
    recheck: 'Check again',
    consents: 'Separate consents and cookies',
    consentsOff: 'Once you agree to the privacy policy you can switch each of these on or off here.',
    agreement: 'Privacy policy agreement',
    agreed: (v: number) => `You agreed to the privacy policy (version ${v}).`,
    notAgreed: 'You have not agreed to the privacy policy: browsing only.',
    withdraw: 'Withdraw my agreement to the privacy policy',
    withdrawConfirm: 'You will be back to browsing only, we stop using your personal information, and every separate consent is withdrawn too. Withdraw?',
    withdrawYes: 'Withdraw',
    withdrawNo: 'Keep it',
    withdrawn: 'Withdrawn. We have stopped using your personal information. To delete your account and data, you can cancel your account.',
    agree: 'Review and agree to the privacy policy',
    history: 'Consent history',
    noHistory: 'Nothing recorded yet.',
    failed: 'Network problem, please try again.',
    contact: 'Contact us',
    cancel: 'Cancel my account',
    signOut: 'Sign out',
    signOutEverywhere: 'Sign out on all devices',
    signedOut: 'Signed out.',
    signedOutOffline: 'Signed out on this device. The server will be told to end the session once you are back online.',
    cancelStatus: 'Cancellation: ',
    coolingOffEnds: 'Cooling-off ends: ',
  },
});



/** Purposes with a switch: every consent the app declares, in its order (the guardian's is given once, at sign-up). */
const switchPurposes = (catalogue: Readonly<Record<ConsentPurpose, unknown>>): ConsentPurpose[] => Object.keys(catalogue).filter((p) => p !== GUARDIAN_CONSENT);

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

/** The privacy centre: every right the shopper has, on one page. */
export const PrivacyCentre = observer(function PrivacyCentre() {
  const root = usePrivacy();
  const { policy, gate, consent, consents, permissions, account, cancellation } = root;
  const lang = policy.lang;
  const t = T[lang];
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [withdrawn, setWithdrawn] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const contact = policy.text.sections.find((s) => s.id === CONTACT_SECTION_ID);
  const history = consentHistory(consent.events, lang, consentTitles(root.app)).slice(0, HISTORY_LINES);

  const withdrawPolicy = async () => {
    setConfirmWithdraw(false);
    try {
      await consent.withdrawPolicy('privacy-centre');
      setWithdrawn(true);
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

  /** What a permission row offers: asking, WeChat's settings, a re-read after the phone's own switch, or nothing (the device lacks it). */
  const permissionAction = (c: Capability): 'allow' | 'settings' | 'recheck' | null => {
    const status = permissions.status(c);
    if (status === null || status === PermissionStatus.DENIED) return 'allow';
    const guidance = permissions.guidance(c);
    if (guidance === 'fallback-only') return null;
    return guidance === 'turn-on-system-switch' ? 'recheck' : 'settings';
  };
  const changePermission = (c: Capability) => {
    const action = permissionAction(c);
    const run = action === 'allow' ? permissions.request(c, 'privacy-centre') : action === 'recheck' ? permissions.refresh() : permissions.openSettings(c);
    Promise.resolve(run).catch(() => setNote(t.failed));
  };

  return (
    <View id='centre' className='pc'>
      <View className='pc-title' role='heading' aria-level={1}>
        <Text>{t.title}</Text>
      </View>

      {cancellation.isOpen && cancellation.latest && (
        <View id='centre-cancel-status' className='pc-banner' role='status' aria-live='polite' onClick={go(root.routes.cancel)}>
          <Text>
            {t.cancelStatus}
            {CANCELLATION_STATUS_TEXT[lang][cancellation.latest.status]}
            {cancellation.latest.status === 'pending' ? ` · ${t.coolingOffEnds}${formatChinaTime(cancellation.latest.coolingOffEndsAt, lang)}` : ''}
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
          <Text>{t.collection}</Text>
        </View>
        <View id='centre-sharing' className='pc-link' role='link' onClick={go(root.routes.sharing)}>
          <Text>{t.sharing}</Text>
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
              </View>
              {gate.agreed && action !== null && (
                <Button id={`centre-perm-${c}-change`} className='pc-btn' size='mini' onClick={() => changePermission(c)}>
                  {t[action]}
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
        {switchPurposes(consents.catalogue).map((p) => {
          const entry = consents.entry(p);
          const on = consents.has(p);
          return (
            <View key={p} className='pc-row'>
              <View className='pc-row-text'>
                <Text id={`consent-label-${p}`} className='pc-name'>
                  {entry.title[lang]}
                </Text>
                <Text className='pc-small'>{entry.purposeText[lang]}</Text>
              </View>
              <Switch
                id={`consent-switch-${p}`}
                checked={on}
                disabled={disabledWhen(!gate.agreed)}
                ariaLabel={entry.title[lang]}
                // On h5 the switch is an <input> inside Taro's element: the name goes on the input itself.
                nativeProps={{ 'aria-label': entry.title[lang] }}
                onChange={(e) => {
                  consents.set(p, Boolean(e.detail.value)).catch(() => setNote(t.failed));
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
            <Text id='centre-agreement-state' className='pc-small'>
              {withdrawn ? t.withdrawn : t.notAgreed}
            </Text>
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

      {contact && (
        <View id='centre-contact' className='pc-section' role='region' aria-label={t.contact}>
          <View className='pc-heading' role='heading' aria-level={2}>
            <Text>{t.contact}</Text>
          </View>
          {contact.blocks.flatMap(blockLines).map((line, i) => (
            <View key={i} className='pc-small'>
              <Text userSelect>{line}</Text>
            </View>
          ))}
        </View>
      )}

      {account.signedIn && (
        <View className='pc-section' role='region' aria-label={t.signOut}>
          <Button id='centre-sign-out' className='pc-btn' onClick={() => void signOut('this-device')}>
            {t.signOut}
          </Button>
          <Button id='centre-sign-out-everywhere' className='pc-btn' onClick={() => void signOut('everywhere')}>
            {t.signOutEverywhere}
          </Button>
        </View>
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
