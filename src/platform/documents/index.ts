export * from './model.js';
export { renderPdf, PDF_FONTS } from './pdf.js';
export { renderDocx } from './docx.js';
