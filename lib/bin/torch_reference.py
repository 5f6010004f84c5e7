"""PyTorch side of `lib/bin/bench --vs-pytorch`: the benchmark's networks in PyTorch, timed on request.

Started by dlnb.bench.TrainingBenchmark as a worker: it reads one JSON request per line on stdin and
answers one JSON line on stdout, so the two frameworks can be timed in alternation (A B A B) while the
other one sleeps. Requests:
  {"cmd": "hello"}                                   -> torch version, threads, BLAS
  {"cmd": "load", "model": "mlp", "mode": "train", "batch": 16, "loss": "xent", "batches": 512,
   "features": "build/bench/pool/features.f32", "features_shape": [16, 784],
   "labels": "build/bench/pool/labels.f32", "labels_shape": [16, 10]}  -> parameter count
  {"cmd": "run", "seconds": 2.0, "min_iterations": 3}  -> iterations, seconds, last loss
  {"cmd": "quit"}
The same networks as dlnb.bench.BenchModels: same layers and shapes, He-normal weights (DL4J's
WeightInit.RELU), zero biases, softmax cross-entropy, SGD with Nesterov momentum (lr 0.01, 0.9), batch
norm with DL4J's defaults (eps 1e-5, running-average decay 0.9), the same FashionMNIST images scaled to [0, 1].
Not a dependency of anything: only the optional reference mode imports torch.
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


def he_normal(model):
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            fan_in = m.weight[0].numel()
            nn.init.normal_(m.weight, 0.0, math.sqrt(2.0 / fan_in))
            nn.init.zeros_(m.bias)
    return model


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))


def two_conv():
    """HW3's lab net: conv 5x5 16 pad 2, ReLU, pool 2, conv 5x5 32 pad 2, ReLU, pool 2, dense 10 (28,938 parameters)."""
    return nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(7 * 7 * 32, 10))


class ConvModule(nn.Module):
    def __init__(self, cin, cout, k, stride):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2)
        self.bn = nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class Inception(nn.Module):
    def __init__(self, cin, c1, c3):
        super().__init__()
        self.a = ConvModule(cin, c1, 1, 1)
        self.b = ConvModule(cin, c3, 3, 1)

    def forward(self, x):
        return torch.cat([self.a(x), self.b(x)], 1)


class Downsample(nn.Module):
    def __init__(self, cin, c3):
        super().__init__()
        self.conv = ConvModule(cin, c3, 3, 2)
        self.pool = nn.MaxPool2d(3, stride=2, padding=1)

    def forward(self, x):
        return torch.cat([self.conv(x), self.pool(x)], 1)


def inception_small():
    """Zhang et al.'s small Inception for 28x28 inputs, block for block as BenchModels.inceptionSmall."""
    layers, c = [ConvModule(1, 96, 3, 1)], 96
    for block in [(32, 32), (32, 48), (80,), (112, 48), (96, 64), (80, 80), (48, 96), (96,), (176, 160), (176, 160)]:
        if len(block) == 1:
            layers.append(Downsample(c, block[0]))
            c += block[0]
        else:
            layers.append(Inception(c, *block))
            c = sum(block)
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, 10)]
    return nn.Sequential(*layers)


MODELS = {"mlp": mlp, "two-conv": two_conv, "inception-small": inception_small}


class Workload:
    def __init__(self, req):
        torch.manual_seed(42)
        self.model = he_normal(MODELS[req["model"]]())
        self.train = req["mode"] == "train"
        n = req["batches"]
        x = torch.from_numpy(np.fromfile(req["features"], dtype="<f4").reshape([n] + req["features_shape"]))
        y = torch.from_numpy(np.fromfile(req["labels"], dtype="<f4").reshape([n] + req["labels_shape"]))
        self.xent = req["loss"] == "xent"
        if self.xent:
            y = y.argmax(-1)  # one-hot -> class indices, as a PyTorch user would feed them
        self.batches = [(x[i].contiguous(), y[i].contiguous()) for i in range(n)]
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.01, momentum=0.9, nesterov=True)
        self.model.train(self.train)
        self.cursor = 0
        self.loss = None  # JSON null: inference has no loss

    def parameters(self):
        return sum(p.numel() for p in self.model.parameters())

    def step(self):
        x, y = self.batches[self.cursor]
        self.cursor = (self.cursor + 1) % len(self.batches)
        if self.train:
            self.opt.zero_grad(set_to_none=True)
            out = self.model(x)
            loss = F.cross_entropy(out, y) if self.xent else F.mse_loss(out, y)
            loss.backward()
            self.opt.step()
            return loss
        with torch.no_grad():
            return self.model(x)

    def run(self, seconds, min_iterations):
        n, t0 = 0, time.perf_counter()
        while True:
            out = self.step()
            n += 1
            elapsed = time.perf_counter() - t0
            if n >= min_iterations and elapsed >= seconds:
                break
        if self.train:
            self.loss = float(out)
        return {"iterations": n, "seconds": elapsed, "loss": self.loss}


def blas():
    for line in open("/proc/self/maps"):
        name = line.split()[-1]
        if "blas" in os.path.basename(name):
            return name
    return "unknown"


def main():
    threads = int(os.environ.get("DLNB_TORCH_THREADS", os.cpu_count() or 1))
    torch.set_num_threads(threads)
    work = None
    for line in sys.stdin:
        req = json.loads(line)
        cmd = req["cmd"]
        if cmd == "hello":
            answer = {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas(),
                      "python": sys.version.split()[0]}
        elif cmd == "load":
            work = Workload(req)
            answer = {"parameters": work.parameters()}
        elif cmd == "run":
            answer = work.run(req["seconds"], req.get("min_iterations", 1))
        elif cmd == "quit":
            break
        else:
            answer = {"error": "unknown command " + cmd}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
