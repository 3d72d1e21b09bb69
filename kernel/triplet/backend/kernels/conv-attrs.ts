/** The attributes tfjs-core passes to the 2-d convolution gradient kernels. */
export interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}
