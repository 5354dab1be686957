export default definePageConfig({ navigationBarTitleText: 'Baseline' });
