export { fileIO, fileRouter, registerFileIO } from './file-io';
