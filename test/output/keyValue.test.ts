import { describe, expect, it } from 'vitest';
import { renderKeyValue } from '../../src/output/keyValue.js';
import { nullPrototype } from './helpers.js';

const image = {
  ImageId: 'm-bp1g7004ksh0oeuc0001',
  ImageName: 'web, api and "worker"',
  Description: 'line one\nline two',
  Size: 40,
  ImageOwnerId: 1688123456789012345n,
  IsPublic: false,
  ProductCode: '',
  Status: 'Available',
  Tags: { Tag: [{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'owner', TagValue: '' }] },
  DiskDeviceMappings: {
    DiskDeviceMapping: [
      { Device: '/dev/xvda', Size: '40', SnapshotId: 's-bp1abc', Type: 'system' },
      { Device: '/dev/xvdb', Size: '100', SnapshotId: '', Type: 'data' },
    ],
  },
  Features: { NvmeSupport: 'supported' },
  DetectionOptions: { Status: 'Finished', Items: { Item: [{ Name: 'GuestOS.Kernel', RiskLevel: 'High' }] } },
  ImportImageOptions: {},
};

const expected = [
  'ImageId:            m-bp1g7004ksh0oeuc0001',
  'ImageName:          web, api and "worker"',
  'Description:        line one\\nline two',
  'Size:               40',
  'ImageOwnerId:       1688123456789012345',
  'IsPublic:           false',
  'ProductCode:',
  'Status:             Available',
  'Tags:',
  '  env = prod',
  '  owner =',
  'DiskDeviceMappings:',
  '  - Device:     /dev/xvda',
  '    Size:       40',
  '    SnapshotId: s-bp1abc',
  '    Type:       system',
  '  - Device:     /dev/xvdb',
  '    Size:       100',
  '    SnapshotId:',
  '    Type:       data',
  'Features:',
  '  NvmeSupport: supported',
  'DetectionOptions:',
  '  Status: Finished',
  '  Items:',
  '    - Name:      GuestOS.Kernel',
  '      RiskLevel: High',
  'ImportImageOptions:',
  '',
].join('\n');

describe('renderKeyValue', () => {
  it('prints every field aligned, nested fields indented beneath their key', () => {
    expect(renderKeyValue(image, { color: false })).toBe(expected);
  });

  it('bolds the top-level keys only when colour is on, and changes nothing else', () => {
    const text = renderKeyValue(image, { color: true });
    expect(text).toContain('\x1b[1mImageId:\x1b[22m            m-bp1g7004ksh0oeuc0001\n');
    expect(text).toContain('\x1b[1mTags:\x1b[22m\n  env = prod\n');
    expect(text).toContain('  NvmeSupport: supported\n');
    // eslint-disable-next-line no-control-regex
    expect(text.replace(/\x1b\[(1|22)m/g, '')).toBe(expected);
  });

  it('handles null-prototype images and escapes terminal control characters', () => {
    const row = nullPrototype({
      ImageId: 'm-1',
      ImageName: 'evil\x1b]0;title\x07',
      Tags: nullPrototype({ Tag: [nullPrototype({ TagKey: 'k', TagValue: 'v' })] }),
    });
    expect(renderKeyValue(row, { color: false })).toBe(
      'ImageId:   m-1\nImageName: evil\\x1b]0;title\\x07\nTags:\n  k = v\n',
    );
  });
});
