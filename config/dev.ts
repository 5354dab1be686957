import type { UserConfigExport } from '@tarojs/cli';

export default {
  mini: {},
  h5: {
    // The dev server defaults to 0.0.0.0 and opens a browser.
    devServer: { host: '127.0.0.1', open: false },
  },
} satisfies UserConfigExport<'webpack5'>;
