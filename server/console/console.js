// The ops console: plain DOM, no framework and no build step. Every call uses the HttpOnly session
// cookie; state-changing calls also send the CSRF token the session endpoint hands out. Remote text
// is always inserted as text nodes, never as markup.

const TEXT = {
  zh: {
    brand: '隐私运营控制台', skip: '跳到主要内容', nav: '控制台', signOut: '退出登录', langSwitch: 'English',
    'nav.versions': '版本', 'nav.lists': '清单', 'nav.declarations': '隐私保护指引', 'nav.stats': '统计', 'nav.audit': '审计日志', 'nav.tokens': '访问令牌',
    'role.viewer': '查看者', 'role.publisher': '发布者',
    viewerNote: '您的角色是查看者：可以查看全部内容，但不能做任何更改。',
    'signIn.title': '登录', 'signIn.token': '运营访问令牌', 'signIn.hint': '令牌只用于本次登录，不会保存在浏览器中。', 'signIn.submit': '登录', 'signIn.failed': '令牌无效、已过期或已撤销。',
    signedOut: '已退出登录。', loading: '加载中…', failed: '请求失败：',
    'versions.title': '政策版本', 'versions.none': '还没有版本。',
    'col.version': '版本', 'col.status': '状态', 'col.material': '重大变更', 'col.created': '创建', 'col.published': '发布', 'col.activated': '生效', 'col.actions': '操作',
    yes: '是', no: '否', by: '操作人', open: '打开',
    'status.draft': '草稿', 'status.published': '已发布', 'status.active': '生效中', 'status.retired': '已停用',
    'draft.title': '新建草稿', 'draft.text': '粘贴政策文本（先中文，后英文）', 'draft.textSubmit': '导入为草稿',
    'draft.file': '上传结构化 JSON（PolicyDocument）', 'draft.fileSubmit': '上传为草稿', 'draft.created': '已创建草稿 v{0}。', 'draft.warnings': '导入提示', 'draft.badJson': '文件不是有效的 JSON。', 'draft.noFile': '请选择一个文件。',
    'scheduled.title': '计划中的生效', 'detail.title': '版本 v{0}', 'detail.back': '返回版本列表',
    'detail.summary': '变更摘要', 'detail.changed': '变更的章节', 'detail.none': '无',
    'preview.title': '预览（用户所见）', 'preview.lang': '预览语言', 'preview.zh': '中文', 'preview.en': 'English',
    'diff.title': '与生效版本逐节对比', 'diff.against': '对比版本 v{0}', 'diff.noActive': '没有生效版本可对比。', 'diff.unchanged': '{0} 个章节未变。', 'diff.before': '之前', 'diff.after': '之后',
    'diff.added': '新增', 'diff.removed': '删除', 'diff.changed': '修改',
    'publish.title': '发布', 'publish.material': '重大变更（用户须重新同意）', 'publish.summaryZh': '变更摘要（中文）', 'publish.summaryEn': '变更摘要（英文）', 'publish.submit': '发布此版本', 'publish.done': 'v{0} 已发布。', 'publish.onlyDraft': '只有草稿可以发布。',
    'activate.title': '生效', 'activate.now': '立即生效', 'activate.at': '定时生效', 'activate.time': '生效时间（北京时间）', 'activate.submit': '生效此版本', 'activate.rollback': '回滚到此版本', 'activate.done': 'v{0} 已生效。', 'activate.scheduled': 'v{0} 将于 {1} 生效。', 'activate.needTime': '请选择生效时间。', 'activate.publishFirst': '请先发布此草稿。', 'activate.isActive': '此版本正在生效。',
    'lists.title': '个人信息收集清单与第三方信息共享清单', 'lists.version': '政策版本', 'lists.collection': '个人信息收集清单（JSON）', 'lists.sharing': '第三方信息共享清单（JSON）', 'lists.save': '保存', 'lists.saved': '已保存。',
    'lists.readonly': '清单随政策版本保存：只能在草稿上修改，已发布的版本保留发布时的清单。', 'lists.source': '来源：{0}',
    'source.stored': '本版本保存', 'source.inherited': '沿用 v{0}', 'source.bundled': '应用内置', 'lists.badJson': 'JSON 格式错误：', 'lists.entries': '{0} 条', 'lists.gaps': '政策缺口：{0} 项为本小程序实际收集或共享、但隐私政策未涵盖的内容，请在下一版政策中补充',
    'decl.title': '隐私保护指引声明', 'decl.intro': '请在小程序管理后台 → 设置 → 服务内容声明 → 用户隐私保护指引 中逐项声明以下信息类型及用途。',
    'decl.type': '信息类型', 'decl.apis': '涉及接口/组件', 'decl.purposes': '用途',
    'decl.changes': '自上次报备以来的变化', 'decl.noChanges': '与上次报备一致。', 'decl.neverFiled': '尚未记录报备。', 'decl.lastFiled': '上次报备：{0}，{1}（政策 v{2}）',
    'decl.file': '记录为已在微信后台报备', 'decl.filed': '已记录报备。', 'decl.apisAdded': '新增接口', 'decl.apisRemoved': '移除接口', 'decl.purposesChanged': '用途有变化',
    'stats.title': '统计', 'stats.users': '用户数：{0}', 'stats.acceptance': '各版本同意情况', 'stats.accepted': '已同意', 'stats.refused': '已拒绝', 'stats.active': '当前生效版本 v{0}：{1} 位用户已同意',
    'stats.consents': '单独同意（按目的）', 'stats.purpose': '目的', 'stats.value': '状态', 'stats.count': '人数',
    'stats.permissions': '权限结果', 'stats.capability': '权限', 'stats.devices': '设备数',
    'stats.queue': '注销队列', 'stats.requested': '申请时间', 'stats.age': '已过天数', 'stats.deadline': '截止（政策承诺期限）', 'stats.flag': '标记', 'stats.near': '{0} 个申请接近或超过承诺期限。', 'stats.rule': '处理期限：{0} 天（隐私政策：“{1}”），且不晚于 {2} 个工作日。', 'stats.calendar': '工作日历', 'stats.calendarOk': '截止日期所涉年份的日历均已依国务院办公厅通知发布。', 'stats.calendarWarn': '{0} 年日历尚未正式发布（按安全方向计算，截止日期取较早者）。', 'stats.empty': '无数据。',
    'flag.ok': '正常', 'flag.near-deadline': '接近期限', 'flag.overdue': '已超期', 'flag.completed-late': '逾期完成',
    'audit.title': '审计日志', 'audit.at': '时间', 'audit.actor': '操作人', 'audit.action': '操作', 'audit.target': '对象', 'audit.details': '详情', 'audit.more': '更早的记录',
    'tokens.title': '访问令牌', 'tokens.onlyPublisher': '只有发布者可以管理访问令牌。', 'tokens.name': '名称', 'tokens.role': '角色', 'tokens.days': '有效天数（1–365）', 'tokens.create': '创建令牌',
    'tokens.secret': '新令牌（只显示这一次，请立即复制保存）：', 'tokens.createdBy': '创建人', 'tokens.expires': '到期', 'tokens.revoked': '已撤销', 'tokens.revoke': '撤销 {0}', 'tokens.revokedDone': '已撤销。', 'tokens.live': '有效',
  },
  en: {
    brand: 'Privacy ops console', skip: 'Skip to main content', nav: 'Console', signOut: 'Sign out', langSwitch: '中文',
    'nav.versions': 'Versions', 'nav.lists': 'Lists', 'nav.declarations': 'Privacy guide', 'nav.stats': 'Stats', 'nav.audit': 'Audit log', 'nav.tokens': 'Tokens',
    'role.viewer': 'viewer', 'role.publisher': 'publisher',
    viewerNote: 'Your role is viewer: you can see everything and change nothing.',
    'signIn.title': 'Sign in', 'signIn.token': 'Ops token', 'signIn.hint': 'The token is used for this sign-in only and is never kept in the browser.', 'signIn.submit': 'Sign in', 'signIn.failed': 'Unknown, expired or revoked token.',
    signedOut: 'Signed out.', loading: 'Loading…', failed: 'Request failed: ',
    'versions.title': 'Policy versions', 'versions.none': 'No versions yet.',
    'col.version': 'Version', 'col.status': 'Status', 'col.material': 'Material', 'col.created': 'Created', 'col.published': 'Published', 'col.activated': 'Activated', 'col.actions': 'Actions',
    yes: 'yes', no: 'no', by: 'by', open: 'Open',
    'status.draft': 'draft', 'status.published': 'published', 'status.active': 'active', 'status.retired': 'retired',
    'draft.title': 'New draft', 'draft.text': 'Paste the policy text (Chinese first, then English)', 'draft.textSubmit': 'Import as draft',
    'draft.file': 'Upload structured JSON (PolicyDocument)', 'draft.fileSubmit': 'Upload as draft', 'draft.created': 'Draft v{0} created.', 'draft.warnings': 'Import warnings', 'draft.badJson': 'The file is not valid JSON.', 'draft.noFile': 'Choose a file.',
    'scheduled.title': 'Scheduled activations', 'detail.title': 'Version v{0}', 'detail.back': 'Back to versions',
    'detail.summary': 'Summary of changes', 'detail.changed': 'Changed sections', 'detail.none': 'none',
    'preview.title': 'Preview (as shoppers see it)', 'preview.lang': 'Preview language', 'preview.zh': '中文', 'preview.en': 'English',
    'diff.title': 'Section by section against the active version', 'diff.against': 'Compared with v{0}', 'diff.noActive': 'No active version to compare with.', 'diff.unchanged': '{0} sections unchanged.', 'diff.before': 'Before', 'diff.after': 'After',
    'diff.added': 'added', 'diff.removed': 'removed', 'diff.changed': 'changed',
    'publish.title': 'Publish', 'publish.material': 'Material change (shoppers must consent again)', 'publish.summaryZh': 'Summary of changes (Chinese)', 'publish.summaryEn': 'Summary of changes (English)', 'publish.submit': 'Publish this version', 'publish.done': 'v{0} published.', 'publish.onlyDraft': 'Only drafts can be published.',
    'activate.title': 'Activate', 'activate.now': 'Now', 'activate.at': 'At a set time', 'activate.time': 'Time (China time)', 'activate.submit': 'Activate this version', 'activate.rollback': 'Roll back to this version', 'activate.done': 'v{0} is active.', 'activate.scheduled': 'v{0} becomes active at {1}.', 'activate.needTime': 'Choose a time.', 'activate.publishFirst': 'Publish this draft first.', 'activate.isActive': 'This version is active.',
    'lists.title': 'Collection list and third-party list', 'lists.version': 'Policy version', 'lists.collection': 'Collection list (JSON)', 'lists.sharing': 'Third-party list (JSON)', 'lists.save': 'Save', 'lists.saved': 'Saved.',
    'lists.readonly': 'The lists are versioned with the policy: edit them on a draft; a published version keeps the lists it was published with.', 'lists.source': 'Source: {0}',
    'source.stored': 'saved for this version', 'source.inherited': 'from v{0}', 'source.bundled': 'bundled with the app', 'lists.badJson': 'Not valid JSON: ', 'lists.entries': '{0} entries', 'lists.gaps': 'Policy gaps: {0} rows the mini-program really collects or shares that the privacy policy does not cover; add them in the next version',
    'decl.title': 'Privacy guide declarations', 'decl.intro': "Declare each data type below with its purpose in WeChat's admin console → Settings → Service content declaration → User privacy guide.",
    'decl.type': 'Data type', 'decl.apis': 'Gated APIs / components', 'decl.purposes': 'Purposes',
    'decl.changes': 'Changes since the last filing', 'decl.noChanges': 'Same as the last filing.', 'decl.neverFiled': 'No filing recorded yet.', 'decl.lastFiled': 'Last filed {0} by {1} (policy v{2})',
    'decl.file': "Record as filed in WeChat's admin console", 'decl.filed': 'Filing recorded.', 'decl.apisAdded': 'APIs added', 'decl.apisRemoved': 'APIs removed', 'decl.purposesChanged': 'purposes changed',
    'stats.title': 'Stats', 'stats.users': 'Users: {0}', 'stats.acceptance': 'Acceptance per version', 'stats.accepted': 'Accepted', 'stats.refused': 'Refused', 'stats.active': 'Active version v{0}: accepted by {1} shoppers',
    'stats.consents': 'Separate consents per purpose', 'stats.purpose': 'Purpose', 'stats.value': 'Value', 'stats.count': 'Shoppers',
    'stats.permissions': 'Permission outcomes', 'stats.capability': 'Capability', 'stats.devices': 'Devices',
    'stats.queue': 'Cancellation queue', 'stats.requested': 'Requested', 'stats.age': 'Age (days)', 'stats.deadline': 'Deadline (policy promise)', 'stats.flag': 'Flag', 'stats.near': '{0} requests near or past the promised deadline.', 'stats.rule': 'Deadline: {0} days (privacy policy: “{1}”), never later than {2} working days.', 'stats.calendar': 'Working-day calendar', 'stats.calendarOk': 'Every year a deadline reaches follows a State Council notice.', 'stats.calendarWarn': 'calendar for {0} not yet official (counted on the safe side: the earlier date).', 'stats.empty': 'No data.',
    'flag.ok': 'ok', 'flag.near-deadline': 'near deadline', 'flag.overdue': 'overdue', 'flag.completed-late': 'completed late',
    'audit.title': 'Audit log', 'audit.at': 'When', 'audit.actor': 'Who', 'audit.action': 'Action', 'audit.target': 'Target', 'audit.details': 'Details', 'audit.more': 'Older entries',
    'tokens.title': 'Ops tokens', 'tokens.onlyPublisher': 'Only publishers manage ops tokens.', 'tokens.name': 'Name', 'tokens.role': 'Role', 'tokens.days': 'Valid for days (1–365)', 'tokens.create': 'Create token',
    'tokens.secret': 'New token (shown this once only; copy it now):', 'tokens.createdBy': 'Created by', 'tokens.expires': 'Expires', 'tokens.revoked': 'Revoked', 'tokens.revoke': 'Revoke {0}', 'tokens.revokedDone': 'Revoked.', 'tokens.live': 'live',
  },
};

