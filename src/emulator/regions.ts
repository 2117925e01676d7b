// The regions the emulator serves, with the names DescribeRegions gives them.

import type { CatalogueRegion } from './types.js';

interface RegionSeed {
  id: string;
  zh: string;
  en: string;
  ja: string;
  /** the two characters real resource IDs in the region start with (m-bp1..., s-bp1...) */
  idPrefix: string;
}

const SEEDS: readonly RegionSeed[] = [
  { id: 'cn-qingdao', zh: '华北1（青岛）', en: 'China (Qingdao)', ja: '中国 (青島)', idPrefix: 'm5' },
  { id: 'cn-beijing', zh: '华北2（北京）', en: 'China (Beijing)', ja: '中国 (北京)', idPrefix: '2z' },
  { id: 'cn-zhangjiakou', zh: '华北3（张家口）', en: 'China (Zhangjiakou)', ja: '中国 (張家口)', idPrefix: '8v' },
  { id: 'cn-huhehaote', zh: '华北5（呼和浩特）', en: 'China (Hohhot)', ja: '中国 (フフホト)', idPrefix: 'hp' },
  { id: 'cn-hangzhou', zh: '华东1（杭州）', en: 'China (Hangzhou)', ja: '中国 (杭州)', idPrefix: 'bp' },
  { id: 'cn-shanghai', zh: '华东2（上海）', en: 'China (Shanghai)', ja: '中国 (上海)', idPrefix: 'uf' },
  { id: 'cn-shenzhen', zh: '华南1（深圳）', en: 'China (Shenzhen)', ja: '中国 (深セン)', idPrefix: 'wz' },
  { id: 'cn-chengdu', zh: '西南1（成都）', en: 'China (Chengdu)', ja: '中国 (成都)', idPrefix: '2v' },
  { id: 'cn-hongkong', zh: '中国香港', en: 'China (Hong Kong)', ja: '中国 (香港)', idPrefix: 'j6' },
  { id: 'ap-northeast-1', zh: '日本（东京）', en: 'Japan (Tokyo)', ja: '日本 (東京)', idPrefix: '6w' },
  { id: 'ap-southeast-1', zh: '新加坡', en: 'Singapore', ja: 'シンガポール', idPrefix: 't4' },
  { id: 'ap-southeast-5', zh: '印度尼西亚（雅加达）', en: 'Indonesia (Jakarta)', ja: 'インドネシア (ジャカルタ)', idPrefix: 'k1' },
  { id: 'us-west-1', zh: '美国（硅谷）', en: 'US (Silicon Valley)', ja: '米国 (シリコンバレー)', idPrefix: 'rj' },
  { id: 'us-east-1', zh: '美国（弗吉尼亚）', en: 'US (Virginia)', ja: '米国 (バージニア)', idPrefix: '0x' },
  { id: 'eu-central-1', zh: '德国（法兰克福）', en: 'Germany (Frankfurt)', ja: 'ドイツ (フランクフルト)', idPrefix: 'gw' },
  { id: 'eu-west-1', zh: '英国（伦敦）', en: 'UK (London)', ja: 'イギリス (ロンドン)', idPrefix: 'd7' },
];

export const REGIONS: readonly CatalogueRegion[] = SEEDS.map((s) =>
  Object.freeze({
    RegionId: s.id,
    LocalName: s.zh,
    LocalNameEn: s.en,
    LocalNameJa: s.ja,
    RegionEndpoint: `ecs.${s.id}.aliyuncs.com`,
    Status: 'available' as const,
  }),
);

export function regionIdPrefix(regionId: string): string {
  return SEEDS.find((s) => s.id === regionId)?.idPrefix ?? 'xx';
}

/** cn-hangzhou, ap-southeast-1, eu-central-1, ...: the shape of a region id, known to the emulator or not */
export function isRegionId(value: string): boolean {
  return /^[a-z]{2,}(-[a-z0-9]+)+$/.test(value);
}
