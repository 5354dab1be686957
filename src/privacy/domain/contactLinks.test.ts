import { contactRuns, dialledNumber } from './contactLinks';

describe('contactRuns', () => {
  it('finds the phone number and the e-mail address of a policy’s contact lines, in both languages', () => {
    expect(contactRuns('电话:+86 400 885 6618')).toEqual([
      { kind: 'text', text: '电话:' },
      { kind: 'phone', text: '+86 400 885 6618', href: 'tel:+864008856618' },
    ]);
    expect(contactRuns('Email address: customerservice.cn@cartier.com')).toEqual([
      { kind: 'text', text: 'Email address: ' },
      { kind: 'email', text: 'customerservice.cn@cartier.com', href: 'mailto:customerservice.cn@cartier.com' },
    ]);
    expect(contactRuns('邮件地址:customerservice.cn@cartier.com')[1]).toMatchObject({ kind: 'email', href: 'mailto:customerservice.cn@cartier.com' });
  });

  it('dials a bracketed trunk prefix without its 0, and a local number as written', () => {
    expect(contactRuns('Phone +41 (0) 22 721 3500')[1]).toEqual({ kind: 'phone', text: '+41 (0) 22 721 3500', href: 'tel:+41227213500' });
    expect(dialledNumber('021-6288 0000')).toBe('02162880000');
    expect(contactRuns('电话 021-6288 0000，工作日')).toEqual([
      { kind: 'text', text: '电话 ' },
      { kind: 'phone', text: '021-6288 0000', href: 'tel:02162880000' },
      { kind: 'text', text: '，工作日' },
    ]);
  });

  it('leaves addresses, postcodes, years and codes as text', () => {
    for (const line of ['上海市延安中路1228号静安嘉里中心三座701-708室（邮编200041）', 'Last updated: December 2023', 'Rue André-De-Garrini 3, 1217 Meyrin', 'ISO27001 certified', 'Updated 2023-12-01', '历峰商业有限公司']) {
      expect(contactRuns(line)).toEqual([{ kind: 'text', text: line }]);
    }
    expect(contactRuns('')).toEqual([]);
  });

  it('finds several in one line', () => {
    const runs = contactRuns('Tel 400 885 6618 or a@b.cn');
    expect(runs.map((r) => r.kind)).toEqual(['text', 'phone', 'text', 'email']);
  });
});
