/** What a display of a payload carries for every frontend: the payload, an SVG and a plotly fallback, a text summary. */
export { distancesBundle, projectionBundle, trainingBundle } from './bundles';
export { distancesFigure, MARGIN_SHAPE_INDEX, type PlotlyFigure } from './plotly-distances';
export { projectionFallbackFigure, PLOTLY_FALLBACK_MAX_POINTS, subsample } from './plotly-projection';
export { trainingFigure } from './plotly-training';
