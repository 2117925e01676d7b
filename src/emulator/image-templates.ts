// What the generated images are made of: the public images Alibaba Cloud publishes (name
// prefix, OS names, family) and the names custom, shared and marketplace images get.

import type { ImageArchitecture, ImageOSType } from './types.js';

export interface OsInfo {
  osName: string;
  osNameEn: string;
  platform: string;
  osType: ImageOSType;
  arch: ImageArchitecture;
  size: number;
  bootMode: string;
}

export interface SystemTemplate extends OsInfo {
  /** the image name up to its date */
  prefix: string;
  family: string;
  /** newest release, YYYY-MM-DD */
  newest: string;
  /** share of the oldest releases that are Deprecated */
  deprecatedShare: number;
}

function linux(name: string, en: string, platform: string, arch: ImageArchitecture = 'x86_64', size = 20): OsInfo {
  const bootMode = arch === 'arm64' ? 'UEFI' : arch === 'i386' ? 'BIOS' : 'UEFI-Preferred';
  return { osName: name, osNameEn: en, platform, osType: 'linux', arch, size, bootMode };
}

function windows(name: string, en: string, platform: string): OsInfo {
  return { osName: name, osNameEn: en, platform, osType: 'windows', arch: 'x86_64', size: 40, bootMode: 'BIOS' };
}

function template(prefix: string, family: string, newest: string, os: OsInfo, deprecatedShare = 0.25): SystemTemplate {
  return { prefix, family, newest, deprecatedShare, ...os };
}

export const SYSTEM_TEMPLATES: readonly SystemTemplate[] = [
  template('aliyun_3_x64_20G_alibase_', 'acs:alibaba_cloud_linux_3_2104_lts_x64', '2025-09-26', linux('Alibaba Cloud Linux  3.2104 LTS 64位', 'Alibaba Cloud Linux  3.2104 LTS 64 bit', 'Aliyun')),
  template('aliyun_3_arm64_20G_alibase_', 'acs:alibaba_cloud_linux_3_2104_lts_arm64', '2025-09-26', linux('Alibaba Cloud Linux  3.2104 LTS 64位 ARM版', 'Alibaba Cloud Linux  3.2104 LTS 64 bit ARM Edition', 'Aliyun', 'arm64')),
  template('aliyun_2_1903_x64_20G_alibase_', 'acs:alibaba_cloud_linux_2_1903_lts_x64', '2024-12-18', linux('Alibaba Cloud Linux  2.1903 LTS 64位', 'Alibaba Cloud Linux  2.1903 LTS 64 bit', 'Aliyun')),
  template('ubuntu_24_04_x64_20G_alibase_', 'acs:ubuntu_24_04_x64', '2025-09-12', linux('Ubuntu  24.04 64位', 'Ubuntu  24.04 64 bit', 'Ubuntu')),
  template('ubuntu_24_04_arm64_20G_alibase_', 'acs:ubuntu_24_04_arm64', '2025-09-12', linux('Ubuntu  24.04 64位 ARM版', 'Ubuntu  24.04 64 bit ARM Edition', 'Ubuntu', 'arm64')),
  template('ubuntu_22_04_x64_20G_alibase_', 'acs:ubuntu_22_04_x64', '2025-08-28', linux('Ubuntu  22.04 64位', 'Ubuntu  22.04 64 bit', 'Ubuntu')),
  template('ubuntu_22_04_arm64_20G_alibase_', 'acs:ubuntu_22_04_arm64', '2025-08-28', linux('Ubuntu  22.04 64位 ARM版', 'Ubuntu  22.04 64 bit ARM Edition', 'Ubuntu', 'arm64')),
  template('ubuntu_20_04_x64_20G_alibase_', 'acs:ubuntu_20_04_x64', '2025-05-20', linux('Ubuntu  20.04 64位', 'Ubuntu  20.04 64 bit', 'Ubuntu')),
  template('ubuntu_16_04_32_20G_alibase_', '', '2021-03-09', linux('Ubuntu  16.04 32位', 'Ubuntu  16.04 32 bit', 'Ubuntu', 'i386'), 0.6),
  template('centos_7_9_x64_20G_alibase_', 'acs:centos_7_9_x64', '2024-06-27', linux('CentOS  7.9 64位', 'CentOS  7.9 64 bit', 'CentOS')),
  template('centos_stream_9_x64_20G_alibase_', 'acs:centos_stream_9_x64', '2025-07-30', linux('CentOS Stream  9 64位', 'CentOS Stream  9 64 bit', 'CentOS Stream')),
  template('centos_6_10_32_40G_alibase_', '', '2020-09-16', linux('CentOS  6.10 32位', 'CentOS  6.10 32 bit', 'CentOS', 'i386', 40), 0.6),
  template('debian_12_7_x64_20G_alibase_', 'acs:debian_12_x64', '2025-09-05', linux('Debian  12.7 64位', 'Debian  12.7 64 bit', 'Debian')),
  template('debian_12_7_arm64_20G_alibase_', 'acs:debian_12_arm64', '2025-09-05', linux('Debian  12.7 64位 ARM版', 'Debian  12.7 64 bit ARM Edition', 'Debian', 'arm64')),
  template('debian_11_11_x64_20G_alibase_', 'acs:debian_11_x64', '2025-04-10', linux('Debian  11.11 64位', 'Debian  11.11 64 bit', 'Debian')),
  template('rockylinux_9_4_x64_20G_alibase_', 'acs:rockylinux_9_x64', '2025-08-14', linux('Rocky Linux  9.4 64位', 'Rocky Linux  9.4 64 bit', 'Rocky Linux')),
  template('almalinux_9_4_x64_20G_alibase_', 'acs:almalinux_9_x64', '2025-08-14', linux('AlmaLinux  9.4 64位', 'AlmaLinux  9.4 64 bit', 'AlmaLinux')),
  template('anolisos_8_9_x64_20G_rhck_alibase_', 'acs:anolis_8_x64', '2025-07-02', linux('Anolis OS  8.9 RHCK 64位', 'Anolis OS  8.9 RHCK 64 bit', 'Anolis')),
  template('opensuse_15_6_x64_20G_alibase_', 'acs:opensuse_15_x64', '2025-06-19', linux('OpenSUSE  15.6 64位', 'OpenSUSE  15.6 64 bit', 'OpenSUSE')),
  template('fedora_40_x64_20G_alibase_', 'acs:fedora_40_x64', '2024-11-21', linux('Fedora  40 64位', 'Fedora  40 64 bit', 'Fedora')),
  template('win2022_21H2_x64_dtc_en-us_40G_alibase_', 'acs:windows_server_2022_datacenter_en-us', '2025-09-17', windows('Windows Server  2022 数据中心版 64位英文版', 'Windows Server  2022 DataCenter Edition 64bit English Edition', 'Windows Server 2022')),
  template('win2022_21H2_x64_dtc_zh-cn_40G_alibase_', 'acs:windows_server_2022_datacenter_zh-cn', '2025-09-17', windows('Windows Server  2022 数据中心版 64位中文版', 'Windows Server  2022 DataCenter Edition 64bit Chinese Edition', 'Windows Server 2022')),
  template('win2019_1809_x64_dtc_en-us_40G_alibase_', 'acs:windows_server_2019_datacenter_en-us', '2025-09-17', windows('Windows Server  2019 数据中心版 64位英文版', 'Windows Server  2019 DataCenter Edition 64bit English Edition', 'Windows Server 2019')),
  template('win2019_1809_x64_dtc_zh-cn_40G_alibase_', 'acs:windows_server_2019_datacenter_zh-cn', '2025-09-17', windows('Windows Server  2019 数据中心版 64位中文版', 'Windows Server  2019 DataCenter Edition 64bit Chinese Edition', 'Windows Server 2019')),
  template('win2016_1607_x64_dtc_en-us_40G_alibase_', 'acs:windows_server_2016_datacenter_en-us', '2025-08-20', windows('Windows Server  2016 数据中心版 64位英文版', 'Windows Server  2016 DataCenter Edition 64bit English Edition', 'Windows Server 2016')),
];

