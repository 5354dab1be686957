import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { buttonClass, disabledWhen } from './disabledWhen';
import { usePrivacy } from './PrivacyContext';
import { usePageTexts } from './usePageTexts';

export interface SignInAgainProps {
  /** Prefix of the element ids: `<id>-sign-in`, `<id>-sign-in-note`. */
  id: string;
  /** What to say when the WeChat user has no account (none is made). */
  noAccount: string;
  /** After signing in (e.g. read the page's data). */
  onSignedIn?: () => unknown;
}

/**
 * One tap signs a returning member in again, to the account their WeChat user has: never a new
 * one, and without the age step that account passed (`account.signInAgain()`). Not offered while
 * an "under 14" answer of this session stands.
 */
export const SignInAgain = observer(function SignInAgain({ id, noAccount, onSignedIn }: SignInAgainProps) {
  const { account } = usePrivacy();
  const { signIn: t } = usePageTexts();
  const [note, setNote] = useState<{ text: string; alert: boolean } | null>(null);

  if (account.band === 'under-14') {
    return (
      <View id={`${id}-sign-in-note`} className='pc-small' role='status'>
        <Text>{t.underAge}</Text>
      </View>
    );
  }

  const signIn = async () => {
    setNote(null);
    try {
      const outcome = await account.signInAgain();
      if (outcome === 'signed-in') await onSignedIn?.();
      else setNote({ text: outcome === 'no-account' ? noAccount : t.underAge, alert: false });
    } catch {
      setNote({ text: t.failed, alert: true });
    }
  };

  return (
    <View id={`${id}-sign-in-area`} className='pc-section'>
      <View className='pc-small'>
        <Text>{t.hint}</Text>
      </View>
      <Button
        id={`${id}-sign-in`}
        className={buttonClass('pc-btn pc-btn-strong', account.isSigningIn)}
        disabled={disabledWhen(account.isSigningIn)}
        onClick={() => {
          if (!account.isSigningIn) void signIn();
        }}
      >
        {account.isSigningIn ? t.signingIn : t.button}
      </Button>
      {note && (
        <View id={`${id}-sign-in-note`} className={note.alert ? 'pc-problem' : 'pc-small'} role={note.alert ? 'alert' : 'status'}>
          <Text>{note.text}</Text>
        </View>
      )}
    </View>
  );
});
