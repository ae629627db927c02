import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { resolveConfigJson } from '../../config/run-config';
import { describeSource } from '../../data/describe/describe-source';
import { formatDescription, type DescribeChoice } from '../../data/describe/describe-hdf5';
import { InvalidConfigError } from '../../errors';
import { createLogger } from '../../logger';
import { openStore } from '../../storage/open-store';
import { parseCommandOptions } from '../parse-options';

const DescribeOptions = z.object({
  config: z.string().min(1).optional(),
  role: z.enum(['source', 'target', 'targetValidation']),
  store: z.string().min(1).optional(),
});

/** `deepastro-uda data describe <source>`: what a data file holds and what a config would take from it. */
export function registerData(program: Command): void {
  const data = program.command('data').description('inspect data sources');
  data
    .command('describe <source>')
    .description(
      'datasets, label map, pixel scale or frame mode, per-class counts of a file, folder, s3:// URI or zenodo:<record>/<file>; with --config, what that config selects and maps',
    )
    .option('--config <file>', 'a run config: use its data source fields and class list for --role')
    .option('--role <role>', 'which data source of --config: source | target | targetValidation', 'source')
    .option('--store <uri>', 'the store a zenodo:<record>/<file> was ingested into')
    .action(async (source: string, raw: Record<string, unknown>) => {
      const options = parseCommandOptions(DescribeOptions, raw);
      const choice = options.config ? await choiceFromConfig(options.config, options.role) : {};
      const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
      const store = options.store ? openStore(options.store) : undefined;
      const description = await describeSource(source, { ...choice, logger }, store);
      for (const line of formatDescription(description, options.config !== undefined)) console.log(line);
    });
}

async function choiceFromConfig(
  path: string,
  role: 'source' | 'target' | 'targetValidation',
): Promise<DescribeChoice> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InvalidConfigError(`--config ${path}: cannot read (${error.code ?? error.message})`);
  });
  const config = resolveConfigJson(text);
  const dataSource = config.data[role];
  if (!dataSource) throw new InvalidConfigError(`--role ${role}: ${path} has no data.${role}`);
  const classes = config.classes[role === 'source' ? 'source' : 'target'];
  if (dataSource.kind === 'simulate') return { classes };
  return {
    labels: dataSource.labels,
    classMap: dataSource.classMap,
    harmonize: dataSource.harmonize,
    classes,
  };
}
