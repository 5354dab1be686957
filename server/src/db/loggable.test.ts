import pg from 'pg';
import { loggableError } from './loggable';

describe('loggableError', () => {
  it("keeps a database error's SQLSTATE and names, not the row values in its detail", () => {
    const err = Object.assign(new pg.DatabaseError('update or delete on table "users" violates foreign key constraint', 80, 'error'), {
      code: '23503',
      detail: 'Key (id)=(3f1c2d4e-0000-4000-8000-000000000001) is still referenced from table "consent_events".',
      where: 'SQL statement "select 1"',
      constraint: 'consent_events_user_id_fkey',
      table: 'users',
    });
    const logged = JSON.stringify(loggableError(err));
    expect(logged).not.toContain('3f1c2d4e');
    expect(logged).not.toContain('SQL statement');
    expect(JSON.parse(logged)).toMatchObject({ code: '23503', constraint: 'consent_events_user_id_fkey', table: 'users', message: err.message });
  });

  it('leaves other errors as they are', () => {
    const plain = new Error('boom');
    expect(loggableError(plain)).toBe(plain);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(loggableError(refused)).toBe(refused);
  });
});
