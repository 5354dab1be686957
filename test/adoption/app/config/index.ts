import { defineConfig } from '@tarojs/cli';

// The package ships TypeScript sources: Taro compiles them like the app's own.
const compile = { include: [(file: string) => file.includes('@maison/privacy')] };
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
  mini: { compile, postcss: { pxtransform: { enable: true, config: {} } } },
  h5: { compile, publicPath: '/', staticDirectory: 'static', router: { mode: 'hash' } },
});
