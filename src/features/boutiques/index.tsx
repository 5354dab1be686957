import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { BackBar, PermissionHint, PrivacyLayer, useFeatureGate, usePrivacy } from '@maison/privacy';
import { boutiquesIn, CITIES, formatDistance, nearestBoutiques, type Boutique, type BoutiqueDistance } from '../../shop/boutiques';
import { ContactLink } from '../../shop/components/ContactLink';
import '../../pages/index/index.scss';
// The feature pages share one small stylesheet.
import '../warranty/index.scss';

const T = Object.freeze({
  zh: {
    title: '查找精品店',
    intro: '使用您的大致位置查找离您最近的精品店，或从城市列表中选择。',
    bookIntro: '在卡地亚专卖店预约：查找附近的精品店或从城市列表中选择，然后致电精品店预约。',
    phone: (p: string) => `致电 ${p} 预约（演示号码）`,
    demoPhone: '（演示号码）',
    locate: '查找附近的精品店',
    chooseCity: '从城市列表中选择',
    nearby: '离您最近的精品店',
    cities: '选择城市',
    inCity: (city: string) => `${city}的精品店`,
    noPosition: '暂时无法获取您的位置，请从城市列表中选择。',
    failed: '操作未完成，请稍后重试。',
    checkIn: '到店签到',
  },
  en: {
    title: 'Find a boutique',
    intro: 'Use your approximate location to find the boutiques nearest to you, or choose a city from the list.',
    bookIntro: 'Book at a Cartier boutique: find the boutiques near you or choose a city, then call the boutique to book.',
    phone: (p: string) => `Call ${p} to book (demo number)`,
    demoPhone: ' (demo number)',
    locate: 'Find boutiques near me',
    chooseCity: 'Choose a city from the list',
    nearby: 'Boutiques nearest to you',
    cities: 'Choose a city',
    inCity: (city: string) => `Boutiques in ${city}`,
    noPosition: 'Your location is not available right now; please choose a city from the list.',
    failed: 'That did not work; please try again later.',
    checkIn: 'Check in',
  },
});

type Mode = 'idle' | 'nearby' | 'cities';

/**
 * Boutique finder: fuzzy location (scope.userFuzzyLocation) on tap through the permission engine;
 * the city list is the fallback, and can be chosen without locating at all.
 */
export default observer(function Boutiques() {
  const privacy = usePrivacy();
  const { permissions, policy } = privacy;
  const lang = policy.lang;
  const t = T[lang];
  // Opened as the alternative to a dealer appointment: the intro says how to book.
  const booking = useRouter().params.book === '1';
  const [mode, setMode] = useState<Mode>('idle');
  const [nearby, setNearby] = useState<BoutiqueDistance[]>([]);
  const [city, setCity] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const locateNearby = useFeatureGate('location', {
    run: async () => {
      const position = await permissions.fuzzyLocation();
      if (!position) {
        setProblem(t.noPosition);
        setMode('cities');
        return;
      }
      // The position is used for this sort only and not kept (the catalogue's promise).
      setNearby(nearestBoutiques(position, 3));
      setMode('nearby');
    },
    fallback: () => setMode('cities'),
    onError: (err) => {
      console.error('[boutiques] locating failed', err);
      setProblem(t.failed);
    },
  });
  const locate = () => {
    setProblem(null);
    return locateNearby();
  };

  const showCities = () => {
    setCity(null);
    setMode('cities');
  };

  const boutiqueRow = (b: Boutique, idPrefix: string, km?: number) => (
    <View key={b.id} id={`${idPrefix}-${b.id}`} className='choice' role='listitem'>
      <Text>{b.name[lang]}</Text>
      <Text className='choice-meta'>{b.address[lang]}</Text>
      {km !== undefined && <Text className='choice-meta'>{formatDistance(km, lang)}</Text>}
      <View className='choice-meta'>
        <ContactLink id={`${idPrefix}-${b.id}-phone`} kind='phone' value={b.phone} label={t.phone(b.phone)} />
        <Text>{t.demoPhone}</Text>
      </View>
    </View>
  );

  return (
    <View id='boutiques' className='page' role='main'>
      <BackBar />
      <View className='hero' role='heading' aria-level={1}>
        <Text>{t.title}</Text>
      </View>
      <View className='feature-intro'>
        <Text id='boutiques-intro'>{booking ? t.bookIntro : t.intro}</Text>
      </View>
      <View className='feature-actions'>
        <Button id='boutiques-locate' className='feature-btn' onClick={() => void locate()}>
          {t.locate}
        </Button>
        {mode !== 'cities' && (
          <View id='boutiques-choose-city' className='link' role='link' onClick={showCities}>
            <Text>{t.chooseCity}</Text>
          </View>
        )}
      </View>
      {problem && (
        <View id='boutiques-problem' className='feature-error' role='alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <PermissionHint capability='location' onFallback={mode === 'cities' ? undefined : showCities} onAllow={() => void locateNearby.allow()} />
      {mode === 'nearby' && (
        <View id='boutiques-nearby' className='feature-box' role='region' aria-labelledby='boutiques-nearby-title'>
          <View id='boutiques-nearby-title' className='feature-title' role='heading' aria-level={2}>
            <Text>{t.nearby}</Text>
          </View>
          <View role='list'>{nearby.map((d) => boutiqueRow(d.boutique, 'nearby', d.km))}</View>
        </View>
      )}
      {mode === 'cities' && (
        <View id='city-list' className='feature-box' role='region' aria-labelledby='city-list-title'>
          <View id='city-list-title' className='feature-title' role='heading' aria-level={2}>
            <Text>{t.cities}</Text>
          </View>
          {/* One city at a time: the chosen one is marked (aria-pressed) and highlighted. */}
          <View className='city-choices' role='group' aria-labelledby='city-list-title'>
            {CITIES.map((c) => (
              <View
                key={c.id}
                id={`city-${c.id}`}
                className={city === c.id ? 'city-choice city-choice-on' : 'city-choice'}
                role='button'
                aria-pressed={city === c.id}
                onClick={() => setCity(c.id)}
              >
                <Text>{c.name[lang]}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
      {mode === 'cities' && city && (
        <View id='city-boutiques' className='feature-box' role='region' aria-labelledby='city-boutiques-title'>
          <View id='city-boutiques-title' className='feature-title' role='heading' aria-level={2}>
            <Text>{t.inCity(CITIES.find((c) => c.id === city)?.name[lang] ?? city)}</Text>
          </View>
          <View role='list'>{boutiquesIn(city).map((b) => boutiqueRow(b, 'boutique'))}</View>
        </View>
      )}
      <PrivacyLayer />
    </View>
  );
});
