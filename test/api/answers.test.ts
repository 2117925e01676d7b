// The shape checks of an answer, one by one, with the exact problem each names: the HTTP tests
// only see exit 4, so a check that stopped firing (and let a TypeError through later) or named
// the wrong thing would go unnoticed (test/MUTANTS.md, answers.ts).
import { describe, expect, it } from 'vitest';
import { answerObject, checkedDescribeImages, checkedDescribeRegions } from '../../src/api/answers.js';
import type { RequestContext } from '../../src/api/apiErrors.js';
import { ServiceError } from '../../src/errors.js';

const ctx: RequestContext = { action: 'DescribeImages', endpoint: 'https://ecs.cn-hangzhou.aliyuncs.com', regionId: 'cn-hangzhou' };
const PREFIX = 'unexpected answer to DescribeImages from ecs.cn-hangzhou.aliyuncs.com: ';

function thrown(run: () => unknown): ServiceError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ServiceError);
    return err as ServiceError;
  }
  throw new Error('expected a ServiceError');
}

describe('answerObject', () => {
  it.each([
    [null, 'null'],
    [[1], 'an array'],
    [12n, 'a number'],
    ['text', 'a string'],
    [7, 'a number'],
  ])('%s is %s, not a JSON object', (body, what) => {
    expect(thrown(() => answerObject(body, ctx)).message).toBe(`${PREFIX}${what}, not a JSON object`);
  });
});

describe('checkedDescribeImages', () => {
  it('no TotalCount is named as such, not as a TotalCount that is no count', () => {
    expect(thrown(() => checkedDescribeImages({ Images: { Image: [] } }, ctx)).message).toBe(`${PREFIX}no TotalCount or Images`);
  });

  it('no Images is named as such, not a TypeError', () => {
    expect(thrown(() => checkedDescribeImages({ TotalCount: 0 }, ctx)).message).toBe(`${PREFIX}no TotalCount or Images`);
  });

  it('carries the answer\'s RequestId into the error, and only a string one', () => {
    expect(thrown(() => checkedDescribeImages({ RequestId: 'REQ-7', TotalCount: 1 }, ctx)).requestId).toBe('REQ-7');
    expect(thrown(() => checkedDescribeImages({ RequestId: 7, TotalCount: 1 }, ctx)).requestId).toBeUndefined();
    expect(thrown(() => checkedDescribeImages({ TotalCount: 1 }, ctx)).requestId).toBeUndefined();
  });

  it('names an entry that is a bigint as a number', () => {
    const body = { TotalCount: 1, Images: { Image: [5n] } };
    expect(thrown(() => checkedDescribeImages(body, ctx)).message).toBe(`${PREFIX}Images.Image[0] is a number, not an object`);
  });
});

describe('checkedDescribeRegions', () => {
  it('no Regions is named as such, not a TypeError', () => {
    const regionsCtx = { ...ctx, action: 'DescribeRegions' };
    const err = thrown(() => checkedDescribeRegions({ RequestId: 'REQ-8', Regions: {} }, regionsCtx));
    expect(err.message).toBe('unexpected answer to DescribeRegions from ecs.cn-hangzhou.aliyuncs.com: no Regions');
    expect(err.requestId).toBe('REQ-8');
  });
});
