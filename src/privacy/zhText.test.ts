/**
 * Chinese interface text uses full-width punctuation (，：；) and one form of address (您): every
 * string literal holding Chinese in the module and the demo shop, and every Chinese value of the
 * shipped catalogues and lists. The policy document is the house's own text and is not checked here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { TEXTS } from './texts/pages';
import { textLeaves } from './texts/leaves';
import { COLLECTION_LIST, SHARING_LIST, CONSENT_CATALOGUE, PERMISSION_CATALOGUE, SHOP_PRIVACY } from '../shop/privacy-content';

const SRC = join(__dirname, '..');
const HAN = /[\u3400-\u9fff]/;

/** Chinese characters and full-width punctuation. */
const CJK = '[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef“”‘’]';
/** ASCII , : ; ? ! with Chinese on either side; Latin runs inside Chinese (an address in Geneva, a URL, 09:30) keep theirs. */
const ASCII_BESIDE_CJK = new RegExp(`${CJK}\\s*[,:;?!]|[,:;?!]\\s*${CJK}`);
const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！' };

/** ASCII ( ) holding Chinese: （） in Chinese text; a bracket inside a Latin run (an address) keeps its own. */
const ASCII_PARENS_AROUND_HAN = /\([^()（）]*[\u3400-\u9fff\u3000-\u303f][^()（）]*\)|[\u3400-\u9fff]\(/;

/** What is wrong with one Chinese string, or null. */
function zhProblem(text: string): string | null {
  if (!HAN.test(text)) return null;
  const ascii = text.match(ASCII_BESIDE_CJK)?.[0].replace(/[^,:;?!]/g, '').match(/[,:;?!]/);
  if (ascii) return `ASCII "${ascii[0]}" (use ${FULL_WIDTH[ascii[0]]})`;
  if (ASCII_PARENS_AROUND_HAN.test(text)) return 'ASCII brackets around Chinese (use （）)';
  if (/你/.test(text)) return 'addresses the shopper as 你 (use 您)';
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every string literal, template piece and JSX text of a file, with its line. */
function literals(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isJsxText(node)) {
      out.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Every string under a `zh` key (or everything, once inside one). */
function zhValues(value: unknown, inZh = false, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return inZh ? [{ path, text: value }] : [];
  if (typeof value === 'function') return inZh ? zhValues((value as (n: number) => unknown)(1), true, `${path}()`) : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => zhValues(v, inZh, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => zhValues(v, inZh || k === 'zh', `${path}.${k}`));
  return [];
}

describe('Chinese text', () => {
  test('the rule itself: ASCII ,:; and 你 are found; times, URLs and English pass', () => {
    expect(zhProblem('请阅读并了解:')).toMatch(/ASCII ":"/);
    expect(zhProblem('浏览商品;注册会员')).toMatch(/ASCII ";"/);
    expect(zhProblem('网络异常,请稍后重试')).toMatch(/ASCII ","/);
    expect(zhProblem('确定撤回吗?')).toMatch(/ASCII "\?" \(use ？\)/);
    expect(zhProblem('系统会请求你的授权')).toMatch(/您/);
    expect(zhProblem('09:47（北京时间）见 https://example.com')).toBeNull();
    expect(zhProblem('Richemont International SA, CP 30, 1293 Bellevue, Geneva；电话：+41 22')).toBeNull();
    expect(zhProblem('地址: Geneva')).toMatch(/ASCII ":"/);
    expect(zhProblem('Hello, world: yes; no')).toBeNull();
    expect(zhProblem('请阅读并了解：')).toBeNull();
    expect(zhProblem('您同意了隐私政策(第 1 版)')).toMatch(/brackets/);
    expect(zhProblem('您同意了隐私政策（第 1 版）')).toBeNull();
    expect(zhProblem('卡地亚 (Cartier SA) 总部')).toBeNull();
    expect(zhProblem('设备与日志(Cookies)')).toMatch(/brackets/);
  });

  test('no string literal in the module or the shop breaks it', () => {
    const problems = sourceFiles(SRC).flatMap((file) =>
      literals(file).flatMap(({ line, text }) => {
        const p = zhProblem(text);
        return p ? [`${relative(SRC, file)}:${line} ${p}: ${text.slice(0, 60)}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  test('no Chinese value of the texts, catalogues and lists breaks it', () => {
    const values = [
      // Every text of the module (./texts), functions called with sample values, and the shop's replacements.
      ...textLeaves(TEXTS.zh).map(({ key, text }) => ({ path: `TEXTS.zh.${key}`, text: String(text) })),
      ...zhValues(SHOP_PRIVACY.texts, false, 'SHOP_PRIVACY.texts'),
      ...zhValues(COLLECTION_LIST, false, 'COLLECTION_LIST'),
      ...zhValues(SHARING_LIST, false, 'SHARING_LIST'),
      ...zhValues(CONSENT_CATALOGUE, false, 'CONSENT_CATALOGUE'),
      ...zhValues(PERMISSION_CATALOGUE, false, 'PERMISSION_CATALOGUE'),
    ];
    expect(values.length).toBeGreaterThan(100);
    expect(values.flatMap(({ path, text }) => (zhProblem(text) ? [`${path}: ${zhProblem(text)}: ${text.slice(0, 60)}`] : []))).toEqual([]);
  });
});
