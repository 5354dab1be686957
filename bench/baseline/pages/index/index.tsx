import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { makeAutoObservable } from 'mobx';
import { observer } from 'mobx-react-lite';

class Counter {
  n = 0;
  constructor() {
    makeAutoObservable(this);
  }
  inc() {
    this.n++;
  }
}

export default observer(function Index() {
  const [counter] = useState(() => new Counter());
  return (
    <View id='baseline' onClick={() => counter.inc()}>
      <Text>{counter.n}</Text>
    </View>
  );
});
