export { CancellationPage as default } from '@maison/privacy/pages';
