// Images that change while a client waits: --creating images, and images the control API
// adds or changes. Everything moves on the emulator's clock, applied just before a region
// is answered, so a status never changes in the middle of a listing's page.

import type { ImageCatalogue } from './catalogue.js';
import type { CatalogueImage, ImageStatus, ServedImage } from './types.js';

/** --creating <count>:<seconds>[:<failed>] */
export interface CreatingSpec {
  /** images per region in Creating when a region is first served */
  count: number;
  /** until they end (fractions allowed) */
  seconds: number;
  /** the last `failed` of them end in CreateFailed instead of Available */
  failed?: number;
}

/** What the control API's POST /_emulator/images takes. */
export interface AddImageSpec {
  RegionId: string;
  ImageName: string;
  ImageId?: string;
  ImageFamily?: string;
  Description?: string;
  /** the status it appears with; default Creating when CreatingSeconds is given, else Available */
  Status?: ImageStatus;
  /** Progress rises from 0% to 100% over this many seconds, then the image is Available (or CreateFailed) */
  CreatingSeconds?: number;
  /** end the creation in CreateFailed */
  Fails?: boolean;
  /** the image is in no answer until this many seconds from now */
  AfterSeconds?: number;
}

interface Transition {
  regionId: string;
  imageId: string;
  startMs: number;
  durationMs: number;
  outcome: 'Available' | 'CreateFailed';
}

interface Pending {
  regionId: string;
  image: CatalogueImage;
  atMs: number;
  transition?: Omit<Transition, 'startMs'>;
}

export class Lifecycle {
  private transitions: Transition[] = [];
  private pending: Pending[] = [];
  private readonly seeded = new Set<string>();
  private readonly startMs: number;
  private added = 0;

  constructor(
    private readonly catalogue: ImageCatalogue,
    private readonly now: () => number,
    private readonly creating?: CreatingSpec,
  ) {
    this.startMs = now();
  }

  /** Brings `regionId` to the present: its --creating images, images due to appear, progress and status. */
  advance(regionId: string): void {
    const now = this.now();
    this.seed(regionId);
    const due = this.pending.filter((p) => p.regionId === regionId && p.atMs <= now);
    if (due.length > 0) {
      this.pending = this.pending.filter((p) => !due.includes(p));
      for (const p of due) {
        this.catalogue.put(regionId, p.image);
        if (p.transition) this.transitions.push({ ...p.transition, startMs: p.atMs });
      }
    }
    const done: Transition[] = [];
    for (const t of this.transitions) {
      if (t.regionId !== regionId) continue;
      const share = t.durationMs <= 0 ? 1 : (now - t.startMs) / t.durationMs;
      if (share >= 1) {
        done.push(t);
        this.set(t.regionId, t.imageId, t.outcome, t.outcome === 'Available' ? '100%' : progressOf(share));
      } else {
        this.set(t.regionId, t.imageId, 'Creating', progressOf(share));
      }
    }
    if (done.length > 0) this.transitions = this.transitions.filter((t) => !done.includes(t));
  }

  /** The control API's POST: the image as it is (or will be) served, and its region. */
  add(spec: AddImageSpec): { RegionId: string; Image: ServedImage } {
    const now = this.now();
    const seconds = spec.CreatingSeconds;
    const status = spec.Status ?? (seconds !== undefined ? 'Creating' : 'Available');
    this.added += 1;
    const image = this.catalogue.newImage(spec.RegionId, now + (spec.AfterSeconds ?? 0) * 1000, String(this.added), {
      name: spec.ImageName,
      id: spec.ImageId,
      family: spec.ImageFamily,
      description: spec.Description,
      status,
      progress: status === 'Creating' || status === 'Waiting' ? '0%' : '100%',
    });
    const transition =
      seconds === undefined
        ? undefined
        : { regionId: spec.RegionId, imageId: image.ImageId, durationMs: seconds * 1000, outcome: spec.Fails ? ('CreateFailed' as const) : ('Available' as const) };
    this.pending.push({ regionId: spec.RegionId, image, atMs: now + (spec.AfterSeconds ?? 0) * 1000, transition });
    this.advance(spec.RegionId);
    return { RegionId: spec.RegionId, Image: image };
  }

  /** The control API's PATCH: a status (and progress) set now; it stops any creation under way. */
  setStatus(imageId: string, status: ImageStatus, progress?: string, regionId?: string): { RegionId: string; Image: ServedImage } | undefined {
    if (regionId !== undefined) this.advance(regionId);
    const found = this.catalogue.find(imageId, regionId);
    if (!found) return undefined;
    this.transitions = this.transitions.filter((t) => t.imageId !== imageId || t.regionId !== found.regionId);
    this.set(found.regionId, imageId, status, progress ?? (status === 'Creating' || status === 'Waiting' ? found.image.Progress as string : '100%'));
    return this.find(imageId, found.regionId);
  }

  find(imageId: string, regionId?: string): { RegionId: string; Image: ServedImage } | undefined {
    if (regionId !== undefined) this.advance(regionId);
    const found = this.catalogue.find(imageId, regionId);
    return found ? { RegionId: found.regionId, Image: found.image } : undefined;
  }

  private seed(regionId: string): void {
    if (!this.creating || this.seeded.has(regionId)) return;
    this.seeded.add(regionId);
    const { count, seconds, failed = 0 } = this.creating;
    for (let i = 1; i <= count; i += 1) {
      const image = this.catalogue.newImage(regionId, this.startMs, `creating-${i}`, { name: `creating-${i}`, status: 'Creating', progress: '0%' });
      this.catalogue.put(regionId, image);
      this.transitions.push({
        regionId,
        imageId: image.ImageId,
        startMs: this.startMs,
        durationMs: seconds * 1000,
        outcome: i > count - failed ? 'CreateFailed' : 'Available',
      });
    }
  }

  private set(regionId: string, imageId: string, status: ImageStatus, progress: string): void {
    const current = this.catalogue.find(imageId, regionId)?.image;
    if (current && current.Status === status && current.Progress === progress) return;
    this.catalogue.update(regionId, imageId, { Status: status, Progress: progress });
  }
}

function progressOf(share: number): string {
  return `${Math.max(0, Math.min(100, Math.floor(share * 100)))}%`;
}
