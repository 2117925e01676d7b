// Enough of the ECS instance-type catalogue to answer "images usable with this type":
// the type's CPU architecture decides.

import type { ImageArchitecture } from './types.js';

const X86_FAMILIES = ['g5', 'c5', 'r5', 'g6', 'c6', 'r6', 'g6e', 'c6e', 'r6e', 'g7', 'c7', 'r7', 'hfg7', 'g8a', 'c8a', 'g8i', 'c8i', 'r8i', 'u1', 't5', 't6', 'e'];
const ARM_FAMILIES = ['g6r', 'c6r', 'g8y', 'c8y', 'r8y'];
const SIZES = ['small', 'medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '16xlarge'];

/** Architecture of the images an instance type can run, or undefined for an unknown type. */
export function instanceTypeArchitecture(instanceType: string): ImageArchitecture | undefined {
  const m = /^ecs\.([a-z0-9-]+)\.([a-z0-9]+)$/.exec(instanceType);
  if (!m || !SIZES.includes(m[2] ?? '')) return undefined;
  // Burstable and universal types carry a ratio after the family: ecs.t6-c1m1.large, ecs.u1-c1m2.large.
  const family = (m[1] ?? '').split('-')[0] ?? '';
  if (X86_FAMILIES.includes(family)) return 'x86_64';
  if (ARM_FAMILIES.includes(family)) return 'arm64';
  return undefined;
}
