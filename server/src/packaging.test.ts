import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

describe('the backend as its own package', () => {
  it('installs for production without Taro, React, MobX or webpack', () => {
    // What `npm install --omit=dev --workspace server` keeps: the server's own dependency tree.
    // The privacy package's peers (Taro, React, MobX) are optional: the server uses only its
    // contract, data and config entry points, which import none of them.
    const tree = execFileSync('npm', ['ls', '--workspace', 'server', '--omit=dev', '--omit=peer', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((p) => p.replace(/^.*node_modules\//, ''));
    expect(tree).toEqual(expect.arrayContaining(['fastify', 'kysely', 'pg', '@electric-sql/pglite']));
    expect(tree.filter((name) => /^(@tarojs\/|react$|react-dom$|mobx|webpack$|@babel\/)/.test(name))).toEqual([]);
  });
});
