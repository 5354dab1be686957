export default definePageConfig({ navigationBarTitleText: '隐私政策 Privacy Policy', onReachBottomDistance: 400 });
