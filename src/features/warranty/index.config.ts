export default definePageConfig({ navigationBarTitleText: '保修登记 Warranty' });