const state = {
  lang: readLang(),
  session: null,
  warnings: new Map(),
  previewLang: null,
  sensitive: null,
  keepNotice: false,
};

function readLang() {
  try {
    const saved = window.localStorage.getItem('ops-console-lang');
    return saved === 'en' || saved === 'zh' ? saved : 'zh';
  } catch {
    return 'zh';
  }
}

function t(key, ...args) {
  const s = TEXT[state.lang][key] ?? TEXT.en[key] ?? key;
  return s.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** Builds an element; string children become text nodes (never markup). */
function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'disabled' || k === 'checked' || k === 'required' || k === 'hidden') e[k] = Boolean(v);
    else if (k === 'value') e.value = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function when(isoText) {
  if (!isoText) return '—';
  return new Intl.DateTimeFormat(state.lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(isoText));
}

class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
  }
}

/** One call; state-changing ones carry the CSRF token. A 401 ends the session in the page. */
async function api(method, url, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && state.session) headers['x-csrf-token'] = state.session.csrfToken;
  const res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && url !== '/ops/api/session') {
      state.session = null;
      render();
    }
    throw new ApiFailure(res.status, data?.error?.code ?? 'HTTP', data?.error?.message ?? `HTTP ${res.status}`);
  }
  return data;
}

const main = () => document.getElementById('main');
const canWrite = () => state.session?.role === 'publisher';

