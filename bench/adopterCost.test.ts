import { packageOfSource } from './adopterCost';

describe("the adopter-cost benchmark's attribution of source-map sources", () => {
  const app = '/repo/test-output/adopter-cost/with';
  test.each([
    [`${app}/node_modules/@maison/privacy/dist/stores/ConsentStore.js`, '@maison/privacy'],
    ['/repo/node_modules/mobx/dist/mobx.esm.js', 'mobx'],
    ['/repo/node_modules/mobx-react-lite/es/observer.js', 'mobx-react-lite'],
    ['/repo/node_modules/@babel/runtime/helpers/esm/createClass.js', '@babel/runtime'],
    // A package inside another's node_modules belongs to the inner one.
    ['/repo/node_modules/mobx-react-lite/node_modules/use-sync-external-store/shim/index.js', 'use-sync-external-store'],
    [`${app}/src/privacy-content/app.ts`, '(app)'],
    ['webpack://privacy-adoption-app/./src/app.tsx?02a9', '(app)'],
    // Taro's packages' own maps name `../src/…` files, which resolve outside any node_modules.
    ['/repo/test-output/adopter-cost/src/dom/element.ts', '@tarojs/* (named by their own maps)'],
    ['webpack/runtime/jsonp chunk loading', '(webpack runtime, unmapped)'],
  ])('%s → %s', (source, expected) => {
    expect(packageOfSource(source, app)).toBe(expected);
  });
});
