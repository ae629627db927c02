import { blobKeyProblem } from '../storage/blob-key';
import { z } from 'zod';

/** One file of a Zenodo record, as ingestion needs it. */
export interface ZenodoFile {
  /** File name within the record, e.g. `Galaxy10_DECals.h5`. */
  readonly key: string;
  readonly size: number;
  /** Lower-case hex md5, from Zenodo's `md5:<hex>` checksum. */
  readonly md5: string;
  /** Download link (`links.self`). */
  readonly url: string;
}

export interface ZenodoRecord {
  readonly id: string;
  /** The id shared by every version; equal to `id` for records that were never versioned. */
  readonly conceptRecordId: string;
  readonly title?: string;
  readonly version?: string;
  readonly files: readonly ZenodoFile[];
  /** From the versions listing: whether Zenodo marks this the latest version, and its 1-based index. */
  readonly isLatest?: boolean;
  readonly versionIndex?: number;
}

const Id = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);

const FileSchema = z
  .object({
    // Checked for every file of a listing when it is read, before any download starts.
    key: z.string().superRefine((key, context) => {
      const problem = blobKeyProblem(key);
      if (problem) context.addIssue({ code: 'custom', message: `file key '${key}' is unusable: ${problem}` });
    }),
    size: z.number().int().nonnegative(),
    checksum: z.string().regex(/^md5:[0-9a-fA-F]{32}$/, 'expected "md5:<32 hex digits>"'),
    links: z.object({ self: z.string().url() }),
  })
  .transform((file): ZenodoFile => ({
    key: file.key,
    size: file.size,
    md5: file.checksum.slice(4).toLowerCase(),
    url: file.links.self,
  }));

/** The parts of Zenodo's record JSON this project reads; everything else is ignored. */
export const RecordSchema = z
  .object({
    id: Id,
    conceptrecid: Id.optional(),
    metadata: z.object({ title: z.string().optional(), version: z.string().optional() }).partial().optional(),
    files: z.array(FileSchema).optional(),
    versions: z.object({ is_latest: z.boolean().optional(), index: z.number().optional() }).optional(),
  })
  .transform((record): ZenodoRecord => ({
    id: record.id,
    conceptRecordId: record.conceptrecid ?? record.id,
    title: record.metadata?.title,
    version: record.metadata?.version,
    files: record.files ?? [],
    isLatest: record.versions?.is_latest,
    versionIndex: record.versions?.index,
  }));

/** One page of `GET /api/records/{id}/versions`. */
export const VersionsPageSchema = z.object({
  hits: z.object({ hits: z.array(RecordSchema) }),
  links: z.object({ next: z.string().url().optional() }).optional(),
});

/**
 * The newest of a concept's versions: the one Zenodo marks latest, else the highest version index, else
 * the highest record id (Zenodo assigns ids in increasing order).
 */
export function newestOf(versions: readonly ZenodoRecord[]): ZenodoRecord | undefined {
  const marked = versions.find((v) => v.isLatest === true);
  if (marked) return marked;
  return [...versions].sort(
    (a, b) => (b.versionIndex ?? 0) - (a.versionIndex ?? 0) || Number(BigInt(b.id) - BigInt(a.id)),
  )[0];
}