function notify(text) {
  document.getElementById('notice').textContent = text;
}

function errorBox(id) {
  return h('p', { id, class: 'error', role: 'alert' });
}

function showError(box, err) {
  box.textContent = t('failed') + (err instanceof Error ? err.message : String(err));
}

/** Runs a state-changing action: the button is disabled while it runs, failures go to `box`. */
async function act(button, box, fn) {
  box.textContent = '';
  button.disabled = true;
  try {
    await fn();
  } catch (err) {
    showError(box, err);
  } finally {
    if (document.body.contains(button)) button.disabled = !canWrite();
  }
}

function writeButton(label, attrs = {}) {
  return h('button', { type: 'submit', ...attrs, disabled: !canWrite() || attrs.disabled }, label);
}

function viewerNote() {
  // An empty fragment, not null: Element.append would print "null".
  return canWrite() ? document.createDocumentFragment() : h('p', { class: 'hint', id: 'viewer-note' }, t('viewerNote'));
}

function table(id, caption, headers, rows) {
  return h(
    'table',
    { id },
    caption ? h('caption', { class: 'hint' }, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows),
  );
}

// ---- chrome ---------------------------------------------------------------------------------

function renderChrome() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('brand');
  document.getElementById('brand').textContent = t('brand');
  document.getElementById('skip-link').textContent = t('skip');
  const sw = document.getElementById('lang-switch');
  sw.textContent = t('langSwitch');
  sw.setAttribute('lang', state.lang === 'zh' ? 'en' : 'zh-CN');
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('nav'));
  nav.hidden = !state.session;
  for (const a of nav.querySelectorAll('a[data-route]')) {
    a.textContent = t(`nav.${a.dataset.route}`);
    if (a.dataset.route === route().name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const who = document.getElementById('who');
  who.hidden = !state.session;
  if (state.session) {
    document.getElementById('who-name').textContent = state.session.name;
    document.getElementById('who-role').textContent = t(`role.${state.session.role}`);
    document.getElementById('sign-out').textContent = t('signOut');
  }
}

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const name = ['versions', 'lists', 'declarations', 'stats', 'audit', 'tokens'].includes(parts[0]) ? parts[0] : 'versions';
  return { name, arg: parts[1] ?? null };
}

