import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { PrivacyLayer, usePrivacy } from '@maison/privacy';
import { CATALOGUE } from '../../shop/catalogue';
import { ProductSheet } from '../../shop/components/ProductSheet';
import { Recommendations } from '../../shop/components/Recommendations';
import { shop, shopApi } from '../../shop/instance';
import './index.scss';

/** Home: the catalogue (browsable without any consent) and the way to the privacy pages. */
export default observer(function Home() {
  const { policy, routes } = usePrivacy();
  const lang = policy.lang;
  // Page-view statistics: trackPageView sends nothing unless the analytics consent holds.
  useDidShow(() => {
    void shopApi.trackPageView('pages/index/index').catch(() => undefined);
  });
  return (
    <View id='home' className='page' role='main'>
      <View className='hero' role='heading' aria-level={1}>
        <Text id='hello'>Maison</Text>
      </View>
      <Recommendations />
      <View id='catalogue' className='catalogue' role='list'>
        {CATALOGUE.map((p) => (
          <View key={p.id} className='product' role='listitem'>
            {/* Opens the product sheet; the view is recorded only with the personalisation consent. */}
            <View id={`product-${p.id}`} className='product-open' role='button' onClick={() => void shop.open(p.id)}>
              <Text className='product-name'>{p.name[lang]}</Text>
              <Text className='product-price'>¥{p.price.toLocaleString('en-US')}</Text>
            </View>
          </View>
        ))}
      </View>
      <View className='footer'>
        <View id='nav-me' className='link' role='link' onClick={() => Taro.navigateTo({ url: '/pages/me/index' })}>
          <Text>{lang === 'zh' ? '我的' : 'Me'}</Text>
        </View>
        <View
          id='nav-policy'
          className='link'
          role='link'
          onClick={() => Taro.navigateTo({ url: routes.policy })}
        >
          <Text>{lang === 'zh' ? '隐私政策' : 'Privacy policy'}</Text>
        </View>
      </View>
      <ProductSheet />
      <PrivacyLayer />
    </View>
  );
});
