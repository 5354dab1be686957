/** Page configs of the module's pages: the module's own `index.config.ts` files and adopters' re-exports use these. */
export const PRIVACY_PAGE_CONFIGS = Object.freeze({
  policy: { navigationBarTitleText: '隐私政策 Privacy Policy', onReachBottomDistance: 400 },
  collection: { navigationBarTitleText: '个人信息收集清单', onReachBottomDistance: 400 },
  sharing: { navigationBarTitleText: '第三方信息共享清单', onReachBottomDistance: 400 },
  centre: { navigationBarTitleText: '隐私中心' },
  cancel: { navigationBarTitleText: '注销账户' },
  requests: { navigationBarTitleText: '我的请求' },
});
