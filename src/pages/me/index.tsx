import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { BackBar, PrivacyLayer, usePrivacy } from '@maison/privacy';
import { Membership } from '../../shop/components/Membership';
import '../index/index.scss';

const go = (url: string) => () => Taro.navigateTo({ url });

/** "Me": member area and the privacy entries (policy and both lists within two taps of home). */
export default observer(function Me() {
  const { policy, routes } = usePrivacy();
  const zh = policy.lang === 'zh';
  return (
    <View id='me' className='page' role='main'>
      <BackBar />
      <View className='hero' role='heading' aria-level={1}>
        <Text>{zh ? '我的' : 'Me'}</Text>
      </View>
      <Membership />
      <View id='me-privacy-centre' className='link' role='link' onClick={go(routes.centre)}>
        <Text>{zh ? '隐私中心' : 'Privacy centre'}</Text>
      </View>
      <View id='me-policy' className='link' role='link' onClick={go(routes.policy)}>
        <Text>{zh ? '隐私政策' : 'Privacy policy'}</Text>
      </View>
      <View id='me-collection' className='link' role='link' onClick={go(routes.collection)}>
        <Text>{zh ? '个人信息收集清单' : 'Personal information collected'}</Text>
      </View>
      <View id='me-sharing' className='link' role='link' onClick={go(routes.sharing)}>
        <Text>{zh ? '第三方信息共享清单' : 'Third parties and SDKs'}</Text>
      </View>
      <View id='me-warranty' className='link' role='link' onClick={go('/features/warranty/index')}>
        <Text>{zh ? '登记保修' : 'Register a warranty'}</Text>
      </View>
      <View id='me-boutiques' className='link' role='link' onClick={go('/features/boutiques/index')}>
        <Text>{zh ? '查找精品店' : 'Find a boutique'}</Text>
      </View>
      <View id='me-checkin' className='link' role='link' onClick={go('/features/checkin/index')}>
        <Text>{zh ? '到店签到' : 'Boutique check-in'}</Text>
      </View>
      <PrivacyLayer />
    </View>
  );
});
