/**
 * Full MIME bundles for `display`/`update`: the custom type for the tripletlab renderer, plus
 * fallbacks for frontends without it — a static SVG (GitHub, nbviewer), a plotly figure
 * (JupyterLab with plotly), and one line of text (terminals, `jupyter nbconvert --to markdown`).
 */
import {
  decodeProjection, DISTANCES_MIME, PLOTLY_MIME, PROJECTION_MIME, SVG_MIME, TEXT_MIME, TRAINING_MIME,
  validateDistancesPayload, validateTrainingPayload,
} from '../../../contract/payloads';
import type { DistancesPayload, ProjectionPayload, TrainingPayload } from '../../../contract/payloads';
import type { MimeBundle } from '../../api';
import { distancesFigure } from './plotly-distances';
import { projectionFallbackFigure } from './plotly-projection';
import { trainingFigure } from './plotly-training';
import { distancesSummary, projectionSummary, trainingSummary } from '../../../contract/render/summary';
import { distancesSvg } from '../../../contract/render/svg-histogram';
import { projectionSvg } from '../../../contract/render/svg-scatter';
import { trainingSvg } from '../../../contract/render/svg-training';

export function distancesBundle(payload: DistancesPayload): MimeBundle {
  const p = validateDistancesPayload(payload);
  return { [DISTANCES_MIME]: p, [SVG_MIME]: distancesSvg(p), [PLOTLY_MIME]: distancesFigure(p), [TEXT_MIME]: distancesSummary(p) };
}

export function projectionBundle(payload: ProjectionPayload): MimeBundle {
  const d = decodeProjection(payload);
  return { [PROJECTION_MIME]: payload, [SVG_MIME]: projectionSvg(d), [PLOTLY_MIME]: projectionFallbackFigure(d), [TEXT_MIME]: projectionSummary(d) };
}

export function trainingBundle(payload: TrainingPayload): MimeBundle {
  const p = validateTrainingPayload(payload);
  return { [TRAINING_MIME]: p, [SVG_MIME]: trainingSvg(p), [PLOTLY_MIME]: trainingFigure(p), [TEXT_MIME]: trainingSummary(p) };
}
