export { imageGrid, type ImageGrid, type ImageGridOptions } from './image-grid';
export { svgPanels, type SvgPanel, type SvgPanels, type SvgPanelsOptions } from './svg-panels';
