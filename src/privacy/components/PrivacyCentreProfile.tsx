import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { NICKNAME_MAX_LENGTH } from '../domain/contract-schemas';
import { loadDeviceId } from '../stores/deviceId';
import { ProfileStore } from '../stores/ProfileStore';
import type { RootStore } from '../stores/RootStore';
import { buttonClass, disabledWhen } from './disabledWhen';
import { usePrivacy } from './PrivacyContext';
import { usePageTexts } from './usePageTexts';

/** The demo profile a release before the server kept it stored on the device (read no more; removed). */
export type { StoredProfile as DemoProfile } from '../stores/persistence';

const profiles = new WeakMap<RootStore, ProfileStore>();

/** The profile store of a RootStore, made from its ports on first use (an unanswered save keeps its key). */
function profileOf(root: RootStore): ProfileStore {
  let store = profiles.get(root);
  if (!store) {
    const { ports } = root.options;
    store = new ProfileStore({
      api: root.api,
      ids: ports.ids,
      login: ports.login,
      deviceId: () => loadDeviceId(root.persistence, ports.ids),
      sessionExpired: () => root.account.sessionExpired(),
      accountDeleted: (completedAt) => root.cancellation.accountDeleted(completedAt),
    });
    profiles.set(root, store);
  }
  return store;
}

/** Correcting personal details: the nickname and mobile number the server holds, for a signed-in shopper who agreed to the policy. */
export const PrivacyCentreProfile = observer(function PrivacyCentreProfile() {
  const root = usePrivacy();
  const { gate, account } = root;
  const t = usePageTexts().profile;
  const profile = profileOf(root);
  const [nickname, setNickname] = useState('');
  const [phone, setPhone] = useState('');
  // A field the last save refused before sending.
  const [badField, setBadField] = useState<'nickname' | 'phone' | null>(null);
  // The inputs are drawn with the profile's values, once read: a value set on an input before it
  // has drawn itself made Taro's input read its element before it existed.
  const [loaded, setLoaded] = useState(false);
  const active = gate.agreed && account.signedIn;

  useEffect(() => {
    if (!active) return;
    let live = true;
    // Earlier releases kept the profile on the device only: that copy is no longer used.
    void root.persistence.remove('profile').catch(() => undefined);
    void profile.load().then(() => {
      if (!live || !profile.loaded) return;
      setNickname(profile.nickname);
      setPhone(profile.phone);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [active, profile, root]);

  if (!active) return null;

  const save = async () => {
    const bad = ProfileStore.fieldProblem(nickname, phone);
    setBadField(bad);
    if (bad) return;
    await profile.save(nickname, phone);
  };

  const problemText = profile.problem === 'reauth' ? t.reauth : profile.problem ? t.failed : null;
  const note = badField
    ? { text: badField === 'nickname' ? t.badNickname(NICKNAME_MAX_LENGTH) : t.badPhone, error: true }
    : problemText
      ? { text: problemText, error: true }
      : profile.saved
        ? { text: profile.lastCorrection ? t.corrected : t.saved, error: false }
        : null;

  return (
    <View id='centre-profile' className='pc-section' role='region' aria-label={t.title}>
      <View className='pc-heading' role='heading' aria-level={2}>
        <Text>{t.title}</Text>
      </View>
      <Text className='pc-small'>{t.where}</Text>
      {loaded && (
        <>
          <Input
            id='profile-nickname'
            className={badField === 'nickname' ? 'pc-input pc-input-invalid' : 'pc-input'}
            maxlength={NICKNAME_MAX_LENGTH}
            placeholder={t.nickname}
            aria-label={t.nickname}
            aria-invalid={badField === 'nickname' ? true : undefined}
            aria-describedby={badField === 'nickname' ? 'profile-note' : undefined}
            value={nickname}
            onInput={(e) => setNickname(e.detail.value)}
          />
          <Input
            id='profile-phone'
            className={badField === 'phone' ? 'pc-input pc-input-invalid' : 'pc-input'}
            type='number'
            maxlength={11}
            placeholder={t.phone}
            aria-label={t.phone}
            aria-invalid={badField === 'phone' ? true : undefined}
            aria-describedby={badField === 'phone' ? 'profile-note' : undefined}
            value={phone}
            onInput={(e) => setPhone(e.detail.value)}
          />
          <Button id='profile-save' className={buttonClass('pc-btn', profile.isSaving)} disabled={disabledWhen(profile.isSaving)} onClick={() => void save()}>
            {profile.isSaving ? t.saving : t.save}
          </Button>
        </>
      )}
      {note && (
        <View id='profile-note' className={note.error ? 'pc-small pc-problem' : 'pc-small'} role={note.error ? 'alert' : 'status'}>
          <Text>{note.text}</Text>
        </View>
      )}
    </View>
  );
});
