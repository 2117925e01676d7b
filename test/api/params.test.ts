import { describe, expect, it } from 'vitest';
import { describeImagesParams, formatFilterTime, pageParams } from '../../src/api/params.js';

describe('describeImagesParams', () => {
  it('sends only RegionId when no filter is given', () => {
    expect(describeImagesParams('cn-hangzhou', {})).toEqual({ RegionId: 'cn-hangzhou' });
  });

  it('never sends an undefined value', () => {
    const params = describeImagesParams('cn-hangzhou', { owner: undefined, name: undefined, tags: [] });
    expect(Object.values(params)).not.toContain(undefined);
    expect(Object.values(params)).not.toContain('undefined');
    expect(Object.keys(params)).toEqual(['RegionId']);
  });

  it('maps every filter to its API parameter', () => {
    const params = describeImagesParams('cn-beijing', {
      owner: 'self',
      imageIds: ['m-1', 'm-2'],
      name: 'ubuntu',
      statuses: ['Available', 'Deprecated'],
      snapshotId: 's-1',
      usage: 'instance',
      family: 'fam',
      osType: 'linux',
      arch: 'arm64',
      instanceType: 'ecs.g8y.large',
    });
    expect(params).toEqual({
      RegionId: 'cn-beijing',
      ImageOwnerAlias: 'self',
      ImageId: 'm-1,m-2',
      ImageName: 'ubuntu',
      Status: 'Available,Deprecated',
      SnapshotId: 's-1',
      Usage: 'instance',
      ImageFamily: 'fam',
      OSType: 'linux',
      Architecture: 'arm64',
      InstanceType: 'ecs.g8y.large',
    });
  });

  it('numbers tags from 1 and leaves out the value of a key-only tag', () => {
    const params = describeImagesParams('cn-hangzhou', {
      tags: [{ key: 'env', value: 'prod' }, { key: 'team' }, { key: 'a=b', value: 'x=y' }],
    });
    expect(params['Tag.1.Key']).toBe('env');
    expect(params['Tag.1.Value']).toBe('prod');
    expect(params['Tag.2.Key']).toBe('team');
    expect('Tag.2.Value' in params).toBe(false);
    expect(params['Tag.3.Key']).toBe('a=b');
    expect(params['Tag.3.Value']).toBe('x=y');
  });

  it('sends creation times as Filter.N in yyyy-MM-ddTHH:mmZ', () => {
    const params = describeImagesParams('cn-hangzhou', {
      createdAfter: new Date('2024-01-02T03:04:59Z'),
      createdBefore: new Date('2024-05-06T07:08:00Z'),
    });
    expect(params).toMatchObject({
      'Filter.1.Key': 'CreationStartTime',
      'Filter.1.Value': '2024-01-02T03:04Z',
      'Filter.2.Key': 'CreationEndTime',
      'Filter.2.Value': '2024-05-06T07:08Z',
    });
  });

  it('numbers a lone --created-before as Filter.1', () => {
    const params = describeImagesParams('cn-hangzhou', { createdBefore: new Date('2024-05-06T00:00:00Z') });
    expect(params['Filter.1.Key']).toBe('CreationEndTime');
    expect('Filter.2.Key' in params).toBe(false);
  });

  it('formats filter times in UTC', () => {
    expect(formatFilterTime(new Date('2024-12-31T23:59:30-02:00'))).toBe('2025-01-01T01:59Z');
  });

  it('adds page number and size as strings', () => {
    expect(pageParams({ RegionId: 'r' }, 3, 100)).toEqual({ RegionId: 'r', PageNumber: '3', PageSize: '100' });
  });
});
