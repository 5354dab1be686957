// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
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
