import { isDatabaseUnavailable } from './unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    ['network unreachable', withCode('ENETUNREACH')],
    ['SQLSTATE 08006 connection failure', withCode('08006')],
    ['SQLSTATE 57P01 admin shutdown', withCode('57P01', 'terminating connection due to administrator command')],
    ['SQLSTATE 57P03 cannot connect now', withCode('57P03')],
    ['too many connections', withCode('53300', 'sorry, too many clients already')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['query read timeout', new Error('Query read timeout')],
    ['connection ended mid-query', new Error('Connection terminated unexpectedly')],
  ])('treats %s as the database being away', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601', 'syntax error at or near "order"')],
    ['a type error in code', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('treats %s as a fault, not an outage', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
