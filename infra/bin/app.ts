import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DeepAstroStack, STACK_NAME } from '../lib/deep-astro-stack';

const app = new App();
new DeepAstroStack(app, STACK_NAME, {
  description: 'deepastro-uda: universal domain adaptation of galaxy classifiers, trained on AWS Batch GPUs',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
