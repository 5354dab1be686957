import type { UserConfigExport } from '@tarojs/cli';

export default {
  // Taro's default terser output for mini-programs is ascii_only, which writes every CJK
  // character as \uXXXX and doubles the size of Chinese text in the bundle.
  terser: { enable: true, config: { output: { ascii_only: false } } },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
