/**
 * The build settings of both adopter builds in `bench/adopterCost.ts`: copied into each copy of the
 * adoption app as `config/index.ts`, with the app's own `config/index.ts` beside it as `adopter.ts`.
 * The app's settings as they are, plus hidden source maps (no comment is added to the JavaScript:
 * the same bytes, and the maps count in no size) to attribute bytes to their sources; for the app
 * without the module (ADOPTER_WITHOUT_MODULE=1), without the package's Taro plugin nor the package
 * among h5's esnextModules.
 */
import type { UserConfigExport, UserConfigFn } from '@tarojs/cli';
// @ts-expect-error -- the adoption app's own config/index.ts, copied beside this file in each copy
import adopterConfig from './adopter';

const config: UserConfigFn<'webpack5'> = async (merge, env) => {
  const own = adopterConfig as UserConfigExport<'webpack5'>;
  const adopter = typeof own === 'function' ? await own(merge, env) : await own;
  const without = process.env.ADOPTER_WITHOUT_MODULE === '1';
  const mini = adopter.mini ?? {};
  return {
    ...adopter,
    ...(without ? { plugins: [], h5: { ...adopter.h5, esnextModules: [] } } : {}),
    mini: {
      ...mini,
      webpackChain(chain, webpack, parseAstType) {
        mini.webpackChain?.(chain, webpack, parseAstType);
        chain.devtool('hidden-source-map');
        // Sources by their absolute paths: which package each byte comes from.
        chain.output.devtoolModuleFilenameTemplate('[absolute-resource-path]');
      },
    },
  };
};

export default config;
