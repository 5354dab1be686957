// The adoption app's configuration without the privacy module: the same page, no subpackage.
export default defineAppConfig({
  pages: ['pages/index/index'],
  __usePrivacyCheck__: true,
});
