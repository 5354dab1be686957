import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { usePrivacy } from '@maison/privacy';
import { CATALOGUE } from '../catalogue';
import { shop } from '../instance';

const T = Object.freeze({
  zh: { personal: '为您推荐', generic: '热门推荐', enable: '开启个性化推荐', declined: '已关闭个性化推荐 · 开启' },
  en: { personal: 'Recommended for you', generic: 'Popular now', enable: 'Turn on personalised recommendations', declined: 'Personalisation is off · turn on' },
});

/**
 * Recommendations, the consumer of the personalisation consent: the request carries the on-device
 * browsing history only while that consent holds. Nothing is requested before the policy is agreed.
 */
export const Recommendations = observer(function Recommendations() {
  const { gate, consents, consent, account, policy } = usePrivacy();
  const t = T[policy.lang];
  const personalisation = consents.has('personalisation');

  useEffect(() => {
    if (gate.agreed) void shop.loadRecommendations();
  }, [gate.agreed, personalisation, account.signedIn]);

  if (!gate.agreed || shop.recommendations.length === 0) return null;
  const names = new Map(CATALOGUE.map((p) => [p.id, p.name[policy.lang]]));
  return (
    <View id='recommendations' className='recs' data-personalised={shop.personalised ? 'yes' : 'no'}>
      <View className='recs-title' role='heading' aria-level={2}>
        <Text id='recs-title'>{shop.personalised ? t.personal : t.generic}</Text>
      </View>
      {shop.recommendations.map((r) => (
        <View key={r.productId} id={`rec-${r.productId}`} className='recs-item'>
          <Text>{names.get(r.productId) ?? r.productId}</Text>
        </View>
      ))}
      {!personalisation && account.signedIn && (
        <View
          id='enable-personalisation'
          className='link'
          role='button'
          onClick={async () => {
            if ((await consents.request('personalisation')) !== 'granted') return;
            // The server checks its own copy of the ledger: send the new consent first.
            await consent.sync();
            await shop.loadRecommendations();
          }}
        >
          <Text>{consents.wasRefused('personalisation') ? t.declined : t.enable}</Text>
        </View>
      )}
    </View>
  );
});
