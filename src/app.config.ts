export default defineAppConfig({
  pages: ['pages/index/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: 'Maison',
    navigationBarTextStyle: 'black',
  },
  // Route privacy-gated APIs through WeChat's privacy framework (onNeedPrivacyAuthorization).
  __usePrivacyCheck__: true,
});
