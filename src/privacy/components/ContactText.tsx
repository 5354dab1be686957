import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { contactRuns, type ContactRun } from '../domain/contactLinks';
import { usePageTexts } from './usePageTexts';

type Link = Extract<ContactRun, { kind: 'phone' | 'email' }>;

/**
 * A phone number or e-mail address a person can tap: in the browser a `tel:` or `mailto:` link; in
 * WeChat the number is dialled with `makePhoneCall`, and the address, which no mini-program can
 * hand to a mail client, is copied (`setClipboardData`; WeChat says "copied" itself).
 */
function ContactLink({ id, run, className }: { id: string; run: Link; className: string }) {
  const t = usePageTexts().contact;
  if (process.env.TARO_ENV === 'h5') {
    return (
      <a id={id} className={className} href={run.href} aria-label={run.kind === 'phone' ? t.call(run.text) : t.mail(run.text)}>
        {run.text}
      </a>
    );
  }
  const tap = () => {
    const done = run.kind === 'phone' ? Taro.makePhoneCall({ phoneNumber: run.href.slice('tel:'.length) }) : Taro.setClipboardData({ data: run.text });
    // Closing the dialler is not a failure.
    done.catch(() => undefined);
  };
  return (
    <View id={id} className={className} role='link' aria-label={run.kind === 'phone' ? t.call(run.text) : t.copy(run.text)} onClick={tap} data-href={run.href}>
      <Text>{run.text}</Text>
    </View>
  );
}

/**
 * A line of contact text with its phone numbers and e-mail addresses tappable (`contactRuns`);
 * the rest stays selectable text. Renders siblings for the caller's line element: no level of its own.
 */
export function ContactText({ text, id, linkClassName }: { text: string; id: string; linkClassName: string }) {
  return (
    <>
      {contactRuns(text).map((run, i) =>
        run.kind === 'text' ? (
          <Text key={i} userSelect>
            {run.text}
          </Text>
        ) : (
          <ContactLink key={i} id={`${id}-${run.kind}-${i}`} run={run} className={linkClassName} />
        ),
      )}
    </>
  );
}
