export default definePageConfig({ navigationBarTitleText: 'Maison' });
