import { REAL_TASKS } from '../data/real-tasks';
import { SIMULATED_CLASSES } from '../data/tasks';
import type { ConfigIssue } from './config-issues';
import { FEATURE_DIMS, REGRESSION_METHODS } from './run-config-schema';
import type { RunConfig } from './run-config-types';

function duplicates(names: readonly string[]): string[] {
  return names.filter((name, index) => names.indexOf(name) !== index);
}

function classIssues(config: RunConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const domain of ['source', 'target'] as const) {
    const names = config.classes[domain];
    for (const name of duplicates(names)) {
      issues.push({ path: `classes.${domain}`, message: `class "${name}" is listed twice` });
    }
    if (config.data[domain].kind !== 'simulate') continue;
    names.forEach((name, index) => {
      if (!(SIMULATED_CLASSES as readonly string[]).includes(name)) {
        issues.push({
          path: `classes.${domain}[${index}]`,
          message: `the simulator cannot render "${name}"; expected one of ${SIMULATED_CLASSES.join(', ')}`,
        });
      }
    });
  }
  if (
    config.data.paired &&
    (config.data.source.kind !== 'simulate' || config.data.target.kind !== 'simulate')
  ) {
    issues.push({
      path: 'data.paired',
      message: 'pairs two simulated surveys: data.source and data.target must both be kind "simulate"',
    });
  }
  if (!config.classes.target.some((name) => config.classes.source.includes(name))) {
    issues.push({
      path: 'classes.target',
      message: 'shares no class with classes.source: nothing could be adapted',
    });
  }
  return issues;
}

function entropyIssues(config: RunConfig): ConfigIssue[] {
  const { rho, margin } = config.hyperparameters;
  const lnK = Math.log(config.classes.source.length);
  if (rho >= lnK) {
    return [
      {
        path: 'hyperparameters.rho',
        message: `expected < ln(K) = ${lnK.toFixed(4)} (K = ${config.classes.source.length}), got ${rho}: no prediction's entropy can exceed it, so no sample would ever be called unknown`,
      },
    ];
  }
  if (margin >= rho) {
    return [
      {
        path: 'hyperparameters.margin',
        message: `expected < rho = ${rho.toFixed(4)}, got ${margin}: the prediction entropy lies in [0, ln K] and ρ = ln(K)/2, so |H − ρ| never exceeds ρ and the entropy-separation loss max(|H − ρ|, m) would be the constant m with no gradient (default ρ/2)`,
      },
    ];
  }
  return [];
}

function methodIssues(config: RunConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { method, hyperparameters, regression } = config;
  if (regression !== undefined && !REGRESSION_METHODS.includes(method)) {
    issues.push({
      path: 'method',
      message: `"${method}" does not apply to regression; expected one of ${REGRESSION_METHODS.join(', ')}`,
    });
  }
  if (regression === undefined && method === 'mmd') {
    issues.push({
      path: 'regression',
      message: 'method "mmd" is the regression adaptation and needs regression.target',
    });
  }
  if (hyperparameters.monitor === 'target-val-accuracy' && config.data.targetValidation === undefined) {
    issues.push({
      path: 'hyperparameters.monitor',
      message: '"target-val-accuracy" needs data.targetValidation, a labelled target split you supply',
    });
  }
  if (regression !== undefined && hyperparameters.monitor !== 'source-val-loss') {
    issues.push({
      path: 'hyperparameters.monitor',
      message: `expected "source-val-loss" for regression, got "${hyperparameters.monitor}"`,
    });
  }
  if (hyperparameters.selfSupervision && method === 'none') {
    issues.push({
      path: 'hyperparameters.selfSupervision',
      message:
        'method "none" never passes target images through the model; use "source-only" for self-supervision without an adaptation loss',
    });
  }
  const featureDim = FEATURE_DIMS[config.model.architecture];
  if (hyperparameters.topK >= featureDim) {
    issues.push({
      path: 'hyperparameters.topK',
      message: `expected < ${featureDim}, the feature dimension of ${config.model.architecture}, got ${hyperparameters.topK}`,
    });
  }
  return issues;
}

function sizeIssues(config: RunConfig): ConfigIssue[] {
  const roles = ['source', 'target', 'targetValidation'] as const;
  return roles.flatMap((role) => {
    const source = config.data[role];
    return source?.kind === 'simulate' && source.size !== config.model.imageSize
      ? [
          {
            path: `data.${role}.size`,
            message: `expected ${config.model.imageSize} (model.imageSize), got ${source.size}`,
          },
        ]
      : [];
  });
}

/** A galaxy10-* task needs each file's label map; a class map must produce every class of its domain. */
function fileSourceIssues(config: RunConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const roles = ['source', 'target', 'targetValidation'] as const;
  for (const role of roles) {
    const source = config.data[role];
    if (!source || source.kind === 'simulate') continue;
    if (config.task in REAL_TASKS && !source.labels) {
      issues.push({
        path: `data.${role}.labels`,
        message: `task "${config.task}" reads the public Galaxy10 files: say which one, "galaxy10-sdss" or "galaxy10-decals"`,
      });
    }
    const classes = config.classes[role === 'source' ? 'source' : 'target'];
    const produced = new Set(Object.values(source.classMap ?? {}));
    const missing = source.classMap ? classes.filter((name) => !produced.has(name)) : [];
    if (missing.length > 0) {
      issues.push({
        path: `data.${role}.classMap`,
        message: `maps no file class to ${missing.map((name) => `"${name}"`).join(', ')} of classes.${role === 'source' ? 'source' : 'target'}`,
      });
    }
  }
  return issues;
}

/** The rules that span fields, checked on a config with defaults applied. */
export function crossFieldIssues(config: RunConfig): ConfigIssue[] {
  return [
    ...classIssues(config),
    ...entropyIssues(config),
    ...methodIssues(config),
    ...sizeIssues(config),
    ...fileSourceIssues(config),
  ];
}
