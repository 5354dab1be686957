// The same as jest.config.js without the preset: the README's "The same without the preset" snippet.
module.exports = {
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  transform: { '\\.[jt]sx?$': require.resolve('@maison/privacy/testing/jest/transform.js') },
  transformIgnorePatterns: ['/node_modules/(?!@maison/privacy/)'],
  moduleNameMapper: {
    '\\.(css|scss|sass|less)$': require.resolve('@maison/privacy/testing/jest/style.js'),
    '^@tarojs/taro$': require.resolve('@maison/privacy/testing/jest/taro.js'),
    '^@tarojs/components$': require.resolve('@maison/privacy/testing/jest/components.js'),
  },
};