export const CUSTOM_OS: readonly OsInfo[] = [
  linux('Alibaba Cloud Linux  3.2104 LTS 64位', 'Alibaba Cloud Linux  3.2104 LTS 64 bit', 'Aliyun', 'x86_64', 40),
  linux('Alibaba Cloud Linux  3.2104 LTS 64位 ARM版', 'Alibaba Cloud Linux  3.2104 LTS 64 bit ARM Edition', 'Aliyun', 'arm64', 40),
  linux('Ubuntu  22.04 64位', 'Ubuntu  22.04 64 bit', 'Ubuntu', 'x86_64', 40),
  linux('CentOS  7.9 64位', 'CentOS  7.9 64 bit', 'CentOS', 'x86_64', 40),
  linux('Debian  12.7 64位', 'Debian  12.7 64 bit', 'Debian', 'x86_64', 60),
  windows('Windows Server  2022 数据中心版 64位中文版', 'Windows Server  2022 DataCenter Edition 64bit Chinese Edition', 'Windows Server 2022'),
];

export const SELF_APPS = ['api-gateway', 'web-frontend', 'order-service', 'payment-worker', 'redis-cache', 'nginx-edge', 'ml-inference', 'batch-etl', 'jenkins-agent', 'bastion'];
export const TEAMS = ['platform', 'data', 'web', 'payments', 'sre'];
export const OWNERS = ['zhang.wei', 'li.na', 'wang.fang', 'chen.jie', 'alice', 'bob'];
export const SHARED_OWNER_IDS = [1234567890123456, 5550001112223334, 1111222233334444, 2233445566778899];
export const SHARED_NAMES = ['partner-base-centos7-hardened', 'shared-ml-runtime-cuda12', 'corp-golden-aliyun3', 'vendor-appliance-firewall', 'group-ci-runner', 'audit-baseline-ubuntu2204'];
export const MARKETPLACE_NAMES = [
  'WordPress 6.5 on Ubuntu 22.04',
  '宝塔Linux面板 9.0（Alibaba Cloud Linux 3）',
  'LAMP环境 (CentOS 7.9, PHP 7.4, MySQL 5.7)',
  'Docker CE 26 on Ubuntu 22.04',
  'GitLab CE 17, "batteries included"',
  'Node.js 20 LTS + PM2',
  'Java 17 运行环境, Tomcat 10',
  'Windows Server 2022 + SQL Server 2022 Standard',
];
export const MARKETPLACE_OWNER_IDS = [1347160111111111, 1800222233334444];
