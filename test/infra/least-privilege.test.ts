import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DeepAstroStack } from '../../infra/lib/deep-astro-stack';

const HANDLERS = path.join(__dirname, 'fixtures', 'handlers');
const FAST_SYNTH = { 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-asset-staging': true };

type Statement = { Action: string | string[]; Effect: string; Resource: unknown };
type PolicyResource = {
  Properties: { PolicyDocument: { Statement: Statement[] }; Roles: { Ref: string }[] };
};

const actionsOf = (statement: Statement) => [statement.Action].flat();

describe('least privilege and instance hygiene of the stack', () => {
  let stack: DeepAstroStack;
  let template: Template;
  let policies: Record<string, PolicyResource>;
  beforeAll(() => {
    stack = new DeepAstroStack(new App({ context: FAST_SYNTH }), 'LeastPrivilege', {
      handlersDirectory: HANDLERS,
    });
    template = Template.fromStack(stack);
    policies = template.findResources('AWS::IAM::Policy') as Record<string, PolicyResource>;
  });

  /** Every S3 action a role's inline policies grant. */
  function s3ActionsOfRole(roleLogicalId: string): string[] {
    return Object.values(policies)
      .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleLogicalId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement.flatMap(actionsOf))
      .filter((action) => action.startsWith('s3:'));
  }

  const roleId = (role: { node: { defaultChild?: unknown } }) =>
    stack.resolve((role.node.defaultChild as { logicalId: string }).logicalId) as string;

  it('no role may delete an object version, or use a DeleteObject* wildcard, on the versioned bucket', () => {
    const all = Object.values(policies).flatMap((policy) =>
      policy.Properties.PolicyDocument.Statement.flatMap(actionsOf),
    );
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((action) => /^s3:DeleteObject(Version|\*)/.test(action) || action === 's3:*')).toEqual(
      [],
    );
  });

  it('the trainer deletes only in runs/ and the store temporaries; no Lambda deletes at all', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId(stack.jobDefinition.jobRole) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:DeleteObject',
            Resource: [
              { 'Fn::Join': ['', [Match.anyValue(), '/runs/*']] },
              { 'Fn::Join': ['', [Match.anyValue(), '/.deepastro-store/tmp/*']] },
            ],
          }),
        ]),
      },
    });
    for (const fn of Object.values(stack.functions.functions)) {
      const actions = s3ActionsOfRole(roleId(fn.role as never));
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.filter((action) => action.includes('Delete'))).toEqual([]);
    }
  });

  it('launches every Batch instance with IMDSv2 required at hop limit 1', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: Match.objectLike({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 }),
      }),
    });
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeResources: Match.objectLike({
        LaunchTemplate: Match.objectLike({
          LaunchTemplateId: { Ref: Match.stringLikeRegexp('LaunchTemplate') },
        }),
      }),
    });
  });

  it('points the Zenodo-fetching Lambdas at the configured host only', () => {
    for (const fn of [stack.functions.functions.resolveRelease, stack.functions.functions.ingestFile]) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Role: { 'Fn::GetAtt': [roleId(fn.role as never), 'Arn'] },
        Environment: { Variables: Match.objectLike({ ZENODO_URL: 'https://zenodo.org' }) },
      });
    }
  });

  it('expires the store temporaries a killed writer leaves in the bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'expire-store-temporaries',
            Prefix: '.deepastro-store/tmp/',
            ExpirationInDays: 1,
          }),
        ]),
      },
    });
  });

  it('infra/README.md says what egress training needs', () => {
    const readme = readFileSync(path.join(__dirname, '../../infra/README.md'), 'utf8');
    expect(readme).toMatch(/## Network egress/);
    for (const need of ['ECR', 'CloudWatch Logs', 'S3 gateway endpoint', 'IMDSv2', 'zenodo.org'])
      expect(readme).toContain(need);
  });
});
