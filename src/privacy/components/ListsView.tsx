import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { Lang } from '../domain/contract';
import type { CollectionItem, LocalisedText, SharingItem } from '../domain/lists';
import { Emphasised } from './PolicyBlocks';
import { usePrivacy } from './PrivacyContext';
import './ListsView.scss';

const LABELS = Object.freeze({
  zh: { items: '收集的信息', purpose: '目的', scene: '场景', required: '必要', optional: '选填', sensitive: '敏感个人信息', data: '共享的信息', method: '方式', contact: '联系方式', type: { processor: '受托处理者', 'third-party': '第三方', sdk: 'SDK', overseas: '境外接收方' } },
  en: { items: 'Information', purpose: 'Purpose', scene: 'Scene', required: 'Required', optional: 'Optional', sensitive: 'Sensitive personal information', data: 'Information shared', method: 'How', contact: 'Contact', type: { processor: 'Processor', 'third-party': 'Third party', sdk: 'SDK', overseas: 'Overseas receiver' } },
});

function Field({ label, value, lang, emphasise }: { label: string; value: LocalisedText; lang: Lang; emphasise?: boolean }) {
  return (
    <View className='lv-field'>
      <Text className='lv-label'>
        {label}
        {lang === 'zh' ? '：' : ': '}
      </Text>
      {emphasise ? <Emphasised text={value[lang]} lang={lang} /> : <Text>{value[lang]}</Text>}
    </View>
  );
}

/** 个人信息收集清单: what is collected, why and in which scene. */
export const CollectionListView = observer(function CollectionListView({ items }: { items: readonly CollectionItem[] }) {
  const { policy, texts } = usePrivacy();
  const lang = policy.lang;
  const l = LABELS[lang];
  return (
    <View id='collection-list' className='lv'>
      <View className='lv-title' role='heading' aria-level={1}>
        <Text>{texts[lang].collectionList}</Text>
      </View>
      {items.map((item) => (
        <View key={item.id} id={`collect-${item.id}`} className='lv-card'>
          <View className='lv-head' role='heading' aria-level={2}>
            <Text>{item.category[lang]}</Text>
            <Text className='lv-tag'>{item.required ? l.required : l.optional}</Text>
            {item.sensitive && <Text className='lv-tag lv-tag-sensitive'>{l.sensitive}</Text>}
          </View>
          {/* Only the sensitive items themselves are bold and underlined, as in the policy. */}
          <Field label={l.items} value={item.items} lang={lang} emphasise />
          <Field label={l.purpose} value={item.purpose} lang={lang} />
          <Field label={l.scene} value={item.scene} lang={lang} />
        </View>
      ))}
    </View>
  );
});

/** 第三方信息共享清单: who receives what, why and how (the policy's "Exhibit 1"). */
export const SharingListView = observer(function SharingListView({ items }: { items: readonly SharingItem[] }) {
  const { policy, texts } = usePrivacy();
  const lang = policy.lang;
  const l = LABELS[lang];
  return (
    <View id='sharing-list' className='lv'>
      <View className='lv-title' role='heading' aria-level={1}>
        <Text>{texts[lang].sharingList}</Text>
      </View>
      {items.map((item) => (
        <View key={item.id} id={`share-${item.id}`} className='lv-card'>
          <View className='lv-head' role='heading' aria-level={2}>
            <Text>{item.recipient[lang]}</Text>
            <Text className='lv-tag'>{l.type[item.type]}</Text>
          </View>
          <Field label={l.data} value={item.data} lang={lang} />
          <Field label={l.purpose} value={item.purpose} lang={lang} />
          <Field label={l.method} value={item.method} lang={lang} />
          {item.contact && <Field label={l.contact} value={item.contact} lang={lang} />}
        </View>
      ))}
    </View>
  );
});
