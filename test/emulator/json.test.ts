import { describe, expect, it } from 'vitest';
import { serializeJson } from '../../src/emulator/json.js';

describe('serializeJson', () => {
  it('writes bigints as exact bare numbers', () => {
    expect(serializeJson({ ImageOwnerId: 1688123456789012345n })).toBe('{"ImageOwnerId":1688123456789012345}');
  });

  it('matches JSON.stringify for everything else and drops undefined fields', () => {
    const value = { a: 'x"\n\t第二行🚀', b: [1, 2.5, true, null], c: { d: undefined, e: false }, f: -0.001 };
    expect(serializeJson(value)).toBe(JSON.stringify(value));
  });
});
