export { SharingListPage as default } from '@maison/privacy/pages';
