import { ApiFailure } from './api';
import { failureText } from './failures';

const refusal = (status: number, message: string, code = 'X') => new ApiFailure(status, code, message);

describe('failures in the console language', () => {
  it("shows the server's own words in English", () => {
    expect(failureText('en', refusal(409, 'Only drafts can be published'))).toBe('Request failed: Only drafts can be published');
  });

  it('says the refusals the console meets in Chinese, with their values', () => {
    expect(failureText('zh', refusal(409, 'Only drafts can be published'))).toBe('请求失败：只有草稿可以发布：此版本已经发布（可能已由他人发布）。');
    expect(failureText('zh', refusal(400, 'Invalid collection list: [3].id: not matching ^[a-z]$; [4]: unknown field "x"'))).toBe('请求失败：个人信息收集清单有误，出错的位置：[3].id, [4]。');
    expect(failureText('zh', refusal(409, 'A live token is already named carol'))).toBe('请求失败：已有一个有效的令牌名为“carol”。');
    expect(failureText('zh', refusal(403, 'This needs the publisher role'))).toBe('请求失败：此操作需要发布者角色。');
    expect(failureText('zh', refusal(400, 'from (2025-03-03) is after to (2025-03-02)'))).toBe('请求失败：开始日期晚于结束日期。');
    expect(failureText('zh', refusal(400, 'Invalid querystring: querystring must NOT have additional properties (who)'))).toBe('请求失败：筛选条件无效：who。');
  });

  it('says any other refusal by its kind, never in English', () => {
    expect(failureText('zh', refusal(409, 'Something new'))).toBe('请求失败：与当前状态冲突，未作任何更改。');
    expect(failureText('zh', refusal(500, 'Internal error (request req-7)'))).toBe('请求失败：服务器出错（请求编号 req-7），您这边没有任何更改。');
    expect(failureText('zh', refusal(0, 'The server could not be reached'))).toBe('请求失败：无法连接服务器，请检查网络后重试。');
    expect(failureText('en', refusal(0, 'The server could not be reached'))).toBe('Request failed: The server could not be reached. Check the connection and try again.');
    // The pages' own errors are already in the page's language.
    expect(failureText('zh', new Error('请选择一个文件。'))).toBe('请求失败：请选择一个文件。');
  });
});
