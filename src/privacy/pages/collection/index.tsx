import { Text, View } from '@tarojs/components';

export default function CollectionListPage() {
  return (
    <View id='collection-list'>
      <Text>个人信息收集清单</Text>
    </View>
  );
}
