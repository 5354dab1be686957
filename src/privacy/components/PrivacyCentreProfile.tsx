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
  // What the last save said; `field` marks the input it refuses.
  const [note, setNote] = useState<{ text: string; field: 'nickname' | 'phone' | null; error: boolean } | null>(null);
  // The inputs are drawn once the saved profile is read: a value set on an input before it has
  // drawn itself made Taro's input read its element before it existed.
  const [loaded, setLoaded] = useState(false);
  const active = gate.agreed && account.signedIn;

  useEffect(() => {
    if (!active) return;
    let live = true;
    // A damaged record reads as absent and is replaced by the next save.
    void store.value('profile').then(
      (p) => {
        if (!live) return;
        if (p !== null) {
          setNickname(p.nickname);
          setPhone(p.phone);
        }
        setLoaded(true);
      },
      () => live && setLoaded(true),
    );
    return () => {
      live = false;
    };
  }, [active, store]);

  if (!active) return null;

  const save = async () => {
    const n = nickname.trim();
    const p = phone.trim();
    if (n.length > NICKNAME_MAX) return setNote({ text: t.badNickname(NICKNAME_MAX), field: 'nickname', error: true });
    if (p !== '' && !PHONE.test(p)) return setNote({ text: t.badPhone, field: 'phone', error: true });
    try {
      await store.write('profile', { nickname: n, phone: p });
      setNote({ text: t.saved, field: null, error: false });
    } catch {
      setNote({ text: t.failed, field: null, error: true });
    }
  };

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
            className={note?.field === 'nickname' ? 'pc-input pc-input-invalid' : 'pc-input'}
            maxlength={NICKNAME_MAX}
            placeholder={t.nickname}
            aria-label={t.nickname}
            aria-invalid={note?.field === 'nickname' ? true : undefined}
            aria-describedby={note?.field === 'nickname' ? 'profile-note' : undefined}
            value={nickname}
            onInput={(e) => setNickname(e.detail.value)}
          />
          <Input
            id='profile-phone'
            className={note?.field === 'phone' ? 'pc-input pc-input-invalid' : 'pc-input'}
            type='number'
            maxlength={11}
            placeholder={t.phone}
            aria-label={t.phone}
            aria-invalid={note?.field === 'phone' ? true : undefined}
            aria-describedby={note?.field === 'phone' ? 'profile-note' : undefined}
            value={phone}
            onInput={(e) => setPhone(e.detail.value)}
          />
          <Button id='profile-save' className='pc-btn' onClick={() => void save()}>
            {t.save}
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
