export default definePageConfig({ navigationBarTitleText: 'Adopter' });
