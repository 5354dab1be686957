import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { usePrivacy } from './PrivacyContext';
import { usePageTexts } from './usePageTexts';

/** The demo profile: kept on this device only (the backend has no profile endpoint), wiped on sign-out and with the account. */
export type { StoredProfile as DemoProfile } from '../stores/persistence';

const PHONE = /^1\d{10}$/;
const NICKNAME_MAX = 20;

/** Correcting personal details (the demo profile), for a signed-in shopper who agreed to the policy. */
export const PrivacyCentreProfile = observer(function PrivacyCentreProfile() {
  const root = usePrivacy();
  const { gate, account } = root;
  const t = usePageTexts().profile;
  const store = root.persistence;
  const [nickname, setNickname] = useState('');
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const active = gate.agreed && account.signedIn;

  useEffect(() => {
    if (!active) return;
    let live = true;
    // A damaged record reads as absent and is replaced by the next save.
    void store.value('profile').then((p) => {
      if (!live || p === null) return;
      setNickname(p.nickname);
      setPhone(p.phone);
    });
    return () => {
      live = false;
    };
  }, [active, store]);

  if (!active) return null;

  const save = async () => {
    const n = nickname.trim();
    const p = phone.trim();
    if (n.length > NICKNAME_MAX) return setNote(t.badNickname(NICKNAME_MAX));
    if (p !== '' && !PHONE.test(p)) return setNote(t.badPhone);
    try {
      await store.write('profile', { nickname: n, phone: p });
      setNote(t.saved);
    } catch {
      setNote(t.failed);
    }
  };

  return (
    <View id='centre-profile' className='pc-section' role='region' aria-label={t.title}>
      <View className='pc-heading' role='heading' aria-level={2}>
        <Text>{t.title}</Text>
      </View>
      <Text className='pc-small'>{t.where}</Text>
      <Input id='profile-nickname' className='pc-input' maxlength={NICKNAME_MAX} placeholder={t.nickname} aria-label={t.nickname} value={nickname} onInput={(e) => setNickname(e.detail.value)} />
      <Input id='profile-phone' className='pc-input' type='number' maxlength={11} placeholder={t.phone} aria-label={t.phone} value={phone} onInput={(e) => setPhone(e.detail.value)} />
      <Button id='profile-save' className='pc-btn' onClick={() => void save()}>
        {t.save}
      </Button>
      {note && (
        <View id='profile-note' className='pc-small' role='status'>
          <Text>{note}</Text>
        </View>
      )}
    </View>
  );
});
