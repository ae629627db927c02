import { NotFoundError } from '../errors';
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

/** Names of the members that have a predictions file, in key order. */
export async function listMemberNames(store: BlobStore, runId: string): Promise<string[]> {
  const prefix = runLayout.memberPrefix(runId, '');
  const names: string[] = [];
  for await (const blob of store.list(prefix)) {
    const rest = blob.key.slice(prefix.length).split('/');
    if (rest.length === 2 && rest[1] === 'predictions.arrow') names.push(rest[0]);
  }
  return names;
}

/** Reads the named members' predictions, or every member's; throws NotFoundError when there are none. */
export async function loadMembers(store: BlobStore, runId: string): Promise<MemberPredictions[]> {
  const names = await listMemberNames(store, runId);
  if (names.length === 0) {
    throw new NotFoundError(`run ${runId} has no members/<m>/predictions.arrow in ${store.uri}`);
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
