export default definePageConfig({ navigationBarTitleText: '到店签到 Check-in' });
