/** MIME types of tripletlab display payloads; each is rendered by the `tripletlab.renderer` notebook renderer. */
export const DISTANCES_MIME = 'application/vnd.tripletlab.distances+json';
export const PROJECTION_MIME = 'application/vnd.tripletlab.projection+json';
export const TRAINING_MIME = 'application/vnd.tripletlab.training+json';

/** Every payload carries `version`; a renderer refuses a version it does not know instead of guessing. */
export const PAYLOAD_VERSION = 1;

export const TRIPLETLAB_MIME_TYPES = [DISTANCES_MIME, PROJECTION_MIME, TRAINING_MIME] as const;
export type TripletlabMime = (typeof TRIPLETLAB_MIME_TYPES)[number];

/** Fallback MIME types put beside the custom one, for frontends without the renderer (GitHub, nbviewer, JupyterLab). */
export const SVG_MIME = 'image/svg+xml';
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
export const TEXT_MIME = 'text/plain';
