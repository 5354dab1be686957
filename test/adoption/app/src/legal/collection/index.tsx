export { CollectionListPage as default } from '@maison/privacy/pages';
