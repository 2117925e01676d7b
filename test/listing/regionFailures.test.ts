// The one error a walk of several regions ends with, word for word: it is the last line an
// operator reads after list, show or --count over several regions.
import { describe, expect, it } from 'vitest';
import { CredentialsError, EcsimgError, ExitCode, NotFoundError, ServiceError } from '../../src/errors.js';
import { regionsFailed, throwWalkOutcome, type RegionFailure } from '../../src/listing/regionFailures.js';

const failed = (regionId: string, printedInPart = false, error: EcsimgError = new ServiceError(`${regionId} broke`)): RegionFailure => ({ regionId, error, printedInPart });

describe('regionsFailed', () => {
  it.each<[string, RegionFailure[], string[], string]>([
    ['every region, nothing printed', [failed('a'), failed('b')], ['a', 'b'], 'every region failed (a, b); nothing was listed'],
    ['the only region', [failed('a')], ['a'], 'every region failed (a); nothing was listed'],
    ['every region, one printed in part', [failed('a', true), failed('b')], ['a', 'b'], 'every region failed (a, b); a failed after some of its images were printed'],
    ['every region, both printed in part', [failed('a', true), failed('b', true)], ['a', 'b'], 'every region failed (a, b); a, b failed after some of their images were printed'],
    ['some regions', [failed('b')], ['a', 'b', 'c'], '1 of 3 regions failed (b); the other regions were listed'],
    ['two of three', [failed('a'), failed('c')], ['a', 'b', 'c'], '2 of 3 regions failed (a, c); the other regions were listed'],
    ['some, one printed in part', [failed('a'), failed('c', true)], ['a', 'b', 'c'], '2 of 3 regions failed (a, c); the other regions were listed, and c failed after some of its images were printed'],
    ['some, two printed in part', [failed('a', true), failed('c', true)], ['a', 'b', 'c'], '2 of 3 regions failed (a, c); the other regions were listed, and a, c failed after some of their images were printed'],
  ])('%s', (_name, failures, regionIds, message) => {
    const error = regionsFailed(failures, regionIds);
    expect(error).toBeInstanceOf(EcsimgError);
    expect(error.message).toBe(message);
    expect(error.hint).toBeUndefined();
  });

  it('an outcome (--count: no count is printed) takes the place of what was listed', () => {
    expect(regionsFailed([failed('b')], ['a', 'b', 'c'], 'no count is printed').message).toBe('1 of 3 regions failed (b); no count is printed');
    expect(regionsFailed([failed('a'), failed('b', true)], ['a', 'b'], 'no count is printed').message).toBe('every region failed (a, b); no count is printed');
    expect(regionsFailed([failed('a', false, new CredentialsError('denied'))], ['a', 'b'], 'no count is printed').exitCode).toBe(ExitCode.credentials);
  });

  it("takes the exit code of the first failed region's error", () => {
    const first = failed('a', false, new CredentialsError('denied'));
    expect(regionsFailed([first, failed('b')], ['a', 'b', 'c']).exitCode).toBe(ExitCode.credentials);
    expect(regionsFailed([failed('b'), first], ['a', 'b', 'c']).exitCode).toBe(ExitCode.service);
  });
});

describe('throwWalkOutcome', () => {
  const missing = new NotFoundError('image m-1 not found in a');

  it('failed regions: the not-found error is reported first, then the failure is thrown', () => {
    const reported: EcsimgError[] = [];
    expect(() => throwWalkOutcome([failed('b')], ['a', 'b'], missing, (e) => reported.push(e))).toThrow(
      expect.objectContaining({ message: '1 of 2 regions failed (b); the other regions were listed', exitCode: ExitCode.service }),
    );
    expect(reported).toEqual([missing]);
  });

  it('failed regions and nothing missing: only the failure, nothing reported', () => {
    const reported: EcsimgError[] = [];
    expect(() => throwWalkOutcome([failed('a'), failed('b')], ['a', 'b'], undefined, (e) => reported.push(e))).toThrow('every region failed (a, b); nothing was listed');
    expect(reported).toEqual([]);
  });

  it('no failure: the not-found error itself is thrown, not reported', () => {
    const reported: EcsimgError[] = [];
    expect(() => throwWalkOutcome([], ['a', 'b'], missing, (e) => reported.push(e))).toThrow(missing);
    expect(reported).toEqual([]);
  });

  it('no failure and nothing missing: returns quietly', () => {
    const reported: EcsimgError[] = [];
    expect(throwWalkOutcome([], ['a'], undefined, (e) => reported.push(e))).toBeUndefined();
    expect(reported).toEqual([]);
  });
});
