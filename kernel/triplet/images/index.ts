export { imageGrid, type ImageGrid, type ImageGridOptions } from './image-grid';