let renderSeq = 0;
async function render(focus = false) {
  const seq = ++renderSeq;
  renderChrome();
  const m = main();
  m.replaceChildren();
  if (!state.session) {
    renderSignIn(m);
    return;
  }
  m.append(h('p', { class: 'hint' }, t('loading')));
  const r = route();
  const page = h('div', { id: `page-${r.name}` });
  try {
    if (r.name === 'versions') await (r.arg ? renderVersion(page, Number(r.arg)) : renderVersions(page));
    else if (r.name === 'lists') await renderLists(page, r.arg ? Number(r.arg) : null);
    else if (r.name === 'declarations') await renderDeclarations(page);
    else if (r.name === 'stats') await renderStats(page);
    else if (r.name === 'audit') await renderAudit(page);
    else await renderTokens(page);
  } catch (err) {
    if (!state.session) return;
    const box = errorBox('page-error');
    showError(box, err);
    page.append(box);
  }
  if (seq !== renderSeq) return;
  m.replaceChildren(page);
  if (focus) m.querySelector('h1')?.focus();
}

function heading(text) {
  return h('h1', { tabindex: '-1' }, text);
}

// ---- sign in --------------------------------------------------------------------------------

function renderSignIn(m) {
  const box = errorBox('sign-in-error');
  const input = h('input', { type: 'password', id: 'sign-in-token', name: 'token', autocomplete: 'off', required: true, 'aria-describedby': 'sign-in-hint', size: 50 });
  const form = h(
    'form',
    { id: 'sign-in-form' },
    h('label', { for: 'sign-in-token' }, t('signIn.token')),
    input,
    h('p', { class: 'hint', id: 'sign-in-hint' }, t('signIn.hint')),
    h('button', { type: 'submit', id: 'sign-in-submit' }, t('signIn.submit')),
    box,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    box.textContent = '';
    try {
      state.session = await api('POST', '/ops/api/session', { token: input.value });
      input.value = '';
      notify('');
      render(true);
    } catch (err) {
      input.value = '';
      box.textContent = err instanceof ApiFailure && err.status === 401 ? t('signIn.failed') : `${t('failed')}${err.message}`;
    }
  });
  m.append(heading(t('signIn.title')), form);
}

// ---- versions -------------------------------------------------------------------------------

function statusBadge(status) {
  return h('span', { class: `badge status-${status}` }, t(`status.${status}`));
}

async function renderVersions(page) {
  const [{ versions, scheduled }, { activations }] = await Promise.all([api('GET', '/v1/admin/policies'), api('GET', '/v1/admin/activations')]);
  page.append(heading(t('versions.title')), viewerNote());
  const lastActivation = (v) => [...activations].reverse().find((a) => a.version === v && Date.parse(a.effectiveAt) <= Date.now());
  const rows = versions.map((v) => {
    const a = lastActivation(v.version);
    return h(
      'tr',
      { 'data-version': v.version },
      h('td', {}, h('a', { href: `#/versions/${v.version}`, id: `open-v${v.version}` }, `v${v.version}`)),
      h('td', {}, statusBadge(v.status)),
      h('td', {}, v.status === 'draft' ? '—' : v.material ? t('yes') : t('no')),
      h('td', {}, when(v.createdAt), h('br'), `${t('by')} ${v.createdBy}`),
      h('td', {}, v.publishedAt ? [when(v.publishedAt), h('br'), `${t('by')} ${v.publishedBy}`] : '—'),
      h('td', {}, a ? [when(a.effectiveAt), h('br'), `${t('by')} ${a.createdBy}`] : '—'),
    );
  });
  page.append(
    versions.length
      ? table('versions-table', null, [t('col.version'), t('col.status'), t('col.material'), t('col.created'), t('col.published'), t('col.activated')], rows)
      : h('p', {}, t('versions.none')),
  );
  if (scheduled.length) {
    page.append(
      h('h2', {}, t('scheduled.title')),
      table('scheduled-table', null, [t('col.version'), t('col.activated')], scheduled.map((s) => h('tr', {}, h('td', {}, `v${s.version}`), h('td', {}, when(s.effectiveAt), h('br'), `${t('by')} ${s.createdBy}`)))),
    );
  }
  page.append(draftForms());
}

function draftForms() {
  const wrap = h('section', { 'aria-labelledby': 'draft-title' }, h('h2', { id: 'draft-title' }, t('draft.title')));
  const box = errorBox('draft-error');
  const text = h('textarea', { id: 'draft-text', rows: 10, required: true, disabled: !canWrite() });
  const textForm = h('form', { id: 'draft-text-form' }, h('label', { for: 'draft-text' }, t('draft.text')), text, writeButton(t('draft.textSubmit'), { id: 'draft-text-submit' }));
  const created = (answer) => {
    state.warnings.set(answer.version, answer.warnings);
    notify(t('draft.created', answer.version));
    state.keepNotice = true;
    location.hash = `#/versions/${answer.version}`;
  };
  textForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(ev.submitter ?? textForm.querySelector('button'), box, async () => created(await api('POST', '/v1/admin/policies', { text: text.value })));
  });
  const file = h('input', { type: 'file', id: 'draft-file', accept: 'application/json,.json', disabled: !canWrite() });
  const fileForm = h('form', { id: 'draft-file-form' }, h('label', { for: 'draft-file' }, t('draft.file')), file, h('br'), writeButton(t('draft.fileSubmit'), { id: 'draft-file-submit' }));
  fileForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(ev.submitter ?? fileForm.querySelector('button'), box, async () => {
      const f = file.files?.[0];
      if (!f) throw new Error(t('draft.noFile'));
      let content;
      try {
        content = JSON.parse(await f.text());
      } catch {
        throw new Error(t('draft.badJson'));
      }
      created(await api('POST', '/v1/admin/policies', { content }));
    });
  });
  wrap.append(textForm, fileForm, box);
  return wrap;
}

