import { defineConfig } from '@tarojs/cli';

const platform = process.env.TARO_ENV ?? 'weapp';

export default defineConfig<'webpack5'>({
  projectName: 'privacy-adoption-app',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${platform}`,
  // The module's Taro plugin, by name as Taro apps list plugins: the accessible names reach WeChat's templates.
  plugins: ['@maison/privacy/taro-plugin'],
  framework: 'react',
  compiler: 'webpack5',
  cache: { enable: false },
  terser: { enable: true, config: { output: { ascii_only: false } } },
  // The package ships compiled JavaScript: no `compile.include`. Its stylesheets are written in
  // design-width px like the app's; Taro's h5 build runs PostCSS (pxtransform) on node_modules
  // only for the packages `esnextModules` names (weapp runs it on every stylesheet).
  mini: { postcss: { pxtransform: { enable: true, config: {} } } },
  h5: { esnextModules: ['@maison/privacy'], publicPath: '/', staticDirectory: 'static', router: { mode: 'hash' } },
});
