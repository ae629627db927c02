#!/usr/bin/python3
"""PyTorch reference for `npm run bench:train:compare`: the networks of src/model and the source-only
training step of src/uda/training/train-step.ts, timed on the CPU.

Same as ours: ResNet with bias-free convolutions, domain-specific batch norm (own affine and running
statistics per domain, shared convolutions), global average pooling, cosine classifier with
temperature 0.05; one step forwards the target batch through the target BN in training mode (no
gradient, for its running statistics), then cross-entropy on the source batch, backward, and SGD with
Nesterov momentum 0.9 and weight decay 5e-4 on convolution and classifier kernels only.

Run with Debian's interpreter (/usr/bin/python3, python3-torch). Prints one JSON line.
"""

import argparse
import json
import time

import torch
import torch.nn.functional as F
from torch import nn

# Per stage: (width, blocks, stride of the first block); as ARCHITECTURE_SPECS in src/model/resnet.ts.
NETS = {
    "resnet-mini": {
        "stem": (3, 1, 16, False),  # kernel, stride, width, max-pool
        "stages": [(16, 1, 1), (32, 1, 2), (64, 1, 2)],
        "image_size": 32,
        "batch_size": 64,
    },
    "resnet18": {
        "stem": (7, 2, 64, True),
        "stages": [(64, 2, 1), (128, 2, 2), (256, 2, 2), (512, 2, 2)],
        "image_size": 64,
        "batch_size": 32,
    },
}
DOMAINS = ("source", "target")
TEMPERATURE = 0.05
NUM_CLASSES = 2  # the 3-class task's source classes: elliptical, spiral
CHANNELS = 3


class DomainBatchNorm(nn.Module):
    """One BatchNorm2d (affine + running statistics) per domain."""

    def __init__(self, channels):
        super().__init__()
        self.norms = nn.ModuleDict({d: nn.BatchNorm2d(channels, momentum=0.1, eps=1e-5) for d in DOMAINS})

    def forward(self, x, domain):
        return self.norms[domain](x)


class ConvBn(nn.Module):
    """Bias-free convolution, 'same'-sized output, domain-specific BN, optional ReLU."""

    def __init__(self, cin, cout, kernel, stride=1, relu=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel, stride, padding=kernel // 2, bias=False)
        nn.init.kaiming_normal_(self.conv.weight, mode="fan_out", nonlinearity="relu")
        self.norm = DomainBatchNorm(cout)
        self.relu = relu

    def forward(self, x, domain):
        x = self.norm(self.conv(x), domain)
        return F.relu(x) if self.relu else x


class BasicBlock(nn.Module):
    def __init__(self, cin, width, stride):
        super().__init__()
        self.conv1 = ConvBn(cin, width, 3, stride)
        self.conv2 = ConvBn(width, width, 3, relu=False)
        needs_projection = stride != 1 or cin != width
        self.shortcut = ConvBn(cin, width, 1, stride, relu=False) if needs_projection else None

    def forward(self, x, domain):
        branch = self.conv2(self.conv1(x, domain), domain)
        identity = self.shortcut(x, domain) if self.shortcut is not None else x
        return F.relu(branch + identity)


class CosineClassifier(nn.Module):
    def __init__(self, dim, classes, temperature):
        super().__init__()
        self.kernel = nn.Parameter(torch.randn(dim, classes) * 0.1)
        self.temperature = temperature

    def forward(self, embedding):
        return embedding @ F.normalize(self.kernel, dim=0, eps=1e-12) / self.temperature


class UdaResNet(nn.Module):
    def __init__(self, net):
        super().__init__()
        kernel, stride, width, self.max_pool = net["stem"]
        self.stem = ConvBn(CHANNELS, width, kernel, stride)
        blocks, channels = [], width
        for stage_width, count, first_stride in net["stages"]:
            for b in range(count):
                blocks.append(BasicBlock(channels, stage_width, first_stride if b == 0 else 1))
                channels = stage_width
        self.blocks = nn.ModuleList(blocks)
        self.classifier = CosineClassifier(channels, NUM_CLASSES, TEMPERATURE)

    def forward(self, images, domain):
        x = self.stem(images, domain)
        if self.max_pool:
            x = F.max_pool2d(x, 3, 2, padding=1)
        for block in self.blocks:
            x = block(x, domain)
        features = x.mean(dim=(2, 3))
        return self.classifier(F.normalize(features, dim=1, eps=1e-12))


def optimizer_for(model):
    """Weight decay on kernels (convolutions, classifier) only, as NesterovSgd's `decays`."""
    decayed = [m.weight for m in model.modules() if isinstance(m, nn.Conv2d)]
    decayed.append(model.classifier.kernel)
    ids = {id(p) for p in decayed}
    others = [p for p in model.parameters() if id(p) not in ids]
    groups = [{"params": decayed, "weight_decay": 5e-4}, {"params": others, "weight_decay": 0.0}]
    return torch.optim.SGD(groups, lr=0.001, momentum=0.9, nesterov=True)


def train_step(model, optimizer, source, labels, target):
    with torch.no_grad():
        model(target, "target")  # target BN statistics only, as source-only's forwardForStatistics
    loss = F.cross_entropy(model(source, "source"), labels)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    return loss.item()  # one read of the logged scalar, as readStepNumbers


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--net", choices=sorted(NETS), default="resnet-mini")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--min-steps", type=int, default=5)
    parser.add_argument("--min-seconds", type=float, default=3.0)
    parser.add_argument("--channels-last", action="store_true", help="NHWC memory format, as tfjs")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    net = NETS[args.net]
    b, s = net["batch_size"], net["image_size"]
    model = UdaResNet(net).train()
    optimizer = optimizer_for(model)
    source = torch.rand(b, CHANNELS, s, s)
    target = torch.rand(b, CHANNELS, s, s)
    labels = torch.randint(0, NUM_CLASSES, (b,))
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
        source = source.contiguous(memory_format=torch.channels_last)
        target = target.contiguous(memory_format=torch.channels_last)

    for _ in range(args.warmup):
        train_step(model, optimizer, source, labels, target)
    steps, seconds = 0, 0.0
    while steps < args.min_steps or seconds < args.min_seconds:
        started = time.perf_counter()
        train_step(model, optimizer, source, labels, target)
        seconds += time.perf_counter() - started
        steps += 1
    step_seconds = seconds / steps
    print(
        json.dumps(
            {
                "framework": f"pytorch {torch.__version__}",
                "net": args.net,
                "threads": torch.get_num_threads(),
                "channelsLast": args.channels_last,
                "batchSize": b,
                "imageSize": s,
                "steps": steps,
                "stepSeconds": step_seconds,
                "sourceImagesPerSecond": b / step_seconds,
            }
        )
    )


if __name__ == "__main__":
    main()
