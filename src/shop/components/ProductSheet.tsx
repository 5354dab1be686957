import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { usePrivacy } from '@maison/privacy';
import { CATALOGUE, type Product } from '../catalogue';
import { shop } from '../instance';

const CATEGORY = Object.freeze({
  zh: { watches: '腕表', jewellery: '珠宝', leather: '皮具' },
  en: { watches: 'Watches', jewellery: 'Jewellery', leather: 'Leather goods' },
} satisfies Record<'zh' | 'en', Record<Product['category'], string>>);

const T = Object.freeze({
  zh: {
    price: '参考价格',
    category: '品类',
    recorded: '您已开启个性化推荐：本次浏览已记录，用于“为您推荐”。可随时在隐私中心关闭。',
    notRecorded: '个性化推荐未开启：本次浏览不会被记录。',
    close: '关闭',
  },
  en: {
    price: 'Price',
    category: 'Category',
    recorded: 'Personalised recommendations are on: this view was recorded for "Recommended for you". You can turn this off any time in the privacy centre.',
    notRecorded: 'Personalised recommendations are off: this view is not recorded.',
    close: 'Close',
  },
});

/** The product sheet: a product's details; says whether opening it was recorded. */
export const ProductSheet = observer(function ProductSheet() {
  const { policy } = usePrivacy();
  const lang = policy.lang;
  const t = T[lang];
  const product = CATALOGUE.find((p) => p.id === shop.openProduct);
  if (!product) return null;
  return (
    <View className='product-sheet-mask'>
      <View id='product-sheet' className='product-sheet' role='dialog' aria-modal='true' aria-labelledby='product-sheet-title' data-product={product.id}>
        <View id='product-sheet-title' className='product-sheet-title' role='heading' aria-level={2}>
          <Text>{product.name[lang]}</Text>
        </View>
        <View className='product-sheet-row'>
          <Text className='product-sheet-label'>{t.category}</Text>
          <Text>{CATEGORY[lang][product.category]}</Text>
        </View>
        <View className='product-sheet-row'>
          <Text className='product-sheet-label'>{t.price}</Text>
          <Text>¥{product.price.toLocaleString('en-US')}</Text>
        </View>
        <View id='product-sheet-recorded' className='product-sheet-note' data-recorded={shop.openRecorded ? 'yes' : 'no'}>
          <Text>{shop.openRecorded ? t.recorded : t.notRecorded}</Text>
        </View>
        <Button id='product-sheet-close' className='product-sheet-btn' onClick={shop.close}>
          {t.close}
        </Button>
      </View>
    </View>
  );
});
