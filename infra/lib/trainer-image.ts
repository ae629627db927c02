import * as path from 'node:path';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { REPOSITORY_ROOT } from '../../workflows/lambda-handlers';

export interface TrainerImageProps {
  /**
   * The Dockerfile, relative to the build context.
   * @default 'containers/trainer/Dockerfile' (the GPU image)
   */
  readonly dockerfile?: string;
  /**
   * The build context; its .dockerignore decides what is sent to Docker and what the asset hash covers.
   * @default the repository root
   */
  readonly contextDirectory?: string;
}

/**
 * The trainer image as a CDK Docker asset. `cdk synth` only stages the context and writes the asset
 * manifest; the image is built and pushed by `cdk deploy` (cdk-assets), so synth needs no Docker.
 */
export class TrainerImage extends Construct {
  public readonly asset: ecrAssets.DockerImageAsset;
  public readonly image: ecs.ContainerImage;

  constructor(scope: Construct, id: string, props: TrainerImageProps = {}) {
    super(scope, id);
    const dockerfile = props.dockerfile ?? 'containers/trainer/Dockerfile';
    if (path.isAbsolute(dockerfile)) {
      throw new Error(`TrainerImage: dockerfile must be relative to the build context, got ${dockerfile}`);
    }
    this.asset = new ecrAssets.DockerImageAsset(this, 'Asset', {
      directory: props.contextDirectory ?? REPOSITORY_ROOT,
      file: dockerfile,
      platform: ecrAssets.Platform.LINUX_AMD64,
    });
    this.image = ecs.ContainerImage.fromDockerImageAsset(this.asset);
  }
}
