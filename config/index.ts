import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { join } from 'node:path';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import type { Compiler } from 'webpack';

/**
 * Taro's mini build does not print webpack's warnings. mini-css-extract's "Conflicting order"
 * means two stylesheets meet in different orders in different chunks (one silently wins): fail
 * the build on it, and print every other warning.
 */
class BuildWarnings {
  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('BuildWarnings', (stats) => {
      const warnings = stats.compilation.warnings.map((w) => String(w.message ?? w));
      for (const w of warnings) process.stderr.write(`webpack warning: ${w.split('\n').slice(0, 6).join('\n')}\n`);
      const order = warnings.filter((w) => /Conflicting order/i.test(w));
      if (order.length) stats.compilation.errors.push(new Error(`${order.length} conflicting CSS order warning(s): ${order.map((w) => w.split('\n')[0]).join('; ')}`) as never);
    });
  }
}
import devConfig from './dev';
import prodConfig from './prod';

// Each platform writes its own folder: by default both write dist/ and one build wipes the other.
const platform = process.env.TARO_ENV ?? 'weapp';

/**
 * Production builds take MobX's own production bundle: its ESM build keeps the development error
 * texts behind checks terser cannot drop, 8.8 KB of the main package. Development builds keep them.
 */
function mobxProductionBuild(chain: { resolve: { alias: { set(name: string, path: string): unknown } } }): void {
  if (process.env.NODE_ENV === 'development') return;
  chain.resolve.alias.set('mobx$', require.resolve('mobx/dist/mobx.esm.production.min.js'));
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'shop-privacy',
    date: '2026-11-25',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    // The benchmark builds a baseline app (no privacy module) from another source root.
    sourceRoot: process.env.PRIVACY_SOURCE_ROOT ?? 'src',
    outputRoot: process.env.PRIVACY_OUTPUT_ROOT ?? `dist/${platform}`,
    // weapp: the templates and the runtime carry the ARIA attributes WeChat reads (aria-label).
    // tt: Douyin's <camera> scan mode and its events, which Taro's tt table lacks (douyinCamera.js).
    plugins: [join(__dirname, '..', 'src', 'privacy', 'taro-plugin', 'index.js'), join(__dirname, 'douyinCamera.js')],
    defineConstants: {
      // Base URL of the backend; the weapp harness routes this host to its test server.
      // h5 is served by the backend itself (same origin); weapp calls the shop's API domain.
      PRIVACY_API_BASE: JSON.stringify(process.env.PRIVACY_API_BASE ?? (platform === 'h5' ? '' : 'https://api.maison.example')),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // Template floors in base.wxml before a subtree renders through the `comp` component: 8
      // instead of Taro's 16 takes 21 KB off the main package; the deepest page tree is 7 levels
      // (the policy's emphasised list items), held below 8 by test/weapp/app/render-depth.test.ts.
      // (Taro reads `baseLevel` from the mini config; its type does not declare it.)
      ...({ baseLevel: 8 } as object),
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        chain.plugin('build-warnings').use(BuildWarnings);
        mobxProductionBuild(chain);
        // The benchmark attributes bundle bytes to source folders through source maps.
        if (process.env.PRIVACY_SOURCE_MAPS) chain.devtool('hidden-source-map');
        // Webpack's own glue (module wrappers, export getters) in ES2017 syntax, as the code is:
        // `()=>x` for each of the hundreds of `function(){return x}` getters.
        chain.output.merge({ environment: { arrowFunction: true, const: true, destructuring: true, forOf: true } });
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      router: { mode: 'hash' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        chain.plugin('build-warnings').use(BuildWarnings);
        mobxProductionBuild(chain);
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
