// Baseline for the size benchmark: the same stack (Taro + React + MobX) without the privacy module.
export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { navigationBarTitleText: 'Baseline' },
});