async function renderVersion(page, version) {
  const [v, diff, { versions }] = await Promise.all([
    api('GET', `/v1/admin/policies/${version}`),
    api('GET', `/v1/admin/policies/${version}/diff`),
    api('GET', '/v1/admin/policies'),
  ]);
  page.append(h('p', {}, h('a', { href: '#/versions' }, t('detail.back'))), heading(t('detail.title', version)), viewerNote());
  const warnings = state.warnings.get(version);
  if (warnings?.length) {
    page.append(h('section', { class: 'warnings', id: 'draft-warnings', 'aria-labelledby': 'warnings-title' }, h('h2', { id: 'warnings-title' }, t('draft.warnings')), h('ul', {}, warnings.map((w) => h('li', {}, w)))));
  }
  page.append(
    h(
      'dl',
      { id: 'version-meta' },
      h('dt', {}, t('col.status')),
      h('dd', { id: 'version-status' }, statusBadge(v.status)),
      h('dt', {}, t('col.material')),
      h('dd', {}, v.status === 'draft' ? '—' : v.material ? t('yes') : t('no')),
      h('dt', {}, t('detail.summary')),
      h('dd', {}, v.summary ? v.summary[state.lang] : '—'),
      h('dt', {}, t('detail.changed')),
      h('dd', {}, v.changedSections.length ? v.changedSections.join(', ') : t('detail.none')),
    ),
  );
  page.append(await previewSection(v.content), diffSection(diff));
  if (v.status === 'draft') page.append(publishForm(version));
  page.append(activateForm(v, versions));
}

async function sensitiveTerms() {
  if (!state.sensitive) state.sensitive = await fetch('/ops/sensitive-terms.json', { credentials: 'same-origin' }).then((r) => r.json());
  return state.sensitive;
}

/** Text with the policy's sensitive terms bold and underlined, as the shop renders it. */
function emphasised(text, terms) {
  const out = [];
  let rest = text;
  while (rest) {
    let best = null;
    for (const term of terms) {
      const i = rest.indexOf(term);
      if (i >= 0 && (!best || i < best.i || (i === best.i && term.length > best.term.length))) best = { i, term };
    }
    if (!best) {
      out.push(rest);
      break;
    }
    if (best.i > 0) out.push(rest.slice(0, best.i));
    out.push(h('strong', { class: 'sensitive' }, best.term));
    rest = rest.slice(best.i + best.term.length);
  }
  return out;
}

function blockNodes(block, terms) {
  if (block.type === 'heading') return h('h4', {}, emphasised(block.text, terms));
  if (block.type === 'paragraph') return h('p', {}, emphasised(block.text, terms));
  if (block.type === 'list') return h('ul', {}, block.items.map((i) => h('li', {}, emphasised(i, terms))));
  return h('p', {}, block.lines.flatMap((l, i) => (i ? [h('br'), ...emphasised(l, terms)] : emphasised(l, terms))));
}

async function previewSection(doc) {
  const terms = await sensitiveTerms();
  state.previewLang ??= state.lang;
  const box = h('div', { class: 'preview', id: 'preview' });
  const draw = () => {
    const lang = state.previewLang;
    const text = doc.texts[lang];
    box.setAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
    box.replaceChildren(
      ...(text.overline ? [h('p', { class: 'hint', id: 'preview-overline' }, text.overline)] : []),
      h('h3', { id: 'preview-title' }, text.title),
      h('p', { class: 'hint', id: 'preview-updated' }, text.lastUpdatedLabel),
      ...text.sections.map((s) => h('section', { 'data-section': s.id }, h('h3', {}, s.title), s.blocks.map((b) => blockNodes(b, terms[lang] ?? [])))),
    );
  };
  const radios = ['zh', 'en'].map((l) =>
    h(
      'label',
      { class: 'inline' },
      h('input', {
        type: 'radio',
        name: 'preview-lang',
        id: `preview-${l}`,
        value: l,
        checked: state.previewLang === l,
        onchange: () => {
          state.previewLang = l;
          draw();
        },
      }),
      t(`preview.${l}`),
    ),
  );
  draw();
  return h('section', { 'aria-labelledby': 'preview-heading' }, h('h2', { id: 'preview-heading' }, t('preview.title')), h('fieldset', {}, h('legend', {}, t('preview.lang')), radios), box);
}

function blockText(b) {
  if (b.type === 'list') return b.items.join('\n');
  if (b.type === 'lines') return b.lines.join('\n');
  return b.text;
}

function diffSection(diff) {
  const wrap = h('section', { id: 'diff', 'aria-labelledby': 'diff-heading' }, h('h2', { id: 'diff-heading' }, t('diff.title')));
  if (diff.against === null) {
    wrap.append(h('p', {}, t('diff.noActive')));
    return wrap;
  }
  wrap.append(h('p', { id: 'diff-against' }, t('diff.against', diff.against)));
  const lang = state.lang;
  const unchanged = diff.sections.filter((s) => s.status === 'unchanged').length;
  for (const s of diff.sections.filter((x) => x.status !== 'unchanged')) {
    const before = s.before[lang];
    const after = s.after[lang];
    const beforeTexts = (before?.blocks ?? []).map(blockText);
    const afterTexts = (after?.blocks ?? []).map(blockText);
    const col = (label, sec, other, Tag) =>
      h('div', {}, h('h4', {}, label), sec ? [h('p', {}, h('strong', {}, sec.title)), ...sec.blocks.map((b) => (other.includes(blockText(b)) ? h('p', {}, blockText(b)) : h(Tag, {}, blockText(b))))] : '—');
    wrap.append(
      h(
        'div',
        { class: 'diff-section', 'data-section': s.id, 'data-status': s.status },
        h('h3', {}, `${(after ?? before)?.title ?? s.id} `, h('span', { class: 'badge' }, t(`diff.${s.status}`))),
        h('div', { class: 'diff-cols' }, col(t('diff.before'), before, afterTexts, 'del'), col(t('diff.after'), after, beforeTexts, 'ins')),
      ),
    );
  }
  wrap.append(h('p', { class: 'hint' }, t('diff.unchanged', unchanged)));
  return wrap;
}

