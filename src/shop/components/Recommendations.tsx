import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { usePrivacy } from '@maison/privacy';
import { CATALOGUE } from '../catalogue';
import { shop } from '../instance';

const T = Object.freeze({
  zh: {
    personal: '为您推荐',
    generic: '热门推荐',
    enable: '开启个性化推荐',
    declined: '已关闭个性化推荐 · 开启',
    waiting: '个性化推荐已开启：打开感兴趣的商品后，这里将根据您的浏览为您推荐。',
  },
  en: {
    personal: 'Recommended for you',
    generic: 'Popular now',
    enable: 'Turn on personalised recommendations',
    declined: 'Personalisation is off · turn on',
    waiting: 'Personalised recommendations are on: open products you like and this list will follow what you viewed.',
  },
});

/**
 * Recommendations, the consumer of the personalisation consent: personalised from the products the
 * member opened while that consent held (recorded on the server), the generic list otherwise.
 * Nothing is requested before the policy is agreed.
 */
export const Recommendations = observer(function Recommendations() {
  const { gate, consentPrompts, consent, account, policy } = usePrivacy();
  const t = T[policy.lang];
  const personalisation = consentPrompts.has('personalisation');

  useEffect(() => {
    if (!gate.agreed) return;
    void (async () => {
      // The server decides from its own copy of the ledger: a consent just given or withdrawn is
      // sent before the list is asked for, so the answer follows it.
      if (account.signedIn) await consent.sync().catch(() => undefined);
      await shop.loadRecommendations();
    })();
  }, [gate.agreed, personalisation, account.signedIn]);

  if (!gate.agreed || shop.recommendations.length === 0) return null;
  // Never called personal once the consent is withdrawn here, even before the new list arrives.
  const personalised = personalisation && shop.personalised;
  const names = new Map(CATALOGUE.map((p) => [p.id, p.name[policy.lang]]));
  return (
    <View id='recommendations' className='recs' data-personalised={personalised ? 'yes' : 'no'}>
      <View className='recs-title' role='heading' aria-level={2}>
        <Text id='recs-title'>{personalised ? t.personal : t.generic}</Text>
      </View>
      {shop.recommendations.map((r) => (
        <View key={r.productId} id={`rec-${r.productId}`} className='recs-item' role='button' onClick={() => void shop.open(r.productId)}>
          <Text>{names.get(r.productId) ?? r.productId}</Text>
        </View>
      ))}
      {personalisation && account.signedIn && !personalised && (
        <View id='recs-waiting' className='recs-note'>
          <Text>{t.waiting}</Text>
        </View>
      )}
      {!personalisation && account.signedIn && (
        <View
          id='enable-personalisation'
          className='link'
          role='button'
          onClick={async () => {
            if ((await consentPrompts.request('personalisation')) !== 'granted') return;
            // The server checks its own copy of the ledger: send the new consent first.
            await consent.sync();
            await shop.loadRecommendations();
          }}
        >
          <Text>{consentPrompts.wasRefused('personalisation') ? t.declined : t.enable}</Text>
        </View>
      )}
    </View>
  );
});
