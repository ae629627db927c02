import { arraySize } from '../config/member-plan';
import { resolveConfigJson } from '../config/run-config';
import { NotFoundError, TrainingError } from '../errors';
import type { BlobStore } from '../storage/blob-store';
import { runLayout } from '../run/run-layout';
import { combineMembers } from './ensemble';
import { decodePredictions, type PredictionSet } from './prediction-file';
import { memberScoredPredictions, type ScoredPredictions } from './scored-predictions';

/** Methods that are baselines (ALGORITHM.md, "Baselines"): a member whose meta.method is one of them. */
export const BASELINE_METHODS = ['source-only', 'none'] as const;

export interface MemberPredictions {
  readonly name: string;
  readonly method: string | null;
  readonly role: 'adapted' | 'baseline';
  readonly set: PredictionSet;
}

/** What the store holds of each member: its predictions, and history.json, the mark of a finished member. */
async function memberFiles(store: BlobStore, runId: string): Promise<Map<string, Set<string>>> {
  const prefix = runLayout.memberPrefix(runId, '');
  const files = new Map<string, Set<string>>();
  for await (const blob of store.list(prefix)) {
    const [name, ...rest] = blob.key.slice(prefix.length).split('/');
    if (!files.has(name)) files.set(name, new Set());
    if (rest.length === 1) files.get(name)!.add(rest[0]);
  }
  return files;
}

/** Names of the members that have a predictions file, in key order. */
export async function listMemberNames(store: BlobStore, runId: string): Promise<string[]> {
  const files = await memberFiles(store, runId);
  return [...files].filter(([, names]) => names.has('predictions.arrow')).map(([name]) => name);
}

/**
 * Members the run started, or its config.json plans, that have no history.json (written last by a
 * member that finished): a member that diverged, crashed or is still training.
 */
async function unfinishedMembers(store: BlobStore, runId: string, files: Map<string, Set<string>>) {
  const started = new Set(files.keys());
  for (const name of await plannedMembers(store, runId)) started.add(name);
  return [...started].filter((name) => !files.get(name)?.has('history.json'));
}

async function plannedMembers(store: BlobStore, runId: string): Promise<string[]> {
  const key = runLayout.config(runId);
  if (!(await store.exists(key))) return [];
  try {
    const size = arraySize(resolveConfigJson(await store.getText(key)));
    return Array.from({ length: size }, (_, member) => String(member));
  } catch {
    return []; // a config.json that is not a run config plans nothing; the report says so elsewhere
  }
}

/**
 * Reads every member's predictions; throws NotFoundError when there are none, and TrainingError when
 * a member of the run did not finish, so no ensemble silently leaves it out or takes it in half-done.
 */
export async function loadMembers(store: BlobStore, runId: string): Promise<MemberPredictions[]> {
  const files = await memberFiles(store, runId);
  const names = [...files].filter(([, f]) => f.has('predictions.arrow')).map(([name]) => name);
  if (names.length === 0) {
    throw new NotFoundError(`run ${runId} has no members/<m>/predictions.arrow in ${store.uri}`);
  }
  const unfinished = await unfinishedMembers(store, runId, files);
  if (unfinished.length > 0) {
    throw new TrainingError(
      `run ${runId}: member ${unfinished.join(', ')} did not finish training (no history.json in ${store.uriOf(runLayout.memberPrefix(runId, unfinished[0]))}); train it to the end before evaluating`,
    );
  }
  return Promise.all(
    names.map(async (name) => {
      const key = runLayout.predictions(runId, name);
      const set = decodePredictions(await store.get(key), store.uriOf(key));
      const method = set.meta.method ?? null;
      const role = (BASELINE_METHODS as readonly (string | null)[]).includes(method) ? 'baseline' : 'adapted';
      return { name, method, role, set } as const;
    }),
  );
}

/** One member as itself; several as their ensemble (mean probabilities, mean entropy, mutual information). */
export function ensembleOf(members: readonly MemberPredictions[]): ScoredPredictions {
  if (members.length === 1) return memberScoredPredictions(members[0].set);
  return combineMembers(
    members.map((m) => m.set),
    members.map((m) => m.name),
  );
}

/** Adapted members and baseline members; a run of baselines only is "adapted" by nothing. */
export function splitByRole(members: readonly MemberPredictions[]): {
  adapted: MemberPredictions[];
  baseline: MemberPredictions[];
} {
  return {
    adapted: members.filter((m) => m.role === 'adapted'),
    baseline: members.filter((m) => m.role === 'baseline'),
  };
}

/** Members grouped by method, in the order each method first appears: one group per baseline method. */
export function groupByMethod(members: readonly MemberPredictions[]): MemberPredictions[][] {
  const groups = new Map<string | null, MemberPredictions[]>();
  for (const member of members) groups.set(member.method, [...(groups.get(member.method) ?? []), member]);
  return [...groups.values()];
}
