export default definePageConfig({ navigationBarTitleText: '精品店 Boutiques' });