function publishForm(version) {
  const box = errorBox('publish-error');
  const material = h('input', { type: 'checkbox', id: 'publish-material', disabled: !canWrite() });
  const zh = h('textarea', { id: 'publish-summary-zh', rows: 3, required: true, maxlength: 500, disabled: !canWrite() });
  const en = h('textarea', { id: 'publish-summary-en', rows: 3, required: true, maxlength: 500, disabled: !canWrite() });
  const form = h(
    'form',
    { id: 'publish-form', 'aria-labelledby': 'publish-heading' },
    h('h2', { id: 'publish-heading' }, t('publish.title')),
    h('label', { class: 'inline' }, material, t('publish.material')),
    h('label', { for: 'publish-summary-zh' }, t('publish.summaryZh')),
    zh,
    h('label', { for: 'publish-summary-en' }, t('publish.summaryEn')),
    en,
    writeButton(t('publish.submit'), { id: 'publish-submit' }),
    box,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(ev.submitter ?? form.querySelector('button'), box, async () => {
      await api('POST', `/v1/admin/policies/${version}/publish`, { material: material.checked, summary: { zh: zh.value, en: en.value } });
      notify(t('publish.done', version));
      await render(true);
    });
  });
  return form;
}

/** `YYYY-MM-DDTHH:mm` read as China time (UTC+8, no daylight saving) → ISO UTC. */
function chinaTimeToIso(local) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5])).toISOString();
}

function activateForm(v, versions) {
  const box = errorBox('activate-error');
  const newest = Math.max(...versions.filter((x) => x.status === 'active').map((x) => x.version), 0);
  const rollback = v.status !== 'draft' && v.status !== 'active' && v.version < newest;
  const blocked = v.status === 'draft' || v.status === 'active';
  const now = h('input', { type: 'radio', name: 'activate-when', id: 'activate-now', value: 'now', checked: true, disabled: !canWrite() || blocked });
  const later = h('input', { type: 'radio', name: 'activate-when', id: 'activate-later', value: 'at', disabled: !canWrite() || blocked });
  const time = h('input', { type: 'datetime-local', id: 'activate-time', disabled: !canWrite() || blocked });
  const form = h(
    'form',
    { id: 'activate-form', 'aria-labelledby': 'activate-heading' },
    h('h2', { id: 'activate-heading' }, t('activate.title')),
    v.status === 'draft' ? h('p', { class: 'hint' }, t('activate.publishFirst')) : null,
    v.status === 'active' ? h('p', { class: 'hint' }, t('activate.isActive')) : null,
    h('fieldset', {}, h('legend', {}, t('activate.title')), h('label', { class: 'inline' }, now, t('activate.now')), h('label', { class: 'inline' }, later, t('activate.at')), h('label', { for: 'activate-time' }, t('activate.time')), time),
    writeButton(rollback ? t('activate.rollback') : t('activate.submit'), { id: 'activate-submit', disabled: blocked }),
    box,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(ev.submitter ?? form.querySelector('button'), box, async () => {
      const body = {};
      if (later.checked) {
        const at = chinaTimeToIso(time.value);
        if (!at) throw new Error(t('activate.needTime'));
        body.at = at;
      }
      const r = await api('POST', `/v1/admin/policies/${v.version}/activate`, body);
      notify(r.scheduled ? t('activate.scheduled', v.version, when(r.effectiveAt)) : t('activate.done', v.version));
      await render(true);
    });
  });
  return form;
}

// ---- lists ----------------------------------------------------------------------------------

async function renderLists(page, chosen) {
  const { versions } = await api('GET', '/v1/admin/policies');
  const fallback = versions.find((v) => v.status === 'draft') ?? versions.find((v) => v.status === 'active') ?? versions[0];
  const version = chosen ?? fallback?.version;
  page.append(heading(t('lists.title')), viewerNote(), h('p', { class: 'hint' }, t('lists.readonly')));
  if (!version) return;
  const select = h(
    'select',
    { id: 'lists-version', onchange: () => (location.hash = `#/lists/${select.value}`) },
    versions.map((v) => h('option', { value: v.version, selected: v.version === version ? true : undefined }, `v${v.version} (${t(`status.${v.status}`)})`)),
  );
  select.value = String(version);
  page.append(h('label', { for: 'lists-version' }, t('lists.version')), select);
  const data = await api('GET', `/v1/admin/lists/${version}`);
  // Rows the app really has but the policy does not cover: to add in the policy's next version.
  const gaps = ['collection', 'sharing'].flatMap((kind) => data[kind].items.filter((r) => r.notInPolicy).map((r) => ({ kind, id: r.id, note: r.notInPolicy[state.lang === 'zh' ? 'zh' : 'en'] })));
  page.append(
    h('h2', {}, t('lists.gaps', gaps.length)),
    h('ul', { id: 'lists-policy-gaps' }, gaps.map((g) => h('li', {}, `${t(`lists.${g.kind}`).replace(/（JSON）| \(JSON\)/, '')} · ${g.id}: ${g.note}`))),
  );
  for (const kind of ['collection', 'sharing']) {
    const list = data[kind];
    const box = errorBox(`list-${kind}-error`);
    const source = list.source === 'inherited' ? t('source.inherited', list.fromVersion) : t(`source.${list.source}`);
    const area = h('textarea', { id: `list-${kind}`, rows: 16, spellcheck: 'false', 'aria-describedby': `list-${kind}-source`, readonly: data.editable && canWrite() ? undefined : true }, JSON.stringify(list.items, null, 2));
    const form = h(
      'form',
      { id: `list-${kind}-form` },
      h('label', { for: `list-${kind}` }, t(`lists.${kind}`)),
      h('p', { class: 'hint', id: `list-${kind}-source` }, `${t('lists.source', source)} · ${t('lists.entries', list.items.length)}`),
      area,
      writeButton(t('lists.save'), { id: `list-${kind}-save`, disabled: !data.editable }),
      box,
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      act(ev.submitter ?? form.querySelector('button'), box, async () => {
        let items;
        try {
          items = JSON.parse(area.value);
        } catch (err) {
          throw new Error(t('lists.badJson') + err.message);
        }
        await api('PUT', `/v1/admin/lists/${version}/${kind}`, { items });
        notify(t('lists.saved'));
        await render();
      });
    });
    page.append(form);
  }
}

