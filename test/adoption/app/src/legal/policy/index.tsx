export { PolicyPage as default } from '@maison/privacy/pages';
