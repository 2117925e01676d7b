// The local ECS API emulator (SPEC section 8): startEmulator() and what tests need beside it.

export { startEmulator } from './server.js';
export { describeEmulator } from './banner.js';
export { SELF_OWNER_ID } from './catalogue.js';
export {
  EMULATOR_CREDENTIALS,
  EMULATOR_EXPIRED_STS_CREDENTIALS,
  EMULATOR_FORBIDDEN_CREDENTIALS,
  EMULATOR_STS_CREDENTIALS,
} from './credentials.js';
export { serializeJson } from './json.js';
export { computeSignature, percentEncode, stringToSign } from './signature.js';
export type {
  AccessKeyCredentials,
  Catalogue,
  CatalogueDiskDeviceMapping,
  CatalogueImage,
  CatalogueRegion,
  CatalogueTag,
  EmulatorOptions,
  EmulatorStats,
  Faults,
  ImageArchitecture,
  ImageOSType,
  ImageOwnerAlias,
  ImageStatus,
  ImageUsage,
  PagingFault,
  ReceivedRequest,
  RunningEmulator,
  StsCredentials,
} from './types.js';