// ---- privacy guide --------------------------------------------------------------------------

async function renderDeclarations(page) {
  const [guide, { versions }] = await Promise.all([api('GET', '/v1/admin/privacy-guide'), api('GET', '/v1/admin/policies')]);
  const lang = state.lang;
  page.append(heading(t('decl.title')), viewerNote(), h('p', {}, t('decl.intro')));
  page.append(
    table(
      'declarations-table',
      null,
      [t('decl.type'), t('decl.purposes'), t('decl.apis')],
      guide.items.map((i) =>
        h('tr', { 'data-type': i.dataType }, h('td', {}, `${i.label[lang]} (${i.dataType})`), h('td', {}, h('ul', {}, i.purposes.map((p) => h('li', {}, p[lang])))), h('td', {}, i.gatedApis.join(', '))),
      ),
    ),
  );
  page.append(h('h2', {}, t('decl.changes')));
  if (!guide.lastFiling) page.append(h('p', { id: 'decl-changes' }, t('decl.neverFiled')));
  else {
    page.append(h('p', { class: 'hint' }, t('decl.lastFiled', when(guide.lastFiling.filedAt), guide.lastFiling.filedBy, guide.lastFiling.policyVersion ?? '—')));
    page.append(
      guide.changes.length
        ? h(
            'ul',
            { id: 'decl-changes' },
            guide.changes.map((c) =>
              h(
                'li',
                {},
                `${c.dataType}: ${t(`diff.${c.change}`)}`,
                c.apisAdded.length ? ` · ${t('decl.apisAdded')}: ${c.apisAdded.join(', ')}` : '',
                c.apisRemoved.length ? ` · ${t('decl.apisRemoved')}: ${c.apisRemoved.join(', ')}` : '',
                c.purposesChanged && c.change === 'changed' ? ` · ${t('decl.purposesChanged')}` : '',
              ),
            ),
          )
        : h('p', { id: 'decl-changes' }, t('decl.noChanges')),
    );
  }
  const active = versions.find((v) => v.status === 'active');
  const box = errorBox('decl-error');
  const form = h('form', { id: 'decl-form' }, writeButton(t('decl.file'), { id: 'decl-file', disabled: !active }), box);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(ev.submitter ?? form.querySelector('button'), box, async () => {
      await api('POST', '/v1/admin/privacy-guide/filings', { policyVersion: active.version });
      notify(t('decl.filed'));
      await render();
    });
  });
  page.append(form);
}

// ---- stats ----------------------------------------------------------------------------------

async function renderStats(page) {
  const [s, { versions }] = await Promise.all([api('GET', '/v1/admin/stats'), api('GET', '/v1/admin/policies')]);
  const active = versions.find((v) => v.status === 'active');
  page.append(heading(t('stats.title')), h('p', { id: 'stats-users' }, t('stats.users', s.users)));
  if (active) {
    const row = s.acceptanceByVersion.find((a) => a.version === active.version);
    page.append(h('p', { id: 'stats-active' }, t('stats.active', active.version, row?.accepted ?? 0)));
  }
  const empty = (rows, cols) => (rows.length ? rows : [h('tr', {}, h('td', { colspan: cols }, t('stats.empty')))]);
  page.append(
    h('h2', {}, t('stats.acceptance')),
    table('stats-acceptance', null, [t('col.version'), t('stats.accepted'), t('stats.refused')], empty(s.acceptanceByVersion.map((a) => h('tr', { 'data-version': a.version }, h('td', {}, `v${a.version}`), h('td', {}, a.accepted), h('td', {}, a.refused))), 3)),
    h('h2', {}, t('stats.consents')),
    table('stats-consents', null, [t('stats.purpose'), t('stats.value'), t('stats.count')], empty(s.consentsByPurpose.map((c) => h('tr', {}, h('td', {}, c.purpose), h('td', {}, c.value), h('td', {}, c.users))), 3)),
    h('h2', {}, t('stats.permissions')),
    table('stats-permissions', null, [t('stats.capability'), t('stats.value'), t('stats.devices')], empty(s.permissionOutcomes.map((p) => h('tr', {}, h('td', {}, p.capability), h('td', {}, p.value), h('td', {}, p.devices))), 3)),
    h('h2', {}, t('stats.calendar')),
    h('p', { id: 'stats-calendar', class: s.calendar.notOfficial.length ? 'error' : 'hint' }, s.calendar.notOfficial.length ? s.calendar.notOfficial.map((y) => t('stats.calendarWarn', y)).join(' ') : t('stats.calendarOk')),
    h('ul', { id: 'stats-calendar-years' }, s.calendar.years.map((y) => h('li', {}, `${y.year}: ${y.status} — ${y.source}`))),
    h('h2', {}, t('stats.queue')),
    h('p', { id: 'stats-rule' }, t('stats.rule', s.deadlineRule.calendarDays, s.deadlineRule.source[state.lang === 'zh' ? 'zh' : 'en'], s.deadlineRule.regulatorWorkingDays)),
  );
  const flagged = s.cancellations.filter((c) => c.flag !== 'ok');
  page.append(h('p', { id: 'stats-near', class: flagged.length ? 'error' : 'hint' }, t('stats.near', flagged.length)));
  const day = 24 * 3600 * 1000;
  page.append(
    table(
      'stats-queue',
      null,
      ['ID', t('col.status'), t('stats.requested'), t('stats.age'), t('stats.deadline'), t('stats.flag')],
      empty(
        s.cancellations.map((c) =>
          h(
            'tr',
            { class: `flag-${c.flag}` },
            h('td', {}, c.id.slice(0, 8)),
            h('td', {}, c.status),
            h('td', {}, when(c.requestedAt)),
            h('td', {}, Math.floor(((c.completedAt ? Date.parse(c.completedAt) : Date.now()) - Date.parse(c.requestedAt)) / day)),
            h('td', {}, when(c.deadline)),
            h('td', {}, t(`flag.${c.flag}`)),
          ),
        ),
        6,
      ),
    ),
  );
}

