import type { DistancesPayload, TrainingPayload } from '../../../contract/payloads';

export function distances(): DistancesPayload {
  return {
    version: 1, distance: 'euclidean', margin: 0.2,
    binEdges: [0, 0.5, 1, 1.5, 2], positive: [10, 5, 1, 0], negative: [0, 2, 8, 6],
    triplets: { easy: 70, semiHard: 20, hard: 10 }, meanPositive: 0.4, meanNegative: 1.3, rocAuc: 0.93,
  };
}

export function training(): TrainingPayload {
  return {
    version: 1, status: 'running', step: 30, totalSteps: 100, epoch: 1, totalEpochs: 3,
    lossSteps: [0, 10, 20, 30], loss: [0.9, 0.6, 0.5, 0.45],
    fractions: { easy: 0.6, semiHard: 0.3, hard: 0.1 }, elapsedSeconds: 4.2,
  };
}
