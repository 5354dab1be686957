import { View, Text } from '@tarojs/components';

export default function Index() {
  return (
    <View id='home'>
      <Text id='hello'>Maison</Text>
    </View>
  );
}
