import {
  adapterStateOfFailure,
  AUTH_DENIED_PATTERN,
  classifyFailure,
  parseAppAuthorization,
  parseAuthSetting,
  parseCoordinates,
  parsePrivacySetting,
  parseSystemSwitch,
  readNativeFailure,
  scopeLayerOf,
} from './permission-native';

describe('parseAuthSetting / scopeLayerOf', () => {
  it('keeps boolean entries only and reads undefined as never asked', () => {
    const s = parseAuthSetting({ errMsg: 'getSetting:ok', authSetting: { 'scope.camera': true, 'scope.bluetooth': false, 'scope.userFuzzyLocation': 'yes' } });
    expect(s).toEqual({ 'scope.camera': true, 'scope.bluetooth': false });
    expect(scopeLayerOf(s!, 'scope.camera')).toBe('granted');
    expect(scopeLayerOf(s!, 'scope.bluetooth')).toBe('denied');
    expect(scopeLayerOf(s!, 'scope.userFuzzyLocation')).toBe('never-asked');
  });
  it('rejects shapes without authSetting', () => {
    expect(parseAuthSetting(undefined)).toBeNull();
    expect(parseAuthSetting({ errMsg: 'getSetting:ok' })).toBeNull();
    expect(parseAuthSetting({ authSetting: [] })).toBeNull();
  });
  it('does not read inherited properties as answers', () => {
    expect(scopeLayerOf({}, 'toString')).toBe('never-asked');
  });
});

describe('parseAppAuthorization / parseSystemSwitch', () => {
  it('maps the three documented values and nothing else', () => {
    expect(parseAppAuthorization('authorized')).toBe('authorized');
    expect(parseAppAuthorization('denied')).toBe('denied');
    expect(parseAppAuthorization('not determined')).toBe('not-determined');
    expect(parseAppAuthorization('config error')).toBe('unknown');
    expect(parseAppAuthorization(undefined)).toBe('unknown');
    expect(parseAppAuthorization(true)).toBe('unknown');
  });
  it('reads a switch only from a boolean', () => {
    expect(parseSystemSwitch(true)).toBe('on');
    expect(parseSystemSwitch(false)).toBe('off');
    expect(parseSystemSwitch('false')).toBe('unknown');
    expect(parseSystemSwitch(undefined)).toBe('unknown');
  });
});

describe('classifyFailure', () => {
  it.each([
    'authorize:fail auth deny',
    'authorize:fail auth denied',
    'authorize:fail:auth denied',
    'authorize:fail:auth deny',
    'getFuzzyLocation:fail auth deny',
  ])('reads %s as a scope refusal', (errMsg) => {
    expect(AUTH_DENIED_PATTERN.test(errMsg)).toBe(true);
    expect(classifyFailure({ errMsg })).toBe('auth-denied');
  });
  it('reads errno 103/104 and the privacy errMsg as the agreement refused', () => {
    expect(classifyFailure({ errMsg: 'authorize:fail privacy permission is not authorized', errno: 104 })).toBe('privacy-not-agreed');
    expect(classifyFailure({ errMsg: 'x', errno: 103 })).toBe('privacy-not-agreed');
    expect(classifyFailure({ errMsg: 'getFuzzyLocation:fail privacy permission is not authorized' })).toBe('privacy-not-agreed');
  });
  it('reads errno 112 as an API missing from the privacy guide', () => {
    expect(classifyFailure({ errMsg: 'getFuzzyLocation:fail api scope is not declared in the privacy agreement', errno: 112 })).toBe('not-declared');
    expect(classifyFailure({ errMsg: 'x', errno: 112 })).toBe('not-declared');
  });
  it('leaves anything else as other', () => {
    expect(classifyFailure({ errMsg: 'authorize:fail system error' })).toBe('other');
    expect(classifyFailure({ errMsg: '' })).toBe('other');
  });
});

describe('readNativeFailure / adapterStateOfFailure', () => {
  it('keeps numeric codes only', () => {
    expect(readNativeFailure({ errMsg: 'openBluetoothAdapter:fail not available', errCode: 10001, state: 4 })).toEqual({
      errMsg: 'openBluetoothAdapter:fail not available',
      errCode: 10001,
      state: 4,
    });
    expect(readNativeFailure({ errMsg: 1, errno: '112' })).toEqual({ errMsg: '' });
    expect(readNativeFailure(new Error('boom'))).toEqual({ errMsg: 'boom' });
    expect(readNativeFailure('fail')).toEqual({ errMsg: 'fail' });
    expect(readNativeFailure(null)).toEqual({ errMsg: '' });
  });
  it('reads Bluetooth 10001 and the iOS states', () => {
    expect(adapterStateOfFailure({ errMsg: '', errCode: 10001 })).toBe('off');
    expect(adapterStateOfFailure({ errMsg: '', errCode: 10001, state: 3 })).toBe('unauthorized');
    expect(adapterStateOfFailure({ errMsg: '', errCode: 10001, state: 4 })).toBe('off');
    expect(adapterStateOfFailure({ errMsg: '', errCode: 10001, state: 2 })).toBe('unsupported');
    expect(adapterStateOfFailure({ errMsg: '', errCode: 10009 })).toBe('unsupported');
    expect(adapterStateOfFailure({ errMsg: '', errCode: 10000 })).toBe('unknown');
  });
});

describe('parsePrivacySetting / parseCoordinates', () => {
  it('needs a boolean needAuthorization', () => {
    expect(parsePrivacySetting({ needAuthorization: true, privacyContractName: '《隐私保护指引》' })).toEqual({ needAuthorization: true, privacyContractName: '《隐私保护指引》' });
    expect(parsePrivacySetting({ needAuthorization: 'true' })).toBeNull();
    expect(parsePrivacySetting(undefined)).toBeNull();
  });
  it('accepts WeChat results and browser positions, rejects nonsense', () => {
    expect(parseCoordinates({ latitude: 31.23, longitude: 121.47, errMsg: 'getFuzzyLocation:ok' })).toEqual({ latitude: 31.23, longitude: 121.47 });
    expect(parseCoordinates({ coords: { latitude: 39.9, longitude: 116.4 } })).toEqual({ latitude: 39.9, longitude: 116.4 });
    expect(parseCoordinates({ latitude: '31', longitude: 121 })).toBeNull();
    expect(parseCoordinates({ latitude: 91, longitude: 0 })).toBeNull();
    expect(parseCoordinates({ latitude: NaN, longitude: 0 })).toBeNull();
  });
});
