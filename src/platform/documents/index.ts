export * from './model.js';
export { renderPdf } from './pdf.js';
export { renderDocx } from './docx.js';
