// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        // preset-env's `bugfixes` mode (babeljs.io/docs/babel-preset-env#bugfixes), which
        // babel-preset-taro does not pass on: for iOS 11–13 JavaScriptCore, parameters, template
        // literals and destructuring stay native and only the engine bugs behind them are worked
        // around, instead of every default parameter, template and destructuring being rewritten.
        exclude: ['transform-parameters', 'transform-template-literals', 'transform-destructuring'],
        include: [
          'bugfix/transform-safari-id-destructuring-collision-in-function-expression',
          'bugfix/transform-safari-rest-destructuring-rhs-array',
          'bugfix/transform-tagged-template-caching',
        ],
      },
    ],
  ],
  // Assumptions that hold for this code and for WeChat's JS engines (babeljs.io/docs/assumptions),
  // so the ES2017 output needs fewer helpers: no `document.all`; nothing reads a function's
  // `length`; object spread and class fields may be plain assignments (no setters on the targets);
  // object rest never meets symbol keys. Iterables are not assumed to be arrays (Sets and Maps are spread).
  assumptions: {
    noDocumentAll: true,
    ignoreFunctionLength: true,
    setSpreadProperties: true,
    setPublicClassFields: true,
    objectRestNoSymbols: true,
  },
};
