/**
 * The view side of the simulated host: Taro's compiled `base.wxml` templates decoded into a table
 * (node-name number → tag, attribute keys, bound events), WeChat's `setData` path semantics, and the
 * rendered node tree the harness queries.
 *
 * Taro compresses node names (`nn: '5'`) and attributes (`p3`) per build; the templates say what they
 * mean, so the harness reads them from the build instead of hard-coding one build's numbers.
 */

/** How one attribute of a template is fed from the node data. */
export interface TemplateAttr {
  readonly name: string;
  readonly key: string;
  readonly fallback?: string;
}

/** One decoded `tmpl_0_<nn>` template. */
export interface TemplateInfo {
  readonly nn: string;
  readonly tag: string;
  /** A plain text node (`<block>{{i.v}}</block>`). */
  readonly text: boolean;
  readonly attrs: readonly TemplateAttr[];
  /** Event name → binding kind (`bindtap="eh"` → tap: bind). */
  readonly events: ReadonlyMap<string, 'bind' | 'catch'>;
}

const TEMPLATE_RE = /<template name="([^"]+)">([\s\S]*?)<\/template>/g;
const ATTR_RE = /([A-Za-z_:][\w:.-]*)="([^"]*)"/g;

function decodeTemplateBody(nn: string, body: string): TemplateInfo | undefined {
  const trimmed = body.trim();
  if (/^<block>\{\{i\.v\}\}<\/block>/.test(trimmed)) return { nn, tag: '#text', text: true, attrs: [], events: new Map() };
  const open = /^<([a-z][\w-]*)\b([^>]*)>/.exec(trimmed);
  if (!open || open[1] === 'template' || open[1] === 'block') return undefined;
  const attrs: TemplateAttr[] = [];
  const events = new Map<string, 'bind' | 'catch'>();
  for (const m of open[2].matchAll(ATTR_RE)) {
    const [, name, value] = m;
    const ev = /^(bind|catch):?([a-z]+)$/.exec(name);
    if (ev && value === 'eh') {
      events.set(ev[2], ev[1] as 'bind' | 'catch');
      continue;
    }
    if (name === 'id' || name.startsWith('data-') || name === 'style' || name === 'class') continue;
    const key = /\bi\.(p\d+|[a-zA-Z]\w*)/.exec(value);
    if (!key) continue;
    const fallback = /,\s*([^)]+)\)/.exec(value)?.[1] ?? /\|\|\s*'?([^'}]*)'?\}\}/.exec(value)?.[1];
    attrs.push({ name, key: key[1], fallback });
  }
  return { nn, tag: open[1], text: false, attrs, events };
}

/** Decodes the level-0 templates of a Taro `base.wxml` into a table keyed by node-name number. */
export function parseBaseTemplates(xml: string): Map<string, TemplateInfo> {
  const bodies = new Map<string, string>();
  for (const m of xml.matchAll(TEMPLATE_RE)) bodies.set(m[1], m[2]);
  const table = new Map<string, TemplateInfo>();
  for (const [name, body] of bodies) {
    const m = /^tmpl_0_(.+)$/.exec(name);
    if (!m || m[1].endsWith('_focus') || m[1].endsWith('_blur')) continue;
    const nn = m[1];
    // Focusable components (input, textarea) indirect through `_focus` / `_blur` variants.
    const info = decodeTemplateBody(nn, body) ?? decodeTemplateBody(nn, bodies.get(`tmpl_0_${nn}_blur`) ?? '');
    if (info) table.set(nn, info);
  }
  return table;
}

/** A `setData` key split into object keys and array indexes (`root.cn.[0].v`, `a.b[2]`). */
export function parseDataPath(path: string): Array<string | number> {
  const parts: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) parts.push(Number(m[2]));
    else parts.push(m[1]);
  }
  return parts;
}

/** Applies one `setData` payload (already serialised and parsed, as WeChat sends it) to a data object. */
export function applySetData(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(patch)) {
    if (value === undefined) continue; // WeChat ignores (and warns about) undefined values
    const parts = parseDataPath(path);
    let cursor: Record<string | number, unknown> = target;
    for (let i = 0; i < parts.length - 1; i += 1) {
      const key = parts[i];
      let next = cursor[key];
      if (next === null || typeof next !== 'object') {
        next = typeof parts[i + 1] === 'number' ? [] : {};
        cursor[key] = next;
      }
      cursor = next as Record<string | number, unknown>;
    }
    cursor[parts[parts.length - 1]] = value;
  }
}

