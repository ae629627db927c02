import type { Command } from 'commander';
import { registerCloudList } from './cloud-list';
import { registerCloudLogs } from './cloud-logs';
import { registerCloudResults } from './cloud-results';
import { registerCloudStart } from './cloud-start';
import { registerCloudStatus } from './cloud-status';

/** `deepastro-uda cloud ...`: drive the deployed stack, found by its name. */
export function registerCloud(program: Command): void {
  const cloud = program
    .command('cloud')
    .description('start and follow runs on the deployed AWS stack (see CLOUD.md)');
  for (const register of [
    registerCloudStart,
    registerCloudStatus,
    registerCloudLogs,
    registerCloudResults,
    registerCloudList,
  ]) {
    register(cloud);
  }
}
