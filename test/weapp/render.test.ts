/**
 * The view side of the host: WeChat's setData path semantics and the decoding of Taro's templates.
 * Source for paths: https://developers.weixin.qq.com/miniprogram/dev/reference/api/Page.html#Page-prototype-setData-Object-data-Function-callback
 */
import { applySetData, buildTree, parseBaseTemplates, parseDataPath, textContent } from './render';

describe('setData paths', () => {
  test('keys are data paths: "array[2].message", "a.b.c.d" and Taro paths like "root.cn.[0].v"', () => {
    expect(parseDataPath('array[2].message')).toEqual(['array', 2, 'message']);
    expect(parseDataPath('a.b.c.d')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseDataPath('root.cn.[0].cn.[12].v')).toEqual(['root', 'cn', 0, 'cn', 12, 'v']);
  });

  test('a path changes one item; missing containers are created; other data is kept', () => {
    const data: Record<string, unknown> = { root: { cn: [{ v: 'a' }, { v: 'b' }] }, other: 1 };
    applySetData(data, { 'root.cn.[1].v': 'B', 'x.y[1]': 7, 'root.uid': 'p' });
    expect(data).toEqual({ root: { cn: [{ v: 'a' }, { v: 'B' }], uid: 'p' }, other: 1, x: { y: [undefined, 7] } });
  });

  test('a whole array replaces the old one; undefined values are ignored', () => {
    const data: Record<string, unknown> = { root: { cn: [{ v: 'a' }, { v: 'b' }] } };
    applySetData(data, { 'root.cn': [{ v: 'c' }], gone: undefined });
    expect(data).toEqual({ root: { cn: [{ v: 'c' }] } });
  });
});

describe('template decoding', () => {
  const xml = `
<template name="tmpl_0_3">
  <view style="{{i.st}}" class="{{i.cl}}" bindtap="eh" catchtouchmove="eh" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}">
    <template is="{{xs.a(c, item.nn, l)}}" data="{{i:item,c:c+1,l:xs.f(l,item.nn)}}" wx:for="{{i.cn}}" wx:key="sid" />
  </view>
</template>
<template name="tmpl_0_7">
  <button open-type="{{i.p7}}" disabled="{{i.p2}}" size="{{i.p9||'default'}}" bindagreeprivacyauthorization="eh" bindtap="eh" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}">
  </button>
</template>
<template name="tmpl_0_9">
  <block>{{i.v}}</block>
</template>
<template name="tmpl_0_33">
  <template is="{{xs.c(i, 'tmpl_0_')}}" data="{{i:i}}" />
</template>
<template name="tmpl_0_33_blur">
  <input value="{{i.p25}}" bindinput="eh" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}" />
</template>`;
  const table = parseBaseTemplates(xml);

  test('node-name numbers map to tags, attribute keys and bound events', () => {
    expect(table.get('3')?.tag).toBe('view');
    expect([...(table.get('3')?.events ?? [])]).toEqual([['tap', 'bind'], ['touchmove', 'catch']]);
    expect(table.get('7')?.attrs.map((a) => [a.name, a.key])).toEqual([['open-type', 'p7'], ['disabled', 'p2'], ['size', 'p9']]);
    expect(table.get('9')?.text).toBe(true);
    expect(table.get('33')?.tag).toBe('input');
  });

  test('the tree shows decoded props, ids and text', () => {
    const tree = buildTree(
      [{ nn: '3', sid: '_A', uid: 'box', cn: [{ nn: '7', sid: '_B', uid: 'ok', p7: 'agreePrivacyAuthorization', cn: [{ nn: '9', sid: '_C', v: '同意' }] }, { nn: '33', sid: '_D', p25: 'x' }] }],
      table,
      'owner',
      () => undefined,
    );
    expect(tree[0].id).toBe('box');
    const button = tree[0].children[0];
    expect(button.props).toEqual({ 'open-type': 'agreePrivacyAuthorization' });
    expect(button.parent).toBe(tree[0]);
    expect(textContent(tree)).toBe('同意');
    expect(tree[0].children[1]).toMatchObject({ tag: 'input', id: '_D', hasUserId: false, props: { value: 'x' } });
  });
});
