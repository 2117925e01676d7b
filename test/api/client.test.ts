// toPlain and detachedString alone; the client itself is tested against the emulator
// (test/emulator, test/errors, test/commands).
import { describe, expect, it } from 'vitest';
import { detachedString, toPlain } from '../../src/api/client.js';

// As json-bigint makes them: duck-typed BigNumber objects in null-prototype objects.
const bigNumber = (text: string) => ({ _isBigNumber: true, toFixed: () => text });
const parsed = (fields: Record<string, unknown>) => Object.assign(Object.create(null) as Record<string, unknown>, fields);

describe('detachedString', () => {
  it.each([
    ['ASCII', 'aliyun_3_x64_20G_alibase_20240528.vhd'],
    ['Latin-1', 'café crème, ÿ and \u00a0'],
    ['CJK', 'Alibaba Cloud Linux  3.2104 LTS 64位 ARM版'],
    ['emoji (surrogate pairs)', 'rocket 🚀 image'],
    ['a lone surrogate', 'broken \ud800 text'],
    ['empty', ''],
  ])('returns an equal string: %s', (_name, text) => {
    // a slice of a larger two-byte text, as json-bigint returns it
    const source = `{"x":"${text}","y":"数据"}`;
    const slice = source.slice(6, 6 + text.length);
    expect(detachedString(slice)).toBe(text);
  });
});

describe('toPlain', () => {
  it('turns BigNumbers into exact bigint, keeps every string equal, and works in place', () => {
    const image = parsed({
      ImageId: 'm-bp1abcdefghijklmnop',
      OSName: 'Windows Server 2022 数据中心版 64位英文版',
      ImageOwnerId: bigNumber('1688123456789012345'),
      Ratio: bigNumber('0.1234567890123456789'),
      Size: 40,
      Status: 'Available',
      Tags: parsed({ Tag: [parsed({ TagKey: 'env', TagValue: 'a long enough value 值' })] }),
    });
    const body = parsed({ TotalCount: 1, Images: parsed({ Image: [image] }) });
    expect(toPlain(body)).toBe(body);
    expect(image.ImageOwnerId).toBe(1688123456789012345n);
    expect(image.Ratio).toBe(Number('0.1234567890123456789'));
    expect(image.OSName).toBe('Windows Server 2022 数据中心版 64位英文版');
    expect(image.ImageId).toBe('m-bp1abcdefghijklmnop');
    expect(image.Size).toBe(40);
    expect((image.Tags as { Tag: { TagValue: string }[] }).Tag[0]!.TagValue).toBe('a long enough value 值');
  });

  it('turns integers a double holds exactly into plain numbers, larger ones into bigint', () => {
    const owners = parsed({
      Sixteen: bigNumber('5550001112223334'),
      Largest: bigNumber('9007199254740991'),
      Negative: bigNumber('-9007199254740991'),
      TwoTo53: bigNumber('9007199254740992'),
      Beyond: bigNumber('9007199254740993'),
      NegativeBeyond: bigNumber('-9007199254740993'),
    });
    toPlain(owners);
    expect(owners).toEqual(
      parsed({
        Sixteen: 5550001112223334,
        Largest: 9007199254740991,
        Negative: -9007199254740991,
        TwoTo53: 9007199254740992n,
        Beyond: 9007199254740993n,
        NegativeBeyond: -9007199254740993n,
      }),
    );
  });

  it('leaves scalars and null alone', () => {
    expect(toPlain(null)).toBeNull();
    expect(toPlain(7)).toBe(7);
    expect(toPlain('short')).toBe('short');
    expect(toPlain(parsed({ Description: null, Flag: true }))).toEqual(parsed({ Description: null, Flag: true }));
  });
});