/** A node of the rendered tree (what WeChat would draw from the data and the templates). */
export interface HostNode {
  /** WXML tag (`view`, `text`, `button`, `scroll-view`, `#text`, `custom-wrapper`...). */
  readonly tag: string;
  /** Taro's compressed node name. */
  readonly nn: string;
  readonly sid: string;
  /** The element id WeChat sees: the JSX `id` when given, else Taro's sid. */
  readonly id: string;
  /** True when the JSX gave an explicit `id`. */
  readonly hasUserId: boolean;
  /** Decoded attributes (`open-type`, `checked`, `value`, `lower-threshold`...). */
  readonly props: Readonly<Record<string, unknown>>;
  readonly events: ReadonlyMap<string, 'bind' | 'catch'>;
  readonly className: string;
  readonly style: string;
  /** Own text for `#text` nodes. */
  readonly text: string;
  readonly children: HostNode[];
  parent: HostNode | null;
  /** The page or component whose data holds this node (its `eh` receives the node's events). */
  readonly owner: unknown;
}

/** Resolves a custom-wrapper node to the data its component instance currently renders. */
export type WrapperResolver = (sid: string) => { data: Record<string, unknown>; owner: unknown } | undefined;

interface RawNode {
  nn?: unknown;
  sid?: unknown;
  uid?: unknown;
  cn?: unknown;
  v?: unknown;
  cl?: unknown;
  st?: unknown;
  [key: string]: unknown;
}

/** Builds the rendered tree from a data root (`page.data.root`), entering custom wrappers. */
export function buildTree(
  children: unknown,
  templates: ReadonlyMap<string, TemplateInfo>,
  owner: unknown,
  wrapper: WrapperResolver,
  parent: HostNode | null = null,
): HostNode[] {
  if (!Array.isArray(children)) return [];
  const out: HostNode[] = [];
  for (const raw of children as RawNode[]) {
    if (!raw || typeof raw !== 'object') continue;
    const nn = String(raw.nn ?? '');
    const sid = String(raw.sid ?? '');
    const info = templates.get(nn);
    const props: Record<string, unknown> = {};
    if (info) {
      for (const a of info.attrs) {
        const v = raw[a.key];
        if (v !== undefined) props[a.name] = v;
      }
    } else {
      for (const [k, v] of Object.entries(raw)) if (!['nn', 'sid', 'uid', 'cn', 'v', 'cl', 'st'].includes(k)) props[k] = v;
    }
    const uid = typeof raw.uid === 'string' ? raw.uid : undefined;
    const node: HostNode = {
      tag: info?.tag ?? nn,
      nn,
      sid,
      id: uid ?? sid,
      hasUserId: uid !== undefined,
      props,
      events: info?.events ?? new Map(),
      className: typeof raw.cl === 'string' ? raw.cl : '',
      style: typeof raw.st === 'string' ? raw.st : '',
      text: info?.text || raw.v !== undefined ? String(raw.v ?? '') : '',
      children: [],
      parent,
      owner,
    };
    if (nn === 'custom-wrapper') {
      const inner = wrapper(sid);
      const data = inner?.data.i as RawNode | undefined;
      node.children.push(...buildTree(data?.cn ?? raw.cn, templates, inner?.owner ?? owner, wrapper, node));
    } else {
      node.children.push(...buildTree(raw.cn, templates, owner, wrapper, node));
    }
    out.push(node);
  }
  return out;
}

/** Depth-first walk over a forest of nodes. */
export function* walk(nodes: readonly HostNode[]): Generator<HostNode> {
  for (const n of nodes) {
    yield n;
    yield* walk(n.children);
  }
}

/** Concatenated text of a node and its descendants, in document order. */
export function textContent(node: HostNode | readonly HostNode[]): string {
  const list = Array.isArray(node) ? (node as readonly HostNode[]) : [node as HostNode];
  let s = '';
  for (const n of walk(list)) if (n.tag === '#text') s += n.text;
  return s;
}
