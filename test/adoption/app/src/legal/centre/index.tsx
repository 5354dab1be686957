export { PrivacyCentrePage as default } from '@maison/privacy/pages';
