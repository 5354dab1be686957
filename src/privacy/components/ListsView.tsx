import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { Lang } from '../domain/contract';
import type { CollectionItem, LocalisedText, SharingItem } from '../domain/lists';
import { Emphasised } from './PolicyBlocks';
import { usePrivacy } from './PrivacyContext';
import { usePageTexts } from './usePageTexts';
import './ListsView.scss';

function Field({ label, value, lang, colon, emphasise }: { label: string; value: LocalisedText; lang: Lang; colon: string; emphasise?: boolean }) {
  return (
    <View className='lv-field'>
      <Text className='lv-label'>
        {label}
        {colon}
      </Text>
      {emphasise ? <Emphasised text={value[lang]} lang={lang} /> : <Text>{value[lang]}</Text>}
    </View>
  );
}

/** 个人信息收集清单: what is collected, why and in which scene. */
export const CollectionListView = observer(function CollectionListView({ items }: { items: readonly CollectionItem[] }) {
  const { policy } = usePrivacy();
  const lang = policy.lang;
  const { lists: l, common } = usePageTexts();
  return (
    <View id='collection-list' className='lv' role='main'>
      <View className='lv-title' role='heading' aria-level={1}>
        <Text>{common.collectionList}</Text>
      </View>
      {items.map((item) => (
        <View key={item.id} id={`collect-${item.id}`} className='lv-card'>
          <View className='lv-head' role='heading' aria-level={2}>
            <Text>{item.category[lang]}</Text>
            <Text className='lv-tag'>{item.required ? l.required : l.optional}</Text>
            {item.sensitive && <Text className='lv-tag lv-tag-sensitive'>{l.sensitive}</Text>}
          </View>
          {/* Only the sensitive items themselves are bold and underlined, as in the policy. */}
          <Field label={l.items} value={item.items} lang={lang} colon={common.colon} emphasise />
          <Field label={l.purpose} value={item.purpose} lang={lang} colon={common.colon} />
          <Field label={l.scene} value={item.scene} lang={lang} colon={common.colon} />
        </View>
      ))}
    </View>
  );
});

/** 第三方信息共享清单: who receives what, why and how (the policy's "Exhibit 1"). */
export const SharingListView = observer(function SharingListView({ items }: { items: readonly SharingItem[] }) {
  const { policy } = usePrivacy();
  const lang = policy.lang;
  const { lists: l, common } = usePageTexts();
  return (
    <View id='sharing-list' className='lv' role='main'>
      <View className='lv-title' role='heading' aria-level={1}>
        <Text>{common.sharingList}</Text>
      </View>
      {items.map((item) => (
        <View key={item.id} id={`share-${item.id}`} className='lv-card'>
          <View className='lv-head' role='heading' aria-level={2}>
            <Text>{item.recipient[lang]}</Text>
            <Text className='lv-tag'>{l.types[item.type]}</Text>
          </View>
          <Field label={l.data} value={item.data} lang={lang} colon={common.colon} />
          <Field label={l.purpose} value={item.purpose} lang={lang} colon={common.colon} />
          <Field label={l.method} value={item.method} lang={lang} colon={common.colon} />
          {item.contact && <Field label={l.contact} value={item.contact} lang={lang} colon={common.colon} />}
        </View>
      ))}
    </View>
  );
});
