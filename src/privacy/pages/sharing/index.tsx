import { Text, View } from '@tarojs/components';

export default function SharingListPage() {
  return (
    <View id='sharing-list'>
      <Text>第三方信息共享清单</Text>
    </View>
  );
}
