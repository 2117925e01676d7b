// The local ECS API emulator (SPEC section 8): startEmulator() and what tests need beside it.

export { startEmulator } from './server.js';
export { describeEmulator } from './banner.js';
export { SELF_OWNER_ID } from './catalogue.js';
export {
  EMULATOR_CREDENTIALS,
  EMULATOR_CREDENTIALS_URI_PATH,
  EMULATOR_EXPIRED_OIDC_TOKEN,
  EMULATOR_EXPIRED_STS_CREDENTIALS,
  EMULATOR_EXTERNAL_ID,
  EMULATOR_EXTERNAL_ID_ROLE_ARN,
  EMULATOR_FORBIDDEN_CREDENTIALS,
  EMULATOR_INSTANCE_ROLE_NAME,
  EMULATOR_OIDC_PROVIDER_ARN,
  EMULATOR_OIDC_TOKEN,
  EMULATOR_ROLE_ARN,
  EMULATOR_STS_CREDENTIALS,
} from './credentials.js';
export { STS_API_VERSION } from './sts.js';
export { serializeJson } from './json.js';
export { CONTROL_PATH_PREFIX } from './control.js';
export type { AddImageSpec, CreatingSpec } from './lifecycle.js';
export { computeSignature, percentEncode, stringToSign } from './signature.js';
export type {
  AccessKeyCredentials,
  Catalogue,
  CatalogueDiskDeviceMapping,
  CatalogueImage,
  CatalogueRegion,
  CatalogueTag,
  EmulatorOptions,
  EmulatorService,
  EmulatorStats,
  Faults,
  ImageArchitecture,
  ImageOSType,
  ImageOwnerAlias,
  ImageStatus,
  ImageUsage,
  PagingFault,
  ReceivedRequest,
  RecordedCatalogue,
  RecordedImage,
  RunningEmulator,
  ServiceOutage,
  ServedImage,
  StsCredentials,
} from './types.js';
