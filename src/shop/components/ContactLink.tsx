import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';

/**
 * A phone number or e-mail address a person can tap: in WeChat the phone is dialled with
 * `Taro.makePhoneCall` (a mini program has no mail client, so the address is copied); in the
 * browser they are `tel:` and `mailto:` links.
 */
export function ContactLink({ id, kind, value, label }: { id: string; kind: 'phone' | 'email'; value: string; label: string }) {
  const href = kind === 'phone' ? `tel:${value.replace(/[^0-9+]/g, '')}` : `mailto:${value}`;
  if (process.env.TARO_ENV === 'h5') {
    return (
      <a id={id} className='contact-link' href={href} aria-label={label}>
        {value}
      </a>
    );
  }
  return (
    <View
      id={id}
      className='contact-link'
      role='link'
      aria-label={label}
      onClick={() => {
        const done = kind === 'phone' ? Taro.makePhoneCall({ phoneNumber: value.replace(/[^0-9+]/g, '') }) : Taro.setClipboardData({ data: value });
        // Closing the dialler is not a failure.
        done.catch(() => undefined);
      }}
    >
      <Text>{value}</Text>
    </View>
  );
}