// ---- audit ----------------------------------------------------------------------------------

async function renderAudit(page) {
  page.append(heading(t('audit.title')));
  const body = h('tbody');
  const tbl = h('table', { id: 'audit-table' }, h('thead', {}, h('tr', {}, [t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.target'), t('audit.details')].map((x) => h('th', { scope: 'col' }, x)))), body);
  const box = errorBox('audit-error');
  const more = h('button', { type: 'button', class: 'secondary', id: 'audit-more' }, t('audit.more'));
  let before;
  const load = async () => {
    const q = before ? `?limit=50&before=${before}` : '?limit=50';
    const { entries } = await api('GET', `/v1/admin/audit${q}`);
    for (const e of entries) {
      body.append(h('tr', { 'data-action': e.action }, h('td', {}, when(e.at)), h('td', {}, e.actor), h('td', {}, e.action), h('td', {}, e.target ?? '—'), h('td', {}, h('pre', {}, JSON.stringify(e.details)))));
    }
    if (entries.length) before = entries[entries.length - 1].id;
    more.hidden = entries.length < 50;
  };
  more.addEventListener('click', () => load().catch((err) => showError(box, err)));
  await load();
  page.append(tbl, more, box);
}

// ---- tokens ---------------------------------------------------------------------------------

async function renderTokens(page) {
  page.append(heading(t('tokens.title')));
  if (!canWrite()) {
    page.append(h('p', { id: 'tokens-viewer' }, t('tokens.onlyPublisher')));
    return;
  }
  const { tokens } = await api('GET', '/v1/admin/tokens');
  const box = errorBox('tokens-error');
  const secret = h('div', { id: 'token-secret-box' });
  const name = h('input', { type: 'text', id: 'token-name', required: true, pattern: '[A-Za-z0-9 ._\\-]{1,64}', maxlength: 64 });
  const role = h('select', { id: 'token-role' }, ['viewer', 'publisher'].map((r) => h('option', { value: r }, t(`role.${r}`))));
  const days = h('input', { type: 'number', id: 'token-days', min: 1, max: 365, value: '90', required: true });
  const form = h(
    'form',
    { id: 'token-form' },
    h('label', { for: 'token-name' }, t('tokens.name')),
    name,
    h('label', { for: 'token-role' }, t('tokens.role')),
    role,
    h('label', { for: 'token-days' }, t('tokens.days')),
    days,
    h('br'),
    writeButton(t('tokens.create'), { id: 'token-create' }),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(ev.submitter ?? form.querySelector('button'), box, async () => {
      const created = await api('POST', '/v1/admin/tokens', { name: name.value, role: role.value, expiresInDays: Number(days.value) });
      await render();
      // Shown once, after the re-render, and gone at the next navigation.
      const target = document.getElementById('token-secret-box');
      target?.replaceChildren(h('p', {}, t('tokens.secret')), h('code', { class: 'secret', id: 'token-secret' }, created.token));
      target?.querySelector('code')?.setAttribute('tabindex', '0');
    });
  });
  const rows = tokens.map((tk) => {
    const revoke = h('button', { type: 'button', class: 'secondary', id: `revoke-${tk.id}`, disabled: Boolean(tk.revokedAt) }, t('tokens.revoke', tk.name));
    revoke.addEventListener('click', () =>
      act(revoke, box, async () => {
        await api('DELETE', `/v1/admin/tokens/${tk.id}`);
        notify(t('tokens.revokedDone'));
        await render();
      }),
    );
    if (tk.revokedAt) revoke.disabled = true;
    return h(
      'tr',
      { 'data-token': tk.name },
      h('td', {}, tk.name),
      h('td', {}, t(`role.${tk.role}`)),
      h('td', {}, tk.createdBy, h('br'), when(tk.createdAt)),
      h('td', {}, when(tk.expiresAt)),
      h('td', {}, tk.revokedAt ? `${t('tokens.revoked')} ${when(tk.revokedAt)}` : t('tokens.live')),
      h('td', {}, revoke),
    );
  });
  page.append(form, box, secret, table('tokens-table', null, [t('tokens.name'), t('tokens.role'), t('tokens.createdBy'), t('tokens.expires'), t('col.status'), t('col.actions')], rows));
}

// ---- start ----------------------------------------------------------------------------------

async function start() {
  document.getElementById('lang-switch').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    state.previewLang = null;
    try {
      window.localStorage.setItem('ops-console-lang', state.lang);
    } catch {
      // Private mode: the switch still works for this page.
    }
    render();
  });
  document.getElementById('sign-out').addEventListener('click', async () => {
    try {
      await api('DELETE', '/ops/api/session');
    } finally {
      state.session = null;
      notify(t('signedOut'));
      render(true);
    }
  });
  // A notice belongs to the page it was raised on, except when an action itself moved on (a new draft).
  window.addEventListener('hashchange', () => {
    if (!state.keepNotice) notify('');
    state.keepNotice = false;
    render(true);
  });
  try {
    state.session = await api('GET', '/ops/api/session');
  } catch {
    state.session = null;
  }
  document.body.dataset.ready = 'true';
  render();
}

start();
