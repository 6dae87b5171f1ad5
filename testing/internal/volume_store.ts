/**
 * The fake's volumes and their files, shared by the volume and volume-file routes, with the
 * tier quotas the orchestrator applies (its `u64::MAX` "unlimited" values kept exact as bigints).
 *
 * @module
 */

import { jsonError } from "./http.ts";

/** Caller tier; the orchestrator treats every non-consumer identity as Enterprise. */
export type FakeVolumeTier = "free" | "pro" | "business" | "enterprise";

/** Options of the fake's volume routes. */
export interface FakeVolumeOptions {
  /** Tier of the caller, which sets quotas and the upload cap (default `enterprise`). */
  tier?: FakeVolumeTier;
}

/** A volume held by the fake. */
export interface FakeVolume {
  /** Volume UUID. */
  id: string;
  /** Label (`name` on the wire). */
  name: string;
  /** Wire status; {@link FakeVolumes.setAttached} switches it. */
  status: "Available" | "Attached";
  /** Capacity in bytes; uploads beyond it answer 422 `file size exceeds limit`. */
  sizeLimitBytes: number;
  /** Creation time in ms since the epoch. */
  createdAt: number;
  /** File contents by canonical path (no leading `/`). */
  files: Map<string, FakeVolumeFile>;
  /** Directories created explicitly, with their creation time (parents of files are implied). */
  dirs: Map<string, number>;
}

/** A stored file. */
export interface FakeVolumeFile {
  /** The bytes as uploaded. */
  data: Uint8Array;
  /** Lower-case hex SHA-256 of `data`. */
  sha256: string;
  /** MIME type sniffed from `data`. */
  mimeType: string;
  /** Last write in ms since the epoch. */
  modifiedAt: number;
}

/** Lets tests look at and steer the fake's volumes. */
export interface FakeVolumes {
  /** Volumes by UUID. */
  readonly volumes: Map<string, FakeVolume>;
  /** Marks a volume attached to an execution (deleting it then answers 409) or detached. */
  setAttached(volumeId: string, attached: boolean): void;
}

/** Quotas of one tier. */
export interface TierLimits {
  maxVolumes: bigint;
  totalStorageBytes: bigint;
  maxFileSizeBytes: bigint;
}

const MiB = 1024n * 1024n;
const GiB = 1024n * MiB;
const U32_MAX = 2n ** 32n - 1n;
const U64_MAX = 2n ** 64n - 1n;
const TIERS: Record<FakeVolumeTier, TierLimits> = {
  free: { maxVolumes: 2n, totalStorageBytes: 500n * MiB, maxFileSizeBytes: 50n * MiB },
  pro: { maxVolumes: 10n, totalStorageBytes: 10n * GiB, maxFileSizeBytes: 500n * MiB },
  business: { maxVolumes: 50n, totalStorageBytes: 100n * GiB, maxFileSizeBytes: 2n * GiB },
  enterprise: { maxVolumes: U32_MAX, totalStorageBytes: U64_MAX, maxFileSizeBytes: U64_MAX },
};
/** The chat-attachments volume never gets more than this, whatever the tier. */
export const CHAT_ATTACHMENTS_CAP = 10n * GiB;
export const CHAT_ATTACHMENTS = "chat-attachments";
/** axum's default body limit, which applies to the `Multipart` extractor. */
export const MULTIPART_LIMIT = 2 * 1024 * 1024;
export const MISSING_PATH = "Failed to deserialize query string: missing field `path`";

/** The volumes of one fake, with the caller's tier limits. */
export class VolumeStore implements FakeVolumes {
  /** Volumes by UUID. */
  readonly volumes: Map<string, FakeVolume> = new Map();
  /** Quotas of the caller's tier. */
  readonly limits: TierLimits;
  readonly #now: () => number;

  /** `now` is the fake's clock. */
  constructor(options: FakeVolumeOptions, now: () => number) {
    this.limits = TIERS[options.tier ?? "enterprise"];
    this.#now = now;
  }

  /** Marks a volume attached to an execution (deleting it then answers 409) or detached. */
  setAttached(volumeId: string, attached: boolean): void {
    const volume = this.volumes.get(volumeId);
    if (!volume) throw new Error(`no volume ${volumeId} in the fake`);
    volume.status = attached ? "Attached" : "Available";
  }

  /** Creates a volume within the tier's quotas, or answers like the orchestrator. */
  provision(label: string, size: number): FakeVolume | Response {
    const { volumes, limits } = this;
    if ([...volumes.values()].some((v) => v.name === label)) {
      return jsonError(409, `volume with name '${label}' already exists`);
    }
    if (BigInt(volumes.size) >= limits.maxVolumes) {
      return jsonError(422, "volume count quota exceeded for tier");
    }
    const reserved = [...volumes.values()].reduce((sum, v) => sum + BigInt(v.sizeLimitBytes), 0n);
    if (reserved + BigInt(size) > limits.totalStorageBytes) {
      return jsonError(422, "storage quota exceeded for tier");
    }
    const volume: FakeVolume = {
      id: crypto.randomUUID(),
      name: label,
      status: "Available",
      sizeLimitBytes: size,
      createdAt: this.#now(),
      files: new Map(),
      dirs: new Map(),
    };
    volumes.set(volume.id, volume);
    return volume;
  }

  /** The `chat-attachments` volume, created on first use. */
  chatAttachments(): FakeVolume | Response {
    const existing = [...this.volumes.values()].find((v) => v.name === CHAT_ATTACHMENTS);
    if (existing) return existing;
    const budget = this.limits.totalStorageBytes < CHAT_ATTACHMENTS_CAP
      ? this.limits.totalStorageBytes
      : CHAT_ATTACHMENTS_CAP;
    return this.provision(CHAT_ATTACHMENTS, Number(budget));
  }
}

/** Bytes of the files in `volume`. */
export function usedBytes(volume: FakeVolume): number {
  let total = 0;
  for (const file of volume.files.values()) total += file.data.byteLength;
  return total;
}
