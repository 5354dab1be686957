import type { UserConfigExport } from '@tarojs/cli';

export default {
  terser: {
    enable: true,
    config: {
      // Taro's mini-program defaults target ES5 engines and turn most of terser's compress steps
      // off; the build targets ES2017 (base library 2.32.3), so terser's own defaults apply, on two
      // passes, with ES2017 output (arrow functions, shorthand properties).
      compress: {
        ecma: 2017,
        arrows: true,
        collapse_vars: true,
        comparisons: true,
        computed_props: true,
        hoist_props: true,
        inline: true,
        loops: true,
        negate_iife: true,
        properties: true,
        reduce_funcs: true,
        reduce_vars: true,
        switches: true,
        typeofs: true,
        passes: 2,
      },
      // Taro's default is ascii_only, which writes every CJK character as \uXXXX and doubles the
      // size of Chinese text in the bundle.
      output: { ecma: 2017, ascii_only: false },
    },
  },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
